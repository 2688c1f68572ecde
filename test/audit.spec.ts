// Audit findings of issue 12 (4-7, 11, 13-16): each test here fails on the code before its fix.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import { ConfigError, parseStackConfig } from "../config";
import { planCommand } from "../offline/planCli";
import { connectorFileSets } from "../offline/connectorFiles";
import { permissionId, uuidV5 } from "../entra/deterministicIds";
import { redirectUriProblem } from "../entra/entraRules";
import { powerPlatformSubject } from "../entra/powerPlatformSubject";
import { planPolicyContext, toPolicyResource } from "../offline/policyFindings";
import { evaluateRules, PolicyResource, TYPES, UNKNOWN } from "../policy/rules";
import { toPolicies } from "../policy/policies";
import type { StackValidationPolicy } from "@pulumi/policy";
import { Plan, ProgramError, runOffline } from "../offline/runOffline";
import { loadStackConfigFiles } from "../offline/stackFiles";
import { T } from "./helpers/planQueries";

const projectDir = path.resolve(__dirname, "..");
const PP_APP = "58e835ab-2e39-46a9-b797-accce6633447";
const OTHER_TENANT = "11111111-2222-4333-8444-555555555555";

function devFiles() {
    return loadStackConfigFiles(projectDir, "dev");
}

function devConnectors(): Record<string, any> {
    return JSON.parse(devFiles().config["entra-connectors:connectors"]);
}

/** Plans dev with the graph-me connector's subject replaced. */
function planWithSubject(subject: string): Promise<Plan> {
    const connectors = devConnectors();
    connectors["graph-me"].federatedSubject = subject;
    return runOffline({ projectDir, stack: "dev", configOverrides: { "entra-connectors:connectors": connectors } });
}

describe("audit: federated subjects with a multi-segment tail (12.5)", function () {
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
            expect(message).to.include("entra-connectors:connectors.graph-me.federatedSubject").and.include("another tenant").and.include(OTHER_TENANT);
        }
    });
});

describe("audit: production follows entra-connectors:production in the offline policy context (12.16)", () => {
    it("treats dev with production: true as production, and prod with production: false as not", () => {
        const files = devFiles();
        const dev = parseStackConfig({ ...files.config, "entra-connectors:production": "true" }, files.secretKeys);
        expect(planPolicyContext(dev).production).to.equal(true);
        const prodFiles = loadStackConfigFiles(projectDir, "prod");
        const prod = parseStackConfig({ ...prodFiles.config, "entra-connectors:production": "false" }, prodFiles.secretKeys);
        expect(planPolicyContext(prod).production).to.equal(false);
    });

    it("defaults production to true for environment prod when the stack file does not say", () => {
        const files = loadStackConfigFiles(projectDir, "prod");
        expect(files.config).to.have.property("entra-connectors:production");
        const { ["entra-connectors:production"]: _explicit, ...withoutProduction } = files.config;
        const config = parseStackConfig(withoutProduction, files.secretKeys);
        expect(config.environment).to.equal("prod");
        expect(config.production).to.equal(true);
        expect(planPolicyContext(config).production).to.equal(true);
    });

    it("protects prod's apps with the stack file's production key removed", async () => {
        const plan = await runOffline({ projectDir, stack: "prod", configRemovals: ["entra-connectors:production"] });
        const apps = plan.resources.filter((r) => r.type === T.app);
        expect(apps.length).to.be.greaterThan(0);
        for (const app of apps) expect(app.protect, app.urn).to.equal(true);
    }).timeout(60_000);
});


