// The deploy workflow's matrix: `npm run --silent stacks [-- --github-output <file>] [--project <dir>]` lists every
// Pulumi.<stack>.yaml as JSON arrays of stack names, production stacks apart (they deploy last, behind approval).
import * as fs from "fs";
import * as path from "path";
import { listStacks } from "../offline/plan/stackList";

export interface StackMatrix {
    /** Stacks that deploy first, in parallel (bounded by the workflow's max-parallel). */
    readonly stacks: string[];
    /** Production stacks: deployed after every other stack succeeded, each behind its environment's reviewers. */
    readonly production: string[];
}

export function stackMatrix(projectDir: string): StackMatrix {
    const all = listStacks(projectDir);
    return {
        stacks: all.filter((s) => !s.production).map((s) => s.stack),
        production: all.filter((s) => s.production).map((s) => s.stack),
    };
}

/** `name=value` lines for $GITHUB_OUTPUT (values are one-line JSON, so no heredoc delimiter is needed). */
export function githubOutput(matrix: StackMatrix): string {
    return `stacks=${JSON.stringify(matrix.stacks)}\nproduction=${JSON.stringify(matrix.production)}\n`;
}

function main(argv: string[]): number {
    const option = (name: string) => {
        const i = argv.indexOf(name);
        return i >= 0 ? argv[i + 1] : undefined;
    };
    const projectDir = path.resolve(option("--project") ?? path.join(__dirname, ".."));
    const matrix = stackMatrix(projectDir);
    if (matrix.stacks.length + matrix.production.length === 0) {
        process.stderr.write(`no Pulumi.<stack>.yaml in ${projectDir}: nothing to deploy\n`);
        return 1;
    }
    const out = option("--github-output");
    if (out) fs.appendFileSync(out, githubOutput(matrix));
    process.stdout.write(`${JSON.stringify(matrix)}\n`);
    return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
