// Scenarios 4 and 5 of DESIGN.md: Power Platform API clients and HTTP with Microsoft Entra ID grants, from the
// pure merge rules through config errors to the dev stack's offline plan and its variants.
import * as path from "path";
import { expect } from "chai";
import { planQueries, T } from "./helpers/planQueries";
import { ConfigError, HttpWithEntraIdGrantConfig, parseStackConfig } from "../config";
import { consentTarget } from "../components/consent";
import { grantName, mergeHttpWithEntraIdGrants } from "../stack/httpWithEntraIdGrants";
import { PowerPlatformApiClient } from "../components/powerPlatformApiClient";
import { tokenEndpoint } from "../components/powerPlatformApiClient";
import { RecordedResource } from "../offline/simulator/recordingMonitor";
import { Plan, runOffline } from "../offline/plan/runOffline";
import { DEFAULT_NOW, EntraSimulator } from "../offline/simulator";
import { loadStackConfigFiles } from "../offline/plan/stackFiles";
import { WELL_KNOWN_APIS } from "../entra/wellKnownApis";

const PROJECT_DIR = path.resolve(__dirname, "..");

const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
const HTTP_WITH_ENTRA_ID_APP_ID = "d2ebd3a9-1ada-4480-8b2d-eac162716601";
const POWER_PLATFORM_API_APP_ID = "8578e004-a5c6-46e7-913e-12f58912df43";
const NATIVE_CLIENT = "https://login.microsoftonline.com/common/oauth2/nativeclient";
const PP_SCOPE = "https://api.powerplatform.com/.default";
const USER_A = "0b7e5d1c-2a3f-4e6d-8c9b-1a2b3c4d5e6f";
const USER_B = "7d6c5b4a-3f2e-4d1c-9b8a-0f1e2d3c4b5a";

const NS = "entra-connectors";
const K = {
    pp: `${NS}:powerPlatformApiClients`,
    http: `${NS}:httpWithEntraId`,
    connectors: `${NS}:connectors`,
};

// Plan inputs/outputs and stack outputs are plain JSON walked by path, hence `any`.
type Any = any;

/** The dev stack's raw config (key -> text), exactly as the CLI would hand it to the program. */
const devConfig = loadStackConfigFiles(PROJECT_DIR, "dev").config;
const TENANT = devConfig["azuread:tenantId"];
const DEV_PP: Any = JSON.parse(devConfig[K.pp]);
const DEV_HTTP: Any = JSON.parse(devConfig[K.http]);
const DEV_CONNECTORS: Any = JSON.parse(devConfig[K.connectors]);
const ORDERS_PILOT_USER: string = DEV_HTTP.grants.find((g: Any) => g.resource === "orders").consent.user;

/** Graph's service principal object id in the simulated tenant: what getServicePrincipal answers. */
const GRAPH_SP_OBJECT_ID: string = new EntraSimulator({ tenantId: TENANT, now: DEFAULT_NOW }).call(
    "azuread:index/getServicePrincipal:getServicePrincipal",
    {
        clientId: GRAPH_APP_ID,
    },
).objectId as string;

const clone = <V>(v: V): V => JSON.parse(JSON.stringify(v)) as V;

