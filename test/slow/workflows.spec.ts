// The workflows' own shell steps run here as processes: the deploy matrix listing and the pull request's plan summary.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { expect } from "chai";
import { parse, stringify } from "yaml";
import { planCommand } from "../../offline/plan/planCli";
import { expandDeployJobs, PR_FILE, projectDir, steps, text, workflow, Yaml } from "../helpers/workflows";

describe("GitHub workflows, their steps run as processes", function () {
    this.timeout(180_000);

    it("deploy.yml: the listing script appends to $GITHUB_OUTPUT and the stacks deploy non-production first, production after them", () => {
        const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-output-"));
        try {
            // A project of its own, so the test holds whatever stack files this repository has.
            const project = path.join(tmp, "project");
            fs.mkdirSync(project);
            fs.copyFileSync(path.join(projectDir, "Pulumi.yaml"), path.join(project, "Pulumi.yaml"));
            fs.writeFileSync(path.join(project, "Pulumi.dev.yaml"), "config:\n  entra-connectors:environment: dev\n");
            fs.writeFileSync(
                path.join(project, "Pulumi.staging.yaml"),
                "config:\n  entra-connectors:environment: staging\n",
            );
            fs.writeFileSync(path.join(project, "Pulumi.prod.yaml"), "config:\n  entra-connectors:environment: prod\n");
            const output = path.join(tmp, "github_output");
            fs.writeFileSync(output, "earlier=1\n");
            const run = spawnSync(
                process.execPath,
                [
                    require.resolve("ts-node/dist/bin"),
                    "--transpile-only",
                    "scripts/listStacks.ts",
                    "--project",
                    project,
                    "--github-output",
                    output,
                ],
                { cwd: projectDir, encoding: "utf8" },
            );
            expect(run.status, run.stderr).to.equal(0);
            const written = fs.readFileSync(output, "utf8");
            expect(written.startsWith("earlier=1\n")).to.equal(true);
            expect(expandDeployJobs(written)).to.deep.equal([
                ["deploy", "dev"],
                ["deploy", "staging"],
                ["deploy-production", "prod"],
            ]);
        } finally {
            fs.rmSync(tmp, { recursive: true, force: true });
        }
    });

    it("pull-request.yml: produces the diff summary for every stack file, offline (the job's own plan and summary steps, run here)", async function () {
        const job = Object.values(workflow(PR_FILE).jobs as Record<string, Yaml>)[0];
        const head = steps(job).find((s) => /--previous/.test(s.run ?? ""))!;
        const summary = steps(job).find((s) => (s.run ?? "").includes("$GITHUB_STEP_SUMMARY"))!;
        expect(summary.run).to.match(/npm run plan:summary/);
        const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-pr-"));
        try {
            const out = path.join(tmp, "out");
            fs.mkdirSync(out); // as the job does (mkdir -p "$PLAN_OUT/base")
            const stacks = fs
                .readdirSync(projectDir)
                .filter((f) => /^Pulumi\.[^.]+\.yaml$/.test(f))
                .map((f) => f.slice("Pulumi.".length, -".yaml".length));
            expect(stacks).to.include.members(["dev", "test", "prod"]);
            // The base branch = this tree, except dev without the arm connector: the pull request adds it back.
            const devBase = path.join(tmp, "Pulumi.dev.yaml");
            const devDoc = parse(text("../../Pulumi.dev.yaml"));
            delete devDoc.config["entra-connectors:connectors"].arm;
            fs.writeFileSync(devBase, stringify(devDoc));
            for (const stack of stacks) {
                const r = await planCommand(projectDir, {
                    stack,
                    out: path.join(out, "base"),
                    ...(stack === "dev" ? { configFile: devBase } : {}),
                });
                expect(r.exitCode, r.text).to.equal(0);
            }
            const env = {
                ...process.env,
                PLAN_OUT: out,
                GITHUB_STEP_SUMMARY: path.join(tmp, "summary.md"),
                NO_COLOR: "1",
            };
            const run = (script: string) =>
                spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], {
                    cwd: projectDir,
                    env,
                    encoding: "utf8",
                });
            const planned = run(head.run);
            expect(planned.status, planned.stderr + planned.stdout).to.equal(0);
            const summarized = run(summary.run);
            expect(summarized.status, summarized.stderr).to.equal(0);
            const md = fs.readFileSync(path.join(tmp, "summary.md"), "utf8");
            for (const stack of stacks)
                expect(md, stack).to.match(new RegExp(`### Stack \`${stack}\`: \\d+ to create`));
            expect(md).to.match(
                /### Stack `dev`: 11 to create, 0 to update, 0 to replace, 0 to delete, 0 to import, \d+ unchanged/,
            );
            expect(md).to.match(
                /### Stack `prod`: 0 to create, 0 to update, 0 to replace, 0 to delete, 0 to import, \d+ unchanged/,
            );
            expect(md).to.include("```text");
            expect(md).to.not.match(/\x1b\[/);
        } finally {
            fs.rmSync(tmp, { recursive: true, force: true });
        }
    });
});
