// Hashes of the plan command's files (plan.json, connector files) for dev and a generated 50-connector stack:
// `--write` records them in test/fixtures/planGolden.json; test/slow/planIdentity.spec.ts compares against them.
// Re-record only when a plan's content changes on purpose (never for a speed change: that is what the test guards).
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { execFileSync } from "child_process";
import { generatedStackYaml } from "../offline/tools/generatedStack";
import { planCommand } from "../offline/plan/planCli";

export const GOLDEN_FILE = path.resolve(__dirname, "..", "test", "fixtures", "planGolden.json");

/** The stacks the golden file covers: the dev stack file, and a generated one (its file written to `dir`). */
export function goldenStacks(dir: string): Array<{ stack: string; configFile?: string }> {
    const file = path.join(dir, "Pulumi.generated-50.yaml");
    fs.writeFileSync(file, generatedStackYaml(50));
    return [{ stack: "dev" }, { stack: "generated-50", configFile: file }];
}

/** sha256 of every file under `dir`, keyed by its relative path with forward slashes, sorted. */
export function treeHashes(dir: string): Record<string, string> {
    const out: Record<string, string> = {};
    const walk = (d: string) => {
        for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
            const full = path.join(d, entry.name);
            if (entry.isDirectory()) walk(full);
            else
                out[path.relative(dir, full).split(path.sep).join("/")] = crypto
                    .createHash("sha256")
                    .update(fs.readFileSync(full))
                    .digest("hex");
        }
    };
    walk(dir);
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

async function main(): Promise<void> {
    const projectDir = path.resolve(__dirname, "..");
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-golden-"));
    try {
        const stacks: Record<string, Record<string, string>> = {};
        for (const s of goldenStacks(tmp)) {
            const result = await planCommand(projectDir, { ...s, out: path.join(tmp, "out") });
            if (result.exitCode !== 0) throw new Error(`${s.stack}: ${result.text}`);
            stacks[s.stack] = treeHashes(path.join(tmp, "out", s.stack));
        }
        const commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: projectDir, encoding: "utf8" }).trim();
        const golden = { recordedAt: commit, stacks };
        if (process.argv.includes("--write")) fs.writeFileSync(GOLDEN_FILE, JSON.stringify(golden, null, 2) + "\n");
        else process.stdout.write(JSON.stringify(golden, null, 2) + "\n");
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}

if (require.main === module) {
    main().catch((err: Error) => {
        process.stderr.write(`planGolden failed: ${err.message}\n`);
        process.exit(1);
    });
}
