// The plan command: files it writes, exit codes, nothing left behind on failure, byte-identical reruns.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import { parse, stringify } from "yaml";
import { planCommand } from "../offline/plan/planCli";
import { loadStackConfigFiles } from "../offline/plan/stackFiles";
import { validateApiDefinition, validateApiProperties } from "./helpers/paconnSchemas";
import { skipWithoutReference } from "./helpers/reference";
import { stackFileNames } from "./helpers/stackFiles";

const projectDir = path.resolve(__dirname, "..");

function readTree(dir: string): Record<string, string> {
    const files: Record<string, string> = {};
    const walk = (d: string) => {
        for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
            const full = path.join(d, entry.name);
            if (entry.isDirectory()) walk(full);
            else files[path.relative(dir, full)] = fs.readFileSync(full, "utf8");
        }
    };
    walk(dir);
    return files;
}

/** The dev stack file with one connector replaced, written to a temp file. */
function devVariant(dir: string, name: string, mutate: (config: Record<string, any>) => void): string {
    const doc = parse(fs.readFileSync(path.join(projectDir, "Pulumi.dev.yaml"), "utf8")) as {
        config: Record<string, any>;
    };
    mutate(doc.config);
    const file = path.join(dir, `Pulumi.${name}.yaml`);
    fs.writeFileSync(file, stringify(doc));
    return file;
}

