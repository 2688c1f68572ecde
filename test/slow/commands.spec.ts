// The project's commands run as processes: exit codes, usage, stderr without stack traces, secrets masked across a
// process boundary, and the policy pack type-checked from a copy of its folder.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { execFileSync, spawnSync } from "child_process";
import { expect } from "chai";
import { loadStackConfigFiles } from "../../offline/plan/stackFiles";
import { stackFileNames } from "../helpers/stackFiles";

const projectDir = path.resolve(__dirname, "..", "..");
const NS = "entra-connectors";

describe("commands as processes", function () {
    this.timeout(120_000);
    let tmp: string;
    beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-commands-"))));
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

    describe("plan command (npm run plan)", () => {
        it("runs as a command: exit code 2 and a message without a stack trace for a missing stack file", () => {
            const run = spawnSync(
                process.execPath,
                [
                    require.resolve("ts-node/dist/bin"),
                    "--transpile-only",
                    "offline/plan/planCli.ts",
                    "--stack",
                    "nosuchstack",
                    "--out",
                    path.join(tmp, "cli"),
                ],
                {
                    cwd: projectDir,
                    encoding: "utf8",
                },
            );
            expect(run.status).to.equal(2);
            expect(run.stderr)
                .to.include("Pulumi.nosuchstack.yaml")
                .and.include(`Stacks of this project: ${stackFileNames(projectDir).join(", ")}`)
                .and.include("usage: npm run plan");
            expect(run.stderr).not.to.match(/\n\s+at /);
            expect(fs.existsSync(path.join(tmp, "cli"))).to.equal(false);
        });

        it("runs as a command: --help and -h print the usage and exit 0; an unknown option or no --stack exits 2 with the usage", () => {
            const cli = (...args: string[]) =>
                spawnSync(
                    process.execPath,
                    [require.resolve("ts-node/dist/bin"), "--transpile-only", "offline/plan/planCli.ts", ...args],
                    {
                        cwd: projectDir,
                        encoding: "utf8",
                    },
                );
            for (const flag of ["--help", "-h"]) {
                const help = cli(flag);
                expect(help.status, flag).to.equal(0);
                expect(help.stdout).to.include("usage: npm run plan -- --stack <name>");
            }
            for (const args of [["--stak", "dev"]]) {
                const bad = cli(...args);
                expect(bad.status, args.join(" ")).to.equal(2);
                expect(bad.stderr).to.include("usage: npm run plan");
            }
        });
    });

    describe("stack listing (npm run stacks)", () => {
        const write = (name: string, text: string) => fs.writeFileSync(path.join(tmp, name), text);
        beforeEach(() => fs.copyFileSync(path.join(projectDir, "Pulumi.yaml"), path.join(tmp, "Pulumi.yaml")));

        it("as a command: appends to --github-output, prints the matrix, and fails when there is no stack file", () => {
            const cli = (args: string[]) =>
                spawnSync(
                    process.execPath,
                    [require.resolve("ts-node/dist/bin"), "--transpile-only", "scripts/listStacks.ts", ...args],
                    {
                        cwd: projectDir,
                        encoding: "utf8",
                    },
                );
            const none = cli(["--project", tmp]);
            expect(none.status).to.equal(1);
            expect(none.stderr).to.include("no Pulumi.<stack>.yaml");
            write("Pulumi.qa.yaml", "config: {}\n");
            const out = path.join(tmp, "output");
            const run = cli(["--project", tmp, "--github-output", out]);
            expect(run.status, run.stderr).to.equal(0);
            expect(JSON.parse(run.stdout)).to.deep.equal({ stacks: ["qa"], production: [] });
            expect(fs.readFileSync(out, "utf8")).to.equal('stacks=["qa"]\nproduction=[]\n');
        });
    });

    describe("config loader", () => {
        it("masks secrets when the engine passes them through the environment of a new process", () => {
            const SECRET_ENV = "Sup3r-Secret-Env";
            const SECRET_VAULT = "vault_Secret_Value_4711!";
            const raw: Record<string, string> = { ...loadStackConfigFiles(projectDir, "dev").config };
            raw[`${NS}:environment`] = SECRET_ENV;
            raw[`${NS}:keyVault`] = JSON.stringify({ resourceGroupName: "rg-connectors-dev", vaultName: SECRET_VAULT });
            const secretKeys = [`${NS}:environment`, `${NS}:keyVault`];
            const script = `const { loadStackConfig } = require("./config"); try { loadStackConfig(); } catch (e) { process.stdout.write(e.message); }`;
            const run = spawnSync(
                process.execPath,
                [require.resolve("ts-node/dist/bin"), "--transpile-only", "-e", script],
                {
                    cwd: projectDir,
                    encoding: "utf8",
                    env: {
                        ...process.env,
                        PULUMI_CONFIG: JSON.stringify(raw),
                        PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(secretKeys),
                    },
                },
            );
            expect(run.stdout, run.stderr).to.include(`${NS}:keyVault.vaultName`).and.include("[secret]");
            expect(run.stdout + run.stderr)
                .not.to.include(SECRET_ENV)
                .and.not.to.include(SECRET_VAULT);
        });
    });

    describe("policy pack", () => {
        const POLICY = path.join(projectDir, "policy");
        const ROOT = projectDir;

        it("type-checks and loads every policy from a copy of policy/ alone", () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-pack-"));
            try {
                const copy = path.join(dir, "policy");
                fs.cpSync(POLICY, copy, { recursive: true, filter: (src) => !/[\\/](node_modules|bin)$/.test(src) });
                // What `pulumi policy publish` + install give the pack: its dependencies, nothing of the project around it.
                fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(copy, "node_modules"), "dir");
                execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "--noEmit", "-p", copy], {
                    stdio: "pipe",
                });
                const loaded = require(path.join(copy, "policies.ts")) as { policies: { name: string }[] };
                const here = require("../../policy/policies") as { policies: { name: string }[] };
                expect(loaded.policies.map((p) => p.name)).to.deep.equal(here.policies.map((p) => p.name));
                expect(loaded.policies.length).to.be.greaterThan(10);
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });
    });
});
