// Problems that used to surface as findings about resources now name the config key (or the argument) to fix.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { expect } from "chai";
import { ConfigError, parseStackConfig } from "../config";
import { runOffline } from "../offline/plan/runOffline";

const NS = "entra-connectors";
const ROOT = path.resolve(__dirname, "..");
const TENANT = "3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45";
const connector = (previousName: string) => ({
    displayName: "Graph",
    resource: { wellKnown: "microsoftGraph" },
    scopes: ["User.Read"],
    authentication: "managedIdentity",
    previousName,
});

describe("messages that name the key to fix", function () {
    this.timeout(60_000);

    it("two connectors renamed from one previousName: both keys named at previousName, not owner and principal conflicts", () => {
        let error: unknown;
        try {
            parseStackConfig({
                "azuread:tenantId": TENANT,
                [`${NS}:environment`]: "dev",
                [`${NS}:connectors`]: JSON.stringify({ "graph-a": connector("graph"), "graph-b": connector("graph") }),
            });
        } catch (err) {
            error = err;
        }
        expect(error).to.be.instanceOf(ConfigError);
        const problems = (error as ConfigError).problems;
        expect(problems.map((p) => p.path)).to.deep.equal([`${NS}:connectors.graph-b.previousName`]);
        expect(problems[0]!.message).to.include(`${NS}:connectors.graph-a`).and.include("Fix:");
    });

    it("the deploying identity listed in owners is named with the owners key and the fix", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-owners-"));
        try {
            const file = path.join(dir, "Pulumi.owners.yaml");
            const apis = { orders: { displayName: "Orders API" } };
            fs.writeFileSync(
                file,
                stringify({
                    config: { "azuread:tenantId": TENANT, [`${NS}:environment`]: "dev", [`${NS}:apis`]: apis },
                }),
            );
            const first = await runOffline({ projectDir: ROOT, stack: "owners", configFile: file });
            const deployer = first.resources.find((r) => r.name === "api-orders-owner-deployer")!.inputs
                .ownerObjectId as string;
            const plan = await runOffline({
                projectDir: ROOT,
                stack: "owners",
                configFile: file,
                configOverrides: { [`${NS}:owners`]: [deployer] },
            });
            const duplicates = plan.findings.filter((f) => f.rule === "duplicate-owner");
            expect(duplicates).to.have.length(1);
            expect(duplicates[0]!.message).to.include(`${deployer} is the deploying identity`);
            expect(duplicates[0]!.message).to.include(`Fix: remove ${deployer} from ${NS}:owners`);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