// ---------------------------------------------------------------------------------------------------------------
describe("scenarios 4 and 5: pure rules", () => {
    const g = (
        resource: HttpWithEntraIdGrantConfig["resource"],
        scopes: string[],
        consent: HttpWithEntraIdGrantConfig["consent"] = "allUsers",
    ): HttpWithEntraIdGrantConfig => ({
        resource,
        scopes,
        consent,
    });

    it("merges two entries for the same resource and consent target into one grant with the sorted union of scopes", () => {
        const merged = mergeHttpWithEntraIdGrants([
            g("microsoftGraph", ["User.Read", "Mail.Read"]),
            g("microsoftGraph", ["Calendars.Read", "User.Read"]),
        ]);
        expect(merged).to.have.length(1);
        expect(merged[0].resourceKey).to.equal("microsoftGraph");
        expect(merged[0].userObjectId).to.equal(undefined);
        expect(merged[0].scopes).to.deep.equal(["Calendars.Read", "Mail.Read", "User.Read"]);
    });

    it("keeps all users and one user apart, and different resources apart", () => {
        const merged = mergeHttpWithEntraIdGrants([
            g("microsoftGraph", ["User.Read"]),
            g("microsoftGraph", ["Mail.Read"], { user: USER_A }),
            g("orders", ["access_as_user"]),
            g("microsoftGraph", ["Files.Read"], { user: USER_B }),
        ]);
        expect(merged).to.have.length(4);
        const find = (key: string, user?: string) =>
            merged.filter((m) => m.resourceKey === key && m.userObjectId === user);
        expect(find("microsoftGraph")[0].scopes).to.deep.equal(["User.Read"]);
        expect(find("microsoftGraph", USER_A)[0].scopes).to.deep.equal(["Mail.Read"]);
        expect(find("microsoftGraph", USER_B)[0].scopes).to.deep.equal(["Files.Read"]);
        expect(find("orders")[0].scopes).to.deep.equal(["access_as_user"]);
    });

    it("compares user object ids case-insensitively (and reports them in lower case)", () => {
        const merged = mergeHttpWithEntraIdGrants([
            g("microsoftGraph", ["User.Read"], { user: USER_A.toUpperCase() }),
            g("microsoftGraph", ["Mail.Read"], { user: USER_A }),
        ]);
        expect(merged).to.have.length(1);
        expect(merged[0].userObjectId).to.equal(USER_A);
        expect(merged[0].scopes).to.deep.equal(["Mail.Read", "User.Read"]);
    });

    it("treats an external app id case-insensitively", () => {
        const appId = "11111111-2222-4333-8444-555555555555";
        const merged = mergeHttpWithEntraIdGrants([g({ appId: appId.toUpperCase() }, ["a"]), g({ appId }, ["b"])]);
        expect(merged).to.have.length(1);
        expect(merged[0].resourceKey).to.equal(appId);
        expect(merged[0].scopes).to.deep.equal(["a", "b"]);
    });

    it("merges a well-known API named by its app id with the same API named by name (one Entra grant per triple)", () => {
        const merged = mergeHttpWithEntraIdGrants([
            g("microsoftGraph", ["User.Read"]),
            g({ appId: GRAPH_APP_ID.toUpperCase() }, ["Mail.Read"]),
        ]);
        expect(merged).to.have.length(1);
        expect(merged[0].resourceKey).to.equal("microsoftGraph");
        expect(merged[0].resource).to.equal("microsoftGraph");
        expect(merged[0].scopes).to.deep.equal(["Mail.Read", "User.Read"]);
    });

    it("names a grant stably per (resource, target), independent of scopes, order and id case", () => {
        const a = mergeHttpWithEntraIdGrants([
            g("microsoftGraph", ["User.Read"]),
            g("orders", ["x"], { user: USER_A }),
        ]);
        const b = mergeHttpWithEntraIdGrants([
            g("orders", ["y", "x"], { user: USER_A.toUpperCase() }),
            g("microsoftGraph", ["Mail.Read"]),
        ]);
        expect(a.map((g) => grantName(g))).to.deep.equal(b.map((g) => grantName(g)));
        expect(a.map((g) => grantName(g))).to.have.members([
            "http-with-entra-id-microsoftgraph-all-users",
            `http-with-entra-id-orders-${USER_A}`,
        ]);
        const all = mergeHttpWithEntraIdGrants([
            g("microsoftGraph", ["User.Read"]),
            g("microsoftGraph", ["User.Read"], { user: USER_A }),
            g("microsoftGraph", ["User.Read"], { user: USER_B }),
            g("orders", ["x"]),
            g("orders", ["x"], { user: USER_A }),
            g({ appId: "11111111-2222-4333-8444-555555555555" }, ["x"]),
        ]);
        const names = all.map((g) => grantName(g));
        expect(new Set(names).size).to.equal(6);
        for (const n of names) expect(n).to.match(/^http-with-entra-id-[a-z0-9-]+$/);
    });

    it("consentTarget: false -> nobody, true -> all users, { user } -> that user", () => {
        expect(consentTarget(false)).to.equal(undefined);
        expect(consentTarget(true)).to.deep.equal({});
        expect(consentTarget(true)?.userObjectId).to.equal(undefined);
        expect(consentTarget({ user: USER_A })).to.deep.equal({ userObjectId: USER_A });
    });

    it("tokenEndpoint is the tenant's v2.0 token endpoint in its cloud", () => {
        expect(tokenEndpoint("public", TENANT)).to.equal(
            `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/token`,
        );
        expect(tokenEndpoint("usgovernment", TENANT)).to.equal(
            `https://login.microsoftonline.us/${TENANT}/oauth2/v2.0/token`,
        );
    });
});

