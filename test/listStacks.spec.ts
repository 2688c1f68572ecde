// scripts/listStacks.ts: the deploy workflow's matrix from the stack files (offline/plan/stackList.ts does the listing).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import { parseStackConfig } from "../config";
import { loadStackConfigFiles } from "../offline/plan/stackFiles";
import { listStacks } from "../offline/plan/stackList";
import { githubOutput, stackMatrix } from "../scripts/listStacks";
import { stackFileNames } from "./helpers/stackFiles";

const projectDir = path.resolve(__dirname, "..");

describe("stack listing for the deploy matrix (scripts/listStacks.ts)", () => {
    let tmp: string;
    beforeEach(() => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-stacks-"));
        fs.copyFileSync(path.join(projectDir, "Pulumi.yaml"), path.join(tmp, "Pulumi.yaml"));
    });
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));
    const write = (name: string, text: string) => fs.writeFileSync(path.join(tmp, name), text);

    it("lists every stack file of this project once, prod among the production ones", () => {
        const matrix = stackMatrix(projectDir);
        expect([...matrix.stacks, ...matrix.production].sort()).to.deep.equal(stackFileNames(projectDir));
        expect(matrix.production).to.include("prod");
        expect(matrix.stacks).to.include.members(["dev", "test"]);
    });

    it("marks production exactly as the config layer does, for every stack file of the project", () => {
        const stacks = listStacks(projectDir);
        expect(stacks.map((s) => s.stack)).to.deep.equal(stackFileNames(projectDir));
        for (const s of stacks) {
            const files = loadStackConfigFiles(projectDir, s.stack);
            expect(s.production, s.stack).to.equal(parseStackConfig(files.config, files.secretKeys).production);
        }
    });

    it("an added Pulumi.qa.yaml is a qa entry; only Pulumi.<stack>.yaml files count", () => {
        write("Pulumi.qa.yaml", "config:\n  entra-connectors:environment: qa\n");
        write("Pulumi.qa.yaml.bak", "config: {}\n");
        write("Pulumi.two words.yaml", "config: {}\n");
        write("Pulumi.yml", "config: {}\n");
        expect(stackMatrix(tmp)).to.deep.equal({ stacks: ["qa"], production: [] });
    });

    it("production: environment prod by default, entra-connectors:production either way, an unreadable file not", () => {
        write("Pulumi.prod-emea.yaml", "config:\n  entra-connectors:environment: prod\n");
        write(
            "Pulumi.prod-lab.yaml",
            "config:\n  entra-connectors:environment: prod\n  entra-connectors:production: false\n",
        );
        write(
            "Pulumi.payroll.yaml",
            "config:\n  entra-connectors:environment: payroll\n  entra-connectors:production: true\n",
        );
        write("Pulumi.broken.yaml", "config: [\n");
        expect(stackMatrix(tmp)).to.deep.equal({
            stacks: ["broken", "prod-lab"],
            production: ["payroll", "prod-emea"],
        });
    });

    it("writes name=value lines for $GITHUB_OUTPUT, one-line JSON arrays", () => {
        expect(githubOutput({ stacks: ["dev", "qa"], production: [] })).to.equal(
            'stacks=["dev","qa"]\nproduction=[]\n',
        );
    });
});
