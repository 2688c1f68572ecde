// Each component built directly from its Args under the offline simulator (no stack config), and its Args validation.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { dynamicProviderProblem } from "../components/secretSlots";
import { expect } from "chai";
import { HTTP_WITH_ENTRA_ID_APP_ID, WELL_KNOWN_APIS } from "../entra/wellKnownApis";
import { importIdOf } from "../offline/plan/planDiff";
import { Plan, runOffline } from "../offline/plan/runOffline";
import { defaultTenantServicePrincipals } from "../offline/simulator";
import { planQueries, T } from "./helpers/planQueries";

const ROOT = path.join(__dirname, "..");
const PROGRAM = path.join(__dirname, "fixtures", "programs", "components.ts");
/**
 * A tenant that already has the Power Platform API's and the HTTP with Microsoft Entra ID app's service principals:
 * a direct PowerPlatformApiClient and HttpWithEntraIdConsent look them up.
 */
const PP = WELL_KNOWN_APIS.powerPlatformApi;
const HTTP_APP = { appId: HTTP_WITH_ENTRA_ID_APP_ID, displayName: "HTTP with Microsoft Entra ID", scopes: {} };
const tenantServicePrincipals = [
    ...defaultTenantServicePrincipals(),
    {
        appId: PP.appId,
        displayName: PP.displayName,
        scopes: { "AppManagement.ApplicationPackages.Read": "5a1c7e3b-2d4f-4e6a-9b8c-0d1e2f3a4b5c" },
    },
    HTTP_APP,
];
const plan = (fixtureCase: string, tenant = tenantServicePrincipals) =>
    runOffline({
        projectDir: ROOT,
        stack: "dev",
        program: PROGRAM,
        configOverrides: { "fixture:case": fixtureCase },
        tenantServicePrincipals: tenant,
    });
const result = (p: Plan) => (p.outputs.result ?? {}) as Record<string, unknown>;
const errorsOf = (p: Plan) => p.findings.filter((f) => f.severity === "error");

