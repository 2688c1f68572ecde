// Valid large inputs still plan: a stack file with a 5 MB comment, and a stack of 500 connectors.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import { parse, stringify } from "yaml";
import { planCommand } from "../../offline/plan/planCli";

const projectDir = path.resolve(__dirname, "..", "..");

describe("large valid inputs still plan", function () {
    // 500 connectors took 52 s on a shared, heavily loaded 2-core machine (load average 10); the limit leaves room.
    this.timeout(300_000);
    let tmp: string;
    before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-large-"))));
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("a stack file with a 5 MB comment plans like the dev stack", async () => {
        const dev = fs.readFileSync(path.join(projectDir, "Pulumi.dev.yaml"), "utf8");
        const file = path.join(tmp, "Pulumi.comment.yaml");
        fs.writeFileSync(file, `# ${"notes ".repeat((5 * 1024 * 1024) / 6)}\n${dev}`);
        expect(fs.statSync(file).size).to.be.greaterThan(5 * 1024 * 1024);
        // One after the other: plans share the Pulumi runtime's process-wide state.
        const big = await planCommand(projectDir, { stack: "dev", configFile: file, out: path.join(tmp, "comment") });
        expect(big.exitCode, big.text).to.equal(0);
        const plain = await planCommand(projectDir, { stack: "dev", out: path.join(tmp, "plain") });
        expect(plain.exitCode, plain.text).to.equal(0);
        expect(fs.readFileSync(path.join(tmp, "comment", "dev", "plan.json"), "utf8")).to.equal(
            fs.readFileSync(path.join(tmp, "plain", "dev", "plan.json"), "utf8"),
        );
    });

    it("a stack of 500 connectors plans, with files for every Power Platform connector", async () => {
        const doc = parse(fs.readFileSync(path.join(projectDir, "Pulumi.dev.yaml"), "utf8")) as {
            config: Record<string, any>;
        };
        const connectors = doc.config["entra-connectors:connectors"];
        const existing = Object.keys(connectors).length;
        for (let i = 0; connectors && Object.keys(connectors).length < 500; i++) {
            connectors[`bulk-${i}`] =
                // Mostly managed identity (no secret resources) to keep the run short; every fifth has a rotating secret.
                i % 5 !== 0
                    ? {
                          displayName: `Bulk Graph Connector ${i}`,
                          resource: { wellKnown: "microsoftGraph" },
                          scopes: ["User.Read"],
                          authentication: "managedIdentity",
                      }
                    : {
                          displayName: `Bulk Orders Connector ${i}`,
                          resource: { api: "orders" },
                          scopes: ["access_as_user"],
                          authentication: "clientSecret",
                          secretLifetimeDays: 90,
                      };
        }
        const file = path.join(tmp, "Pulumi.bulk.yaml");
        fs.writeFileSync(file, stringify(doc));
        const started = Date.now();
        const result = await planCommand(projectDir, { stack: "bulk", configFile: file, out: path.join(tmp, "bulk") });
        expect(result.exitCode, result.text.slice(0, 2000)).to.equal(0);
        const written = fs.readdirSync(path.join(tmp, "bulk", "bulk", "connectors"));
        // Every connector but the Logic Apps one gets its three paconn files.
        expect(written.length).to.equal(500 - 1);
        expect(existing).to.be.lessThan(10);
        console.log(`      (500 connectors planned in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    });
});
