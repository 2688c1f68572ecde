// The policy pack: every rule with a passing and a violating case, severities, the CrossGuard adapter,
// and the same rules over the real dev plan (no mandatory finding) and over a config that breaks one.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import { unknownCheckingProxy } from "@pulumi/policy";
import type {
    ResourceValidation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationPolicy,
} from "@pulumi/policy";
import { parseStackConfig } from "../config";
import { planCommand } from "../offline/plan/planCli";
import { planPolicyContext, policyFindings } from "../offline/plan/policyFindings";
import { runOffline } from "../offline/plan/runOffline";
import { DEFAULT_NOW } from "../offline/simulator";
import { loadStackConfigFiles } from "../offline/plan/stackFiles";
import { plain, policies, toPolicies } from "../policy/policies";
import { plannedStack } from "./helpers/plannedStacks";
import {
    appOf,
    DEFAULT_POLICY_CONFIG,
    evaluateRules,
    PolicyConfig,
    policyConfig,
    PolicyContext,
    PolicyResource,
    Rule,
    RULES,
    severityOf,
    TYPES,
    UNKNOWN,
} from "../policy/rules";

const PROJECT_DIR = path.resolve(__dirname, "..");
const STACK_URN = "urn:pulumi:dev::entra-connectors::pulumi:pulumi:Stack::entra-connectors-dev";
const DEPLOYER = "600fb51b-0a5f-5ac3-8b78-f494a0dff5c6";
const TEAM_OWNER = "9a1f3c2e-7b6d-4e5f-8a9b-0c1d2e3f4a5b";
const GRAPH = "00000003-0000-0000-c000-000000000000";
const ARM = "797f4846-ba00-4fd7-ba43-dac1f8f63013";
const POWER_PLATFORM_API = "8578e004-a5c6-46e7-913e-12f58912df43";
const PP_COMPONENT = "entra-connectors:index:PowerPlatformApiClient";

// ---- building resources the way Pulumi names them ------------------------------------------------------------

function typesOf(urn: string): string {
    return urn.split("::")[2];
}

function component(type: string, name: string, parent?: PolicyResource): PolicyResource {
    const types = parent ? `${typesOf(parent.urn)}$${type}` : type;
    return {
        type,
        name,
        urn: `urn:pulumi:dev::entra-connectors::${types}::${name}`,
        parent: parent?.urn ?? STACK_URN,
        inputs: {},
        protect: false,
        retainOnDelete: false,
    };
}

function child(
    parent: PolicyResource | undefined,
    type: string,
    name: string,
    inputs: Record<string, unknown>,
    opts: { protect?: boolean; retainOnDelete?: boolean | undefined } = {},
): PolicyResource {
    return {
        ...component(type, name, parent),
        inputs,
        protect: opts.protect ?? false,
        retainOnDelete: "retainOnDelete" in opts ? opts.retainOnDelete : false,
    };
}

interface ConnectorOptions {
    readonly api?: string;
    readonly registration?: Record<string, unknown>;
    readonly registrationOpts?: { protect?: boolean };
    readonly redirectUris?: string[];
    readonly owners?: string[];
    readonly secretEndDate?: unknown;
    /** Renewal period of the time.Rotating (default half the lifetime). */
    readonly rotationDays?: number;
    /** lifetimeDays of the SecretSlots (default 180). */
    readonly lifetimeDays?: number;
    readonly federated?: Record<string, unknown>;
}

/** A ConnectorClient with its children, as the program registers them. */
function connector(key: string, o: ConnectorOptions = {}): PolicyResource[] {
    const name = `connector-${key}`;
    const c = component(TYPES.connectorClient, name);
    const resources = [
        c,
        child(
            c,
            TYPES.registration,
            `${name}-app`,
            {
                displayName: `${key} (dev)`,
                signInAudience: "AzureADMyOrg",
                implicitAccessTokenIssuanceEnabled: false,
                implicitIdTokenIssuanceEnabled: false,
                ...o.registration,
            },
            o.registrationOpts,
        ),
        child(c, TYPES.redirectUris, `${name}-redirect-uris`, {
            applicationId: UNKNOWN,
            type: "Web",
            redirectUris: o.redirectUris ?? ["https://global.consent.azure-apim.net/redirect"],
        }),
        child(c, TYPES.apiAccess, `${name}-api-access`, {
            applicationId: UNKNOWN,
            apiClientId: o.api ?? ARM,
            scopeIds: ["41094075-9dad-400e-a0bd-54e686782033"],
        }),
        child(c, TYPES.owner, `${name}-owner-deployer`, { applicationId: UNKNOWN, ownerObjectId: DEPLOYER }),
        ...(o.owners ?? [TEAM_OWNER]).map((owner) =>
            child(c, TYPES.owner, `${name}-owner-${owner}`, { applicationId: UNKNOWN, ownerObjectId: owner }),
        ),
        child(c, TYPES.servicePrincipal, `${name}-sp`, { clientId: UNKNOWN }),
    ];
    if (o.secretEndDate !== undefined || o.rotationDays !== undefined || o.lifetimeDays !== undefined) {
        // What createClientSecret (components/clientSecret.ts) registers: a time.Rotating that sets the renewal period,
        // the SecretSlots that carry the lifetime, and two passwords (slots a and b) whose end dates come from the slots.
        const lifetimeDays = o.lifetimeDays ?? 180;
        resources.push(
            child(c, TYPES.rotating, `${name}-secret-rotation`, {
                rotationDays: o.rotationDays ?? Math.floor(lifetimeDays / 2),
            }),
        );
        resources.push(
            child(c, TYPES.secretSlots, `${name}-secret-slots`, { epoch: UNKNOWN, lifetimeDays, state: UNKNOWN }),
        );
        for (const slot of ["a", "b"]) {
            resources.push(
                child(c, TYPES.password, `${name}-secret-${slot}`, {
                    applicationId: UNKNOWN,
                    displayName: `entra-connectors: connector ${key} (slot ${slot})`,
                    rotateWhenChanged: UNKNOWN,
                    ...(o.secretEndDate === null ? {} : { endDate: o.secretEndDate ?? UNKNOWN }),
                }),
            );
        }
    }
    if (o.federated) {
        const f = component("entra-connectors:index:ConnectorFederatedCredential", `${name}-federated`, c);
        resources.push(
            f,
            child(f, TYPES.federatedCredential, `${name}-federated-fic`, {
                applicationId: UNKNOWN,
                audiences: ["api://AzureADTokenExchange"],
                issuer: "https://login.microsoftonline.com/3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45/v2.0",
                subject: "/eid1/c/pub/t/cSyKP05bGk2cbo4rfwodRQ/a/qzXoWDkuqUa3l6zM5mM0Rw/shared_graph",
                ...o.federated,
            }),
        );
    }
    return resources;
}