// ---------------------------------------------------------------------------------------------------------------
describe("scenarios 4 and 5: config errors", () => {
    /** Parses the dev config with one key replaced; returns the ConfigError (fails when none is thrown). */
    function configError(key: string, value: unknown): ConfigError {
        try {
            parseStackConfig({ ...devConfig, [key]: JSON.stringify(value) });
        } catch (err) {
            expect(err).to.be.instanceOf(ConfigError);
            return err as ConfigError;
        }
        return expect.fail(`expected a ConfigError for ${key}`);
    }
    /** The single problem of the error, at exactly this key path. */
    function onlyProblem(err: ConfigError, keyPath: string): string {
        expect(err.problems.map((p) => p.path)).to.deep.equal([keyPath]);
        expect(err.message).to.include(keyPath);
        return err.problems[0].message;
    }
    const withClient = (key: string, patch: Any) => {
        const clients = clone(DEV_PP);
        clients[key] = { ...clients[key], ...patch };
        return clients;
    };

    it("the dev config itself parses", () => {
        const config = parseStackConfig(devConfig);
        expect(Object.keys(config.powerPlatformApiClients)).to.have.members(["admin-sdk", "pipeline"]);
        expect(config.powerPlatformApiClients["admin-sdk"].publicClient).to.equal(true);
        expect(config.powerPlatformApiClients["admin-sdk"].ropc).to.equal(false);
        expect(config.httpWithEntraIdGrants).to.have.length(3);
    });

    it("rejects an application permission on a Power Platform API client: delegated only, access through RBAC", () => {
        const err = configError(
            K.pp,
            withClient("admin-sdk", { applicationPermissions: ["CopilotStudio.Copilots.Invoke"] }),
        );
        const message = onlyProblem(err, `${NS}:powerPlatformApiClients.admin-sdk.applicationPermissions`);
        expect(message).to.include("delegated permissions only");
        expect(message).to.include("RBAC");
        expect(message).to.include("CopilotStudio.Copilots.Invoke");
    });

    it("rejects an unknown Power Platform API permission name", () => {
        const err = configError(
            K.pp,
            withClient("admin-sdk", { permissions: ["AppManagement.ApplicationPackages.Read", "Bogus.Things.Read"] }),
        );
        const message = onlyProblem(err, `${NS}:powerPlatformApiClients.admin-sdk.permissions[1]`);
        expect(message).to.include('"Bogus.Things.Read"');
        expect(message).to.include(`not a delegated permission of ${WELL_KNOWN_APIS.powerPlatformApi.displayName}`);
    });

    it("rejects a grant on an unknown resource name", () => {
        const err = configError(K.http, {
            grants: [...DEV_HTTP.grants, { resource: "nonexistent", scopes: ["Anything"] }],
        });
        const message = onlyProblem(err, `${NS}:httpWithEntraId.grants[3].resource`);
        expect(message).to.include('"nonexistent"');
        expect(message).to.include("microsoftGraph");
        expect(message).to.include("orders");
    });

    it("rejects a grant scope that Graph does not expose", () => {
        const err = configError(K.http, {
            grants: [{ resource: "microsoftGraph", scopes: ["Calendars.Read", "Calendars.Destroy"] }],
        });
        const message = onlyProblem(err, `${NS}:httpWithEntraId.grants[0].scopes[1]`);
        expect(message).to.include('"Calendars.Destroy"');
        expect(message).to.include("Microsoft Graph");
    });

    it("rejects a grant scope that an own API does not expose", () => {
        const err = configError(K.http, {
            grants: [{ resource: "orders", scopes: ["Orders.Delete"], consent: { user: USER_A } }],
        });
        const message = onlyProblem(err, `${NS}:httpWithEntraId.grants[0].scopes[0]`);
        expect(message).to.include("access_as_user");
    });

    it("rejects secretLifetimeDays on a certificate client", () => {
        const err = configError(K.pp, withClient("pipeline", { secretLifetimeDays: 30 }));
        const message = onlyProblem(err, `${NS}:powerPlatformApiClients.pipeline.secretLifetimeDays`);
        expect(message).to.include('"certificate"');
        expect(message).to.include("credential: clientSecret");
    });

    it("rejects ROPC on a client with a credential", () => {
        const err = configError(K.pp, withClient("pipeline", { publicClient: { ropc: true } }));
        const message = onlyProblem(err, `${NS}:powerPlatformApiClients.pipeline.publicClient.ropc`);
        expect(message).to.include("ROPC");
        expect(message).to.include("credential: none");
    });

    it('rejects a bad consent shape (consent: "everyone") on a grant and on a client', () => {
        const grantErr = configError(K.http, {
            grants: [{ resource: "microsoftGraph", scopes: ["User.Read"], consent: "everyone" }],
        });
        const grantMessage = onlyProblem(grantErr, `${NS}:httpWithEntraId.grants[0].consent`);
        expect(grantMessage).to.include('"allUsers"');
        expect(grantMessage).to.include("everyone");

        const clientErr = configError(K.pp, withClient("admin-sdk", { adminConsent: "everyone" }));
        const clientMessage = onlyProblem(clientErr, `${NS}:powerPlatformApiClients.admin-sdk.adminConsent`);
        expect(clientMessage).to.include("{ user: <object id> }");
    });

    it("rejects a user object id that is not a GUID", () => {
        const grantErr = configError(K.http, {
            grants: [{ resource: "microsoftGraph", scopes: ["User.Read"], consent: { user: "alice@contoso.com" } }],
        });
        const grantMessage = onlyProblem(grantErr, `${NS}:httpWithEntraId.grants[0].consent.user`);
        expect(grantMessage).to.include("GUID");
        expect(grantMessage).to.include("alice@contoso.com");

        const clientErr = configError(K.pp, withClient("admin-sdk", { adminConsent: { user: "alice" } }));
        onlyProblem(clientErr, `${NS}:powerPlatformApiClients.admin-sdk.adminConsent.user`);
    });
});

