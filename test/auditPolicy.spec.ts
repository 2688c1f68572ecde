// Audit findings in the policy pack, offline plan and docs: each fails on the code before its fix, or pins a behaviour a mutation pass found loose.
import { expect } from "chai";
import type { StackValidationPolicy } from "@pulumi/policy";
import { ConfigError, parseStackConfig } from "../config";
import { permissionId, uuidV5 } from "../entra/deterministicIds";
import { redirectUriProblem } from "../entra/entraRules";
import { planPolicyContext, toPolicyResource } from "../offline/plan/policyFindings";
import { runOffline } from "../offline/plan/runOffline";
import { loadStackConfigFiles } from "../offline/plan/stackFiles";
import { toPolicies } from "../policy/policies";
import { evaluateRules, PolicyResource, TYPES, UNKNOWN } from "../policy/rules";
import { T } from "./helpers/planQueries";
import { devConnectors, devFiles, projectDir } from "./helpers/devStackConfig";
import { docPage } from "./helpers/docs";
import { plannedStack } from "./helpers/plannedStacks";

describe("audit: production follows entra-connectors:production in the offline policy context", () => {
    it("treats dev with production: true as production, and prod with production: false as not", () => {
        const files = devFiles();
        const dev = parseStackConfig({ ...files.config, "entra-connectors:production": "true" }, files.secretKeys);
        expect(planPolicyContext(dev).production).to.equal(true);
        const prodFiles = loadStackConfigFiles(projectDir, "prod");
        const prod = parseStackConfig(
            { ...prodFiles.config, "entra-connectors:production": "false" },
            prodFiles.secretKeys,
        );
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

describe("audit: client-secret-max-lifetime in a preview reads the slots' lifetime", function () {
    this.timeout(60_000);

    it("flags a 300-day lifetime renewed every 150 days, on the real plan's resources seen as a first preview", async () => {
        const files = devFiles();
        const connectors = devConnectors();
        connectors.arm.secretLifetimeDays = 300;
        connectors.arm.secretRotationDays = 150;
        const overrides = { "entra-connectors:connectors": connectors };
        const plan = await runOffline({ projectDir, stack: "dev", configOverrides: overrides });
        const config = parseStackConfig(
            { ...files.config, "entra-connectors:connectors": JSON.stringify(connectors) },
            files.secretKeys,
        );
        // A first `pulumi preview`: nothing exists, so every output is unknown and a password's endDate (from the slots' state) too.
        const preview = plan.resources.map((r) => {
            const resource = toPolicyResource({ ...r, outputs: {} });
            return r.type === TYPES.password
                ? { ...resource, inputs: { ...resource.inputs, endDate: UNKNOWN } }
                : resource;
        });
        const rotation = preview.find((r) => r.type === TYPES.rotating && r.name === "connector-arm-secret-rotation");
        expect(rotation?.inputs.rotationDays).to.equal(150);
        const slots = preview.find((r) => r.type === TYPES.secretSlots && r.name === "connector-arm-secret-slots");
        expect(slots?.inputs.lifetimeDays).to.equal(300);
        const violations = evaluateRules({ ...planPolicyContext(config), all: preview }).filter(
            (v) => v.rule.name === "client-secret-max-lifetime",
        );
        expect(violations.map((v) => v.resource.name)).to.deep.equal([
            "connector-arm-secret-a",
            "connector-arm-secret-b",
        ]);
        expect(violations[0].message).to.include("lives 300 days").and.include("at most 180 days");
    });
});

describe("audit: policy violation messages never quote a secret value", function () {
    this.timeout(60_000);
    const SECRET = "Zq8~s3cr3t.Value-0123456789abcdef";
    let preview: PolicyResource[];
    before(async () => {
        const plan = await plannedStack("dev");
        // CrossGuard unwraps secrets into args.props: the password's value sits in its properties, and the same text
        // is planted where rules quote an input (a redirect URI, an end date, an identifier URI, an issuer), on a
        // resource that also carries it in a secret-looking property (a resource policy sees only its own resource).
        preview = plan.resources.map(toPolicyResource).map((r) => {
            const at = (inputs: Record<string, unknown>) => ({
                ...r,
                inputs: { ...r.inputs, clientSecret: SECRET, ...inputs },
            });
            if (r.type === TYPES.password && r.name === "connector-arm-secret-a")
                return at({ value: SECRET, endDate: `${SECRET}Z` });
            if (r.type === TYPES.redirectUris && r.name === "connector-arm-redirect-uris")
                return at({ redirectUris: [`http://evil.example/cb?code=${SECRET}`] });
            if (r.type === TYPES.identifierUri) return at({ identifierUri: `https://orders.example/?k=${SECRET}` });
            if (r.type === TYPES.federatedCredential) return at({ issuer: `http://${SECRET}.example` });
            return r;
        });
        expect(preview.some((r) => r.inputs.value === SECRET)).to.equal(true);
    });
    const quoting = [
        "redirect-uris-secure",
        "client-secret-max-lifetime",
        "identifier-uri-scheme",
        "federated-credential-audience-issuer",
    ];

    it("evaluateRules (the offline plan) redacts it from every message of every rule", () => {
        const files = devFiles();
        const violations = evaluateRules({
            ...planPolicyContext(parseStackConfig(files.config, files.secretKeys)),
            all: preview,
        });
        for (const rule of quoting) {
            const messages = violations.filter((v) => v.rule.name === rule).map((v) => v.message);
            expect(messages.length, rule).to.be.greaterThan(0);
            expect(
                messages.some((m) => m.includes("[secret]")),
                `${rule}: ${messages.join(" | ")}`,
            ).to.equal(true);
        }
        for (const v of violations) expect(v.message, v.rule.name).to.not.include(SECRET);
    });

    it("the CrossGuard stack policies redact it too", () => {
        const resources = preview.map((r) => ({
            type: r.type,
            name: r.name,
            urn: r.urn,
            props: r.inputs,
            opts: {
                protect: r.protect,
                ignoreChanges: [],
                aliases: [],
                customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
                additionalSecretOutputs: [],
                parent: r.parent,
            },
            dependencies: [],
            propertyDependencies: {},
            isType: () => false,
            asType: () => undefined,
        }));
        const messages: string[] = [];
        for (const policy of toPolicies().filter((p) => quoting.includes(p.name))) {
            const stack = policy as Partial<StackValidationPolicy>;
            if (stack.validateStack) {
                stack.validateStack(
                    {
                        resources,
                        stackTags: new Map(),
                        getConfig: <C extends object>() => ({}) as C,
                        notApplicable: () => {
                            throw new Error("n/a");
                        },
                    } as never,
                    (m) => messages.push(m),
                );
            } else {
                for (const r of resources) {
                    (policy as any).validateResource(
                        {
                            type: r.type,
                            name: r.name,
                            urn: r.urn,
                            props: r.props,
                            opts: r.opts,
                            stackTags: new Map(),
                            getConfig: () => ({}),
                            isType: () => false,
                            asType: () => undefined,
                            notApplicable: () => {
                                throw new Error("n/a");
                            },
                        },
                        (m: string) => messages.push(m),
                    );
                }
            }
        }
        expect(messages.filter((m) => m.includes("[secret]")).length, messages.join("\n")).to.be.greaterThan(2);
        for (const m of messages) expect(m).to.not.include(SECRET);
    });
});

describe("audit: pinned behaviours a mutation pass found unpinned", () => {
    it("derives scope and role ids with RFC 4122 v5 from the fixed namespace: literal ids, so a namespace change fails", () => {
        // Cross-checked with Python: uuid.uuid5(uuid.NAMESPACE_DNS, "www.example.com") and with the project namespace.
        expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).to.equal(
            "2ed6657d-e927-568b-95e1-2665a8aea6a2",
        );
        expect(permissionId("orders", "scope", "access_as_user")).to.equal("a9ab275f-8604-5269-a105-40f4c83fb697");
        expect(permissionId("orders", "role", "Orders.Read.All")).to.equal("52da8371-8ff7-5af8-af64-4d36a82be907");
    });

    it("plans dev's orders API with exactly those ids (a live tenant's scopes keep their ids)", async () => {
        const plan = await plannedStack("dev");
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
            const problem = (err as ConfigError).problems.find(
                (p) => p.path === "entra-connectors:connectors.arm.redirectUrls[0]",
            );
            expect(problem?.message).to.include("http://localhost.evil.com/redirect");
        }
        const urn =
            "urn:pulumi:dev::entra-connectors::entra-connectors:index:ConnectorClient$azuread:index/applicationRedirectUris:ApplicationRedirectUris::connector-x-redirect-uris";
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
        const violations = evaluateRules({
            ...planPolicyContext(parseStackConfig(files.config, files.secretKeys)),
            all: [resource],
        }).filter((v) => v.rule.name === "redirect-uris-secure");
        expect(violations.map((v) => v.message).join("\n"))
            .to.include("http://localhost.evil.com/redirect")
            .and.include("uses http");
    });
});

describe("audit: docs/ci-cd.md permissions of the deploying identity", () => {
    const readme = docPage("ci-cd");

    it("names the Azure permissions for Key Vault secret writes and Microsoft.Web/customApis", () => {
        expect(readme).to.include("Microsoft.KeyVault/vaults/secrets/write");
        expect(readme).to.include("*Key Vault Secrets Officer* or a `Set` access policy do **not** cover it");
        expect(readme).to.include("*Logic App Contributor*").and.include("Microsoft.Web/customApis/*");
    });

    it("says why OwnedBy cannot create or patch Microsoft's service principals", () => {
        const row = readme.split("\n").find((l) => l.startsWith("| service principals of Microsoft first-party apps"));
        expect(row).to.be.a("string");
        // Since brownfield the stack looks Microsoft's principals up, or creates the ones config lists: never useExisting.
        expect(row).to.not.include("useExisting");
        expect(row)
            .to.include("(`createServicePrincipals`), looked up otherwise")
            .and.include("must in the local tenant")
            .and.include("cannot update any apps that it is not an owner of");
    });

    it("cites pulumi-azuread's provider/resources.go for the OIDC variables, not the Terraform docs", () => {
        expect(readme).to.include("https://github.com/pulumi/pulumi-azuread/blob/master/provider/resources.go");
        expect(readme).to.not.include("terraform-provider-azuread/blob/main/docs/index.md");
        for (const name of ["ARM_USE_OIDC", "ARM_CLIENT_ID", "ARM_TENANT_ID", "ACTIONS_ID_TOKEN_REQUEST_URL"])
            expect(readme).to.include(name);
    });
});
