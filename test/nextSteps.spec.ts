// Next steps per kind: Logic Apps, pre-authorized connectors, ROPC without consent, HTTP with Entra ID
// values, connector files with the pac command, and the secret-renewal step a rotation seen through --previous gives.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import { ConnectorConfig, PowerPlatformApiClientConfig, StackConfig } from "../config";
import { planCommand } from "../offline/plan/planCli";
import { Plan } from "../offline/plan/runOffline";
import { nextStepsOf, pacConnectorCreate, secretRenewals } from "../stack/nextSteps";
import { T } from "./helpers/planQueries";
import { plannedStack } from "./helpers/plannedStacks";

const projectDir = path.resolve(__dirname, "..");
const TENANT = "3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45";
const PER_CONNECTOR = "https://global.consent.azure-apim.net/redirect/shared-5fx-5f3c2a1b";

const connector = (overrides: Partial<ConnectorConfig>): ConnectorConfig => ({
    displayName: "Connector",
    resource: { wellKnown: "microsoftGraph" },
    scopes: ["User.Read"],
    authentication: "clientSecret",
    secretLifetimeDays: 180,
    secretRotationDays: 90,
    platform: "powerPlatform",
    federatedSubject: undefined,
    redirectUrls: [PER_CONNECTOR],
    adminConsent: false,
    onBehalfOfLogin: false,
    host: undefined,
    ...overrides,
});

const ppClient = (overrides: Partial<PowerPlatformApiClientConfig>): PowerPlatformApiClientConfig => ({
    displayName: "Client",
    permissions: ["AppManagement.ApplicationPackages.Read"],
    ropc: false,
    publicClient: true,
    credential: "none",
    secretLifetimeDays: 180,
    secretRotationDays: 90,
    certificateValidityDays: 365,
    adminConsent: false,
    ...overrides,
});

const stack = (parts: Partial<StackConfig>): StackConfig => ({
    tenantId: TENANT,
    environment: "dev",
    cloud: "public",
    production: false,
    owners: [],
    apis: {},
    connectors: {},
    httpWithEntraIdGrants: [],
    powerPlatformApiClients: {},
    ...parts,
});

const about = (steps: string[], key: string) => steps.filter((s) => s.startsWith(`Connector "${key}"`));

