// The speed work changes no plan: plan.json and connector files of dev and a generated 50-connector stack hash to
// what the unoptimised code wrote (test/fixtures/planGolden.json, recorded at the commit it names), both in-process
// from the sources and through the compiled plan command that `npm start` runs.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { expect } from "chai";
import { planCommand } from "../../offline/plan/planCli";
import { newestSourceMtime } from "../../offline/plan/projectRoot";
import { compiledPlanCli } from "../helpers/compiledProject";
import { GOLDEN_FILE, goldenStacks, treeHashes } from "../../scripts/planGolden";

const projectDir = path.resolve(__dirname, "..", "..");
const golden = JSON.parse(fs.readFileSync(GOLDEN_FILE, "utf8")) as {
    recordedAt: string;
    stacks: Record<string, Record<string, string>>;
};
const REGENERATE = "if the plan's content changed on purpose, re-record with `npm run gen:plan-golden`";

describe("plan identity (speed work changes no plan's content)", function () {
    this.timeout(60_000);
    let tmp: string;
    before(() => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-identity-"));
    });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("the golden file covers dev and generated-50 with plan.json and connector files", () => {
        expect(Object.keys(golden.stacks)).to.deep.equal(["dev", "generated-50"]);
        expect(golden.stacks.dev).to.have.property("plan.json");
        expect(
            Object.keys(golden.stacks["generated-50"]).filter((f) => f.startsWith("connectors/conn-")),
        ).to.have.lengthOf(150);
    });

    it("in-process from the sources: every file hashes as recorded", async () => {
        for (const s of goldenStacks(tmp)) {
            const out = path.join(tmp, "in-process");
            const result = await planCommand(projectDir, { ...s, out });
            expect(result.exitCode, result.text).to.equal(0);
            expect(treeHashes(path.join(out, s.stack)), `${s.stack}: ${REGENERATE}`).to.deep.equal(
                golden.stacks[s.stack],
            );
        }
    });

    it("compiled, as `npm start` runs it (node on JavaScript, no ts-node): every file hashes as recorded", () => {
        // A scratch project compiled from the sources (so a stale dist/ cannot hide a difference).
        const cli = compiledPlanCli();
        const root = path.resolve(cli, "..", "..", "..", ".."); // <root>/dist/offline/plan/planCli.js
        for (const s of goldenStacks(tmp)) {
            const out = path.join(tmp, "compiled-out");
            const args = [
                cli,
                "--stack",
                s.stack,
                "--out",
                out,
                ...(s.configFile ? ["--config-file", s.configFile] : []),
            ];
            // No ts-node anywhere in the child: its register hook would be the only way a .ts file could load.
            const run = spawnSync(process.execPath, args, {
                cwd: root,
                encoding: "utf8",
                env: { ...process.env, NODE_OPTIONS: "", TS_NODE_PROJECT: "" },
            });
            expect(run.status, run.stderr).to.equal(0);
            expect(run.stderr, "a fresh build plans without a warning").to.equal("");
            expect(treeHashes(path.join(out, s.stack)), `${s.stack}: ${REGENERATE}`).to.deep.equal(
                golden.stacks[s.stack],
            );
        }
        // A source newer than the build: the plan still runs (the built code) and says so on stderr.
        const newer = path.join(root, "index.ts");
        fs.writeFileSync(newer, "// edited after the build\n");
        try {
            const run = spawnSync(process.execPath, [cli, "--stack", "dev", "--out", path.join(tmp, "stale-out")], {
                cwd: root,
                encoding: "utf8",
                env: { ...process.env, NODE_OPTIONS: "" },
            });
            expect(run.status, run.stderr).to.equal(0);
            expect(run.stderr).to.match(
                /^warning: dist\/ is older than the sources; run `npm run build` to plan the current code\.\n$/,
            );
        } finally {
            fs.rmSync(newer);
        }
    });
});

describe("compiled plan command and its sources", () => {
    it("newestSourceMtime sees a source newer than the build (the stale-build warning's test), and ignores node_modules", () => {
        const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-stale-"));
        try {
            fs.mkdirSync(path.join(tmp, "offline"));
            fs.mkdirSync(path.join(tmp, "policy", "node_modules", "x"), { recursive: true });
            fs.writeFileSync(path.join(tmp, "offline", "a.ts"), "");
            fs.writeFileSync(path.join(tmp, "policy", "node_modules", "x", "b.ts"), "");
            const old = new Date("2026-01-01T00:00:00Z");
            fs.utimesSync(path.join(tmp, "offline", "a.ts"), old, old);
            expect(newestSourceMtime(tmp)).to.equal(old.getTime());
            fs.writeFileSync(path.join(tmp, "index.ts"), "");
            expect(newestSourceMtime(tmp)).to.be.greaterThan(old.getTime());
        } finally {
            fs.rmSync(tmp, { recursive: true, force: true });
        }
    });

    it("npm start and npm run plan run the compiled command, which loads the compiled program", () => {
        const scripts = JSON.parse(fs.readFileSync(path.join(projectDir, "package.json"), "utf8")).scripts as Record<
            string,
            string
        >;
        expect(scripts.plan).to.equal("node dist/offline/plan/planCli.js");
        expect(scripts.start).to.equal("node dist/offline/plan/planCli.js --stack dev");
        expect(scripts.prepare).to.equal("npm run build");
        const build = JSON.parse(fs.readFileSync(path.join(projectDir, "tsconfig.build.json"), "utf8")) as {
            compilerOptions: { outDir: string };
            include: string[];
        };
        expect(build.compilerOptions.outDir).to.equal("dist");
        expect(build.include).to.include.members(["index.ts", "offline/**/*.ts"]);
    });
});
