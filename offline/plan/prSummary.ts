// `npm run plan:summary -- <dir>`: the pull request's job summary from the per-stack diff texts the PR job wrote
// (<dir>/<stack>.diff.txt for every Pulumi.<stack>.yaml): replace and delete warnings of every stack first.
import * as fs from "fs";
import * as path from "path";

export interface StackPlanText {
    readonly stack: string;
    /** What `npm run plan -- --stack <s> --previous <base plan>` printed; undefined when it did not run. */
    readonly text: string | undefined;
    /** True when the base branch had no such stack (or its plan failed): the text is a plain plan. */
    readonly newStack?: boolean;
}

/** The stacks of a project: one per `Pulumi.<stack>.yaml`, sorted (never a hard-coded list). */
export function stackNames(projectDir: string): string[] {
    return fs
        .readdirSync(projectDir)
        .map((f) => /^Pulumi\.([^.]+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

// Lines planText / diffText start warnings with: "!!" (breaks live connections), "Warning:" and their items.
const WARNING = /^(!!|Warning:|--fail-on-replace:|Plan has errors|The program failed)/;

/** Markdown for $GITHUB_STEP_SUMMARY: warnings of all stacks first, then each stack's diff in a fenced block. */
export function pullRequestSummary(stacks: readonly StackPlanText[]): string {
    const out: string[] = [
        "## Offline plan of this pull request against its base branch (no credentials, Entra simulator)",
        "",
    ];
    const warnings: string[] = [];
    for (const s of stacks) {
        if (s.text === undefined) {
            warnings.push(`- \`${s.stack}\`: not planned (an earlier step failed)`);
            continue;
        }
        const lines = s.text.split("\n");
        for (let i = 0; i < lines.length; i++) {
            if (!WARNING.test(lines[i])) continue;
            warnings.push(`- \`${s.stack}\`: ${lines[i].replace(/^!!\s*/, "").trim()}`);
            // The items under a warning heading ("!!   - ApplicationRegistration x (deleted)", "  +- ...").
            for (let j = i + 1; j < lines.length && /^(!!\s{2,}|\s{2}[+~=-])/.test(lines[j]); j++) {
                warnings.push(`  - \`${lines[j].replace(/^!!\s*/, "").trim()}\``);
                i = j;
            }
        }
    }
    if (warnings.length) out.push("### :warning: Replaced or deleted, and errors", "", ...warnings, "");
    else out.push("No stack replaces or deletes anything.", "");
    for (const s of stacks) {
        const changes = s.text?.split("\n").find((l) => l.startsWith("Changes: "));
        out.push(
            `### Stack \`${s.stack}\`${s.newStack ? " (new: not on the base branch)" : ""}${changes ? `: ${changes.slice("Changes: ".length)}` : ""}`,
            "",
        );
        out.push(
            "````text",
            s.text === undefined ? "(not planned: an earlier step failed)" : s.text.trimEnd(),
            "````",
            "",
        );
    }
    return out.join("\n");
}

function main(dir: string): void {
    const stacks = stackNames(process.cwd()).map((stack): StackPlanText => {
        const file = path.join(dir, `${stack}.diff.txt`);
        const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
        return { stack, text, newStack: !fs.existsSync(path.join(dir, "base", stack, "plan.json")) };
    });
    process.stdout.write(pullRequestSummary(stacks));
}

if (require.main === module) main(process.argv[2] ?? "out");
