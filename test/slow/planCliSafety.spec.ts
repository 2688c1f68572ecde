// The plan command as a child process: path-like stack names touch nothing outside <out>; concurrent and
// killed plans never leave a mixed, partial or stray output.
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ChildProcess, execFileSync, spawn } from "child_process";
import { expect } from "chai";

const projectDir = path.resolve(__dirname, "..", "..");
const tsNode = require.resolve("ts-node/dist/bin");

/** Every file and folder under `dir` (symlinks not followed) with a content hash and mtime: any change shows. */
function snapshot(dir: string): Record<string, string> {
    const result: Record<string, string> = {};
    const walk = (d: string) => {
        for (const e of fs.readdirSync(d, { withFileTypes: true })) {
            const full = path.join(d, e.name);
            const stat = fs.lstatSync(full);
            const rel = path.relative(dir, full);
            if (e.isDirectory()) {
                result[`${rel}/`] = String(stat.mtimeMs);
                walk(full);
            } else {
                const hash = e.isFile()
                    ? crypto.createHash("sha256").update(fs.readFileSync(full)).digest("hex")
                    : fs.readlinkSync(full);
                result[rel] = `${hash} ${stat.mtimeMs}`;
            }
        }
    };
    walk(dir);
    return result;
}

function tree(dir: string): Record<string, string> {
    const files: Record<string, string> = {};
    const walk = (d: string) => {
        for (const e of fs.readdirSync(d, { withFileTypes: true })) {
            const full = path.join(d, e.name);
            if (e.isDirectory()) walk(full);
            else files[path.relative(dir, full)] = fs.readFileSync(full, "utf8");
        }
    };
    walk(dir);
    return files;
}

interface Run {
    readonly code: number | null;
    readonly signal: NodeJS.Signals | null;
    readonly stdout: string;
    readonly stderr: string;
}

function finished(child: ChildProcess): Promise<Run> {
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (d) => (stdout += d));
    child.stderr?.on("data", (d) => (stderr += d));
    return new Promise((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })));
}

function cli(cwd: string, args: string[], env: Record<string, string> = {}): ChildProcess {
    return spawn(process.execPath, [tsNode, "--transpile-only", "offline/plan/planCli.ts", ...args], {
        cwd,
        env: { ...process.env, ...env },
        stdio: "pipe",
    });
}

async function waitFor(what: string, test: () => boolean, ms = 60_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!test()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 25));
    }
}

const staged = (out: string) => fs.existsSync(out) && fs.readdirSync(out).some((f) => f.startsWith(".staging-"));

