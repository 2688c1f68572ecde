// Audit findings in what the stack builds: each fails on the code before its fix.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import { ConfigError, parseStackConfig } from "../config";
import { powerPlatformSubject } from "../entra/powerPlatformSubject";
import { connectorFileSets } from "../offline/plan/connectorFiles";
import { planCommand } from "../offline/plan/planCli";
import { Plan, ProgramError, runOffline } from "../offline/plan/runOffline";
import { loadStackConfigFiles } from "../offline/plan/stackFiles";
import { T } from "./helpers/planQueries";
import { devConnectors, devFiles, projectDir } from "./helpers/devStackConfig";
import { plannedStack } from "./helpers/plannedStacks";

const PP_APP = "58e835ab-2e39-46a9-b797-accce6633447";
const OTHER_TENANT = "11111111-2222-4333-8444-555555555555";

/** Plans dev with the graph-me connector's subject replaced. */
function planWithSubject(subject: string): Promise<Plan> {
    const connectors = devConnectors();
    connectors["graph-me"].federatedSubject = subject;
    return runOffline({ projectDir, stack: "dev", configOverrides: { "entra-connectors:connectors": connectors } });
}

describe("audit: federated subjects with a multi-segment tail", function () {
    this.timeout(60_000);
    const tenant = devFiles().config["azuread:tenantId"];
    const tail = "n/plugin/e/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9/h/3A5F1C";

    it("plans a managed-identity connector whose subject tail has several segments", async () => {
        const subject = powerPlatformSubject(tenant, PP_APP, tail);
        const plan = await planWithSubject(subject);
        expect(plan.findings.filter((f) => f.severity === "error")).to.deep.equal([]);
        const fics = plan.resources.filter((r) => r.type === T.fic && r.inputs.subject === subject);
        expect(fics).to.have.length(1);
    });

    it("still rejects a multi-segment subject copied from another tenant, naming the key", async () => {
        const subject = powerPlatformSubject(OTHER_TENANT, PP_APP, tail);
        try {
            await planWithSubject(subject);
            expect.fail("expected the plan to fail");
        } catch (err) {
            expect(err).to.be.instanceOf(ProgramError);
            const message = (err as Error).message;
            expect(message)
                .to.include("entra-connectors:connectors.graph-me.federatedSubject")
                .and.include("another tenant")
                .and.include(OTHER_TENANT);
        }
    });
});

describe("audit: no connector client enables the implicit flow", function () {
    this.timeout(60_000);
    for (const stack of ["dev", "test", "prod"]) {
        it(`${stack}: every connector client's app registration has implicit access and ID tokens off`, async () => {
            const plan = await plannedStack(stack);
            const clients = plan.resources.filter((r) => r.type === "entra-connectors:index:ConnectorClient");
            expect(clients.length, "connector clients in the plan").to.be.greaterThan(0);
            for (const client of clients) {
                const apps = plan.resources.filter((r) => r.type === T.app && r.parent === client.urn);
                expect(apps, client.name).to.have.length(1);
                expect(apps[0].inputs.implicitAccessTokenIssuanceEnabled, client.name).to.equal(false);
                expect(apps[0].inputs.implicitIdTokenIssuanceEnabled, client.name).to.equal(false);
            }
            expect(plan.findings.filter((f) => f.rule === "implicit-grant-minimal")).to.deep.equal([]);
        });
    }
});

describe("audit: Power Platform API clients that authenticate as themselves are registered with Power Platform", function () {
    this.timeout(60_000);
    let plan: Plan;
    before(async () => {
        const clients = JSON.parse(devFiles().config["entra-connectors:powerPlatformApiClients"]);
        clients["secret-bot"] = {
            displayName: "Secret Bot",
            permissions: ["EnvironmentManagement.Environments.Read"],
            credential: "clientSecret",
        };
        plan = await runOffline({
            projectDir,
            stack: "dev",
            configOverrides: { "entra-connectors:powerPlatformApiClients": clients },
        });
    });
    const client = (key: string) =>
        (plan.outputs.powerPlatformApiClients as Record<string, Record<string, unknown>>)[key];

    for (const key of ["pipeline", "secret-bot"]) {
        it(`${key}: outputs the exact pac command with its client id, and a next step naming it`, () => {
            const clientId = client(key).clientId as string;
            expect(clientId).to.match(/^[0-9a-f-]{36}$/);
            expect(client(key).registrationCommand).to.equal(
                `pac admin application register --application-id ${clientId}`,
            );
            const steps = (plan.outputs.nextSteps as string[]).filter((s) =>
                s.startsWith(`Power Platform API client "${key}"`),
            );
            expect(steps).to.have.length(1);
            expect(steps[0])
                .to.include(`pac admin application register --application-id ${clientId}`)
                .and.include("Power Platform administrator");
        });
    }

    it("asks nothing of a client without a credential (it signs users in; no registration needed)", () => {
        expect(client("admin-sdk")).to.not.equal(undefined);
        expect(client("admin-sdk")).to.not.have.property("registrationCommand");
        expect((plan.outputs.nextSteps as string[]).filter((s) => s.includes('"admin-sdk"'))).to.deep.equal([]);
    });
});