describe("components built directly", function () {
    this.timeout(60_000);

    it("ProtectedApi: app, identifier URI, scope, role, owner and service principal; scope ids derived from apiKey", async () => {
        const p = await plan("protected-api");
        const q = planQueries(() => p);
        expect(errorsOf(p)).to.deep.equal([]);
        const types = q.descendants(q.component("entra-connectors:index:ProtectedApi", "api")).map((r) => r.type);
        expect(types).to.have.members([T.app, T.identifierUri, T.scope, T.role, T.owner, T.sp]);
        expect(Object.keys(result(p).scopeIds as object)).to.deep.equal(["access_as_user"]);
    });

    it("ConnectorClient with a ProtectedApi: api access and pre-authorization wait for the scope, two password slots, consent", async () => {
        const p = await plan("secret-connector");
        const q = planQueries(() => p);
        expect(errorsOf(p)).to.deep.equal([]);
        const connector = q.component("entra-connectors:index:ConnectorClient", "connector");
        const under = q.descendants(connector);
        const scope = p.resources.find((r) => r.type === T.scope)!;
        for (const type of [T.apiAccess, T.preAuthorized]) {
            expect(under.find((r) => r.type === type)!.dependencies, type).to.include(scope.urn);
        }
        expect(under.filter((r) => r.type === T.password)).to.have.length(2);
        expect(under.filter((r) => r.type === T.grant)).to.have.length(1);
        expect(result(p).secret).to.equal("[secret]");
        expect(result(p).settings).to.include({ secretOption: "Use client secret", scope: "access_as_user" });
    });

    it("ConnectorClient by well-known name and by app id: scope ids read from the tenant's service principal", async () => {
        for (const c of ["well-known-connector", "app-id-connector"]) {
            const p = await plan(c);
            expect(errorsOf(p), c).to.deep.equal([]);
            const access = p.resources.find((r) => r.type === T.apiAccess)!;
            expect(access.inputs.apiClientId, c).to.equal("00000003-0000-0000-c000-000000000000");
            expect(access.inputs.scopeIds, c).to.deep.equal(["e1fe6dd8-ba31-4d61-89e7-88639da4683d"]);
        }
        const grant = (await plan("well-known-connector")).resources.find((r) => r.type === T.grant)!;
        expect(grant.inputs.userObjectId).to.equal("9a1f3c2e-7b6d-4e5f-8a9b-0c1d2e3f4a5b");
    });

    it("ClientSecret, ConnectorFederatedCredential, PowerPlatformApiClient, HttpWithEntraIdConsent and DelegatedConsent plan with no error", async () => {
        const expected: Record<string, string[]> = {
            "client-secret": [T.password, T.password, T.rotating, T.secretSlots],
            "federated-credential": [T.fic],
            "power-platform-client": [T.app, T.apiAccess, T.redirectUris, T.owner, T.sp],
            "http-consent": [T.grant],
            "delegated-consent": [T.grant],
        };
        const components: Record<string, [string, string]> = {
            "client-secret": ["entra-connectors:index:ClientSecret", "secret"],
            "federated-credential": ["entra-connectors:index:ConnectorFederatedCredential", "fic"],
            "power-platform-client": ["entra-connectors:index:PowerPlatformApiClient", "pp"],
            "http-consent": ["entra-connectors:index:HttpWithEntraIdConsent", "http"],
            "delegated-consent": ["entra-connectors:index:DelegatedConsent", "consent"],
        };
        for (const [c, types] of Object.entries(expected)) {
            const p = await plan(c);
            const q = planQueries(() => p);
            expect(errorsOf(p), c).to.deep.equal([]);
            const [type, name] = components[c];
            expect(
                q.descendants(q.component(type, name)).map((r) => r.type),
                c,
            ).to.include.members(types);
        }
    });

    it("ClientSecret without rotationDays renews at half its lifetime (60 days -> every 30), so the newest secret never expires first", async () => {
        const p = await plan("client-secret");
        const q = planQueries(() => p);
        const rotation = q
            .descendants(q.component("entra-connectors:index:ClientSecret", "secret"))
            .find((r) => r.type === T.rotating)!;
        expect(rotation.inputs.rotationDays).to.equal(30);
    });

    it("ConnectorClient and PowerPlatformApiClient without secretRotationDays renew at half the lifetime too (60 days -> every 30)", async () => {
        const p = await plan("secrets-default-rotation");
        const q = planQueries(() => p);
        for (const [type, name] of [
            ["entra-connectors:index:ConnectorClient", "connector"],
            ["entra-connectors:index:PowerPlatformApiClient", "pp"],
        ]) {
            const rotations = q.descendants(q.component(type, name)).filter((r) => r.type === T.rotating);
            expect(
                rotations.map((r) => r.inputs.rotationDays),
                name,
            ).to.deep.equal([30]);
        }
    });

    it("an output marked secret (additionalSecretOutputs) that the simulator returns in plain text is recorded as [secret]", async () => {
        const p = await plan("plain-secret-output");
        const app = p.resources.find((r) => r.type === T.app && r.name === "plain")!;
        expect(app.outputs.notes).to.equal("[secret]");
        expect(JSON.stringify(app.outputs)).not.to.include("plain-secret-notes");
    });

    it("HttpWithEntraIdConsent looks the connector app's principal up (never useExisting); creates it, retained, only when told", async () => {
        const looked = await plan("http-consent");
        const q = planQueries(() => looked);
        expect(
            q
                .descendants(q.component("entra-connectors:index:HttpWithEntraIdConsent", "http"))
                .filter((r) => r.type === T.sp),
        ).to.deep.equal([]);
        const lacking = tenantServicePrincipals.filter((sp) => sp !== HTTP_APP);
        expect(errorsOf(await plan("http-consent", lacking)).map((f) => f.rule)).to.include(
            "service-principal-missing",
        );
        const created = await plan("http-consent-create", lacking);
        expect(errorsOf(created)).to.deep.equal([]);
        const sp = created.resources.find((r) => r.type === T.sp && r.name === "http-connector-sp")!;
        expect(sp.inputs.clientId).to.equal(HTTP_WITH_ENTRA_ID_APP_ID);
        expect(sp.inputs.useExisting).to.equal(undefined);
    });

    it("adopt and deployerOwnership through the Args: import ids, nothing deleted on destroy, no deployer owner; names unchanged", async () => {
        const p = await plan("adopted-connector");
        const q = planQueries(() => p);
        const under = q.descendants(q.component("entra-connectors:index:ConnectorClient", "adopted"));
        const byType = (t: string) => under.find((r) => r.type === t)!;
        expect(byType(T.app).name).to.equal("adopted-app");
        expect(importIdOf(byType(T.app))).to.equal("/applications/0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a");
        expect(byType(T.sp).name).to.equal("adopted-sp");
        expect(importIdOf(byType(T.sp))).to.equal("/servicePrincipals/1e0f9a8b-7c6d-4e5f-9a3b-2c1d0e9f8a7b");
        expect(importIdOf(byType(T.grant))).to.equal(
            "/oauth2PermissionGrants/qIVZsiud3k-fp2xOQ6jd7InI76O38TJFngGR4y0QOfQ",
        );
        for (const t of [T.app, T.sp, T.grant]) expect(byType(t).retainOnDelete, t).to.equal(true);
        expect(under.filter((r) => r.type === T.owner)).to.deep.equal([]);
    });

    it("the service principal lists the deployer as owner under both ownership models (else the provider removes the caller)", async () => {
        const explicit = await plan("protected-api");
        const q = planQueries(() => explicit);
        const api = q.component("entra-connectors:index:ProtectedApi", "api");
        const deployer = q.one(api, T.owner).inputs.ownerObjectId as string;
        expect(deployer).to.match(/^[0-9a-f-]{36}$/);
        expect(q.one(api, T.sp).inputs.owners).to.deep.equal([deployer]);
        // deployerOwnership "automatic": no deployer ApplicationOwner, but the principal still keeps its creator.
        const automatic = await plan("adopted-connector");
        const a = planQueries(() => automatic);
        expect(
            a.one(a.component("entra-connectors:index:ConnectorClient", "adopted"), T.sp).inputs.owners,
        ).to.deep.equal([deployer]);
    });

    it("an adopted service principal keeps the inputs config does not own (owners, accountEnabled, assignment requirement); a new one keeps nothing", async () => {
        const seen = result(await plan("adopted-kept-inputs")).seen as Record<string, string[] | undefined>;
        const adopted = Object.entries(seen).find(([n]) => n.startsWith("kept-adopted"))?.[1];
        const fresh = Object.entries(seen).find(([n]) => n.startsWith("kept-new"));
        expect(adopted, JSON.stringify(seen)).to.include.members([
            "owners",
            "accountEnabled",
            "appRoleAssignmentRequired",
            "tags",
            "notes",
        ]);
        // A principal the stack creates is not adopted and keeps nothing (its children may be created later, in applies).
        if (fresh !== undefined) expect(fresh[1]).to.equal(undefined);
    });

    describe("client secrets from a program in another language (no Node.js @pulumi/pulumi in its directory)", () => {
        it("dynamicProviderProblem resolves the dynamic provider like the engine's launcher: here yes, in an empty folder no", () => {
            expect(dynamicProviderProblem(ROOT)).to.equal(undefined);
            const empty = fs.mkdtempSync(path.join(os.tmpdir(), "no-node-modules-"));
            expect(dynamicProviderProblem(empty)).to.match(
                /two-slot client secret rotation .* needs Node\.js's @pulumi\/pulumi .*pulumi\/pulumi#5455\)\. Fix: use managedIdentity/,
            );
        });

        it("a ClientSecret fails before any child instead of at deployment time, a managed-identity connector still works", async () => {
            const empty = fs.mkdtempSync(path.join(os.tmpdir(), "no-node-modules-"));
            const cwd = process.cwd();
            process.chdir(empty);
            try {
                const p = await plan("client-secret");
                const q = planQueries(() => p);
                expect((result(p) as { error: string }).error).to.match(
                    /^ClientSecret "secret" has invalid arguments; nothing was created:\n {2}- the two-slot client secret rotation/,
                );
                expect(q.descendants(q.component("entra-connectors:index:ClientSecret", "secret"))).to.deep.equal([]);
                expect(errorsOf(await plan("well-known-connector"))).to.deep.equal([]);
            } finally {
                process.chdir(cwd);
            }
        });
    });

    describe("bad Args: one ResourceError naming the component and every argument, before any child", () => {
        const cases: [string, string, string, RegExp[]][] = [
            [
                "bad-connector",
                "entra-connectors:index:ConnectorClient",
                "connector",
                [
                    /args\.authentication is "password"; allowed: clientSecret, managedIdentity/,
                    /args\.scopes\[0\] "access as user" contains whitespace/,
                    /args\.scopes lists "access as user" twice/,
                    /args\.redirectUrls\[0\] "http:\/\/example\.com\/cb" uses http/,
                ],
            ],
            [
                "bad-connector-target",
                "entra-connectors:index:ConnectorClient",
                "target",
                [
                    /args\.api , wellKnownApi and apiAppId: 2 are set/,
                    /args\.wellKnownApi is "microsoftGrahp"; allowed: microsoftGraph/,
                    /args\.apiAppId "not-a-guid" is not a GUID/,
                    /args\.resourceUrl is required with apiAppId/,
                ],
            ],
            [
                "bad-api",
                "entra-connectors:index:ProtectedApi",
                "bad-api",
                [
                    /args\.scopes is empty/,
                    /args\.identifierUri "api:\/\/has space" contains whitespace, which Entra or the policy pack's identifier-uri-scheme rule refuses\. Fix: /,
                    /args\.accessTokenVersion is 3; allowed: 1, 2/,
                ],
            ],
            [
                "bad-client-secret",
                "entra-connectors:index:ClientSecret",
                "bad-secret",
                [/args\.rotationDays is 80 days, more than half of the secret lifetime \(100\)/],
            ],
            [
                "bad-pp-client",
                "entra-connectors:index:PowerPlatformApiClient",
                "bad-pp",
                [
                    /args\.tenantId "tenant" is not a GUID/,
                    /args\.credential is "password"/,
                    /args\.permissions is empty/,
                ],
            ],
            [
                "bad-well-known-scope",
                "entra-connectors:index:ConnectorClient",
                "scope-typo",
                [
                    /args\.scopes\[0\] "User\.Reed" is not a delegated permission of Microsoft Graph \(\d+ known\)\. Did you mean "User\.Read"\?/,
                ],
            ],
            ["bad-consent", "entra-connectors:index:DelegatedConsent", "bad-consent", [/args\.scopes is empty/]],
            [
                "bad-adoption",
                "entra-connectors:index:ProtectedApi",
                "bad-adopt",
                [
                    /args\.deployerOwnership is "sometimes"; allowed: explicit, automatic/,
                    /args\.adopt\.applicationObjectId "app-object-id" is not a GUID/,
                    /args\.adopt\.servicePrincipalObjectId "sp" is not a GUID/,
                    /args\.adopt\.consentGrantId is set, but this component creates no consent grant/,
                ],
            ],
            [
                "bad-adopted-grant",
                "entra-connectors:index:ConnectorClient",
                "connector",
                [
                    /args\.displayName has 121 characters; Entra allows 1-120/,
                    /args\.adopt\.consentGrantId is set without admin consent/,
                ],
            ],
            [
                "bad-http-adopt",
                "entra-connectors:index:HttpWithEntraIdConsent",
                "bad-http-adopt",
                [/args\.adoptGrantId "9a1f3c2e-.*" is a GUID, but a grant id is not one/],
            ],
            [
                "bad-http-consent",
                "entra-connectors:index:HttpWithEntraIdConsent",
                "bad-http",
                [/none is set/, /args\.userObjectId "someone" is not a GUID/],
            ],
            ["bad-fic", "entra-connectors:index:ConnectorFederatedCredential", "bad-fic", [/args\.cloud is "mars"/]],
        ];
        for (const [c, type, name, patterns] of cases) {
            it(`${c}: ${type.split(":").pop()} "${name}"`, async () => {
                const p = await plan(c);
                const q = planQueries(() => p);
                const { error, isResourceError } = result(p) as { error: string; isResourceError: boolean };
                expect(isResourceError).to.equal(true);
                expect(error.split("\n")[0]).to.equal(
                    `${type.split(":").pop()} "${name}" has invalid arguments; nothing was created:`,
                );
                for (const pattern of patterns) expect(error, error).to.match(pattern);
                expect(
                    error
                        .split("\n")
                        .slice(1)
                        .every((l) => l.startsWith("  - args.")),
                ).to.equal(true);
                // The component is registered (super() ran) but it has no child: nothing was sent to Entra.
                expect(q.descendants(q.component(type, name))).to.deep.equal([]);
            });
        }
    });
});