function ctx(
    all: readonly PolicyResource[],
    overrides: Partial<Omit<PolicyContext, "all" | "config">> & { config?: Partial<PolicyConfig> } = {},
): PolicyContext {
    const { config, ...rest } = overrides;
    return {
        environment: "dev",
        production: false,
        cloud: "public",
        now: DEFAULT_NOW,
        deployerObjectId: DEPLOYER,
        ...rest,
        config: policyConfig(config),
        all,
    };
}

function rule(name: string): Rule {
    const found = RULES.find((r) => r.name === name);
    if (!found) throw new Error(`no rule ${name}`);
    return found;
}

/** Messages of one rule over every resource. */
function run(name: string, context: PolicyContext): string[] {
    const r = rule(name);
    return context.all.flatMap((resource) => r.check(resource, context).map((m) => `${resource.name}: ${m}`));
}

// ---- the rules -------------------------------------------------------------------------------------------------

describe("policy rules", () => {
    it("have stable, unique kebab-case names, a description and a severity", () => {
        const names = RULES.map((r) => r.name);
        expect(new Set(names).size).to.equal(names.length);
        for (const r of RULES) {
            expect(r.name).to.match(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
            expect(r.description).to.have.length.greaterThan(20);
            expect(["mandatory", "advisory"]).to.include(r.defaultSeverity);
        }
        expect(names).to.include.members([
            "federated-client-single-tenant",
            "redirect-uris-secure",
            "implicit-grant-minimal",
            "client-secret-max-lifetime",
            "no-power-platform-application-permissions",
            "no-high-privilege-graph-application-permissions",
            "app-owner-besides-deployer",
            "federated-credential-audience-issuer",
            "public-client-flows-require-ropc",
            "first-party-service-principal-retained",
            "production-app-registration-protected",
            "sign-in-audience-single-tenant",
            "identifier-uri-scheme",
            "no-high-privilege-graph-delegated-permissions",
        ]);
    });

    it("relate a component's children, nested ones included, to its registration", () => {
        const all = connector("graph-me", { federated: {} });
        const fic = all.find((r) => r.type === TYPES.federatedCredential)!;
        expect(appOf(fic, all)?.name).to.equal("connector-graph-me-app");
        const owner = all.find((r) => r.name === "connector-graph-me-owner-deployer")!;
        expect(appOf(owner, all)?.name).to.equal("connector-graph-me-app");
    });

    describe("federated-client-single-tenant", () => {
        it("passes a single-tenant federated client", () => {
            expect(run("federated-client-single-tenant", ctx(connector("graph-me", { federated: {} })))).to.deep.equal(
                [],
            );
        });
        it("flags a multi-tenant registration that has a federated credential", () => {
            const messages = run(
                "federated-client-single-tenant",
                ctx(connector("graph-me", { federated: {}, registration: { signInAudience: "AzureADMultipleOrgs" } })),
            );
            expect(messages).to.have.length(1);
            expect(messages[0]).to.match(
                /^connector-graph-me-app: .*AzureADMultipleOrgs.*Set signInAudience to "AzureADMyOrg"/,
            );
        });
        it("leaves multi-tenant registrations without a federated credential to sign-in-audience-single-tenant", () => {
            expect(
                run(
                    "federated-client-single-tenant",
                    ctx(connector("arm", { registration: { signInAudience: "AzureADMultipleOrgs" } })),
                ),
            ).to.deep.equal([]);
        });
    });

    describe("redirect-uris-secure", () => {
        it("passes the connector consent service, and localhost over http on a non-connector app", () => {
            expect(
                run(
                    "redirect-uris-secure",
                    ctx(
                        connector("arm", {
                            redirectUris: ["https://global.consent.azure-apim.net/redirect/shared-5farm-123"],
                        }),
                    ),
                ),
            ).to.deep.equal([]);
            const dev = child(undefined, TYPES.redirectUris, "tool-redirect-uris", {
                type: "PublicClient",
                redirectUris: ["http://localhost:8400"],
            });
            expect(run("redirect-uris-secure", ctx([dev]))).to.deep.equal([]);
        });
        it("flags http, wildcards and a connector Web redirect to another host", () => {
            const messages = run(
                "redirect-uris-secure",
                ctx(
                    connector("arm", {
                        redirectUris: ["http://contoso.com/cb", "https://*.contoso.com/cb", "https://contoso.com/cb"],
                    }),
                ),
            );
            expect(messages).to.have.length(3);
            expect(messages[0]).to.match(/uses http/);
            expect(messages[1]).to.match(/wildcard/);
            expect(messages[2]).to.match(
                /not the connector consent service \(global\.consent\.azure-apim\.net\).*allowedRedirectHosts/,
            );
        });
        it("accepts an allow-listed host", () => {
            const all = connector("arm", { redirectUris: ["https://contoso.com/cb"] });
            expect(
                run("redirect-uris-secure", ctx(all, { config: { allowedRedirectHosts: ["contoso.com"] } })),
            ).to.deep.equal([]);
        });
    });

    describe("implicit-grant-minimal", () => {
        it("passes implicit flows off, and flags access tokens even on a connector calling its own API", () => {
            expect(run("implicit-grant-minimal", ctx(connector("arm")))).to.deep.equal([]);
            const own = connector("orders", {
                api: UNKNOWN,
                registration: { implicitAccessTokenIssuanceEnabled: true },
            });
            expect(run("implicit-grant-minimal", ctx(own))).to.have.length(1);
        });
        it("flags implicit ID tokens anywhere and access tokens for a Microsoft API", () => {
            const messages = run(
                "implicit-grant-minimal",
                ctx(
                    connector("graph", {
                        api: GRAPH,
                        registration: {
                            implicitIdTokenIssuanceEnabled: true,
                            implicitAccessTokenIssuanceEnabled: true,
                        },
                    }),
                ),
            );
            expect(messages).to.have.length(2);
            expect(messages[0]).to.match(/implicitIdTokenIssuanceEnabled to false/);
            expect(messages[1]).to.match(/implicitAccessTokenIssuanceEnabled to false/);
        });
    });

    describe("client-secret-max-lifetime", () => {
        it("passes a secret ending within 180 days (exactly 180 included)", () => {
            expect(
                run("client-secret-max-lifetime", ctx(connector("arm", { secretEndDate: "2026-06-30T00:00:00Z" }))),
            ).to.deep.equal([]);
        });
        it("flags a secret ending after 180 days, with the fix", () => {
            const messages = run(
                "client-secret-max-lifetime",
                ctx(connector("arm", { secretEndDate: "2027-02-05T00:00:00Z" })),
            );
            expect(messages).to.have.length(2); // both slots
            expect(messages[0]).to.match(
                /ends 2027-02-05T00:00:00Z, 400 days after 2026-01-01T00:00:00Z; secrets may live at most 180 days\. Lower secretLifetimeDays/,
            );
        });
        it("reads the lifetime the secret slots carry when the end date is unknown (preview), not the rotation period", () => {
            expect(
                run("client-secret-max-lifetime", ctx(connector("arm", { lifetimeDays: 180, rotationDays: 90 }))),
            ).to.deep.equal([]);
            // 300-day lifetime renewed every 150 days: the period is under the maximum, the lifetime is not.
            const messages = run(
                "client-secret-max-lifetime",
                ctx(connector("arm", { lifetimeDays: 300, rotationDays: 150 })),
            );
            expect(messages).to.have.length(2);
            expect(messages[0]).to.match(
                /^connector-arm-secret-a: lives 300 days \(lifetimeDays of secret slots "connector-arm-secret-slots"\); secrets may live at most 180 days/,
            );
        });
        it("reads the period of a lone password's own time.Rotating (<name>-rotation) as its lifetime", () => {
            const c = component(TYPES.connectorClient, "connector-legacy");
            const all = [
                c,
                child(c, TYPES.rotating, "connector-legacy-secret-rotation", { rotationDays: 365 }),
                child(c, TYPES.password, "connector-legacy-secret", { applicationId: UNKNOWN, endDate: UNKNOWN }),
            ];
            expect(run("client-secret-max-lifetime", ctx(all))).to.deep.equal([
                'connector-legacy-secret: rotates every 365 days (time.Rotating "connector-legacy-secret-rotation"); secrets may live at most 180 days. Lower secretLifetimeDays (entra-connectors:connectors.<key>.secretLifetimeDays) to 180 or less.',
            ]);
        });
        it("flags a secret without an end date (Entra's 2-year default) and honours maxSecretLifetimeDays", () => {
            expect(run("client-secret-max-lifetime", ctx(connector("arm", { secretEndDate: null })))[0]).to.match(
                /no endDate.*2 years/,
            );
            const all = connector("arm", { secretEndDate: "2027-02-05T00:00:00Z" });
            expect(
                run("client-secret-max-lifetime", ctx(all, { config: { maxSecretLifetimeDays: 400 } })),
            ).to.deep.equal([]);
        });
    });

    describe("no-power-platform-application-permissions", () => {
        const ppClient = (apiAccess: Record<string, unknown>) => {
            const c = component(PP_COMPONENT, "pp-api-client-admin");
            return [
                c,
                child(c, TYPES.registration, "pp-api-client-admin-app", { signInAudience: "AzureADMyOrg" }),
                child(c, TYPES.apiAccess, "pp-api-client-admin-api-access", {
                    apiClientId: POWER_PLATFORM_API,
                    scopeIds: ["2149f6ff-faa6-56d9-b259-20e97856b477"],
                    ...apiAccess,
                }),
            ];
        };
        it("passes delegated-only access", () => {
            expect(run("no-power-platform-application-permissions", ctx(ppClient({})))).to.deep.equal([]);
        });
        it("flags roleIds on the Power Platform API and an app-role assignment on its service principal", () => {
            const ppSp = child(undefined, TYPES.servicePrincipal, "first-party-sp-powerPlatformApi", {
                clientId: POWER_PLATFORM_API,
                useExisting: true,
                objectId: "03e57100-3d14-5296-856d-3351e44ae13d",
            });
            const assignment = child(undefined, TYPES.appRoleAssignment, "pp-role", {
                appRoleId: "11111111-2222-3333-4444-555555555555",
                principalObjectId: "47e6940a-b9e4-5b54-b6a7-4df1d4aadbc9",
                resourceObjectId: "03e57100-3d14-5296-856d-3351e44ae13d",
            });
            const messages = run(
                "no-power-platform-application-permissions",
                ctx([...ppClient({ roleIds: ["aaaaaaaa-0000-0000-0000-000000000000"] }), ppSp, assignment]),
            );
            expect(messages).to.have.length(2);
            expect(messages[0]).to.match(
                /^pp-api-client-admin-api-access: requests application permissions.*delegated permissions only/,
            );
            expect(messages[1]).to.match(/^pp-role: assigns an app role of the Power Platform API/);
        });
    });

    describe("no-high-privilege-graph-application-permissions", () => {
        const graphAccess = (roleIds: string[]) =>
            child(undefined, TYPES.apiAccess, "daemon-api-access", { apiClientId: GRAPH, roleIds });
        it("passes low-privilege application permissions", () => {
            expect(
                run(
                    "no-high-privilege-graph-application-permissions",
                    ctx([graphAccess(["df021288-bdef-4463-88db-98f22de89214"])]),
                ),
            ).to.deep.equal([]);
        });
        it("flags each high-privilege one, in API access and in app-role assignments", () => {
            const assignment = child(undefined, TYPES.appRoleAssignment, "daemon-role", {
                appRoleId: "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8",
                resourceObjectId: UNKNOWN,
            });
            const messages = run(
                "no-high-privilege-graph-application-permissions",
                ctx([
                    graphAccess([
                        "19dbc75e-c2e2-444c-a770-ec69d8559fc7",
                        "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9",
                        "06b708a9-e830-4db3-a914-8e69da51d44f",
                    ]),
                    assignment,
                ]),
            );
            expect(messages).to.have.length(4);
            expect(messages.join("\n"))
                .to.match(/Directory\.ReadWrite\.All/)
                .and.match(/Application\.ReadWrite\.All/)
                .and.match(/AppRoleAssignment\.ReadWrite\.All/);
            expect(messages[3]).to.match(/^daemon-role: .*RoleManagement\.ReadWrite\.Directory/);
        });
        it("allows an allow-listed one by name", () => {
            const all = [graphAccess(["1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9"])];
            expect(
                run(
                    "no-high-privilege-graph-application-permissions",
                    ctx(all, { config: { allowedGraphApplicationPermissions: ["Application.ReadWrite.All"] } }),
                ),
            ).to.deep.equal([]);
        });
    });

    describe("app-owner-besides-deployer", () => {
        it("passes in production with a second owner, and in dev without one", () => {
            expect(run("app-owner-besides-deployer", ctx(connector("arm"), { production: true }))).to.deep.equal([]);
            expect(run("app-owner-besides-deployer", ctx(connector("arm", { owners: [] })))).to.deep.equal([]);
        });
        it("flags a production app owned only by the deployer (recognised by object id or by name)", () => {
            expect(
                run("app-owner-besides-deployer", ctx(connector("arm", { owners: [] }), { production: true }))[0],
            ).to.match(/^connector-arm-app: has no owner besides the deploying identity.*entra-connectors:owners/);
            // Entra accepts only users and service principals as application owners: the message never suggests a group.
            const message = run(
                "app-owner-besides-deployer",
                ctx(connector("arm", { owners: [] }), { production: true }),
            )[0];
            expect(message).to.include("user object id").and.include("not groups");
            expect(message).not.to.match(/add a (team )?group/i);
            expect(
                run("app-owner-besides-deployer", ctx(connector("arm", { owners: [DEPLOYER] }), { production: true })),
            ).to.have.length(1);
            expect(
                run(
                    "app-owner-besides-deployer",
                    ctx(connector("arm", { owners: [] }), { production: true, deployerObjectId: undefined }),
                ),
            ).to.have.length(1);
        });
    });

    describe("federated-credential-audience-issuer", () => {
        it("passes the cloud's audience and an https issuer", () => {
            expect(
                run("federated-credential-audience-issuer", ctx(connector("graph-me", { federated: {} }))),
            ).to.deep.equal([]);
            const gov = connector("graph-me", {
                federated: {
                    audiences: ["api://AzureADTokenExchangeUSGov"],
                    issuer: "https://login.microsoftonline.us/t/v2.0",
                },
            });
            expect(run("federated-credential-audience-issuer", ctx(gov, { cloud: "usgovernment" }))).to.deep.equal([]);
        });
        it("flags another cloud's audience, extra audiences and a non-https issuer", () => {
            const messages = run(
                "federated-credential-audience-issuer",
                ctx(
                    connector("graph-me", {
                        federated: {
                            audiences: ["api://AzureADTokenExchange", "api://other"],
                            issuer: "http://issuer.example",
                        },
                    }),
                ),
            );
            expect(messages).to.have.length(2);
            expect(messages[0]).to.match(/requires exactly \["api:\/\/AzureADTokenExchange"\]/);
            expect(messages[1]).to.match(/not an https URL/);
            expect(
                run(
                    "federated-credential-audience-issuer",
                    ctx(connector("graph-me", { federated: {} }), { cloud: "china" }),
                )[0],
            ).to.match(/AzureADTokenExchangeChina/);
        });
    });

    describe("public-client-flows-require-ropc", () => {
        const ppClient = (registration: Record<string, unknown>, enabled = true) => {
            const c = component(PP_COMPONENT, "pp-api-client-admin-sdk");
            return [
                c,
                child(c, TYPES.registration, "pp-api-client-admin-sdk-app", {
                    signInAudience: "AzureADMyOrg",
                    ...registration,
                }),
                child(c, TYPES.fallbackPublicClient, "pp-api-client-admin-sdk-public-client-flows", {
                    applicationId: UNKNOWN,
                    enabled,
                }),
            ];
        };
        it("passes when the registration declares ROPC (notes or description), the component is allow-listed, or flows are off", () => {
            expect(
                run(
                    "public-client-flows-require-ropc",
                    ctx(ppClient({ notes: "ROPC: legacy admin script without MFA" })),
                ),
            ).to.deep.equal([]);
            expect(
                run(
                    "public-client-flows-require-ropc",
                    ctx(ppClient({ description: "Uses ROPC for the nightly export" })),
                ),
            ).to.deep.equal([]);
            expect(
                run(
                    "public-client-flows-require-ropc",
                    ctx(ppClient({}), { config: { ropcAllowed: ["pp-api-client-admin-sdk"] } }),
                ),
            ).to.deep.equal([]);
            expect(run("public-client-flows-require-ropc", ctx(ppClient({}, false)))).to.deep.equal([]);
        });
        it("flags public client flows on a registration that does not declare ROPC", () => {
            const messages = run("public-client-flows-require-ropc", ctx(ppClient({ description: "Admin SDK" })));
            expect(messages).to.have.length(1);
            expect(messages[0]).to.match(
                /^pp-api-client-admin-sdk-public-client-flows: .*"pp-api-client-admin-sdk-app".*put "ROPC".*ropcAllowed/,
            );
        });
    });

    describe("first-party-service-principal-retained", () => {
        const sp = (inputs: Record<string, unknown>, retainOnDelete: boolean | undefined) =>
            child(undefined, TYPES.servicePrincipal, "first-party-sp-powerPlatformApi", inputs, { retainOnDelete });
        it("passes a retained first-party principal, an own app's principal, and an unknown option (CrossGuard)", () => {
            expect(
                run(
                    "first-party-service-principal-retained",
                    ctx([sp({ clientId: POWER_PLATFORM_API, useExisting: true }, true)]),
                ),
            ).to.deep.equal([]);
            expect(
                run("first-party-service-principal-retained", ctx([sp({ clientId: UNKNOWN }, false)])),
            ).to.deep.equal([]);
            expect(
                run("first-party-service-principal-retained", ctx([sp({ clientId: POWER_PLATFORM_API }, undefined)])),
            ).to.deep.equal([]);
        });
        it("flags a first-party or adopted principal that a destroy would delete", () => {
            expect(
                run(
                    "first-party-service-principal-retained",
                    ctx([sp({ clientId: POWER_PLATFORM_API, useExisting: true }, false)]),
                )[0],
            ).to.match(/retainOnDelete: true/);
            expect(
                run(
                    "first-party-service-principal-retained",
                    ctx([sp({ clientId: UNKNOWN, useExisting: true }, false)]),
                ),
            ).to.have.length(1);
        });
    });

    describe("production-app-registration-protected", () => {
        it("passes a protected registration in production, and any in dev", () => {
            expect(
                run(
                    "production-app-registration-protected",
                    ctx(connector("arm", { registrationOpts: { protect: true } }), { production: true }),
                ),
            ).to.deep.equal([]);
            expect(run("production-app-registration-protected", ctx(connector("arm")))).to.deep.equal([]);
        });
        it("flags an unprotected registration in production", () => {
            const messages = run(
                "production-app-registration-protected",
                ctx(connector("arm"), { production: true, environment: "prod" }),
            );
            expect(messages).to.deep.equal([
                'connector-arm-app: is not protected in production stack "prod"; a delete or replace would break every connection using it. Add { protect: true } to its resource options.',
            ]);
        });
    });

    describe("sign-in-audience-single-tenant", () => {
        it("passes AzureADMyOrg, the provider default and an allow-listed component", () => {
            expect(run("sign-in-audience-single-tenant", ctx(connector("arm")))).to.deep.equal([]);
            expect(
                run(
                    "sign-in-audience-single-tenant",
                    ctx(connector("arm", { registration: { signInAudience: undefined } })),
                ),
            ).to.deep.equal([]);
            const multi = connector("arm", { registration: { signInAudience: "AzureADMultipleOrgs" } });
            expect(
                run(
                    "sign-in-audience-single-tenant",
                    ctx(multi, { config: { multiTenantAllowed: ["connector-arm"] } }),
                ),
            ).to.deep.equal([]);
        });
        it("flags multi-tenant and personal-account audiences", () => {
            const messages = run(
                "sign-in-audience-single-tenant",
                ctx(connector("arm", { registration: { signInAudience: "AzureADandPersonalMicrosoftAccount" } })),
            );
            expect(messages).to.have.length(1);
            expect(messages[0]).to.match(/personal Microsoft accounts.*multiTenantAllowed/);
        });
    });

    describe("identifier-uri-scheme", () => {
        const uri = (identifierUri: unknown) =>
            child(undefined, TYPES.identifierUri, "api-orders-identifier-uri", { identifierUri });
        it("passes api:// and https on a domain, and an unknown value", () => {
            for (const value of [
                "api://1b121a89-4165-5830-acde-7aae88357983",
                "api://3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45/orders",
                "https://orders.contoso.com/api",
                UNKNOWN,
            ]) {
                expect(run("identifier-uri-scheme", ctx([uri(value)])), value as string).to.deep.equal([]);
            }
        });
        it("flags http, wildcards, fragments and bare names", () => {
            for (const value of [
                "http://orders.contoso.com",
                "api://*.contoso",
                "https://orders.contoso.com/#x",
                "orders",
                "https://localhost/api",
            ]) {
                expect(run("identifier-uri-scheme", ctx([uri(value)])), value).to.have.length(1);
            }
        });
    });

    describe("no-high-privilege-graph-delegated-permissions", () => {
        it("passes ordinary delegated permissions", () => {
            const access = child(undefined, TYPES.apiAccess, "c-api-access", {
                apiClientId: GRAPH,
                scopeIds: ["e1fe6dd8-ba31-4d61-89e7-88639da4683d"],
            });
            const grant = child(undefined, TYPES.delegatedGrant, "c-grant", {
                claimValues: ["User.Read", "Calendars.Read"],
            });
            expect(run("no-high-privilege-graph-delegated-permissions", ctx([access, grant]))).to.deep.equal([]);
        });
        it("flags Directory.AccessAsUser.All and friends in API access and grants, unless allow-listed", () => {
            const access = child(undefined, TYPES.apiAccess, "c-api-access", {
                apiClientId: GRAPH,
                scopeIds: ["0e263e50-5827-48a4-b97c-d940288653c7"],
            });
            const grant = child(undefined, TYPES.delegatedGrant, "c-grant", {
                claimValues: ["User.Read", "Directory.ReadWrite.All"],
            });
            const messages = run("no-high-privilege-graph-delegated-permissions", ctx([access, grant]));
            expect(messages).to.have.length(2);
            expect(messages[0]).to.match(/^c-api-access: .*Directory\.AccessAsUser\.All/);
            expect(messages[1]).to.match(/^c-grant: .*Directory\.ReadWrite\.All/);
            const allowed = ctx([access], {
                config: { allowedGraphDelegatedPermissions: ["Directory.AccessAsUser.All"] },
            });
            expect(run("no-high-privilege-graph-delegated-permissions", allowed)).to.deep.equal([]);
        });
    });

    it("every rule has a passing and a violating case above", function () {
        const titles = (this.test?.parent?.suites ?? []).map((s) => s.title);
        for (const r of RULES) expect(titles, r.name).to.include(r.name);
    });
});

// ---- severities -------------------------------------------------------------------------------------------------

describe("policy severities", () => {
    it("default per rule and can be overridden by name", () => {
        const r = rule("client-secret-max-lifetime");
        expect(severityOf(r, DEFAULT_POLICY_CONFIG)).to.equal("mandatory");
        expect(severityOf(r, policyConfig({ severities: { "client-secret-max-lifetime": "advisory" } }))).to.equal(
            "advisory",
        );
        expect(severityOf(rule("no-high-privilege-graph-delegated-permissions"), DEFAULT_POLICY_CONFIG)).to.equal(
            "advisory",
        );
    });

    it("carry into evaluated violations and CrossGuard enforcement levels", () => {
        const all = connector("arm", { secretEndDate: "2027-02-05T00:00:00Z" });
        const downgraded = ctx(all, { config: { severities: { "client-secret-max-lifetime": "advisory" } } });
        const violations = evaluateRules(downgraded).filter((v) => v.rule.name === "client-secret-max-lifetime");
        expect(violations.map((v) => v.severity)).to.deep.equal(["advisory", "advisory"]); // one per password slot
        expect(evaluateRules(ctx(all)).find((v) => v.rule.name === "client-secret-max-lifetime")?.severity).to.equal(
            "mandatory",
        );

        const levels = Object.fromEntries(
            toPolicies(RULES, downgraded.config).map((p) => [p.name, p.enforcementLevel]),
        );
        expect(levels["client-secret-max-lifetime"]).to.equal("advisory");
        expect(levels["redirect-uris-secure"]).to.equal("mandatory");
    });
});

// ---- the CrossGuard adapter -------------------------------------------------------------------------------------

describe("policy pack (policy/policies.ts)", () => {
    it("has one policy per rule: resource policies for single-resource rules, stack policies for the others", () => {
        expect(policies.map((p) => p.name)).to.deep.equal(RULES.map((r) => r.name));
        for (const r of RULES) {
            const p = policies.find((x) => x.name === r.name)!;
            expect(p.enforcementLevel).to.equal(r.defaultSeverity);
            expect(r.crossResource ? "validateStack" in p : "validateResource" in p, r.name).to.equal(true);
            // configSchema: the rule's own fields plus the pack settings; never enforcementLevel (CrossGuard rejects it).
            expect(Object.keys(p.configSchema!.properties)).to.include.members([
                ...r.configKeys,
                "cloud",
                "productionStacks",
            ]);
            expect(p.configSchema!.properties).to.not.have.property("enforcementLevel");
        }
        expect(
            policies.find((p) => p.name === "client-secret-max-lifetime")!.configSchema!.properties
                .maxSecretLifetimeDays,
        ).to.include({ default: 180 });
    });

    it("copies preview values out of CrossGuard's unknown-checking proxy, unknowns as [unknown]", () => {
        const props = unknownCheckingProxy({
            endDate: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
            redirectUris: ["https://a.example", "04da6b54-80e4-46f7-96ec-b56ff0331ba9"],
            enabled: true,
        });
        expect(plain(props)).to.deep.equal({
            endDate: UNKNOWN,
            redirectUris: ["https://a.example", UNKNOWN],
            enabled: true,
        });
    });

    it("runs a stack policy over args.resources with the policy's config (preview: unknown end date, slots' lifetime)", () => {
        const policy = toPolicies(RULES, DEFAULT_POLICY_CONFIG, () => new Date(DEFAULT_NOW)).find(
            (p) => p.name === "client-secret-max-lifetime",
        ) as StackValidationPolicy;
        const resources = connector("arm", { lifetimeDays: 365 }).map((r) => ({
            type: r.type,
            name: r.name,
            urn: r.urn,
            props: unknownCheckingProxy({
                ...r.inputs,
                ...(r.type === TYPES.password ? { endDate: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" } : {}),
            }),
            opts: {
                protect: false,
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
        const report = (config: object) => {
            const violations: { message: string; urn?: string }[] = [];
            policy.validateStack(
                {
                    resources,
                    stackTags: new Map(),
                    getConfig: <T extends object>() => config as T,
                    notApplicable: () => {
                        throw new Error("n/a");
                    },
                },
                (message, urn) => violations.push({ message, urn }),
            );
            return violations;
        };
        const violations = report({});
        expect(violations).to.have.length(2);
        expect(violations.map((v) => v.urn)).to.deep.equal(
            resources.filter((r) => r.type === TYPES.password).map((r) => r.urn),
        );
        expect(violations[0].message).to.match(/lives 365 days/);
        expect(report({ maxSecretLifetimeDays: 400 })).to.deep.equal([]);
    });

    it("runs a resource policy with the cloud from the azuread provider and production from the stack name or tag", () => {
        const byName = Object.fromEntries(toPolicies().map((p) => [p.name, p]));
        const fic = connector("graph-me", { federated: {} }).find((r) => r.type === TYPES.federatedCredential)!;
        const app = connector("arm")[1];
        const validate = (
            name: string,
            r: PolicyResource,
            extra: {
                stack?: string;
                provider?: Record<string, unknown>;
                tags?: Map<string, string>;
                config?: object;
            } = {},
        ) => {
            const messages: string[] = [];
            const urn = extra.stack ? r.urn.replace("urn:pulumi:dev::", `urn:pulumi:${extra.stack}::`) : r.urn;
            ((byName[name] as ResourceValidationPolicy).validateResource as ResourceValidation)(
                {
                    type: r.type,
                    name: r.name,
                    urn,
                    props: unknownCheckingProxy(r.inputs),
                    opts: {
                        protect: r.protect,
                        ignoreChanges: [],
                        aliases: [],
                        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
                        additionalSecretOutputs: [],
                        parent: r.parent,
                    },
                    provider: extra.provider
                        ? { type: "pulumi:providers:azuread", props: extra.provider, urn: "p", name: "default" }
                        : undefined,
                    stackTags: extra.tags ?? new Map(),
                    getConfig: <T extends object>() => (extra.config ?? {}) as T,
                    notApplicable: () => {
                        throw new Error("n/a");
                    },
                    isType: () => false,
                    asType: () => undefined,
                } as unknown as ResourceValidationArgs,
                (message: string) => messages.push(message),
            );
            return messages;
        };
        expect(validate("federated-credential-audience-issuer", fic)).to.deep.equal([]);
        expect(
            validate("federated-credential-audience-issuer", fic, { provider: { environment: "usgovernment" } })[0],
        ).to.match(/AzureADTokenExchangeUSGov/);
        expect(validate("federated-credential-audience-issuer", fic, { config: { cloud: "china" } })[0]).to.match(
            /AzureADTokenExchangeChina/,
        );
        expect(validate("production-app-registration-protected", app)).to.deep.equal([]);
        expect(validate("production-app-registration-protected", app, { stack: "prod" })).to.have.length(1);
        expect(
            validate("production-app-registration-protected", app, {
                tags: new Map([["entra-connectors:production", "true"]]),
            }),
        ).to.have.length(1);
        expect(
            validate("production-app-registration-protected", app, {
                stack: "staging",
                config: { productionStacks: ["staging"] },
            }),
        ).to.have.length(1);
    });
});

// ---- the offline plan -------------------------------------------------------------------------------------------

describe("policy findings on the offline plan", () => {
    const files = loadStackConfigFiles(PROJECT_DIR, "dev");
    const devConfig = parseStackConfig(files.config, files.secretKeys);

    it("the dev stack plans with no mandatory (error) policy finding", async () => {
        const plan = await plannedStack("dev");
        const findings = policyFindings(plan, planPolicyContext(devConfig));
        expect(
            findings.filter((f) => f.severity === "error"),
            JSON.stringify(findings, null, 2),
        ).to.deep.equal([]);
    });

    it("every rule runs on every planned resource (a prod-like context flags unprotected registrations)", async () => {
        const plan = await plannedStack("dev");
        const findings = policyFindings(plan, {
            ...planPolicyContext(devConfig),
            production: true,
            environment: "prod",
        });
        const registrations = plan.resources.filter((r) => r.type === TYPES.registration);
        const protect = findings.filter((f) => f.rule === "production-app-registration-protected");
        expect(protect.map((f) => f.urn).sort()).to.deep.equal(registrations.map((r) => r.urn).sort());
        expect(protect.every((f) => f.severity === "error")).to.equal(true);
        // Every registration has the config's extra owner, so the owner rule stays quiet.
        expect(findings.filter((f) => f.rule === "app-owner-besides-deployer")).to.deep.equal([]);
    });

    it("a config that violates a rule shows the finding (400-day secret > 180-day maximum)", async () => {
        const connectors = JSON.parse(files.config["entra-connectors:connectors"]);
        connectors.arm.secretLifetimeDays = 400;
        const plan = await runOffline({
            projectDir: PROJECT_DIR,
            stack: "dev",
            configOverrides: { "entra-connectors:connectors": connectors },
        });
        const findings = policyFindings(plan, planPolicyContext(devConfig));
        const secret = findings.filter((f) => f.rule === "client-secret-max-lifetime");
        // Both password slots are created with the long lifetime; each is reported.
        expect(secret.map((f) => f.urn.split("::").pop())).to.deep.equal([
            "connector-arm-secret-a",
            "connector-arm-secret-b",
        ]);
        expect(secret.every((f) => f.severity === "error")).to.equal(true);
        expect(secret[0].message).to.match(/^connector-arm-secret-a: ends 2027-02-05T00:00:00Z, 400 days after/);
    });

    it("npm run plan prints the finding, exits 1 and writes nothing; the dev stack plans with exit 0", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "entra-policy-"));
        try {
            const text = fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.dev.yaml"), "utf8");
            const configFile = path.join(dir, "Pulumi.dev.yaml");
            fs.writeFileSync(configFile, text.replace(/(arm:[\s\S]*?secretLifetimeDays: )180/, "$1400"));
            const failed = await planCommand(PROJECT_DIR, { stack: "dev", configFile, out: path.join(dir, "out") });
            expect(failed.exitCode).to.equal(1);
            expect(failed.text).to.match(
                /ERROR \[client-secret-max-lifetime\] connector-arm-secret-a: ends 2027-02-05/,
            );
            expect(fs.existsSync(path.join(dir, "out", "dev", "plan.json"))).to.equal(false);

            const ok = await planCommand(PROJECT_DIR, { stack: "dev", out: path.join(dir, "out") });
            expect(ok.exitCode, ok.text).to.equal(0);
            const planJson = JSON.parse(fs.readFileSync(path.join(dir, "out", "dev", "plan.json"), "utf8"));
            expect(planJson.findings.filter((f: { severity: string }) => f.severity === "error")).to.deep.equal([]);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
