// The real program on the dev stack, run offline under the Entra simulator: scenarios 1-3 of DESIGN.md,
// the project's conventions, determinism, and how config errors and first-party service principals surface.
import * as path from "path";
import { expect } from "chai";
import { ConnectorClient } from "../components/connectorClient";
import { DelegatedConsent } from "../components/consent";
import { permissionId } from "../entra/deterministicIds";
import { ConnectorFederatedCredential } from "../components/federatedCredential";
import { PowerPlatformApiClient } from "../components/powerPlatformApiClient";
import { PowerPlatformConnector } from "../components/powerPlatformConnector";
import { POWER_PLATFORM_CONNECTOR_TYPE } from "../components/powerPlatformConnectorProvider";
import { ProtectedApi } from "../components/protectedApi";
import { SECURITY_TAB_FIELDS } from "../stack/composeStack";
import { RecordedResource } from "../offline/simulator/recordingMonitor";
import { planQueries, T } from "./helpers/planQueries";
import { Plan, ProgramError, runOffline } from "../offline/plan/runOffline";
import { DEFAULT_NOW, EntraSimulator } from "../offline/simulator";
import { loadStackConfigFiles } from "../offline/plan/stackFiles";
import { plannedStack } from "./helpers/plannedStacks";

const PROJECT_DIR = path.resolve(__dirname, "..");

const COMPONENT_TYPES = [
    ProtectedApi.TYPE,
    ConnectorClient.TYPE,
    ConnectorFederatedCredential.TYPE,
    DelegatedConsent.TYPE,
    PowerPlatformApiClient.TYPE,
    PowerPlatformConnector.TYPE,
];

const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
const SERVICE_MANAGEMENT_APP_ID = "797f4846-ba00-4fd7-ba43-dac1f8f63013";
const USER_IMPERSONATION_ID = "41094075-9dad-400e-a0bd-54e686782033";
const POWER_PLATFORM_API_APP_ID = "8578e004-a5c6-46e7-913e-12f58912df43";

// Plan inputs/outputs and stack outputs are plain JSON walked by path, hence `any`.
type Any = any;

/** The dev stack's config as the CLI would pass it, so expectations follow Pulumi.dev.yaml. */
const devConfig = loadStackConfigFiles(PROJECT_DIR, "dev").config;
const TENANT = devConfig["azuread:tenantId"];
const OWNERS: string[] = JSON.parse(devConfig["entra-connectors:owners"]);
const CONNECTORS: Any = JSON.parse(devConfig["entra-connectors:connectors"]);

/** What the simulated tenant answers to the program's invokes (the same simulator runOffline uses). */
const tenant = new EntraSimulator({ tenantId: TENANT, now: DEFAULT_NOW });
const DEPLOYER_OBJECT_ID = tenant.deployerObjectId;
const GRAPH_SP_OBJECT_ID: string = tenant.call("azuread:index/getServicePrincipal:getServicePrincipal", {
    clientId: GRAPH_APP_ID,
}).objectId as string;

async function programError(run: Promise<Plan>): Promise<ProgramError> {
    try {
        await run;
    } catch (err) {
        expect(err).to.be.instanceOf(ProgramError);
        return err as ProgramError;
    }
    return expect.fail("expected runOffline to reject");
}

