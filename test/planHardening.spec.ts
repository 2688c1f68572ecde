// What the plan command must accept or keep secret: a previous plan with a byte-order mark, --out through a
// symbolic link, a calendar-valid --now; and a secret that an older plan holds in clear never reaches the diff.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import { planCommand, parseNow } from "../offline/plan/planCli";
import { diffText } from "../offline/plan/planText";
import { Plan } from "../offline/plan/runOffline";

const projectDir = path.resolve(__dirname, "..");

describe("plan hardening: valid input accepted, secrets kept", function () {
    this.timeout(120_000);
    let tmp: string;
    let previousFile: string;
    let base: Plan;
    before(async () => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-hardening-"));
        const result = await planCommand(projectDir, { stack: "dev", out: path.join(tmp, "base") });
        expect(result.exitCode, result.text).to.equal(0);
        previousFile = path.join(tmp, "base", "dev", "plan.json");
        base = JSON.parse(fs.readFileSync(previousFile, "utf8")) as Plan;
    });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("reads a previous plan saved with a UTF-8 byte-order mark (Windows PowerShell)", async () => {
        const bom = path.join(tmp, "bom-plan.json");
        fs.writeFileSync(bom, `\ufeff${fs.readFileSync(previousFile, "utf8")}`);
        const result = await planCommand(projectDir, {
            stack: "dev",
            out: path.join(tmp, "bom"),
            previous: bom,
            failOnReplace: true,
        });
        expect(result.exitCode, result.text).to.equal(0);
        expect(result.text).to.include("Changes: 0 to create, 0 to update, 0 to replace, 0 to delete");
    });

    it("writes into --out given as a symbolic link to a folder", async () => {
        const real = path.join(tmp, "real-out");
        fs.mkdirSync(real);
        const link = path.join(tmp, "link-out");
        fs.symlinkSync(real, link);
        const result = await planCommand(projectDir, { stack: "dev", out: link });
        expect(result.exitCode, result.text).to.equal(0);
        expect(fs.existsSync(path.join(real, "dev", "plan.json"))).to.equal(true);
    });

    it("--now accepts real calendar days, a leap day included, and normalises them", () => {
        expect(parseNow("2028-02-29")).to.equal("2028-02-29T00:00:00Z");
        expect(parseNow("2026-07-01T12:30:00+02:00")).to.equal("2026-07-01T10:30:00Z");
        expect(parseNow("9997-12-31")).to.equal("9997-12-31T00:00:00Z");
    });

    it("a plan.json of the same stack but a later --now continues from it", async () => {
        const result = await planCommand(projectDir, {
            stack: "dev",
            out: path.join(tmp, "later"),
            previous: previousFile,
            now: "2026-03-01",
        });
        expect(result.exitCode, result.text).to.equal(0);
    });

    it("masks both sides of a change when the previous plan holds a secret input in clear", () => {
        const secretApi = base.resources.find((r) => r.type === "azure-native:keyvault:Secret")!;
        expect(secretApi.inputs.properties, "the plan itself masks it").to.equal("[secret]");
        const leaked: Plan = {
            ...base,
            resources: base.resources.map((r) =>
                r.urn === secretApi.urn
                    ? { ...r, inputs: { ...r.inputs, properties: { value: "hunter2-plaintext" } } }
                    : r,
            ),
        };
        const text = diffText(leaked, base);
        expect(text).to.include("properties: [secret] -> [secret]");
        expect(text).to.not.include("hunter2-plaintext");
    });
});