// ---------------------------------------------------------------------------------------------------------------
/** Plan helpers bound to one plan. */
function planView(plan: Plan) {
    const { byUrn, component, descendants, under, one } = planQueries(() => plan);
    const client = (key: string) => component(PowerPlatformApiClient.TYPE, `pp-api-client-${key}`);
    const connector = (key: string) => component("entra-connectors:index:ConnectorClient", `connector-${key}`);
    const firstPartySps = (appId: string) =>
        plan.resources.filter((r) => r.type === T.sp && (r.inputs as Any).clientId === appId);
    return { byUrn, component, descendants, under, one, client, connector, firstPartySps };
}

const inputs = (r: RecordedResource): Any => r.inputs;
const outputs = (r: RecordedResource): Any => r.outputs;

function expectNoErrorFindings(plan: Plan): void {
    expect(plan.findings.filter((f) => f.severity === "error")).to.deep.equal([]);
    expect(plan.resources.length).to.be.greaterThan(0);
}

function expectStackLevelFirstParty(plan: Plan, sp: RecordedResource, appId: string): void {
    expect(inputs(sp).clientId).to.equal(appId);
    // Created (the dev tenant lacks it: createServicePrincipals), not adopted with useExisting, which would reset it.
    expect(inputs(sp).useExisting).to.equal(undefined);
    expect(sp.retainOnDelete).to.equal(true);
    expect(sp.parent).to.match(/pulumi:pulumi:Stack::/);
    expect(
        plan.resources.some((r) => r.urn === sp.parent),
        "parent is the stack, not a component",
    ).to.equal(false);
}