describe("audit: a stack with azure-native resources names its subscription", () => {
    const KEY = "azure-native:subscriptionId";
    const problemsOf = (config: Record<string, string>) => {
        try {
            parseStackConfig(config);
            return [];
        } catch (err) {
            expect(err).to.be.instanceOf(ConfigError);
            return (err as ConfigError).problems;
        }
    };
    const withoutSubscription = () => {
        const { [KEY]: subscription, ...rest } = devFiles().config;
        expect(subscription, "dev sets the subscription today").to.match(/^[0-9a-f-]{36}$/);
        return rest;
    };

    it("dev without azure-native:subscriptionId (Key Vault and a Logic Apps API) is one error at that key, naming both and the fix", () => {
        const problems = problemsOf(withoutSubscription());
        expect(problems.map((p) => p.path)).to.deep.equal([KEY]);
        expect(problems[0].message)
            .to.include("entra-connectors:keyVault")
            .and.match(/entra-connectors:connectors\.[\w-]+\.platform: logicApps/)
            .and.include("A Subscription ID must be configured when authenticating with OIDC")
            .and.include(`Fix: pulumi config set ${KEY}`);
    });

    it("keyVault.subscriptionId covers Key Vault but not a Logic Apps API; without azure-native resources nothing is asked", () => {
        const config = withoutSubscription();
        const keyVault = {
            ...JSON.parse(config["entra-connectors:keyVault"]),
            subscriptionId: "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e",
        };
        const withVaultSubscription = { ...config, "entra-connectors:keyVault": JSON.stringify(keyVault) };
        const problems = problemsOf(withVaultSubscription);
        expect(problems.map((p) => p.path)).to.deep.equal([KEY]);
        expect(problems[0].message).to.not.include("entra-connectors:keyVault");
        expect(problems[0].message).to.include("logicApps");
        const connectors = Object.fromEntries(
            Object.entries(devConnectors()).filter(([, c]) => c.platform !== "logicApps"),
        );
        expect(
            problemsOf({ ...withVaultSubscription, "entra-connectors:connectors": JSON.stringify(connectors) }),
        ).to.deep.equal([]);
        for (const stack of ["test", "prod"]) {
            const files = loadStackConfigFiles(projectDir, stack);
            expect(files.config[KEY], stack).to.equal(undefined);
            expect(problemsOf(files.config), stack).to.deep.equal([]);
        }
    });

    it("npm run plan exits 1 naming the key and writes nothing", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "entra-subscription-"));
        try {
            const text = fs.readFileSync(path.join(projectDir, "Pulumi.dev.yaml"), "utf8");
            const configFile = path.join(dir, "Pulumi.dev.yaml");
            fs.writeFileSync(configFile, text.replace(/^\s*azure-native:subscriptionId:.*\n/m, ""));
            const result = await planCommand(projectDir, { stack: "dev", configFile, out: path.join(dir, "out") });
            expect(result.exitCode).to.equal(1);
            expect(result.text).to.include(KEY).and.include("Fix:");
            expect(fs.existsSync(path.join(dir, "out"))).to.equal(false);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    }).timeout(60_000);
});

describe("audit: managed-identity connector files", function () {
    this.timeout(60_000);
    let readmes: Record<string, string>;
    before(async () => {
        const files = devFiles();
        const config = parseStackConfig(files.config, files.secretKeys);
        const plan = await plannedStack("dev");
        const { sets } = connectorFileSets(
            config,
            plan.outputs.connectors as never,
            plan.outputs.nextSteps as string[],
            {
                source: { kind: "plan", stack: "dev" },
            },
        );
        readmes = Object.fromEntries(sets.map((s) => [s.connectorKey, s.files["README.md"]]));
        expect(config.connectors["graph-me"].authentication).to.equal("managedIdentity");
        expect(config.connectors["graph-calendar"].authentication).to.equal("managedIdentity");
        expect(config.connectors.arm.authentication).to.equal("clientSecret");
    });

    for (const key of ["graph-me"]) {
        it(`${key}: tells no paconn command that would fail, says there is no secret, and gives the portal steps`, () => {
            const text = readmes[key];
            expect(text).to.not.include("The client secret is not in these files");
            expect(text).to.not.match(/^paconn create/m);
            expect(text).to.include("paconn cannot create this connector").and.include("--secret");
            expect(text).to.include("no client secret at all");
            expect(text).to.include("**Secret options** choose **Use managed identity**");
            expect(text).to.include(
                "pac connector create --api-definition-file apiDefinition.swagger.json --api-properties-file apiProperties.json",
            );
            expect(text).to.include(`jq '.["${key}"]'`);
        });
    }

    it("a connector the stack creates (graph-calendar, orders) is never to be created, imported or given a secret by hand", () => {
        for (const key of ["graph-calendar", "orders"]) {
            const text = readmes[key];
            expect(text, key).to.include("The stack creates this connector itself in Power Platform environment");
            expect(text, key).to.not.match(/pac connector create|paconn|Security tab|federatedSubject/);
        }
        expect(readmes.orders).to.include("delivers every renewed client secret");
    });

    it("a client-secret connector made by hand keeps paconn with --secret", () => {
        expect(readmes.arm).to.match(/^paconn create .*--secret "\$\(pulumi stack output connectors --show-secrets/m);
        expect(readmes.arm).to.include("The client secret is not in these files");
    });
});
