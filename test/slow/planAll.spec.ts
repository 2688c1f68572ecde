// `npm run plan -- --all`: every Pulumi.<stack>.yaml planned in parallel workers, one line per stack, exit 1 on any failure.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import { parse, stringify } from "yaml";
import { planAll, workerArgs } from "../../offline/plan/planAll";
import { listStacks } from "../../offline/plan/stackList";
import { compiledPlanCli, copyOpenApiFiles } from "../helpers/compiledProject";
import { isShippedProjectFile, stackFileNames } from "../helpers/stackFiles";

const projectDir = path.resolve(__dirname, "..", "..");

describe("plan --all (offline/plan/planAll.ts)", function () {
    this.timeout(90_000);
    let tmp: string;
    let project: string;
    let lines: string[];
    let result: Awaited<ReturnType<typeof planAll>>;
    let cli: string;

    before(async () => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-all-"));
        // A project of the shipped stack files (not a team's own), plus a qa stack (a copy of test) and a stack whose file is not YAML.
        project = path.join(tmp, "project");
        fs.mkdirSync(project);
        for (const f of fs.readdirSync(projectDir).filter(isShippedProjectFile))
            fs.copyFileSync(path.join(projectDir, f), path.join(project, f));
        copyOpenApiFiles(project);
        // A real project has its dependencies beside it (the secret rotation's dynamic provider resolves @pulumi/pulumi there).
        fs.symlinkSync(path.join(projectDir, "node_modules"), path.join(project, "node_modules"), "dir");
        const qa = parse(fs.readFileSync(path.join(projectDir, "Pulumi.test.yaml"), "utf8")) as {
            config: Record<string, unknown>;
        };
        qa.config["entra-connectors:environment"] = "qa";
        fs.writeFileSync(path.join(project, "Pulumi.qa.yaml"), stringify(qa));
        fs.writeFileSync(path.join(project, "Pulumi.broken.yaml"), "config:\n  entra-connectors:connectors: [\n");
        // Workers run the compiled plan command (as `npm run plan -- --all` does), built from the sources.
        cli = compiledPlanCli();
        lines = [];
        result = await planAll(project, { out: path.join(tmp, "out"), workers: 2, write: (l) => lines.push(l), cli });
    });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("plans dev, test, prod and an added qa stack file, one summary line each, in stack order", () => {
        expect(result.outcomes.map((o) => o.stack)).to.deep.equal(["broken", "dev", "prod", "qa", "test"]);
        for (const stack of ["dev", "prod", "qa", "test"]) {
            const line = lines.find((l) => l.startsWith(`${stack}: `));
            expect(line, stack).to.match(new RegExp(`^${stack}: ok, \\d+ resources in \\d+ waves, \\d+ warnings? -> `));
            expect(fs.existsSync(path.join(tmp, "out", stack, "plan.json")), stack).to.equal(true);
        }
    });

    it("reports the counts of each stack's own plan", () => {
        const dev = JSON.parse(fs.readFileSync(path.join(tmp, "out", "dev", "plan.json"), "utf8"));
        const custom = dev.resources.filter((r: { custom: boolean }) => r.custom).length;
        expect(lines.find((l) => l.startsWith("dev: "))).to.include(`${custom} resources in ${dev.waves} waves`);
        const qa = JSON.parse(fs.readFileSync(path.join(tmp, "out", "qa", "plan.json"), "utf8"));
        expect(qa.stack).to.equal("qa");
    });

    it("exits 1 when a stack fails, naming it and its reason, and still plans the others", () => {
        expect(result.exitCode).to.equal(1);
        const broken = lines.find((l) => l.startsWith("broken: "));
        expect(broken).to.match(
            /^broken: FAILED \(exit 1, [\d.]+ s\): .*Pulumi\.broken\.yaml line \d+\): not valid YAML/,
        );
        expect(fs.existsSync(path.join(tmp, "out", "broken"))).to.equal(false);
        expect(lines[lines.length - 1]).to.equal("4 of 5 stacks planned, 1 failed");
    });

    it("exits 0 when every stack plans", async () => {
        fs.rmSync(path.join(project, "Pulumi.broken.yaml"));
        for (const f of ["Pulumi.dev.yaml", "Pulumi.prod.yaml", "Pulumi.qa.yaml"]) fs.rmSync(path.join(project, f));
        const quiet: string[] = [];
        const ok = await planAll(project, { out: path.join(tmp, "out2"), write: (l) => quiet.push(l), cli });
        expect(ok.exitCode, quiet.join("\n")).to.equal(0);
        expect(quiet).to.deep.equal([quiet[0], "1 of 1 stacks planned"]);
        expect(quiet[0]).to.match(/^test: ok, /);
    });

    it("hands each worker its stack file, and with --previous <dir> that stack's earlier plan.json when it exists", () => {
        const prev = path.join(tmp, "out");
        expect(workerArgs("dev", "/p/Pulumi.dev.yaml", { out: "/o", previousDir: prev })).to.deep.equal([
            "--stack",
            "dev",
            "--config-file",
            "/p/Pulumi.dev.yaml",
            "--out",
            "/o",
            "--previous",
            path.join(prev, "dev", "plan.json"),
        ]);
        expect(workerArgs("nosuch", "/p/Pulumi.nosuch.yaml", { previousDir: prev })).to.deep.equal([
            "--stack",
            "nosuch",
            "--config-file",
            "/p/Pulumi.nosuch.yaml",
        ]);
    });

    it("lists stack files only (not Pulumi.yaml), and marks production as the config layer does", () => {
        const stacks = listStacks(projectDir);
        expect(stacks.map((s) => s.stack)).to.deep.equal(stackFileNames(projectDir));
        const production = new Map(stacks.map((s) => [s.stack, s.production]));
        expect([production.get("dev"), production.get("test"), production.get("prod")]).to.deep.equal([
            false,
            false,
            true,
        ]);
    });
});
