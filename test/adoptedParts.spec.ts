// An adopted app's parts in the simulator: the split resources fail where the provider would (ResourceRequiresImport,
// a scope value Graph already has under another id), and an import of each part checks it against the fixture.
import { expect } from "chai";
import { DEFAULT_NOW, EntraSimulator } from "../offline/simulator";
import { parseTenantFixture, TenantFixtureError } from "../offline/simulator/tenantFixture";

const APP_OID = "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d";
const APP_CLIENT = "8e7d6c5b-4a39-4281-b0c9-d8e7f6a5b4c3";
const ASM = "797f4846-ba00-4fd7-ba43-dac1f8f63013";
const ASM_SCOPE = "41094075-9dad-400e-a0bd-54e686782033";
const SCOPE_ID = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";
const ROLE_ID = "1c2d3e4f-5061-4728-93a4-b5c6d7e8f901";
const REDIRECT = "https://global.consent.azure-apim.net/redirect/shared-5farm-20connector-5fe1d2c3b4a59687";
const T = (r: string) => `azuread:index/${r[0]!.toLowerCase()}${r.slice(1)}:${r}`;

const fixture = parseTenantFixture({
    applications: [
        {
            objectId: APP_OID,
            clientId: APP_CLIENT,
            displayName: "Portal app",
            redirectUris: { Web: [REDIRECT] },
            apiAccess: [{ apiClientId: ASM, scopeIds: [ASM_SCOPE] }],
            identifierUris: [`api://${APP_CLIENT}`],
            scopes: [{ value: "access_as_user", id: SCOPE_ID }],
            appRoles: [{ value: "Orders.Read.All", id: ROLE_ID }],
        },
    ],
});

function setUp(keys: Array<[string, string]> = []) {
    const sim = new EntraSimulator({
        tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47",
        now: DEFAULT_NOW,
        tenant: fixture,
        adoptionKeys: new Map(keys),
    });
    const register = (type: string, name: string, inputs: Record<string, unknown>, importId?: string) =>
        sim.newResource({ type: T(type), name, urn: `urn:pulumi:dev::p::${T(type)}::${name}`, inputs, importId }, true);
    const app = register("ApplicationRegistration", "a-app", { displayName: "Portal app" }, `/applications/${APP_OID}`);
    const applicationId = app.id!;
    const parts = {
        redirects: [
            "ApplicationRedirectUris",
            "a-redirect-uris",
            { applicationId, type: "Web", redirectUris: [REDIRECT] },
            `${applicationId}/redirectUris/Web`,
        ],
        access: [
            "ApplicationApiAccess",
            "a-api-access",
            { applicationId, apiClientId: ASM, scopeIds: [ASM_SCOPE] },
            `${applicationId}/apiAccess/${ASM}`,
        ],
        uri: [
            "ApplicationIdentifierUri",
            "a-identifier-uri",
            { applicationId, identifierUri: `api://${APP_CLIENT}` },
            `${applicationId}/identifierUris/${Buffer.from(`api://${APP_CLIENT}`).toString("base64")}`,
        ],
        scope: [
            "ApplicationPermissionScope",
            "a-scope",
            {
                applicationId,
                scopeId: SCOPE_ID,
                value: "access_as_user",
                adminConsentDisplayName: "x",
                adminConsentDescription: "x",
            },
            `${applicationId}/permissionScopes/${SCOPE_ID}`,
        ],
        role: [
            "ApplicationAppRole",
            "a-role",
            {
                applicationId,
                roleId: ROLE_ID,
                value: "Orders.Read.All",
                displayName: "x",
                description: "x",
                allowedMemberTypes: ["Application"],
            },
            `${applicationId}/appRoles/${ROLE_ID}`,
        ],
    } as const;
    return { sim, register, applicationId, parts };
}

const rules = (sim: EntraSimulator) => sim.findings.map((f) => `${f.severity} ${f.rule}`);