describe("plan command safety (child processes)", function () {
    this.timeout(120_000);
    let tmp: string;
    let good: Record<string, string>;

    before(async () => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-safety-"));
        const run = await finished(cli(projectDir, ["--stack", "dev", "--out", path.join(tmp, "reference")]));
        expect(run.code, run.stderr).to.equal(0);
        good = tree(path.join(tmp, "reference", "dev"));
    });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("--stack .., ../x, . and a/b touch nothing in a copy of the project (default --out) or beside a temp --out", async () => {
        // A copy of the checkout (tracked files, node_modules linked): `--stack ..` with the default out/ once deleted it.
        const copy = path.join(tmp, "checkout");
        for (const file of execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
            cwd: projectDir,
            encoding: "utf8",
        })
            .split("\n")
            .filter(Boolean)) {
            fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
            fs.copyFileSync(path.join(projectDir, file), path.join(copy, file));
        }
        fs.symlinkSync(path.join(projectDir, "node_modules"), path.join(copy, "node_modules"));
        fs.mkdirSync(path.join(copy, "out", "x"), { recursive: true });
        fs.writeFileSync(path.join(copy, "out", "x", "keep.txt"), "keep");
        const parent = path.join(tmp, "parent");
        fs.mkdirSync(path.join(parent, "out", "x"), { recursive: true });
        fs.writeFileSync(path.join(parent, "sibling.txt"), "sibling");
        fs.writeFileSync(path.join(parent, "out", "x", "keep.txt"), "keep");
        const before = { copy: snapshot(copy), parent: snapshot(parent) };

        const names = ["..", "../x", ".", "a/b"];
        // Two with the copy's default out/, two with a temp --out; the copy is snapshotted in every case.
        const runs = await Promise.all(
            names.map((name, i) =>
                finished(cli(copy, ["--stack", name, ...(i % 2 ? ["--out", path.join(parent, "out")] : [])])),
            ),
        );
        for (const [i, run] of runs.entries()) {
            expect(run.code, `${names[i]}: ${run.stderr}`).to.equal(2);
            expect(run.stderr).to.include("is not a Pulumi stack name");
            expect(run.stderr).to.include("usage: npm run plan");
        }
        expect(snapshot(copy)).to.deep.equal(before.copy);
        expect(snapshot(parent)).to.deep.equal(before.parent);
    });

    it("two concurrent plans of one stack into one --out both exit 0 and leave one complete plan", async () => {
        const out = path.join(tmp, "concurrent");
        // Both hold their staged plan for a moment so the swaps really overlap.
        const runs = await Promise.all(
            [0, 1].map(() =>
                finished(cli(projectDir, ["--stack", "dev", "--out", out], { ENTRA_CONNECTORS_PLAN_HOLD_MS: "300" })),
            ),
        );
        for (const run of runs) expect(run.code, run.stderr).to.equal(0);
        expect(tree(path.join(out, "dev"))).to.deep.equal(good);
        expect(fs.readdirSync(out)).to.deep.equal(["dev"]);
    });

    for (const [signal, code] of [
        ["SIGINT", 130],
        ["SIGTERM", 143],
    ] as const) {
        it(`a plan killed by ${signal} while its output is staged exits ${code}, keeps the previous plan byte-identical and leaves no stray folder`, async () => {
            const parent = path.join(tmp, `killed-${signal}`);
            const out = path.join(parent, "out");
            fs.mkdirSync(out, { recursive: true });
            fs.cpSync(path.join(tmp, "reference", "dev"), path.join(out, "dev"), { recursive: true });
            fs.writeFileSync(path.join(out, "dev", "plan.json"), "previous plan");
            const previous = tree(path.join(out, "dev"));
            const child = cli(projectDir, ["--stack", "dev", "--out", out], { ENTRA_CONNECTORS_PLAN_HOLD_MS: "30000" });
            const done = finished(child);
            await waitFor("the staged plan", () => staged(out));
            child.kill(signal);
            const run = await done;
            expect(run.code, run.stderr).to.equal(code);
            expect(run.stderr).to.include("nothing was written");
            expect(fs.readdirSync(parent)).to.deep.equal(["out"]);
            expect(fs.readdirSync(out)).to.deep.equal(["dev"]);
            expect(tree(path.join(out, "dev"))).to.deep.equal(previous);
        });
    }

    it("Ctrl-C on `npm run plan` (SIGINT to the process group) leaves no process that writes later", async function () {
        const out = path.join(tmp, "npm-sigint");
        const npm = spawn("npm", ["run", "--silent", "plan", "--", "--stack", "dev", "--out", out], {
            cwd: projectDir,
            env: { ...process.env, ENTRA_CONNECTORS_PLAN_HOLD_MS: "3000" },
            stdio: "pipe",
            detached: true, // its own process group, like a terminal's foreground job
        });
        const done = finished(npm);
        await waitFor("the staged plan", () => staged(out));
        process.kill(-npm.pid!, "SIGINT");
        await done;
        // Past the hold: a surviving plan process would have swapped its output in by now.
        await new Promise((r) => setTimeout(r, 4000));
        let alive = true;
        try {
            process.kill(-npm.pid!, 0);
        } catch {
            alive = false;
        }
        expect(alive, "a process of the group survived").to.equal(false);
        expect(fs.readdirSync(out)).to.deep.equal([]);
    });
});