describe("plan command (npm run plan)", function () {
    this.timeout(60_000);
    let tmp: string;
    let first: Record<string, string>;

    before(async () => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-plan-"));
        const result = await planCommand(projectDir, { stack: "dev", out: path.join(tmp, "a") });
        expect(result.exitCode, result.text).to.equal(0);
        first = readTree(path.join(tmp, "a", "dev"));
    });

    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("writes plan.json and the three files of every connector", () => {
        const all = parse(fs.readFileSync(path.join(projectDir, "Pulumi.dev.yaml"), "utf8")).config[
            "entra-connectors:connectors"
        ];
        // Logic Apps connectors are deployed by the stack (a custom API): no files to import.
        const connectors = Object.keys(all).filter((c) => all[c].platform !== "logicApps");
        expect(connectors.length).to.be.lessThan(Object.keys(all).length);
        const expected = [
            "plan.json",
            ...connectors.flatMap((c) =>
                ["README.md", "apiDefinition.swagger.json", "apiProperties.json"].map((f) =>
                    path.join("connectors", c, f),
                ),
            ),
        ];
        expect(Object.keys(first).sort()).to.deep.equal(expected.sort());
        const plan = JSON.parse(first["plan.json"]);
        expect(plan).to.include.keys("project", "stack", "resources", "outputs", "findings", "waves");
        expect(plan.stack).to.equal("dev");
        expect(plan.waves).to.be.a("number").and.greaterThan(1);
        for (const r of plan.resources)
            expect(r).to.include.keys(
                "urn",
                "type",
                "name",
                "parent",
                "custom",
                "protect",
                "retainOnDelete",
                "dependencies",
                "inputs",
                "outputs",
            );
    });

    it("writes byte-identical files on a second run", async () => {
        const result = await planCommand(projectDir, { stack: "dev", out: path.join(tmp, "b") });
        expect(result.exitCode).to.equal(0);
        expect(readTree(path.join(tmp, "b", "dev"))).to.deep.equal(first);
    });

    it("writes connector files that validate against Microsoft's paconn schemas (reference data)", function () {
        skipWithoutReference(this);
        const props = Object.entries(first).filter(([f]) => f.endsWith("apiProperties.json"));
        const defs = Object.entries(first).filter(([f]) => f.endsWith("apiDefinition.swagger.json"));
        expect(props.length).to.be.greaterThan(0);
        for (const [file, text] of props) expect(validateApiProperties(JSON.parse(text)), file).to.deep.equal([]);
        for (const [file, text] of defs) expect(validateApiDefinition(JSON.parse(text)), file).to.deep.equal([]);
    });

    it("never writes a secret: the simulated password and key appear in no file", () => {
        const all = Object.values(first).join("\n");
        expect(all).not.to.include("simulated-secret");
        expect(all).not.to.include("simulated-key");
        expect(all).to.include("[secret]");
    });

    it("puts the client id and resource of the stack output into apiProperties.json", () => {
        const plan = JSON.parse(first["plan.json"]);
        const arm = JSON.parse(first[path.join("connectors", "arm", "apiProperties.json")]);
        const settings = arm.properties.connectionParameters.token.oAuthSettings;
        expect(settings.clientId).to.equal(plan.outputs.connectors.arm.clientId);
        expect(settings.properties.AzureActiveDirectoryResourceId).to.equal("https://management.core.windows.net/");
    });

    it("exits 1 on invalid config, names the key, and leaves the previous plan byte-identical", async () => {
        const out = path.join(tmp, "bad");
        fs.mkdirSync(out);
        fs.cpSync(path.join(tmp, "a", "dev"), path.join(out, "dev"), { recursive: true });
        const configFile = devVariant(tmp, "bad", (c) => {
            c["entra-connectors:connectors"].arm.secretLifetimeDays = 9999;
        });
        const result = await planCommand(projectDir, { stack: "dev", configFile, out });
        expect(result.exitCode).to.equal(1);
        expect(result.text).to.include("entra-connectors:connectors.arm.secretLifetimeDays");
        expect(result.text).not.to.match(/\n\s+at .*\.(ts|js):\d+/);
        expect(readTree(path.join(out, "dev"))).to.deep.equal(first);
        expect(fs.readdirSync(out)).to.deep.equal(["dev"]);
    });

    it("treats secure: config values as secrets: the ciphertext reaches no file and the key is marked secret", async () => {
        const out = path.join(tmp, "secure");
        const configFile = devVariant(tmp, "secure", (c) => {
            c["azuread:clientSecret"] = { secure: "v1:c2VjcmV0LWNpcGhlcnRleHQ=" };
        });
        const files = loadStackConfigFiles(projectDir, "dev", configFile);
        expect(files.secretKeys).to.deep.equal(["azuread:clientSecret"]);
        expect(files.config["azuread:clientSecret"]).to.equal("[secret]");
        const result = await planCommand(projectDir, { stack: "dev", configFile, out });
        expect(result.exitCode, result.text).to.equal(0);
        const written = Object.values(readTree(path.join(out, "dev"))).join("\n") + result.text;
        expect(written).not.to.include("c2VjcmV0LWNpcGhlcnRleHQ");
    });

    it("exits 1 on an error finding and writes nothing", async () => {
        const out = path.join(tmp, "finding");
        const configFile = devVariant(tmp, "finding", (c) => {
            // Valid config, but a mandatory policy rule refuses it: a secret lifetime above the pack's 180 days. (An
            // external API the tenant may lack is no error any more: it plans with a deploy-time warning.)
            c["entra-connectors:connectors"].arm.secretLifetimeDays = 365;
        });
        const result = await planCommand(projectDir, { stack: "dev", configFile, out });
        expect(result.exitCode, result.text).to.equal(1);
        expect(result.text).to.include("ERROR [client-secret-max-lifetime]");
        // Nothing written: not even <out> itself is created for a rejected plan.
        expect(fs.existsSync(out)).to.equal(false);
    });

    it("an unknown stack is a usage error (exit 2) that lists the project's stacks, and writes nothing", async () => {
        const out = path.join(tmp, "unknown");
        const result = await planCommand(projectDir, { stack: "nosuchstack", out });
        expect(result.exitCode).to.equal(2);
        expect(result.text).to.include("Pulumi.nosuchstack.yaml");
        expect(result.text).to.include(`Stacks of this project: ${stackFileNames(projectDir).join(", ")}`);
        expect(fs.existsSync(out)).to.equal(false);
    });

    it("validates the stack name even with --config-file", async () => {
        const out = path.join(tmp, "cfg-dots");
        const result = await planCommand(projectDir, {
            stack: "..",
            configFile: path.join(projectDir, "Pulumi.dev.yaml"),
            out,
        });
        expect(result.exitCode).to.equal(2);
        expect(result.text).to.include("is not a Pulumi stack name");
        expect(fs.existsSync(out)).to.equal(false);
    });

    it("a missing --config-file is a usage error (exit 2) that writes nothing", async () => {
        const out = path.join(tmp, "nofile");
        const result = await planCommand(projectDir, {
            stack: "dev",
            configFile: path.join(tmp, "Pulumi.none.yaml"),
            out,
        });
        expect(result.exitCode).to.equal(2);
        expect(result.text).to.include("--config-file").and.include("does not exist");
        expect(fs.existsSync(out)).to.equal(false);
    });

    it("refuses to replace <out>/<stack> when it is not a plan folder, and leaves it as it was", async () => {
        const out = path.join(tmp, "foreign");
        fs.mkdirSync(path.join(out, "dev"), { recursive: true });
        fs.writeFileSync(path.join(out, "dev", "notes.md"), "my notes");
        const result = await planCommand(projectDir, { stack: "dev", out });
        expect(result.exitCode).to.equal(2);
        expect(result.text).to.include("is not a plan folder");
        expect(readTree(out)).to.deep.equal({ [path.join("dev", "notes.md")]: "my notes" });
    });

    it("creates a missing --out parent", async () => {
        const out = path.join(tmp, "deep", "er", "out");
        const result = await planCommand(projectDir, { stack: "dev", out });
        expect(result.exitCode, result.text).to.equal(0);
        expect(readTree(path.join(out, "dev"))).to.deep.equal(first);
        expect(fs.readdirSync(out)).to.deep.equal(["dev"]);
    });
});