describe("scenarios 4 and 5: dev stack plan", function () {
    this.timeout(30_000);
    let plan: Plan;
    let v: ReturnType<typeof planView>;
    /** Unmasked inputs of ApplicationCertificate registrations (the SDK marks `value` secret, so the plan masks it). */
    const certificateValues: string[] = [];

    before(async () => {
        // Observe what the simulator receives, to compare the uploaded certificate with the generated one.
        const original = EntraSimulator.prototype.newResource;
        EntraSimulator.prototype.newResource = function (this: EntraSimulator, resource, custom) {
            if (resource.type === T.certificate) {
                const value: Any = resource.inputs.value;
                certificateValues.push(typeof value === "string" ? value : value?.value);
            }
            return original.call(this, resource, custom);
        };
        try {
            plan = await runOffline({ projectDir: PROJECT_DIR, stack: "dev" });
        } finally {
            EntraSimulator.prototype.newResource = original;
        }
        v = planView(plan);
    });

    it("has no error findings", () => {
        expectNoErrorFindings(plan);
    });

    describe("scenario 5: HTTP with Microsoft Entra ID", () => {
        const httpSp = () => {
            const sps = v.firstPartySps(HTTP_WITH_ENTRA_ID_APP_ID);
            expect(sps).to.have.length(1);
            return sps[0];
        };
        const httpGrants = () =>
            plan.resources.filter(
                (r) => r.type === T.grant && inputs(r).servicePrincipalObjectId === outputs(httpSp()).objectId,
            );
        const graphGrant = () => {
            const found = httpGrants().filter((r) => inputs(r).resourceServicePrincipalObjectId === GRAPH_SP_OBJECT_ID);
            expect(found, "grants of the HTTP app on Graph").to.have.length(1);
            return found[0];
        };

        it("ensures the connector app's service principal at stack level, adopted and kept on destroy", () => {
            expectStackLevelFirstParty(plan, httpSp(), HTTP_WITH_ENTRA_ID_APP_ID);
        });

        it("merges the two Graph entries into one all-users grant with both scopes", () => {
            const grant = graphGrant();
            expect(inputs(grant).claimValues).to.deep.equal(["Calendars.Read", "User.Read"]);
            expect(inputs(grant)).to.not.have.property("userObjectId");
            expect(inputs(grant).servicePrincipalObjectId).to.equal(outputs(httpSp()).objectId);
            expect(inputs(grant).resourceServicePrincipalObjectId).to.equal(GRAPH_SP_OBJECT_ID);
            // The same Graph principal as the graph-me connector's consent uses.
            const connectorGrant = v.one(v.connector("graph-me"), T.grant);
            expect(inputs(grant).resourceServicePrincipalObjectId).to.equal(
                inputs(connectorGrant).resourceServicePrincipalObjectId,
            );
            expect(v.byUrn(grant.parent)?.type).to.equal(T.consent);
            expect(httpGrants()).to.have.length(2);
        });

        it("grants access_as_user on the Orders API to one pilot user, after the scope exists", () => {
            const ordersSp = v.one(v.component("entra-connectors:index:ProtectedApi", "api-orders"), T.sp);
            const found = httpGrants().filter(
                (r) => inputs(r).resourceServicePrincipalObjectId === outputs(ordersSp).objectId,
            );
            expect(found).to.have.length(1);
            const grant = found[0];
            expect(inputs(grant).userObjectId).to.equal(ORDERS_PILOT_USER);
            expect(inputs(grant).claimValues).to.deep.equal(["access_as_user"]);
            const consent = v.byUrn(grant.parent)!;
            const scope = v.one(v.component("entra-connectors:index:ProtectedApi", "api-orders"), T.scope);
            expect(consent.dependencies).to.include(scope.urn);
        });

        it("exports per grant: resource, scopes, consent type and the connection's resource URLs", () => {
            const out = plan.outputs.httpWithEntraId as Any;
            expect(Object.keys(out)).to.have.members([
                "http-with-entra-id-microsoftgraph-all-users",
                `http-with-entra-id-orders-${ORDERS_PILOT_USER}`,
            ]);
            expect(out["http-with-entra-id-microsoftgraph-all-users"]).to.deep.equal({
                resource: "microsoftGraph",
                resourceName: "Microsoft Graph",
                scopes: ["Calendars.Read", "User.Read"],
                consentType: "AllPrincipals",
                resourceUri: "https://graph.microsoft.com/",
                baseResourceUrl: "https://graph.microsoft.com",
            });
            const orders = out[`http-with-entra-id-orders-${ORDERS_PILOT_USER}`];
            expect(orders.resource).to.equal("orders");
            expect(orders.scopes).to.deep.equal(["access_as_user"]);
            expect(orders.consentType).to.equal("Principal");
            expect(orders.userObjectId).to.equal(ORDERS_PILOT_USER);
            expect(orders.resourceUri).to.equal((plan.outputs.apis as Any).orders.identifierUri);
            expect(orders.resourceUri).to.match(/^api:\/\//);
        });
    });

    describe("scenario 4: Power Platform API clients", () => {
        const ppSp = () => {
            const sps = v.firstPartySps(POWER_PLATFORM_API_APP_ID);
            expect(sps, "one Power Platform API principal for both clients").to.have.length(1);
            return sps[0];
        };

        it("ensures the Power Platform API service principal once, at stack level, adopted and kept on destroy", () => {
            expectStackLevelFirstParty(plan, ppSp(), POWER_PLATFORM_API_APP_ID);
            for (const key of ["admin-sdk", "pipeline"]) {
                const grant = v.one(v.client(key), T.grant);
                expect(inputs(grant).resourceServicePrincipalObjectId, key).to.equal(outputs(ppSp()).objectId);
            }
        });

        describe("admin-sdk (interactive, no credential)", () => {
            it("registers a single-tenant app", () => {
                const app = v.one(v.client("admin-sdk"), T.app);
                expect(inputs(app).signInAudience).to.equal("AzureADMyOrg");
                expect(inputs(app).displayName).to.equal(`${DEV_PP["admin-sdk"].displayName} (dev)`);
            });

            it("asks for delegated scope ids only on the Power Platform API", () => {
                const access = v.one(v.client("admin-sdk"), T.apiAccess);
                expect(inputs(access).apiClientId).to.equal(POWER_PLATFORM_API_APP_ID);
                expect(inputs(access)).to.not.have.property("roleIds");
                const ids = outputs(ppSp()).oauth2PermissionScopeIds;
                expect(inputs(access).scopeIds).to.deep.equal(
                    DEV_PP["admin-sdk"].permissions.map((p: string) => ids[p]),
                );
                expect(inputs(access).scopeIds[0]).to.match(/^[0-9a-f-]{36}$/);
                expect(inputs(access).applicationId).to.equal(outputs(v.one(v.client("admin-sdk"), T.app)).id);
            });

            it("registers exactly the native-client redirect as a public client, without public client flows", () => {
                const redirect = v.one(v.client("admin-sdk"), T.redirectUris);
                expect(inputs(redirect).type).to.equal("PublicClient");
                expect(inputs(redirect).redirectUris).to.deep.equal([NATIVE_CLIENT]);
                expect(v.under(v.client("admin-sdk"), T.fallback)).to.deep.equal([]);
            });

            it("has admin consent for all users and no credential", () => {
                const grant = v.one(v.client("admin-sdk"), T.grant);
                const sp = v.one(v.client("admin-sdk"), T.sp);
                expect(inputs(grant).servicePrincipalObjectId).to.equal(outputs(sp).objectId);
                expect(inputs(grant).claimValues).to.deep.equal([...DEV_PP["admin-sdk"].permissions].sort());
                expect(inputs(grant)).to.not.have.property("userObjectId");
                expect(v.under(v.client("admin-sdk"), T.password)).to.deep.equal([]);
                expect(v.under(v.client("admin-sdk"), T.certificate)).to.deep.equal([]);
                expect(v.under(v.client("admin-sdk"), T.privateKey)).to.deep.equal([]);
            });

            it("exports client id, tenant, token endpoint and scope, and no credential", () => {
                const out = (plan.outputs.powerPlatformApiClients as Any)["admin-sdk"];
                expect(out.clientId).to.equal(outputs(v.one(v.client("admin-sdk"), T.app)).clientId);
                expect(out.tenantId).to.equal(TENANT);
                expect(out.tokenEndpoint).to.equal(`https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/token`);
                expect(out.scope).to.equal(PP_SCOPE);
                expect(out).to.not.have.any.keys("clientSecret", "privateKeyPem", "certificatePem");
            });
        });

        describe("pipeline (certificate)", () => {
            const cert = () => v.one(v.client("pipeline"), T.selfSignedCert);
            const key = () => v.one(v.client("pipeline"), T.privateKey);

            it("uploads the self-signed certificate's public part as an ApplicationCertificate", () => {
                const appCert = v.one(v.client("pipeline"), T.certificate);
                expect(inputs(appCert).type).to.equal("AsymmetricX509Cert");
                expect(inputs(appCert).encoding).to.equal("pem");
                expect(inputs(appCert).endDate).to.equal(outputs(cert()).validityEndTime);
                expect(inputs(appCert).applicationId).to.equal(outputs(v.one(v.client("pipeline"), T.app)).id);
                expect(appCert.dependencies).to.include(cert().urn);
                // The SDK marks the value secret, so compare the value the simulator received.
                expect(certificateValues).to.deep.equal([outputs(cert()).certPem]);
                expect(outputs(cert()).certPem).to.match(/^-----BEGIN CERTIFICATE-----/);
                expect(inputs(cert()).validityPeriodHours).to.equal(DEV_PP.pipeline.certificateValidityDays * 24);
            });

            it("keeps the private key secret everywhere", () => {
                expect(outputs(key()).privateKeyPem).to.equal("[secret]");
                expect(inputs(cert()).privateKeyPem).to.equal("[secret]");
                expect(JSON.stringify(plan)).to.not.include("simulated-key");
                expect(JSON.stringify(plan)).to.not.include("PRIVATE KEY");
            });

            it("has no password, no public-client settings, and consent for all users", () => {
                expect(v.under(v.client("pipeline"), T.password)).to.deep.equal([]);
                expect(v.under(v.client("pipeline"), T.redirectUris)).to.deep.equal([]);
                expect(v.under(v.client("pipeline"), T.fallback)).to.deep.equal([]);
                const grant = v.one(v.client("pipeline"), T.grant);
                expect(inputs(grant).claimValues).to.deep.equal([...DEV_PP.pipeline.permissions].sort());
            });

            it("exports token endpoint, scope, the certificate, and the private key as a secret", () => {
                const out = (plan.outputs.powerPlatformApiClients as Any).pipeline;
                expect(out.credential).to.equal("certificate");
                expect(out.tokenEndpoint).to.equal(`https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/token`);
                expect(out.scope).to.equal(PP_SCOPE);
                expect(out.privateKeyPem).to.equal("[secret]");
                expect(out.certificatePem).to.equal(outputs(cert()).certPem);
                expect(out).to.not.have.property("clientSecret");
            });
        });
    });
});

// ---------------------------------------------------------------------------------------------------------------
describe("scenarios 4 and 5: dev stack variants", function () {
    this.timeout(30_000);
    let plan: Plan;
    let v: ReturnType<typeof planView>;

    const clients = {
        "ropc-cli": {
            displayName: "Power Platform ROPC CLI",
            permissions: ["AppManagement.ApplicationPackages.Read"],
            publicClient: { ropc: true },
            credential: "none",
            adminConsent: { user: USER_A },
        },
        "secret-job": {
            displayName: "Power Platform Secret Job",
            permissions: ["EnvironmentManagement.Environments.Read"],
            credential: "clientSecret",
            secretLifetimeDays: 90,
            adminConsent: true,
        },
    };

    before(async () => {
        const connectors = clone(DEV_CONNECTORS);
        connectors["graph-me"].adminConsent = { user: USER_B };
        plan = await runOffline({
            projectDir: PROJECT_DIR,
            stack: "dev",
            configOverrides: { [K.pp]: clients, [K.connectors]: connectors },
        });
        v = planView(plan);
    });

    it("has no error findings", () => {
        expectNoErrorFindings(plan);
        expect(v.firstPartySps(POWER_PLATFORM_API_APP_ID)).to.have.length(1);
    });

    it("ropc: true enables public client flows and registers the native-client redirect", () => {
        const app = v.one(v.client("ropc-cli"), T.app);
        const fallback = v.one(v.client("ropc-cli"), T.fallback);
        expect(inputs(fallback).enabled).to.equal(true);
        expect(inputs(fallback).applicationId).to.equal(outputs(app).id);
        const redirect = v.one(v.client("ropc-cli"), T.redirectUris);
        expect(inputs(redirect).type).to.equal("PublicClient");
        expect(inputs(redirect).redirectUris).to.deep.equal([NATIVE_CLIENT]);
        expect(inputs(app).notes).to.match(/ROPC/);
        expect(v.under(v.client("ropc-cli"), T.password)).to.deep.equal([]);
    });

    it("adminConsent { user } on a Power Platform API client grants consent for that user only", () => {
        const grant = v.one(v.client("ropc-cli"), T.grant);
        expect(inputs(grant).userObjectId).to.equal(USER_A);
        expect(inputs(grant).claimValues).to.deep.equal(["AppManagement.ApplicationPackages.Read"]);
        expect(inputs(grant).resourceServicePrincipalObjectId).to.equal(
            outputs(v.firstPartySps(POWER_PLATFORM_API_APP_ID)[0]).objectId,
        );
    });

    it("credential: clientSecret creates two password slots and exports the newest only as a secret", () => {
        const passwords = v.under(v.client("secret-job"), T.password);
        expect(passwords.map((p) => p.name).sort()).to.deep.equal([
            "pp-api-client-secret-job-secret-a",
            "pp-api-client-secret-job-secret-b",
        ]);
        for (const password of passwords) {
            expect(inputs(password).applicationId).to.equal(outputs(v.one(v.client("secret-job"), T.app)).id);
            expect(outputs(password).value).to.equal("[secret]");
        }
        const out = (plan.outputs.powerPlatformApiClients as Any)["secret-job"];
        expect(out.credential).to.equal("clientSecret");
        expect(out.clientSecret).to.equal("[secret]");
        expect(out.scope).to.equal(PP_SCOPE);
        expect(out).to.not.have.any.keys("privateKeyPem", "certificatePem");
        expect(v.under(v.client("secret-job"), T.certificate)).to.deep.equal([]);
        expect(v.under(v.client("secret-job"), T.redirectUris)).to.deep.equal([]);
        expect(v.under(v.client("secret-job"), T.fallback)).to.deep.equal([]);
        expect(JSON.stringify(plan)).to.not.include("simulated-secret");
    });

    it("adminConsent { user } on a connector grants consent for that user only", () => {
        const grant = v.one(v.connector("graph-me"), T.grant);
        expect(inputs(grant).userObjectId).to.equal(USER_B);
        expect(inputs(grant).claimValues).to.deep.equal(["User.Read"]);
        expect(inputs(grant).resourceServicePrincipalObjectId).to.equal(GRAPH_SP_OBJECT_ID);
    });

    it("merges a Graph grant named by app id with one named microsoftGraph into one Entra grant", async () => {
        const merged = await runOffline({
            projectDir: PROJECT_DIR,
            stack: "dev",
            configOverrides: {
                [K.http]: {
                    grants: [
                        { resource: "microsoftGraph", scopes: ["User.Read"] },
                        { resource: { appId: GRAPH_APP_ID.toUpperCase() }, scopes: ["Mail.Read"] },
                    ],
                },
            },
        });
        expectNoErrorFindings(merged);
        const httpSp = merged.resources.find(
            (r) => r.type === T.sp && inputs(r).clientId === HTTP_WITH_ENTRA_ID_APP_ID,
        )!;
        const grants = merged.resources.filter(
            (r) => r.type === T.grant && inputs(r).servicePrincipalObjectId === outputs(httpSp).objectId,
        );
        expect(grants).to.have.length(1);
        expect(inputs(grants[0]).claimValues).to.deep.equal(["Mail.Read", "User.Read"]);
        expect(inputs(grants[0]).resourceServicePrincipalObjectId).to.equal(GRAPH_SP_OBJECT_ID);
    });
});
