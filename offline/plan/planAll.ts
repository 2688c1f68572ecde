// `npm run plan -- --all [--out <dir>] [--previous <dir>]`: plans every stack file in parallel worker processes
// (at most one per core), prints one summary line per stack, exits 1 when any stack fails.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawn } from "child_process";
import { emptyValueProblem, PLAN_OPTIONS, PlanOption, readOptions } from "./planArgs";
import { findProjectRoot, RUNNING_COMPILED } from "./projectRoot";
import { listStacks } from "./stackList";

export interface StackOutcome {
    readonly stack: string;
    readonly exitCode: number;
    readonly ms: number;
    /** The summary line printed for the stack. */
    readonly line: string;
    /** What the stack's plan printed on failure (its stderr). */
    readonly detail: string;
}

/** Command-line arguments of one stack's worker: the plan command's own options, per stack. */
export function workerArgs(stack: string, file: string, options: { out?: string; previousDir?: string }): string[] {
    // The stack file by path, so the worker plans this project's file whichever project the plan command belongs to.
    const args = ["--stack", stack, "--config-file", file];
    if (options.out) args.push("--out", options.out);
    // --previous <dir>: each stack continues from <dir>/<stack>/plan.json when that plan exists (the layout --out writes).
    const previous = options.previousDir ? path.join(options.previousDir, stack, "plan.json") : undefined;
    if (previous && fs.existsSync(previous)) args.push("--previous", previous);
    return args;
}

/** The plan command this process belongs to: compiled JavaScript (dist/offline/plan/planCli.js), or the sources under ts-node. */
export function defaultPlanCli(): string {
    return path.join(__dirname, RUNNING_COMPILED ? "planCli.js" : "planCli.ts");
}

/** node's arguments for a worker running `cli`: a .ts file loads through ts-node (with that code's tsconfig). */
function workerCommand(cli: string): { args: string[]; env: NodeJS.ProcessEnv } {
    if (cli.endsWith(".js")) return { args: [cli], env: process.env };
    return {
        args: ["--require", require.resolve("ts-node/register/transpile-only"), cli],
        env: { ...process.env, TS_NODE_PROJECT: path.join(findProjectRoot(path.dirname(cli)), "tsconfig.json") },
    };
}

function runWorker(
    projectDir: string,
    cli: string,
    stack: string,
    args: string[],
): Promise<{ code: number; stderr: string; ms: number }> {
    const start = Date.now();
    const command = workerCommand(cli);
    return new Promise((resolve) => {
        // cwd: the stacks' project, since files a stack file names are relative to it.
        const child = spawn(process.execPath, [...command.args, ...args], {
            cwd: projectDir,
            env: command.env,
            stdio: ["ignore", "ignore", "pipe"],
        });
        let stderr = "";
        child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
        child.on("error", (err) =>
            resolve({ code: 1, stderr: `${stack}: cannot start the plan: ${err.message}`, ms: Date.now() - start }),
        );
        child.on("close", (code) => resolve({ code: code ?? 1, stderr, ms: Date.now() - start }));
    });
}

function summary(stack: string, code: number, ms: number, outRoot: string, stderr: string): string {
    const time = `${(ms / 1000).toFixed(1)} s`;
    if (code !== 0) {
        // The first line that says what is wrong: a heading such as "Invalid stack configuration (1 problem):" only
        // announces the list below it.
        const lines = stderr
            .split("\n")
            .map((l) => l.trim())
            .filter(Boolean);
        const first = lines.find((l) => !l.endsWith(":")) ?? lines[0] ?? `exit ${code}`;
        return `${stack}: FAILED (exit ${code}, ${time}): ${first}`;
    }
    const plan = JSON.parse(fs.readFileSync(path.join(outRoot, stack, "plan.json"), "utf8")) as {
        resources: Array<{ custom: boolean }>;
        waves: number;
        findings: Array<{ severity: string }>;
    };
    const warnings = plan.findings.filter((f) => f.severity === "warning").length;
    const resources = plan.resources.filter((r) => r.custom).length;
    const dir = path.relative(process.cwd(), path.join(outRoot, stack));
    const shown = dir && !dir.startsWith("..") ? dir : path.join(outRoot, stack);
    return `${stack}: ok, ${resources} resources in ${plan.waves} waves, ${warnings} warning${warnings === 1 ? "" : "s"} -> ${shown} (${time})`;
}