describe("dev stack, offline", function () {
    this.timeout(60_000);
    let plan: Plan;

    before(async () => {
        plan = await plannedStack("dev");
    });

    const { byUrn, component, under, one } = planQueries(() => plan);
    const connector = (key: string) => component(ConnectorClient.TYPE, `connector-${key}`);
    const api = (key: string) => component(ProtectedApi.TYPE, `api-${key}`);
    const inputs = (r: RecordedResource): Any => r.inputs;
    const outputs = (r: RecordedResource): Any => r.outputs;
    const connectorOutput = (key: string): Any => (plan.outputs.connectors as Any)[key];

    it("has no error findings", () => {
        expect(plan.findings.filter((f) => f.severity === "error")).to.deep.equal([]);
        expect(plan.resources.length).to.be.greaterThan(0);
    });

    describe("scenario 1: Azure Resource Manager connector (arm, client secret)", () => {
        it("registers a single-tenant app named for the environment", () => {
            const app = one(connector("arm"), T.app);
            expect(inputs(app).signInAudience).to.equal("AzureADMyOrg");
            expect(inputs(app).displayName).to.equal("Azure Resource Manager Connector (dev)");
            expect(inputs(app).implicitAccessTokenIssuanceEnabled).to.equal(false);
        });

        it("asks for user_impersonation on Windows Azure Service Management API", () => {
            const access = one(connector("arm"), T.apiAccess);
            expect(inputs(access).apiClientId).to.equal(SERVICE_MANAGEMENT_APP_ID);
            expect(inputs(access).scopeIds).to.deep.equal([USER_IMPERSONATION_ID]);
            expect(inputs(access).applicationId).to.equal(outputs(one(connector("arm"), T.app)).id);
        });

        it("registers the configured redirect URL on the Web platform", () => {
            const redirect = one(connector("arm"), T.redirectUris);
            expect(CONNECTORS.arm.redirectUrls).to.have.length(1);
            expect(inputs(redirect).type).to.equal("Web");
            expect(inputs(redirect).redirectUris).to.deep.equal(CONNECTORS.arm.redirectUrls);
        });

        it("keeps two password slots whose end dates come from the rotation state, anchored in a time.Rotating", () => {
            const passwords = under(connector("arm"), T.password).sort((x, y) => x.name.localeCompare(y.name));
            const rotation = one(connector("arm"), T.rotating);
            const slots = one(connector("arm"), T.secretSlots);
            expect(passwords.map((p) => p.name)).to.deep.equal(["connector-arm-secret-a", "connector-arm-secret-b"]);
            expect(inputs(rotation).rotationDays).to.equal(CONNECTORS.arm.secretRotationDays);
            expect(inputs(slots).epoch).to.equal(outputs(rotation).rfc3339);
            expect(inputs(slots).lifetimeDays).to.equal(CONNECTORS.arm.secretLifetimeDays);
            const state = outputs(slots).state as Record<string, { since: string; endDate: string }>;
            for (const [slot, password] of [
                ["a", passwords[0]],
                ["b", passwords[1]],
            ] as const) {
                expect(inputs(password).endDate).to.equal(state[slot].endDate);
                expect(inputs(password).rotateWhenChanged).to.deep.equal({ renewedAt: state[slot].since });
                expect(password.dependencies).to.include(slots.urn);
                expect(inputs(password).applicationId).to.equal(outputs(one(connector("arm"), T.app)).id);
                expect(outputs(password).value).to.equal("[secret]");
            }
            // The end date is the lifetime after the epoch, not a clock read in the program.
            expect(Date.parse(state.a.endDate) - Date.parse(String(outputs(rotation).rfc3339))).to.equal(
                CONNECTORS.arm.secretLifetimeDays! * 86_400_000,
            );
        });

        it("exports both slots' key ids and end dates, and the newest slot as clientSecret", () => {
            const out = connectorOutput("arm") as Record<string, any>;
            const passwords = under(connector("arm"), T.password);
            const byKeyId = new Map(passwords.map((p) => [outputs(p).keyId, p]));
            expect(byKeyId.get(out.secretSlots.a.keyId)?.name).to.equal("connector-arm-secret-a");
            expect(byKeyId.get(out.secretSlots.b.keyId)?.name).to.equal("connector-arm-secret-b");
            expect(out.secretSlots.newest).to.equal("a");
            expect(out.secretEndDate).to.equal(out.secretSlots.a.endDate);
            expect(JSON.stringify(out.secretSlots)).to.not.include("[secret]");
        });

        it("writes the newest secret to the stack's Key Vault and names it in the output", () => {
            const kv = one(connector("arm"), T.keyVaultSecret);
            const out = connectorOutput("arm") as Record<string, any>;
            expect(inputs(kv)).to.include({
                resourceGroupName: "rg-connectors-dev",
                vaultName: "kv-connectors-dev",
                secretName: "dev-connector-arm-client-secret",
            });
            expect(inputs(kv).properties).to.equal("[secret]");
            expect(outputs(kv).id).to.equal(
                "/subscriptions/6d1e4b2a-9c8f-4e7d-a3b5-2f0c9e8d7a61/resourceGroups/rg-connectors-dev/providers/Microsoft.KeyVault/vaults/kv-connectors-dev/secrets/dev-connector-arm-client-secret",
            );
            expect(out.keyVaultSecret).to.deep.equal({
                vaultName: "kv-connectors-dev",
                secretName: "dev-connector-arm-client-secret",
                resourceId: outputs(kv).id,
            });
            expect((inputs(kv).tags as Record<string, string>)["entra-key-id"]).to.equal(out.secretSlots.a.keyId);
        });

        it("exports every Security-tab field, with the secret as a secret", () => {
            const out = connectorOutput("arm");
            for (const field of SECURITY_TAB_FIELDS) expect(out, field).to.have.property(field);
            expect(out.identityProvider).to.equal("Azure Active Directory");
            expect(out.clientId).to.equal(outputs(one(connector("arm"), T.app)).clientId);
            expect(out.clientId).to.match(/^[0-9a-f-]{36}$/);
            expect(out.secretOption).to.equal("Use client secret");
            expect(out.authorizationUrl).to.equal("https://login.microsoftonline.com");
            expect(out.tenantId).to.equal(TENANT);
            expect(out.resourceUrl).to.equal("https://management.core.windows.net/");
            expect(out.scope).to.equal("user_impersonation");
            expect(out.enableOnBehalfOfLogin).to.equal(false);
            expect(out.redirectUrls).to.deep.equal(CONNECTORS.arm.redirectUrls);
            expect(out.clientSecret).to.equal("[secret]");
            expect(out).to.not.have.property("federatedCredential");
        });

        it("never shows the simulated password anywhere in the plan", () => {
            expect(under(connector("arm"), T.password)).to.have.length(2);
            expect(JSON.stringify(plan)).to.not.include("simulated-secret");
        });
    });

    describe("scenario 2: managed identity connectors (graph-me made by hand, graph-calendar created by the stack)", () => {
        it("gives graph-me a federated identity credential for the configured subject", () => {
            const fic = one(connector("graph-me"), T.fic);
            expect(byUrn(fic.parent)?.type).to.equal(ConnectorFederatedCredential.TYPE);
            expect(inputs(fic).issuer).to.equal(`https://login.microsoftonline.com/${TENANT}/v2.0`);
            expect(inputs(fic).subject).to.equal(CONNECTORS["graph-me"].federatedSubject);
            expect(inputs(fic).audiences).to.deep.equal(["api://AzureADTokenExchange"]);
            expect(inputs(fic).displayName).to.equal("power-platform-graph-me");
            expect(inputs(fic).applicationId).to.equal(outputs(one(connector("graph-me"), T.app)).id);
        });

        it("creates no secret for either managed-identity connector", () => {
            for (const key of ["graph-me", "graph-calendar"]) {
                expect(under(connector(key), T.password), key).to.deep.equal([]);
                expect(under(connector(key), T.rotating), key).to.deep.equal([]);
                expect(connectorOutput(key), key).to.not.have.property("clientSecret");
            }
        });

        it("grants admin consent for User.Read from graph-me's service principal to Microsoft Graph's", () => {
            const grant = one(connector("graph-me"), T.grant);
            expect(byUrn(grant.parent)?.type).to.equal(DelegatedConsent.TYPE);
            const sp = one(connector("graph-me"), T.sp);
            expect(inputs(grant).claimValues).to.deep.equal(["User.Read"]);
            expect(inputs(grant).servicePrincipalObjectId).to.equal(outputs(sp).objectId);
            expect(GRAPH_SP_OBJECT_ID).to.be.a("string").and.not.equal(outputs(sp).objectId);
            expect(inputs(grant).resourceServicePrincipalObjectId).to.equal(GRAPH_SP_OBJECT_ID);
            expect(inputs(grant)).to.not.have.property("userObjectId");
        });

        it("creates graph-calendar's connector and, in the same pass, trusts the subject and redirect URL it shows", () => {
            // The client app itself registers neither: the connector's component does, from the connector's outputs.
            expect(under(connector("graph-calendar"), T.fic)).to.deep.equal([]);
            expect(under(connector("graph-calendar"), T.redirectUris)).to.deep.equal([]);
            expect(under(connector("graph-calendar"), T.grant)).to.deep.equal([]);
            const created = component(PowerPlatformConnector.TYPE, "connector-graph-calendar-power-platform");
            const resource = one(created, POWER_PLATFORM_CONNECTOR_TYPE);
            expect(inputs(resource).environment).to.equal(CONNECTORS["graph-calendar"].powerPlatform.environment);
            expect(inputs(resource).managedIdentity).to.equal(true);
            const fic = one(created, T.fic);
            expect(inputs(fic).subject)
                .to.equal(outputs(resource).federatedSubject)
                .and.match(/^\/eid1\/c\/pub\/t\//);
            expect(inputs(fic).applicationId).to.equal(outputs(one(connector("graph-calendar"), T.app)).id);
            expect(inputs(fic).displayName).to.equal("power-platform-graph-calendar");
            const redirect = one(created, T.redirectUris);
            expect(inputs(redirect).redirectUris).to.deep.equal([outputs(resource).redirectUrl]);
            expect(inputs(redirect).applicationId).to.equal(outputs(one(connector("graph-calendar"), T.app)).id);
            // The connector is created after the app (it needs the client id), the credential after the connector.
            expect(resource.dependencies).to.include(one(connector("graph-calendar"), T.app).urn);
            expect(fic.dependencies).to.include(resource.urn);
            const steps = plan.outputs.nextSteps as string[];
            expect(steps.some((s) => s.includes("connectors.graph-calendar.federatedSubject"))).to.equal(false);
            expect(
                steps.some((s) => s.startsWith('Connector "graph-calendar"') && s.includes("pac connector create")),
            ).to.equal(false);
            // graph-me already has its subject: no such step for it.
            expect(steps.some((s) => s.includes("entra-connectors:connectors.graph-me.federatedSubject"))).to.equal(
                false,
            );
        });

        it("exports graph-me's federated credential and managed-identity settings", () => {
            const out = connectorOutput("graph-me");
            expect(out.federatedCredential).to.deep.equal({
                issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
                subject: CONNECTORS["graph-me"].federatedSubject,
                audience: "api://AzureADTokenExchange",
            });
            expect(out.secretOption).to.equal("Use managed identity");
            expect(out.resourceUrl).to.equal("https://graph.microsoft.com/");
            expect(out.scope).to.equal("User.Read");
            // graph-calendar's credential carries the subject its connector shows.
            const created = component(PowerPlatformConnector.TYPE, "connector-graph-calendar-power-platform");
            expect(connectorOutput("graph-calendar").federatedCredential.subject).to.equal(
                outputs(one(created, POWER_PLATFORM_CONNECTOR_TYPE)).federatedSubject,
            );
        });
    });

    describe("scenario 3: own protected API (orders) and its connector", () => {
        const apiApp = () => one(api("orders"), T.app);
        const scopeId = permissionId("orders", "scope", "access_as_user");

        it("sets the Application ID URI to api://{the API app's clientId}", () => {
            const uri = one(api("orders"), T.identifierUri);
            expect(outputs(apiApp()).clientId).to.match(/^[0-9a-f-]{36}$/);
            expect(inputs(uri).identifierUri).to.equal(`api://${outputs(apiApp()).clientId}`);
            expect(inputs(uri).applicationId).to.equal(outputs(apiApp()).id);
        });

        it("exposes access_as_user with a derived id, user-consentable", () => {
            const scope = one(api("orders"), T.scope);
            expect(inputs(scope).value).to.equal("access_as_user");
            expect(inputs(scope).scopeId).to.equal(scopeId);
            expect(inputs(scope).type).to.equal("User");
            expect(inputs(scope).userConsentDisplayName).to.be.a("string").and.not.equal("");
        });

        it("declares the Orders.Read.All app role", () => {
            const role = one(api("orders"), T.role);
            expect(inputs(role).value).to.equal("Orders.Read.All");
            expect(inputs(role).roleId).to.equal(permissionId("orders", "role", "Orders.Read.All"));
            expect(inputs(role).allowedMemberTypes).to.deep.equal(["Application"]);
        });

        it("creates the API's service principal", () => {
            const sp = one(api("orders"), T.sp);
            expect(inputs(sp).clientId).to.equal(outputs(apiApp()).clientId);
        });

        it("pre-authorizes the connector on the API app for the scope, after the scope exists", () => {
            const pre = one(connector("orders"), T.preAuthorized);
            expect(inputs(pre).applicationId).to.equal(outputs(apiApp()).id);
            expect(inputs(pre).authorizedClientId).to.equal(outputs(one(connector("orders"), T.app)).clientId);
            expect(inputs(pre).permissionIds).to.deep.equal([scopeId]);
            expect(pre.dependencies).to.include(one(api("orders"), T.scope).urn);
        });

        it("enables no implicit flow on the connector app (connectors use the authorization code flow)", () => {
            const app = one(connector("orders"), T.app);
            expect(inputs(app).implicitAccessTokenIssuanceEnabled).to.equal(false);
            expect(inputs(app).implicitIdTokenIssuanceEnabled).to.equal(false);
        });

        it("asks for the API's scope id on the API's client id", () => {
            const access = one(connector("orders"), T.apiAccess);
            expect(inputs(access).apiClientId).to.equal(outputs(apiApp()).clientId);
            expect(inputs(access).scopeIds).to.deep.equal([scopeId]);
            expect(access.dependencies).to.include(one(api("orders"), T.scope).urn);
        });

        it("exports the identifier URI as the connector's resource URL", () => {
            const identifierUri = `api://${outputs(apiApp()).clientId}`;
            expect(connectorOutput("orders").resourceUrl).to.equal(identifierUri);
            expect((plan.outputs.apis as Any).orders.identifierUri).to.equal(identifierUri);
            expect((plan.outputs.apis as Any).orders.scopeIds).to.deep.equal({ access_as_user: scopeId });
            expect(connectorOutput("orders").clientSecret).to.equal("[secret]");
        });
    });

    describe("conventions", () => {
        it("parents every Entra resource to a component, except stack-level first-party service principals", () => {
            const custom = plan.resources.filter((r) => r.custom);
            expect(custom.length).to.be.greaterThan(0);
            for (const r of custom) {
                const parent = byUrn(r.parent);
                if (parent === undefined) {
                    expect(r.type, r.urn).to.equal(T.sp);
                    // Created because the dev tenant lacks it (createServicePrincipals), never adopted with useExisting.
                    expect(inputs(r).useExisting, r.urn).to.equal(undefined);
                } else {
                    expect(COMPONENT_TYPES, r.urn).to.include(parent.type);
                }
            }
        });

        it("passes an application resource id to every applicationId input", () => {
            const withApplicationId = plan.resources.filter((r) => "applicationId" in r.inputs);
            expect(withApplicationId.length).to.be.greaterThan(10);
            const appIds = new Set(plan.resources.filter((r) => r.type === T.app).map((r) => outputs(r).id));
            for (const r of withApplicationId) {
                expect(inputs(r).applicationId, r.urn).to.match(/^\/applications\//);
                expect(appIds.has(inputs(r).applicationId), r.urn).to.equal(true);
            }
        });

        it("names every child after its component", () => {
            const children = plan.resources.filter((r) => byUrn(r.parent) !== undefined);
            expect(children.length).to.be.greaterThan(0);
            for (const r of children) {
                expect(
                    r.name.startsWith(`${byUrn(r.parent)!.name}-`),
                    `${r.name} under ${byUrn(r.parent)!.name}`,
                ).to.equal(true);
            }
        });

        it("makes the deployer and every configured owner an owner of each app", () => {
            const apps = plan.resources.filter((r) => r.type === T.app);
            const declared =
                Object.keys(JSON.parse(devConfig["entra-connectors:apis"])).length +
                Object.keys(CONNECTORS).length +
                Object.keys(JSON.parse(devConfig["entra-connectors:powerPlatformApiClients"])).length;
            expect(apps).to.have.length(declared);
            expect(OWNERS).to.have.length.greaterThan(0);
            for (const app of apps) {
                const owners = plan.resources
                    .filter((r) => r.type === T.owner && inputs(r).applicationId === outputs(app).id)
                    .map((r) => inputs(r).ownerObjectId);
                expect(owners, app.name).to.have.members([DEPLOYER_OBJECT_ID, ...OWNERS]);
            }
        });

        it("lists the deployer first and every configured owner as owners of each service principal of an app it registers", () => {
            // Without the deployer in `owners` the provider removes the caller from the new principal (service_principal_resource.go).
            const apps = plan.resources.filter((r) => r.type === T.app);
            const principals = plan.resources.filter(
                (r) => r.type === T.sp && apps.some((a) => outputs(a).clientId === inputs(r).clientId),
            );
            expect(principals).to.have.length(apps.length);
            for (const sp of principals)
                expect(inputs(sp).owners, sp.name).to.deep.equal([DEPLOYER_OBJECT_ID, ...OWNERS]);
        });

        it("retains only first-party service principals on delete (grants it created leave with the config)", () => {
            const retained = plan.resources.filter((x) => x.retainOnDelete);
            expect(retained.map((r) => r.name).sort()).to.deep.equal([
                "first-party-sp-httpWithEntraId",
                "first-party-sp-powerPlatformApi",
            ]);
            for (const r of retained.filter((x) => x.type === T.sp))
                expect(inputs(r).useExisting, r.urn).to.equal(undefined);
            // The stack's own apps and credentials go with the stack.
            expect(plan.resources.filter((r) => r.type === T.app && r.retainOnDelete)).to.deep.equal([]);
        });
    });

    describe("runs", () => {
        it("is deterministic: a second run gives the same plan", async () => {
            const again = await runOffline({ projectDir: PROJECT_DIR, stack: "dev" });
            expect(JSON.stringify(again)).to.equal(JSON.stringify(plan));
        });

        it("surfaces config errors with the key path", async () => {
            const err = await programError(
                runOffline({
                    projectDir: PROJECT_DIR,
                    stack: "dev",
                    configOverrides: {
                        "entra-connectors:connectors": {
                            orders: {
                                displayName: "Orders Connector",
                                resource: { api: "orders" },
                                scopes: ["access_as_user"],
                                authentication: "clientSecret",
                                redirectUrls: ["http://orders.contoso.com/callback"],
                            },
                        },
                    },
                }),
            );
            expect(err.message).to.include("entra-connectors:connectors.orders.redirectUrls[0]");
            expect(err.message).to.include("http://orders.contoso.com/callback");
        });

        it("ensures the Power Platform API service principal at stack level, adopted and never deleted", async () => {
            const ppPlan = await runOffline({
                projectDir: PROJECT_DIR,
                stack: "dev",
                configOverrides: {
                    "entra-connectors:connectors": {
                        "pp-client": {
                            displayName: "Power Platform API Client",
                            resource: { wellKnown: "powerPlatformApi" },
                            scopes: ["AppManagement.ApplicationPackages.Read"],
                            authentication: "clientSecret",
                            adminConsent: true,
                        },
                    },
                },
            });
            expect(ppPlan.findings.filter((f) => f.severity === "error")).to.deep.equal([]);
            const principals = ppPlan.resources.filter(
                (r) => r.type === T.sp && (r.inputs as Any).clientId === POWER_PLATFORM_API_APP_ID,
            );
            expect(principals).to.have.length(1);
            const sp = principals[0];
            expect(
                ppPlan.resources.some((r) => r.urn === sp.parent),
                "parent is the stack, not a component",
            ).to.equal(false);
            expect(sp.parent).to.match(/pulumi:pulumi:Stack::/);
            expect((sp.inputs as Any).useExisting).to.equal(undefined);
            expect(sp.retainOnDelete).to.equal(true);

            // The connector's API access and consent point at that principal.
            const access = ppPlan.resources.find(
                (r) => r.type === T.apiAccess && r.name.startsWith("connector-pp-client"),
            );
            expect((access?.inputs as Any).apiClientId).to.equal(POWER_PLATFORM_API_APP_ID);
            const grant = ppPlan.resources.find((r) => r.type === T.grant);
            expect((grant?.inputs as Any).resourceServicePrincipalObjectId).to.equal((sp.outputs as Any).objectId);
        });
    });
});