describe("audit: no connector client enables the implicit flow (12.7)", function () {
    this.timeout(60_000);
    for (const stack of ["dev", "test", "prod"]) {
        it(`${stack}: every connector client's app registration has implicit access and ID tokens off`, async () => {
            const plan = await runOffline({ projectDir, stack });
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

describe("audit: Power Platform API clients that authenticate as themselves are registered with Power Platform (12.6)", function () {
    this.timeout(60_000);
    let plan: Plan;
    before(async () => {
        const clients = JSON.parse(devFiles().config["entra-connectors:powerPlatformApiClients"]);
        clients["secret-bot"] = { displayName: "Secret Bot", permissions: ["EnvironmentManagement.Environments.Read"], credential: "clientSecret" };
        plan = await runOffline({ projectDir, stack: "dev", configOverrides: { "entra-connectors:powerPlatformApiClients": clients } });
    });
    const client = (key: string) => (plan.outputs.powerPlatformApiClients as Record<string, Record<string, unknown>>)[key];

    for (const key of ["pipeline", "secret-bot"]) {
        it(`${key}: outputs the exact pac command with its client id, and a next step naming it`, () => {
            const clientId = client(key).clientId as string;
            expect(clientId).to.match(/^[0-9a-f-]{36}$/);
            expect(client(key).registrationCommand).to.equal(`pac admin application register --application-id ${clientId}`);
            const steps = (plan.outputs.nextSteps as string[]).filter((s) => s.startsWith(`Power Platform API client "${key}"`));
            expect(steps).to.have.length(1);
            expect(steps[0]).to.include(`pac admin application register --application-id ${clientId}`).and.include("Power Platform administrator");
        });
    }

    it("asks nothing of a client without a credential (it signs users in; no registration needed)", () => {
        expect(client("admin-sdk")).to.not.equal(undefined);
        expect(client("admin-sdk")).to.not.have.property("registrationCommand");
        expect((plan.outputs.nextSteps as string[]).filter((s) => s.includes('"admin-sdk"'))).to.deep.equal([]);
    });
});

describe("audit: client-secret-max-lifetime in a preview reads the slots' lifetime (12.11)", function () {
    this.timeout(60_000);

    it("flags a 300-day lifetime renewed every 150 days, on the real plan's resources seen as a first preview", async () => {
        const files = devFiles();
        const connectors = devConnectors();
        connectors.arm.secretLifetimeDays = 300;
        connectors.arm.secretRotationDays = 150;
        const overrides = { "entra-connectors:connectors": connectors };
        const plan = await runOffline({ projectDir, stack: "dev", configOverrides: overrides });
        const config = parseStackConfig({ ...files.config, "entra-connectors:connectors": JSON.stringify(connectors) }, files.secretKeys);
        // A first `pulumi preview`: nothing exists, so every output is unknown and a password's endDate (from the slots' state) too.
        const preview = plan.resources.map((r) => {
            const resource = toPolicyResource({ ...r, outputs: {} });
            return r.type === TYPES.password ? { ...resource, inputs: { ...resource.inputs, endDate: UNKNOWN } } : resource;
        });
        const rotation = preview.find((r) => r.type === TYPES.rotating && r.name === "connector-arm-secret-rotation");
        expect(rotation?.inputs.rotationDays).to.equal(150);
        const slots = preview.find((r) => r.type === TYPES.secretSlots && r.name === "connector-arm-secret-slots");
        expect(slots?.inputs.lifetimeDays).to.equal(300);
        const violations = evaluateRules({ ...planPolicyContext(config), all: preview }).filter((v) => v.rule.name === "client-secret-max-lifetime");
        expect(violations.map((v) => v.resource.name)).to.deep.equal(["connector-arm-secret-a", "connector-arm-secret-b"]);
        expect(violations[0].message).to.include("lives 300 days").and.include("at most 180 days");
    });
});

describe("audit: policy violation messages never quote a secret value (12.15)", function () {
    this.timeout(60_000);
    const SECRET = "Zq8~s3cr3t.Value-0123456789abcdef";
    let preview: PolicyResource[];
    before(async () => {
        const plan = await runOffline({ projectDir, stack: "dev" });
        // CrossGuard unwraps secrets into args.props: the password's value sits in its properties, and the same text
        // is planted where rules quote an input (a redirect URI, an end date, an identifier URI, an issuer), on a
        // resource that also carries it in a secret-looking property (a resource policy sees only its own resource).
        preview = plan.resources.map(toPolicyResource).map((r) => {
            const at = (inputs: Record<string, unknown>) => ({ ...r, inputs: { ...r.inputs, clientSecret: SECRET, ...inputs } });
            if (r.type === TYPES.password && r.name === "connector-arm-secret-a") return at({ value: SECRET, endDate: `${SECRET}Z` });
            if (r.type === TYPES.redirectUris && r.name === "connector-arm-redirect-uris") return at({ redirectUris: [`http://evil.example/cb?code=${SECRET}`] });
            if (r.type === TYPES.identifierUri) return at({ identifierUri: `https://orders.example/?k=${SECRET}` });
            if (r.type === TYPES.federatedCredential) return at({ issuer: `http://${SECRET}.example` });
            return r;
        });
        expect(preview.some((r) => r.inputs.value === SECRET)).to.equal(true);
    });
    const quoting = ["redirect-uris-secure", "client-secret-max-lifetime", "identifier-uri-scheme", "federated-credential-audience-issuer"];

    it("evaluateRules (the offline plan) redacts it from every message of every rule", () => {
        const files = devFiles();
        const violations = evaluateRules({ ...planPolicyContext(parseStackConfig(files.config, files.secretKeys)), all: preview });
        for (const rule of quoting) {
            const messages = violations.filter((v) => v.rule.name === rule).map((v) => v.message);
            expect(messages.length, rule).to.be.greaterThan(0);
            expect(messages.some((m) => m.includes("[secret]")), `${rule}: ${messages.join(" | ")}`).to.equal(true);
        }
        for (const v of violations) expect(v.message, v.rule.name).to.not.include(SECRET);
    });

    it("the CrossGuard stack policies redact it too", () => {
        const resources = preview.map((r) => ({
            type: r.type,
            name: r.name,
            urn: r.urn,
            props: r.inputs,
            opts: { protect: r.protect, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [], parent: r.parent },
            dependencies: [],
            propertyDependencies: {},
            isType: () => false,
            asType: () => undefined,
        }));
        const messages: string[] = [];
        for (const policy of toPolicies().filter((p) => quoting.includes(p.name))) {
            const stack = policy as Partial<StackValidationPolicy>;
            if (stack.validateStack) {
                stack.validateStack({ resources, stackTags: new Map(), getConfig: <C extends object>() => ({}) as C, notApplicable: () => { throw new Error("n/a"); } } as never, (m) => messages.push(m));
            } else {
                for (const r of resources) {
                    (policy as any).validateResource(
                        { type: r.type, name: r.name, urn: r.urn, props: r.props, opts: r.opts, stackTags: new Map(), getConfig: () => ({}), isType: () => false, asType: () => undefined, notApplicable: () => { throw new Error("n/a"); } },
                        (m: string) => messages.push(m),
                    );
                }
            }
        }
        expect(messages.filter((m) => m.includes("[secret]")).length, messages.join("\n")).to.be.greaterThan(2);
        for (const m of messages) expect(m).to.not.include(SECRET);
    });
});

describe("audit: a stack with azure-native resources names its subscription (12.13)", () => {
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
        const keyVault = { ...JSON.parse(config["entra-connectors:keyVault"]), subscriptionId: "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e" };
        const withVaultSubscription = { ...config, "entra-connectors:keyVault": JSON.stringify(keyVault) };
        const problems = problemsOf(withVaultSubscription);
        expect(problems.map((p) => p.path)).to.deep.equal([KEY]);
        expect(problems[0].message).to.not.include("entra-connectors:keyVault");
        expect(problems[0].message).to.include("logicApps");
        const connectors = Object.fromEntries(Object.entries(devConnectors()).filter(([, c]) => c.platform !== "logicApps"));
        expect(problemsOf({ ...withVaultSubscription, "entra-connectors:connectors": JSON.stringify(connectors) })).to.deep.equal([]);
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

describe("audit: pinned behaviours a mutation pass found unpinned (12.16)", () => {
    it("derives scope and role ids with RFC 4122 v5 from the fixed namespace: literal ids, so a namespace change fails", () => {
        // Cross-checked with Python: uuid.uuid5(uuid.NAMESPACE_DNS, "www.example.com") and with the project namespace.
        expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).to.equal("2ed6657d-e927-568b-95e1-2665a8aea6a2");
        expect(permissionId("orders", "scope", "access_as_user")).to.equal("a9ab275f-8604-5269-a105-40f4c83fb697");
        expect(permissionId("orders", "role", "Orders.Read.All")).to.equal("52da8371-8ff7-5af8-af64-4d36a82be907");
    });

    it("plans dev's orders API with exactly those ids (a live tenant's scopes keep their ids)", async () => {
        const plan = await runOffline({ projectDir, stack: "dev" });
        const scopes = plan.resources.filter((r) => r.type === T.scope).map((r) => r.inputs.scopeId);
        const roles = plan.resources.filter((r) => r.type === T.role).map((r) => r.inputs.roleId);
        expect(scopes).to.deep.equal(["a9ab275f-8604-5269-a105-40f4c83fb697"]);
        expect(roles).to.deep.equal(["52da8371-8ff7-5af8-af64-4d36a82be907"]);
    }).timeout(60_000);

    it("rejects http://localhost.evil.com as a redirect (a host that only starts with localhost), in the rules, config and policy", () => {
        expect(redirectUriProblem("http://localhost.evil.com/redirect")).to.match(/uses http/);
        expect(redirectUriProblem("http://localhost:3000/redirect")).to.equal(undefined);
        const connectors = devConnectors();
        connectors.arm.redirectUrls = ["http://localhost.evil.com/redirect"];
        try {
            parseStackConfig({ ...devFiles().config, "entra-connectors:connectors": JSON.stringify(connectors) });
            expect.fail("expected a ConfigError");
        } catch (err) {
            expect(err).to.be.instanceOf(ConfigError);
            const problem = (err as ConfigError).problems.find((p) => p.path === "entra-connectors:connectors.arm.redirectUrls[0]");
            expect(problem?.message).to.include("http://localhost.evil.com/redirect");
        }
        const urn = "urn:pulumi:dev::entra-connectors::entra-connectors:index:ConnectorClient$azuread:index/applicationRedirectUris:ApplicationRedirectUris::connector-x-redirect-uris";
        const resource: PolicyResource = {
            type: TYPES.redirectUris,
            name: "connector-x-redirect-uris",
            urn,
            parent: "urn:pulumi:dev::entra-connectors::entra-connectors:index:ConnectorClient::connector-x",
            inputs: { type: "Web", redirectUris: ["http://localhost.evil.com/redirect"] },
            protect: false,
            retainOnDelete: false,
        };
        const files = devFiles();
        const violations = evaluateRules({ ...planPolicyContext(parseStackConfig(files.config, files.secretKeys)), all: [resource] }).filter((v) => v.rule.name === "redirect-uris-secure");
        expect(violations.map((v) => v.message).join("\n")).to.include("http://localhost.evil.com/redirect").and.include("uses http");
    });
});

describe("audit: managed-identity connector files (12.4)", function () {
    this.timeout(60_000);
    let readmes: Record<string, string>;
    before(async () => {
        const files = devFiles();
        const config = parseStackConfig(files.config, files.secretKeys);
        const plan = await runOffline({ projectDir, stack: "dev" });
        const { sets } = connectorFileSets(config, plan.outputs.connectors as never, plan.outputs.nextSteps as string[]);
        readmes = Object.fromEntries(sets.map((s) => [s.connectorKey, s.files["README.md"]]));
        expect(config.connectors["graph-me"].authentication).to.equal("managedIdentity");
        expect(config.connectors["graph-calendar"].authentication).to.equal("managedIdentity");
        expect(config.connectors.arm.authentication).to.equal("clientSecret");
    });

    for (const key of ["graph-me", "graph-calendar"]) {
        it(`${key}: tells no paconn command that would fail, says there is no secret, and gives the portal steps`, () => {
            const text = readmes[key];
            expect(text).to.not.include("The client secret is not in these files");
            expect(text).to.not.match(/^paconn create/m);
            expect(text).to.include("paconn cannot create this connector").and.include("--secret");
            expect(text).to.include("no client secret at all");
            expect(text).to.include("**Secret options** choose **Use managed identity**");
            expect(text).to.include("pac connector create --api-definition-file apiDefinition.swagger.json --api-properties-file apiProperties.json");
            expect(text).to.include(`jq '.["${key}"]'`);
        });
    }

    it("graph-calendar (first pass) lists the federatedSubject step; a client-secret connector keeps paconn with --secret", () => {
        expect(readmes["graph-calendar"]).to.include("entra-connectors:connectors.graph-calendar.federatedSubject");
        expect(readmes.arm).to.match(/^paconn create .*--secret "\$\(pulumi stack output connectors --show-secrets/m);
        expect(readmes.arm).to.include("The client secret is not in these files");
    });
});

describe("audit: README permissions of the deploying identity (12.14)", () => {
    const readme = fs.readFileSync(path.join(projectDir, "README.md"), "utf8");

    it("names the Azure permissions for Key Vault secret writes and Microsoft.Web/customApis", () => {
        expect(readme).to.include("Microsoft.KeyVault/vaults/secrets/write");
        expect(readme).to.include("*Key Vault Secrets Officer* or a `Set` access policy do **not** cover it");
        expect(readme).to.include("*Logic App Contributor*").and.include("Microsoft.Web/customApis/*");
    });

    it("says why OwnedBy cannot create or patch Microsoft's service principals", () => {
        const row = readme.split("\n").find((l) => l.startsWith("| service principals of Microsoft first-party apps"));
        expect(row).to.be.a("string");
        expect(row).to.include("adopted (`useExisting`").and.include("must in the local tenant").and.include("cannot update any apps that it is not an owner of");
    });

    it("cites pulumi-azuread's provider/resources.go for the OIDC variables, not the Terraform docs", () => {
        expect(readme).to.include("https://github.com/pulumi/pulumi-azuread/blob/master/provider/resources.go");
        expect(readme).to.not.include("terraform-provider-azuread/blob/main/docs/index.md");
        for (const name of ["ARM_USE_OIDC", "ARM_CLIENT_ID", "ARM_TENANT_ID", "ACTIONS_ID_TOKEN_REQUEST_URL"]) expect(readme).to.include(name);
    });
});