/** Plans every stack; `workers` defaults to the number of cores. Lines are printed in stack order as stacks finish. */
export async function planAll(
    projectDir: string,
    options: {
        out?: string;
        previousDir?: string;
        workers?: number;
        write?: (line: string) => void;
        cli?: string;
    } = {},
): Promise<{ exitCode: 0 | 1; outcomes: StackOutcome[] }> {
    const entries = listStacks(projectDir);
    const stacks = entries.map((s) => s.stack);
    const outRoot = path.resolve(projectDir, options.out ?? "out");
    const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
    const workers = Math.max(1, Math.min(options.workers ?? cores, stacks.length));
    const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
    const outcomes: StackOutcome[] = new Array(stacks.length);
    let next = 0;
    const worker = async () => {
        while (next < stacks.length) {
            const i = next++;
            const stack = stacks[i];
            const { code, stderr, ms } = await runWorker(
                projectDir,
                options.cli ?? defaultPlanCli(),
                stack,
                workerArgs(stack, entries[i].file, { out: outRoot, previousDir: options.previousDir }),
            );
            const fresh =
                options.previousDir && !fs.existsSync(path.join(options.previousDir, stack, "plan.json"))
                    ? ` (no previous plan in ${options.previousDir}: planned as new)`
                    : "";
            outcomes[i] = {
                stack,
                exitCode: code,
                ms,
                line: summary(stack, code, ms, outRoot, stderr) + fresh,
                detail: code === 0 ? "" : stderr,
            };
        }
    };
    await Promise.all(Array.from({ length: workers }, worker));
    for (const o of outcomes) write(o.line);
    const failed = outcomes.filter((o) => o.exitCode !== 0);
    for (const o of failed) write(`\n${o.stack}:\n${o.detail.replace(/\s+$/, "")}`);
    if (stacks.length === 0) write(`no Pulumi.<stack>.yaml in ${projectDir}`);
    write(
        `${outcomes.length - failed.length} of ${outcomes.length} stacks planned${failed.length ? `, ${failed.length} failed` : ""}`,
    );
    return { exitCode: failed.length || stacks.length === 0 ? 1 : 0, outcomes };
}

const ALL_USAGE = "usage: npm run plan -- --all [--out <dir>] [--previous <dir>]";

/** The options `--all` takes: folders, one output and one previous plan per stack below them. */
const ALL_OPTIONS = {
    out: { ...PLAN_OPTIONS.out, value: "<dir>" },
    previous: { ...PLAN_OPTIONS.previous, value: "<dir>" },
} as const satisfies Record<string, PlanOption>;

/** Why `--all`'s arguments cannot run (exit 2), or the options they ask for. Reads the disk only to check --previous. */
export function parseAllArgs(
    argv: readonly string[],
): { problem: string } | { options: { out?: string; previousDir?: string } } {
    const read = readOptions(
        argv.filter((a) => a !== "--all"),
        ALL_OPTIONS,
    );
    if (read.kind === "usage-error")
        return {
            problem: `--all plans every Pulumi.<stack>.yaml and takes only --out <dir> and --previous <dir>: ${read.message}`,
        };
    const values = read.kind === "values" ? read.values : {};
    const empty = emptyValueProblem(values, ALL_OPTIONS, ["out", "previous"]);
    if (empty) return { problem: empty };
    if (values.previous !== undefined) {
        let stat: fs.Stats | undefined;
        try {
            stat = fs.statSync(values.previous);
        } catch {
            stat = undefined;
        }
        if (!stat?.isDirectory()) {
            return {
                problem: `--all --previous ${values.previous}: ${stat ? "is not a folder" : "does not exist"}; with --all it names the folder an earlier \`--all --out <dir>\` wrote (<dir>/<stack>/plan.json). Fix: --previous out`,
            };
        }
    }
    return {
        options: {
            ...(values.out !== undefined ? { out: path.resolve(values.out) } : {}),
            ...(values.previous !== undefined ? { previousDir: path.resolve(values.previous) } : {}),
        },
    };
}

/** `--all` and the options that go with it, from the plan command's arguments (the hook in planCli.ts). Usage errors exit 2. */
export async function planAllCommand(projectDir: string, argv: readonly string[]): Promise<number> {
    const parsed = parseAllArgs(argv);
    if ("problem" in parsed) {
        process.stderr.write(`${parsed.problem}\n${ALL_USAGE}\n`);
        return 2;
    }
    return (await planAll(projectDir, parsed.options)).exitCode;
}