describe("adopted app parts (tenant fixture and simulator)", () => {
    it("creating any part the adopted app holds is the provider's ResourceRequiresImport, naming the part id", () => {
        const { sim, register, parts } = setUp();
        for (const [type, name, inputs] of Object.values(parts)) register(type, name, inputs);
        expect(rules(sim)).to.deep.equal(Array(5).fill("error part-requires-import"));
        for (const [, name, , id] of Object.values(parts)) {
            const finding = sim.findings.find((f) => f.urn.endsWith(`::${name}`))!;
            expect(finding.message).to.include(
                `a resource with the ID "${id}" already exists - to be managed via Terraform this resource needs to be imported`,
            );
        }
    });

    it("importing every part by its provider id plans cleanly and keeps the part ids", () => {
        const { sim, register, parts } = setUp();
        for (const [type, name, inputs, id] of Object.values(parts)) {
            const result = register(type, name, inputs, id);
            expect(result.id, name).to.equal(id);
            expect(result.importUpdates, name).to.deep.equal([]);
        }
        expect(sim.findings).to.deep.equal([]);
    });

    it("a scope whose value the adopted app has under another id fails like Graph, naming the existing id and the key", () => {
        const { sim, register, applicationId } = setUp([
            ["a-scope", "entra-connectors:apis.orders.adopt.scopeIds.access_as_user"],
        ]);
        register("ApplicationPermissionScope", "a-scope", {
            applicationId,
            scopeId: "99999999-2222-4333-8444-555555555555",
            value: "access_as_user",
            adminConsentDisplayName: "x",
            adminConsentDescription: "x",
        });
        expect(rules(sim)).to.deep.equal(["error permission-value-unique"]);
        expect(sim.findings[0]!.message)
            .to.include(SCOPE_ID)
            .and.include(`Fix: set entra-connectors:apis.orders.adopt.scopeIds.access_as_user to ${SCOPE_ID}`);
    });

    it("importing a part the adopted app lacks is import-missing; what it lacks is created without error", () => {
        const { sim, register, applicationId } = setUp();
        register(
            "ApplicationRedirectUris",
            "a-spa",
            { applicationId, type: "SPA", redirectUris: ["https://a.contoso.com/spa"] },
            `${applicationId}/redirectUris/SPA`,
        );
        register("ApplicationRedirectUris", "a-public", {
            applicationId,
            type: "PublicClient",
            redirectUris: ["https://login.microsoftonline.com/common/oauth2/nativeclient"],
        });
        expect(rules(sim)).to.deep.equal(["error import-missing"]);
        expect(sim.findings[0]!.urn).to.match(/::a-spa$/);
    });

    it("importing a part with other values than the tenant's shows each change as drift (an import then updates it)", () => {
        const { sim, register, applicationId } = setUp();
        const result = register(
            "ApplicationRedirectUris",
            "a-redirect-uris",
            { applicationId, type: "Web", redirectUris: ["https://a.contoso.com/new"] },
            `${applicationId}/redirectUris/Web`,
        );
        expect(rules(sim)).to.deep.equal(["warning adopted-drift"]);
        expect(sim.findings[0]!.message).to.include(`-${REDIRECT}`).and.include("+https://a.contoso.com/new");
        expect(result.importUpdates).to.deep.equal(["redirectUris"]);
    });

    it("an app created in this run holds no parts: creating them is fine", () => {
        const { sim } = setUp();
        const app = sim.newResource(
            {
                type: T("ApplicationRegistration"),
                name: "n-app",
                urn: "urn:pulumi:dev::p::x::n-app",
                inputs: { displayName: "N" },
            },
            true,
        );
        sim.newResource(
            {
                type: T("ApplicationRedirectUris"),
                name: "n-r",
                urn: "urn:pulumi:dev::p::x::n-r",
                inputs: { applicationId: app.id, type: "Web", redirectUris: [REDIRECT] },
            },
            true,
        );
        expect(sim.findings).to.deep.equal([]);
    });

    it("a fixture's parts are validated with their path", () => {
        expect(() =>
            parseTenantFixture({
                applications: [
                    { objectId: APP_OID, clientId: APP_CLIENT, displayName: "x", scopes: [{ value: "a", id: "nope" }] },
                ],
            }),
        ).to.throw(TenantFixtureError, /applications\.0\.scopes\.0\.id: must be a GUID/);
        expect(() =>
            parseTenantFixture({
                applications: [
                    { objectId: APP_OID, clientId: APP_CLIENT, displayName: "x", redirectUris: { Mobile: [] } },
                ],
            }),
        ).to.throw(TenantFixtureError, /applications\.0\.redirectUris/);
    });
});