describe("next steps per kind", () => {
    it("a Logic Apps connector the stack deploys is not told to paste a secret or import files", () => {
        const logicApps = connector({
            platform: "logicApps",
            logicApps: { resourceGroupName: "rg-x", location: "westeurope", baseUrl: "https://x.contoso.com" },
            redirectUrls: ["https://logic-apis-westeurope.consent.azure-apim.net/redirect"],
            adminConsent: true,
        });
        const steps = about(nextStepsOf(stack({ connectors: { la: logicApps } })), "la");
        expect(steps).to.have.length(1);
        expect(steps[0]).to.include('Logic Apps custom API "dev-la"').and.include("rg-x");
        expect(steps.join(" ")).to.not.match(/paste|type the client secret|pac connector|Client secret field/i);
        // The same connector on Power Platform is told where the secret goes.
        const pp = about(nextStepsOf(stack({ connectors: { pp: connector({ adminConsent: true }) } })), "pp");
        expect(pp.join(" ")).to.include("Client secret field");
    });

    it("a connector pre-authorized on the stack's own API is not told users consent at first sign-in", async () => {
        const steps = nextStepsOf(
            stack({ connectors: { own: connector({ resource: { api: "orders" } }), graph: connector({}) } }),
        );
        expect(about(steps, "own").filter((s) => s.includes("consents"))).to.deep.equal([]);
        expect(about(steps, "graph").some((s) => s.includes("each user consents at first sign-in"))).to.equal(true);
        // The reason holds in the plan: the dev stack's connector on its own API has an ApplicationPreAuthorized
        // for its client id on the API.
        const plan = await plannedStack("dev");
        const app = plan.resources.find((r) => r.name === "connector-orders-app")!;
        const pre = plan.resources.find(
            (r) => r.type === T.preAuthorized && r.name === "connector-orders-pre-authorized",
        )!;
        expect(pre.inputs.authorizedClientId).to.equal(app.outputs.clientId);
        expect(plan.outputs.nextSteps as string[]).to.satisfy(
            (s: string[]) => !s.some((x) => x.startsWith('Connector "orders"') && x.includes("consents")),
        );
    }).timeout(60_000);

    it("warns about a ROPC client without admin consent, and only then", () => {
        const steps = nextStepsOf(
            stack({
                powerPlatformApiClients: {
                    bad: ppClient({ ropc: true, adminConsent: false }),
                    consented: ppClient({ ropc: true, adminConsent: true }),
                    interactive: ppClient({ ropc: false, adminConsent: false }),
                },
            }),
        );
        const warnings = steps.filter((s) => s.startsWith("Warning: Power Platform API client"));
        expect(warnings).to.have.length(1);
        expect(warnings[0])
            .to.include('"bad"')
            .and.include("ROPC")
            .and.include("entra-connectors:powerPlatformApiClients.bad.adminConsent");
    });

    it("prints the Microsoft Entra ID Resource URI and Base Resource URL for each HTTP with Entra ID grant", () => {
        const steps = nextStepsOf(stack({}), {
            httpWithEntraId: {
                graph: { resourceUri: "https://graph.microsoft.com/", baseResourceUrl: "https://graph.microsoft.com" },
                own: { resourceUri: "api://1b121a89-4165-5830-acde-7aae88357983" },
            },
        });
        expect(steps).to.deep.include(
            'HTTP with Microsoft Entra ID "graph": in the connection, type Microsoft Entra ID Resource URI https://graph.microsoft.com/ and Base Resource URL https://graph.microsoft.com.',
        );
        expect(steps.find((s) => s.includes('"own"'))).to.include(
            "Resource URI api://1b121a89-4165-5830-acde-7aae88357983",
        );
    });

    it("names each Power Platform connector's generated files and the exact pac connector create command", () => {
        const steps = about(nextStepsOf(stack({ connectors: { arm: connector({}) } }), { stack: "staging" }), "arm");
        const create = steps.find((s) => s.includes("pac connector create"))!;
        expect(create).to.include("out/staging/connectors/arm/");
        // The plan's files carry simulated ids: the step renders them from the deployment first.
        expect(create.indexOf("`npm run connector-files -- --stack staging`"))
            .to.be.greaterThan(-1)
            .and.lessThan(create.indexOf("pac connector create"));
        expect(create).to.include(
            "`pac connector create --api-definition-file out/staging/connectors/arm/apiDefinition.swagger.json --api-properties-file out/staging/connectors/arm/apiProperties.json --environment <environment id or URL>`",
        );
        expect(pacConnectorCreate("staging", "arm")).to.equal(create.match(/`(pac connector create[^`]*)`/)![1]);
    });
});

describe("next steps of a planned stack", function () {
    this.timeout(120_000);
    let tmp: string;
    let first: Plan;
    let previousFile: string;

    before(async () => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-steps-"));
        const result = await planCommand(projectDir, { stack: "dev", out: path.join(tmp, "first") });
        expect(result.exitCode, result.text).to.equal(0);
        first = result.plan!;
        previousFile = path.join(tmp, "first", "dev", "plan.json");
    });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("every connector file a step names exists where the step says", () => {
        const steps = first.outputs.nextSteps as string[];
        const files = steps.flatMap((s) =>
            [...s.matchAll(/out\/dev\/connectors\/[\w-]+\/[\w.]+\.json/g)].map((m) => m[0]),
        );
        expect(files.length).to.be.at.least(4);
        for (const f of files) expect(fs.existsSync(path.join(tmp, "first", f.slice("out/".length))), f).to.equal(true);
    });

    it("prints the dev stack's HTTP with Entra ID values in its steps", () => {
        expect(first.outputs.nextSteps as string[]).to.include(
            'HTTP with Microsoft Entra ID "http-with-entra-id-microsoftgraph-all-users": in the connection, type Microsoft Entra ID Resource URI https://graph.microsoft.com/ and Base Resource URL https://graph.microsoft.com.',
        );
    });

    it("after a deployment that renews a slot (seen through --previous), names each Power Platform connector, how to update it and by when", async () => {
        // arm rotates every 60 days, orders every 45 (Pulumi.dev.yaml): on 2026-03-03 both renew their older slot. arm's
        // connector was made by hand, so a person updates it; orders' connector is the stack's, which PATCHes it.
        const out = path.join(tmp, "second");
        const result = await planCommand(projectDir, {
            stack: "dev",
            out,
            previous: previousFile,
            now: "2026-03-03T00:00:00Z",
        });
        expect(result.exitCode, result.text).to.equal(0);
        const steps = result.plan!.outputs.nextSteps as string[];
        const renewal = steps.filter((s) => s.includes("renewed client secret slot"));
        expect(renewal.map((s) => s.match(/^Connector "([\w-]+)"/)![1])).to.deep.equal(["arm"]);
        const arm = renewal[0];
        expect(arm)
            .to.include("slot b")
            .and.include("previous secret (slot a), which stops working on 2026-06-30T00:00:00Z");
        expect(arm).to.include("Update connector").and.include("paconn update").and.include("--secret");
        // The stack's own connector shows the delivery instead: an update carrying the renewed slot's key id.
        expect(result.text).to.match(
            /~ {2}PowerPlatformConnector connector-orders-power-platform-connector\n\s+clientSecretVersion: [0-9a-f-]{36} -> [0-9a-f-]{36}/,
        );
        // The Logic Apps connector also renewed nothing it keeps itself: the stack updates its custom API.
        expect(steps.some((s) => s.startsWith('Connector "orders-logic-apps"') && s.includes("renewed"))).to.equal(
            false,
        );
        // The steps are in plan.json and in the connector's README too.
        expect(JSON.parse(fs.readFileSync(path.join(out, "dev", "plan.json"), "utf8")).outputs.nextSteps).to.deep.equal(
            steps,
        );
        expect(fs.readFileSync(path.join(out, "dev", "connectors", "arm", "README.md"), "utf8")).to.include(
            "renewed client secret slot b",
        );
        // A renewal of the older slot is a replace, but not one that breaks connections (no "!!").
        expect(result.text).to.include(
            "+- ApplicationPassword connector-arm-secret-b (planned renewal of the older secret slot: the newest secret stays valid)",
        );
        expect(result.text).to.not.match(/^!! .*connector-arm-secret/m);
        // The plan's diff text names them too, with the deadline.
        expect(result.text).to.include("  arm: slot b renewed; update the connector before 2026-06-30T00:00:00Z");
        expect(result.text).to.not.include("  orders: slot b renewed");
        // Without --previous the same clock shows no renewal: there is nothing to compare with.
        const alone = await planCommand(projectDir, {
            stack: "dev",
            out: path.join(tmp, "alone"),
            now: "2026-03-03T00:00:00Z",
        });
        expect((alone.plan!.outputs.nextSteps as string[]).some((s) => s.includes("renewed"))).to.equal(false);
    });

    it("secretRenewals ignores a connector whose newest slot kept its key id", () => {
        const config = stack({ connectors: { arm: connector({}) } });
        const slots = {
            a: { keyId: "k1", endDate: "2026-06-30T00:00:00Z" },
            b: { keyId: "k2", endDate: "2026-06-30T00:00:00Z" },
            newest: "a" as const,
        };
        expect(secretRenewals(config, { arm: { secretSlots: slots } }, { arm: { secretSlots: slots } })).to.deep.equal(
            [],
        );
        const renewed = { ...slots, b: { keyId: "k3", endDate: "2026-09-01T00:00:00Z" }, newest: "b" as const };
        expect(
            secretRenewals(config, { arm: { secretSlots: slots } }, { arm: { secretSlots: renewed } }),
        ).to.deep.equal([
            { connectorKey: "arm", renewedSlot: "b", previousSlot: "a", deadline: "2026-06-30T00:00:00Z" },
        ]);
    });
});
