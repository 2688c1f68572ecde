// Every rule of the offline Entra simulator, shown rejecting a bad program (test/fixtures/programs/simulatorCases.ts)
// with a finding that names the resource and the field; plus secrets, determinism and dependency waves.
import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import { RecordedResource } from "../offline/simulator/recordingMonitor";
import { Plan, ProgramError, RunOfflineOptions, dependencyWaves, runOffline } from "../offline/plan/runOffline";
import { DEFAULT_NOW, EntraSimulator, Finding, defaultTenantServicePrincipals } from "../offline/simulator";
import { parseTenantFixture } from "../offline/simulator/tenantFixture";

const ROOT = path.resolve(__dirname, "..");
const PROGRAM = path.join(__dirname, "fixtures", "programs", "simulatorCases.ts");

function plan(fixtureCase: string, options: Partial<RunOfflineOptions> = {}): Promise<Plan> {
    return runOffline({
        projectDir: ROOT,
        stack: "dev",
        program: PROGRAM,
        configOverrides: { "fixture:case": fixtureCase },
        ...options,
    });
}

function errors(p: Plan): Finding[] {
    return p.findings.filter((f) => f.severity === "error");
}

/** The resource a finding is about: its URN's last segment, or (for invokes) the function in the URN. */
function names(f: Finding, resource: string): boolean {
    return f.urn.endsWith(`::${resource}`) || f.urn.endsWith(`:${resource}`) || f.message.includes(resource);
}

/**
 * Asserts the plan has error findings, all of the given rule (or of `alsoRules`, for mistakes that two rules
 * see), and one of them names `resource` (URN or message) and contains every fragment (the field, the
 * offending value). Returns that finding.
 */
function expectRejected(
    p: Plan,
    expected: string | { rule: string; alsoRules: string[] },
    resource: string,
    ...fragments: string[]
): Finding {
    const { rule, alsoRules } = typeof expected === "string" ? { rule: expected, alsoRules: [] } : expected;
    const errs = errors(p);
    const dump = JSON.stringify(p.findings, null, 2);
    expect(errs, dump).not.to.be.empty;
    expect(
        errs.map((f) => f.rule),
        dump,
    ).to.satisfy((rules: string[]) => rules.every((r) => r === rule || alsoRules.includes(r)));
    const match = errs.find(
        (f) => f.rule === rule && names(f, resource) && fragments.every((x) => f.message.includes(x)),
    );
    expect(match, `no ${rule} finding naming ${resource} with ${JSON.stringify(fragments)}:\n${dump}`).not.to.equal(
        undefined,
    );
    return match!;
}

/** Runs a case that must fail in the program itself, then drains the runtime's late rejections of that run. */
async function programError(fixtureCase: string): Promise<ProgramError> {
    const swallow = () => undefined;
    process.on("unhandledRejection", swallow);
    try {
        await plan(fixtureCase);
    } catch (err) {
        expect(err).to.be.instanceOf(ProgramError);
        return err as ProgramError;
    } finally {
        // The Pulumi runtime rejects a failed program's pending outputs a tick after runOffline has thrown and
        // removed its unhandledRejection listener; left alone, they land in the next runOffline's failures.
        await new Promise((resolve) => setImmediate(resolve));
        process.off("unhandledRejection", swallow);
    }
    throw new Error(`fixture case ${fixtureCase} ran without a program error`);
}

const tested = new Set<string>();

/** One bad case: the rule, the resource it must name, and fragments (field names, values) of the message. */
function rejects(fixtureCase: string, rule: string, resource: string, ...fragments: string[]): void {
    tested.add(rule);
    it(`${rule}: ${fixtureCase} (names ${resource}: ${fragments.join(", ")})`, async () => {
        expectRejected(await plan(fixtureCase), rule, resource, ...fragments);
    });
}

describe("offline simulator", function () {
    this.timeout(20_000);

    describe("the good app", () => {
        let good: Plan;
        before(async () => {
            good = await plan("good");
        });

        it("plans every resource of a correct app with no error or warning findings", () => {
            expect(good.findings, JSON.stringify(good.findings, null, 2)).to.deep.equal([]);
            expect(good.resources.map((r) => r.name).sort()).to.deep.equal([
                "good-app",
                "good-fic",
                "good-grant",
                "good-graph-access",
                "good-password",
                "good-redirects",
                "good-scope",
                "good-sp",
                "good-uri",
            ]);
        });

        it("is deterministic: two runs give byte-identical plans", async () => {
            const again = await plan("good");
            expect(JSON.stringify(again)).to.equal(JSON.stringify(good));
        });

        it("needs 3 waves: app -> service principal -> grant (everything else hangs off the app)", () => {
            expect(good.waves).to.equal(3);
            const grant = good.resources.find((r) => r.name === "good-grant")!;
            expect(grant.dependencies.map((u) => u.split("::").pop())).to.deep.equal(["good-sp"]);
        });

        it("masks the password's value in its outputs and in a stack output that exports it", () => {
            const password = good.resources.find((r) => r.name === "good-password")!;
            expect(password.outputs.value).to.equal("[secret]");
            expect(good.outputs.result).to.equal("[secret]");
            expect(JSON.stringify(good)).not.to.contain("simulated-secret");
        });
    });

    describe("secrets", () => {
        it("shows every pulumi.secret input as [secret], in inputs and echoed outputs, and never its value", async () => {
            const p = await plan("secretInputs");
            expect(p.findings).to.deep.equal([]);
            const byName = (n: string): RecordedResource => p.resources.find((r) => r.name === n)!;
            expect(byName("good-app").inputs.notes).to.equal("[secret]");
            expect(byName("good-app").outputs.notes).to.equal("[secret]");
            expect(byName("good-fic").outputs.subject).to.equal("[secret]");
            expect(byName("good-password").inputs.displayName).to.equal("[secret]");
            expect(byName("good-redirects").inputs.redirectUris).to.equal("[secret]");
            const text = JSON.stringify(p);
            expect(text).not.to.contain("hunter2");
            expect(text).not.to.contain("shared_good-5f1234");
            expect(text).not.to.contain("simulated-secret");
        });

        it("keeps a @pulumi/tls private key secret when the program exports it", async () => {
            const p = await plan("certificate");
            expect(p.findings).to.deep.equal([]);
            expect(p.outputs.result).to.equal("[secret]");
            expect(JSON.stringify(p)).not.to.contain("simulated-key");
            // PrivateKey -> SelfSignedCert -> ApplicationCertificate
            expect(p.waves).to.equal(3);
        });

        it("never quotes a secret input in a finding's message", async () => {
            const p = await plan("secretsInFindings");
            expect(
                errors(p)
                    .map((f) => f.rule)
                    .sort(),
            ).to.deep.equal(["permission-value", "redirect-uri"]);
            for (const f of errors(p)) expect(f.message).to.contain("[secret]");
            expect(JSON.stringify(p)).not.to.contain("hunter2");
        });
    });

    describe("provider-schema", () => {
        rejects(
            "unknownInput",
            "provider-schema",
            "stale-password",
            "applicationObjectId",
            "unknown input",
            'did you mean "applicationId"',
        );
        rejects("missingRequiredInput", "provider-schema", "typeless-redirects", "type", "missing required input");
        rejects("wrongType", "provider-schema", "numeric-app", "displayName", "expected string, got number 42");
        rejects("unknownFunctionInput", "provider-schema", "getServicePrincipal", "applicationId", "unknown input");

        it("warns (not errs) on a deprecated input", async () => {
            const p = await plan("deprecatedInput");
            expect(errors(p)).to.deep.equal([]);
            const warning = p.findings.find((f) => f.rule === "provider-schema" && f.severity === "warning");
            expect(warning, JSON.stringify(p.findings)).to.not.equal(undefined);
            expect(warning!.urn).to.match(/::relative-password$/);
            expect(warning!.message).to.contain("endDateRelative").and.to.contain("deprecated");
        });

        it("a missing required input caught by the SDK class itself fails the program (message names the input only)", async () => {
            // The @pulumi/azuread constructor throws before anything reaches the simulator; its message names
            // the property but not the resource ("orphan-password"): that is the SDK's wording.
            const err = await programError("missingRequiredInputSdk");
            expect(err.message).to.equal("Missing required property 'applicationId'");
        });
    });

    describe("references", () => {
        tested.add("application-reference");
        it("application-reference: clientIdAsApplicationId says it is the client id and to pass app.id", async () => {
            const f = expectRejected(
                await plan("clientIdAsApplicationId"),
                "application-reference",
                "client-id-owner",
                "applicationId",
            );
            expect(f.message)
                .to.contain("it is the client id of")
                .and.to.contain("::good-app")
                .and.to.contain("pass app.id");
        });
        rejects(
            "objectIdAsApplicationId",
            "application-reference",
            "object-id-owner",
            "applicationId",
            "it is an object id",
            "pass app.id",
        );
        rejects(
            "strangerGuidApplicationId",
            "application-reference",
            "guid-owner",
            "applicationId",
            "a bare GUID is not an application resource id",
        );
        rejects(
            "strangerApplicationId",
            "application-reference",
            "stranger-owner",
            'applicationId "my-app"',
            "not the id of an application registered in this run",
        );

        rejects(
            "clientIdAsServicePrincipal",
            "service-principal-reference",
            "client-id-grant",
            "servicePrincipalObjectId",
            "it is a client id",
        );
        rejects(
            "unknownServicePrincipalClient",
            "service-principal-reference",
            "stranger-sp",
            "clientId",
            "neither an application registered in this run",
        );

        rejects(
            "foreignGuidIdentifierUri",
            "identifier-uri",
            "foreign-uri",
            "identifierUri",
            "api://7c9e6679-7425-40de-944b-e07fc1f90ae7",
            "not this app's client id",
        );
        rejects("badSchemeIdentifierUri", "identifier-uri", "ftp-uri", "identifierUri", "must start with api://");

        rejects(
            "mixedApplication",
            "mixed-application-resources",
            "legacy-redirects",
            "applicationId",
            "azuread.Application",
            "::legacy-app",
        );

        rejects(
            "unknownApi",
            "api-reference",
            "resource-id-access",
            "apiClientId",
            "it is an application resource id; pass app.clientId",
        );
    });

    describe("duplicate-urn", () => {
        // The Pulumi runtime under the mock monitor does not reject two resources with one URN (the engine
        // would); the simulator does.
        rejects("duplicateUrn", "duplicate-urn", "twin-app", "ApplicationRegistration::twin-app");
    });

    describe("permissions", () => {
        rejects("spacedValue", "permission-value", "spaced-scope", 'value "access as user"', "whitespace");
        rejects("dottedValue", "permission-value", "dotted-role", 'value ".Orders.Read"', "starts with '.'");
        // Registration order decides which of the two is reported; the message names both.
        rejects(
            "sameValueScopeAndRole",
            "permission-value-unique",
            "same-value-role",
            'value "access_as_user"',
            "good-scope",
        );
        rejects(
            "sameIdScopes",
            "permission-id-unique",
            "same-id-scope",
            "scopeId",
            "1d0d7d5c-5f4a-4c43-9a0e-7b2f6f1e2a11",
            "good-scope",
        );
        rejects("sameIdRolesWithoutValue", "permission-id-unique", "valueless-role-2", "roleId", "valueless-role-1");
        rejects("nonGuidScopeId", "permission-id", "named-id-scope", 'scopeId "scope-one"', "must be a GUID");
        rejects("badScopeType", "permission-scope-type", "everyone-scope", "type", '"Everyone"');
    });

    describe("redirect URIs", () => {
        rejects(
            "httpRedirect",
            "redirect-uri",
            "http-redirects",
            "redirectUris",
            "http://connector.contoso.com/callback",
            "https except for localhost",
        );
        rejects("wildcardRedirect", "redirect-uri", "wildcard-redirects", "redirectUris", "wildcard");
        rejects("fragmentRedirect", "redirect-uri", "fragment-redirects", "redirectUris", "fragment");
        rejects("longRedirect", "redirect-uri", "long-redirects", "redirectUris", "260 characters", "at most 256");
        rejects("duplicateRedirect", "redirect-uri", "twice-redirects", "redirectUris", "duplicates");
        rejects(
            "tooManyRedirects",
            "redirect-uri-count",
            "many-redirects",
            "redirectUris",
            "257 redirect URIs",
            "at most 256",
        );
        rejects("badRedirectType", "redirect-uri-type", "desktop-redirects", "type", '"Desktop"');
        rejects(
            "secondWebRedirects",
            "redirect-uris-owned",
            "good-redirects",
            "second-web-redirects already manages the Web redirect URIs",
            "pass redirectUrls: [] to its ConnectorClient",
        );
    });

    describe("federated identity credentials", () => {
        rejects(
            "tooManyFederated",
            "federated-count",
            "extra-fic-20",
            "applicationId",
            "::good-app",
            "21 federated credentials",
            "at most 20",
        );
        rejects("sameIssuerSubject", "federated-unique", "copy-fic", "issuer and subject", "::good-fic");
        rejects("twoAudiences", "federated-audience", "two-audience-fic", "audiences", "got 2");
        rejects("httpIssuer", "federated-issuer", "http-issuer-fic", 'issuer "http://login.contoso.com/v2.0"', "https");
        rejects("badFederatedName", "federated-name", "bad-name-fic", 'displayName "bad name!"');
    });

    describe("passwords and names", () => {
        rejects(
            "pastEndDate",
            "password-end-date",
            "expired-password",
            "endDate 2025-06-01T00:00:00Z",
            `now is ${DEFAULT_NOW}`,
        );
        rejects("unparsableEndDate", "password-end-date", "someday-password", 'endDate "next year"', "RFC 3339");

        it("password-end-date: judges against the `now` option, not the clock", async () => {
            const later = await plan("good", { now: "2027-06-01T00:00:00Z" });
            expectRejected(
                later,
                "password-end-date",
                "good-password",
                "endDate 2027-01-01T00:00:00Z",
                "now is 2027-06-01T00:00:00Z",
            );
        });

        rejects(
            "pastCertificate",
            "certificate-end-date",
            "expired-cert",
            "endDate 2025-06-01T00:00:00Z",
            `now is ${DEFAULT_NOW}`,
        );
        tested.add("certificate-value");
        it("certificate-value: certificateWithoutValue (also a provider-schema error: value is a required input)", async () => {
            const p = await plan("certificateWithoutValue");
            expectRejected(
                p,
                { rule: "certificate-value", alsoRules: ["provider-schema"] },
                "empty-cert",
                "value",
                "missing",
            );
            expectRejected(
                p,
                { rule: "provider-schema", alsoRules: ["certificate-value"] },
                "empty-cert",
                "value: missing required input",
            );
        });

        rejects("longDisplayName", "display-name", "verbose-app", "displayName", "got 257");
        rejects("emptyDisplayName", "display-name", "blank-app", "displayName", "got 0");
        rejects(
            "duplicateOwner",
            "duplicate-owner",
            "owner-2",
            "ownerObjectId",
            "9a1f3c2e-7b6d-4e5f-8a9b-0c1d2e3f4a5b",
            "::good-app",
        );
    });

    describe("API access, pre-authorization and consent", () => {
        rejects(
            "unknownApiScope",
            "api-access-scope",
            "stranger-scope-access",
            "scopeIds",
            "7c9e6679-7425-40de-944b-e07fc1f90ae7",
        );
        rejects(
            "unknownApiRole",
            "api-access-role",
            "stranger-role-access",
            "roleIds",
            "7c9e6679-7425-40de-944b-e07fc1f90ae7",
        );
        rejects("emptyApiAccess", "api-access-empty", "empty-access", "scopeIds", "roleIds");
        rejects(
            "preAuthorizedUnknownScope",
            "pre-authorized",
            "stranger-preauth",
            "permissionIds",
            "7c9e6679-7425-40de-944b-e07fc1f90ae7",
        );
        rejects(
            "preAuthorizedNotClientId",
            "pre-authorized",
            "resource-id-preauth",
            "authorizedClientId",
            "must be a client id",
        );
        rejects("unknownClaim", "grant-claims", "stranger-claim-grant", "claimValues", '"Files.Teleport"');
        rejects("prototypeClaim", "grant-claims", "prototype-claim-grant", "claimValues", '"constructor"');
        rejects("emptyClaims", "grant-claims", "no-claim-grant", "claimValues");
        rejects(
            "duplicateGrant",
            "duplicate-grant",
            "second-grant",
            "resourceServicePrincipalObjectId",
            "AllPrincipals",
        );

        it("accepts consent on a scope of an app of the same run", async () => {
            expect((await plan("ownApiGrantSpFirst")).findings).to.deep.equal([]);
        });
    });

    describe("service principals", () => {
        rejects(
            "graphServicePrincipal",
            "service-principal-exists",
            "graph-sp",
            "clientId 00000003-0000-0000-c000-000000000000",
            "needs to be imported",
            "getServicePrincipal",
        );
        rejects(
            "secondServicePrincipal",
            "service-principal-exists",
            "second-sp",
            "clientId",
            "::good-sp",
            "needs to be imported",
        );

        it("service-principal-exists: adopting the tenant's service principal with useExisting is fine", async () => {
            expect((await plan("graphServicePrincipalAdopted")).findings).to.deep.equal([]);
        });

        // An invoke has no resource name: the finding's URN names the function, the message the argument.
        rejects(
            "missingServicePrincipal",
            "service-principal-missing",
            "getServicePrincipal",
            "clientId: 8578e004-a5c6-46e7-913e-12f58912df43",
        );

        it("service-principal-missing: not when the tenant has it", async () => {
            const p = await plan("missingServicePrincipal", {
                tenantServicePrincipals: [
                    ...defaultTenantServicePrincipals(),
                    { appId: "8578e004-a5c6-46e7-913e-12f58912df43", displayName: "Power Platform API", scopes: {} },
                ],
            });
            expect(p.findings).to.deep.equal([]);
        });
    });

    // The rules of brownfield tenants, one registration each; test/brownfield.spec.ts plans whole stacks with them.
    describe("brownfield tenants (tenant fixtures)", () => {
        const HTTP = "d2ebd3a9-1ada-4480-8b2d-eac162716601";
        const HTTP_SP = "6b4f1d2e-8a3c-4e5f-9d0b-1c2a3b4d5e6f";
        const GRANT_ID = "Lh1PazyKX06dCxwqO01ebwwdLj-Km2VHhDIQ_ty6mHY";
        const fixture = parseTenantFixture({
            deployer: { permission: "Application.ReadWrite.OwnedBy" },
            servicePrincipals: [{ appId: HTTP, objectId: HTTP_SP, accountEnabled: false }],
            grants: [
                {
                    id: GRANT_ID,
                    clientAppId: HTTP,
                    resourceAppId: "00000003-0000-0000-c000-000000000000",
                    scopes: ["User.Read", "Mail.Read"],
                },
            ],
            applications: [
                {
                    objectId: "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d",
                    clientId: "8e7d6c5b-4a39-4281-b0c9-d8e7f6a5b4c3",
                    displayName: "Portal app",
                },
            ],
        });
        const tenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
        const GRANT = "azuread:index/servicePrincipalDelegatedPermissionGrant:ServicePrincipalDelegatedPermissionGrant";
        function register(
            sim: EntraSimulator,
            type: string,
            name: string,
            inputs: Record<string, unknown>,
            importId?: string,
        ) {
            return sim.newResource({ type, name, urn: `urn:pulumi:dev::p::${type}::${name}`, inputs, importId }, true);
        }
        function setUp() {
            const sim = new EntraSimulator({
                tenantId,
                now: DEFAULT_NOW,
                tenant: fixture,
                adoptionKeys: new Map([["g-grant", "entra-connectors:httpWithEntraId.grants[0].adopt.grantId"]]),
            });
            const graph = String(
                sim.call("azuread:index/getServicePrincipal:getServicePrincipal", {
                    clientId: "00000003-0000-0000-c000-000000000000",
                }).objectId,
            );
            return {
                sim,
                graph,
                grant: { servicePrincipalObjectId: HTTP_SP, resourceServicePrincipalObjectId: graph },
            };
        }
        const rules = (sim: EntraSimulator) => sim.findings.map((f) => `${f.severity} ${f.rule}`);

        for (const rule of [
            "grant-exists",
            "import-missing",
            "import-mismatch",
            "adopted-drift",
            "owner-exists",
            "owner-needs-readwrite-all",
            "use-existing-resets",
            "unsimulated-import",
            "part-requires-import",
            "ensured-service-principal",
            "adopted-assumed",
            "adopted-grant-left",
            "import-replace",
        ])
            tested.add(rule);

        it("grant-exists: a POST for a client, resource and target the tenant already has a grant for; names the grant and the key", () => {
            const { sim, grant } = setUp();
            register(sim, GRANT, "g-grant", { ...grant, claimValues: ["User.Read"] });
            expect(rules(sim)).to.deep.equal(["error grant-exists"]);
            expect(sim.findings[0]!.message)
                .to.include(GRANT_ID)
                .and.include("entra-connectors:httpWithEntraId.grants[0].adopt.grantId");
        });

        it("import-missing / import-mismatch: an id the tenant lacks, or the grant of another target", () => {
            const { sim, grant } = setUp();
            register(
                sim,
                GRANT,
                "g-grant",
                { ...grant, claimValues: ["User.Read"] },
                "/oauth2PermissionGrants/NoSuchGrantAAAAAAAAAAAAAAAAAAAA",
            );
            register(
                sim,
                GRANT,
                "h-grant",
                {
                    ...grant,
                    userObjectId: "9a1f3c2e-7b6d-4e5f-8a9b-0c1d2e3f4a5b",
                    claimValues: ["User.Read", "Mail.Read"],
                },
                `/oauth2PermissionGrants/${GRANT_ID}`,
            );
            expect(rules(sim)).to.deep.equal(["error import-missing", "error import-mismatch"]);
        });

        it("adopted-drift: importing a grant with other scopes updates it (warning for revoked scopes, info for added)", () => {
            const { sim, grant } = setUp();
            const result = register(
                sim,
                GRANT,
                "g-grant",
                { ...grant, claimValues: ["User.Read", "Calendars.Read"] },
                `/oauth2PermissionGrants/${GRANT_ID}`,
            );
            expect(rules(sim)).to.deep.equal(["warning adopted-drift", "info adopted-drift"]);
            expect(sim.findings[0]!.message).to.include("revokes Mail.Read");
            expect(result.importUpdates).to.deep.equal(["claimValues"]);
            expect(result.id).to.equal(`/oauth2PermissionGrants/${GRANT_ID}`);
        });

        it("adopted-grant-left: a retained (adopted) grant of the previous deployment that this run no longer declares", () => {
            const urn = (name: string) => `urn:pulumi:dev::p::${GRANT}::${name}`;
            const previous = new Map([
                [
                    urn("kept"),
                    {
                        type: GRANT,
                        name: "kept",
                        retainOnDelete: true,
                        inputs: {},
                        outputs: { id: "/oauth2PermissionGrants/KeptKeptKeptKeptKept" },
                    },
                ],
                [
                    urn("created"),
                    {
                        type: GRANT,
                        name: "created",
                        retainOnDelete: false,
                        inputs: {},
                        outputs: { id: "/oauth2PermissionGrants/MadeMadeMadeMadeMade" },
                    },
                ],
                [
                    urn("left"),
                    {
                        type: GRANT,
                        name: "left",
                        retainOnDelete: true,
                        inputs: { claimValues: ["Mail.Read"] },
                        outputs: { id: `/oauth2PermissionGrants/${GRANT_ID}` },
                    },
                ],
            ]);
            const sim = new EntraSimulator({ tenantId, now: DEFAULT_NOW, tenant: fixture, previous });
            const { grant } = setUp();
            sim.newResource(
                { type: GRANT, name: "kept", urn: urn("kept"), inputs: { ...grant, claimValues: ["User.Read"] } },
                true,
            );
            sim.finish();
            expect(
                sim.findings.filter((f) => f.rule === "adopted-grant-left").map((f) => [f.severity, f.urn]),
            ).to.deep.equal([["warning", urn("left")]]);
            const message = sim.findings.find((f) => f.rule === "adopted-grant-left")!.message;
            expect(message)
                .to.include(`left: the adopted grant ${GRANT_ID} left the config`)
                .and.include("Mail.Read for all users");
            expect(message).to.include(
                `Next step: if nothing needs it, revoke it: az rest --method DELETE --url https://graph.microsoft.com/v1.0/oauth2PermissionGrants/${GRANT_ID}`,
            );
        });

        it("import-replace: a change that replaces a resource already imported, while it still declares the import id, names the key to remove", () => {
            const urn = `urn:pulumi:dev::p::${GRANT}::c-consent-grant`;
            const key = "entra-connectors:connectors.c.adopt.consentGrantId";
            const graph = String(
                new EntraSimulator({ tenantId, now: DEFAULT_NOW, tenant: fixture }).call(
                    "azuread:index/getServicePrincipal:getServicePrincipal",
                    {
                        clientId: "00000003-0000-0000-c000-000000000000",
                    },
                ).objectId,
            );
            const inputs = {
                servicePrincipalObjectId: HTTP_SP,
                resourceServicePrincipalObjectId: graph,
                claimValues: ["User.Read", "Mail.Read"],
            };
            const previous = new Map([
                [
                    urn,
                    {
                        type: GRANT,
                        name: "c-consent-grant",
                        retainOnDelete: true,
                        inputs,
                        outputs: { id: `/oauth2PermissionGrants/${GRANT_ID}` },
                    },
                ],
            ]);
            const run = (extra: Record<string, unknown>) => {
                const sim = new EntraSimulator({
                    tenantId,
                    now: DEFAULT_NOW,
                    tenant: fixture,
                    previous,
                    adoptionKeys: new Map([["c-consent-grant", key]]),
                });
                sim.newResource(
                    {
                        type: GRANT,
                        name: "c-consent-grant",
                        urn,
                        inputs: { ...inputs, ...extra },
                        importId: `/oauth2PermissionGrants/${GRANT_ID}`,
                    },
                    true,
                );
                return sim.findings.filter((f) => f.rule === "import-replace");
            };
            expect(run({})).to.deep.equal([]);
            const found = run({ userObjectId: "4c2e8f1a-3b5d-4e6f-9a7b-8c9d0e1f2a3b" });
            expect(found.map((f) => f.severity)).to.deep.equal(["error"]);
            expect(found[0]!.message).to.include("changing userObjectId replaces").and.include(`Fix: remove ${key}`);
        });

        it("owner-exists / owner-needs-readwrite-all: Entra made the OwnedBy deployer an owner; Graph lets it add no other", () => {
            const { sim } = setUp();
            const app = register(sim, "azuread:index/applicationRegistration:ApplicationRegistration", "a-app", {
                displayName: "A",
            });
            const owner = "azuread:index/applicationOwner:ApplicationOwner";
            register(sim, owner, "a-owner-deployer", { applicationId: app.id, ownerObjectId: sim.deployerObjectId });
            register(sim, owner, "a-owner-extra", {
                applicationId: app.id,
                ownerObjectId: "9a1f3c2e-7b6d-4e5f-8a9b-0c1d2e3f4a5b",
            });
            expect(rules(sim)).to.deep.equal(["error owner-exists", "error owner-needs-readwrite-all"]);
            expect(sim.findings[0]!.message).to.include(
                "already exists - to be managed via Terraform this resource needs to be imported",
            );
        });

        it("use-existing-resets: useExisting on a principal an admin changed names what the provider's update would undo", () => {
            const { sim } = setUp();
            register(sim, "azuread:index/servicePrincipal:ServicePrincipal", "http-sp", {
                clientId: HTTP,
                useExisting: true,
            });
            expect(rules(sim)).to.deep.equal(["warning use-existing-resets"]);
            expect(sim.findings[0]!.message).to.include("accountEnabled: false -> true");
        });

        it("unsimulated-import: an import the simulator cannot check is a warning", () => {
            const { sim } = setUp();
            const app = register(
                sim,
                "azuread:index/applicationRegistration:ApplicationRegistration",
                "a-app",
                { displayName: "Portal app" },
                "/applications/2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d",
            );
            expect(app.id).to.equal("/applications/2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d");
            register(
                sim,
                "azuread:index/applicationPreAuthorized:ApplicationPreAuthorized",
                "a-pre-authorized",
                { applicationId: app.id, authorizedClientId: HTTP, permissionIds: [] },
                `${app.id}/preAuthorizedApplication/${HTTP}`,
            );
            expect(rules(sim)).to.deep.equal(["warning unsimulated-import"]);
        });
    });

    describe("resources resolved at deploy time", () => {
        const PARTNER = "11111111-2222-4333-8444-555555555555";
        const assumed = [
            {
                appId: PARTNER,
                name: "the API with app id " + PARTNER,
                scopes: ["Orders.Read"],
                configKeys: ["entra-connectors:connectors.partner.resource"],
            },
        ];

        tested.add("resolved-at-deploy-time");
        it("resolved-at-deploy-time: an app the config names but the tenant lacks is planned as existing with the config's scopes, with a warning naming the key", () => {
            const sim = new EntraSimulator({
                tenantId: "3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45",
                now: DEFAULT_NOW,
                assumedServicePrincipals: assumed,
            });
            const sp = sim.call("azuread:index/getServicePrincipal:getServicePrincipal", { clientId: PARTNER });
            expect(Object.keys(sp.oauth2PermissionScopeIds as object)).to.deep.equal(["Orders.Read"]);
            expect(sim.findings).to.have.length(1);
            expect(sim.findings[0]).to.include({ severity: "warning", rule: "resolved-at-deploy-time" });
            expect(sim.findings[0]!.message)
                .to.include("entra-connectors:connectors.partner.resource")
                .and.include("resolved at deploy time");
            // Looked up twice: one principal, one warning.
            expect(
                sim.call("azuread:index/getServicePrincipal:getServicePrincipal", { clientId: PARTNER }).objectId,
            ).to.equal(sp.objectId);
            expect(sim.findings).to.have.length(1);
        });

        tested.add("azure-environment");
        it("azure-environment: an explicit azure-native provider of another cloud than the stack's default provider is an error", () => {
            const sim = new EntraSimulator({
                tenantId: "3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45",
                now: DEFAULT_NOW,
                azureNativeEnvironment: "usgovernment",
            });
            const provider = (name: string, inputs: Record<string, unknown>) =>
                sim.newResource(
                    {
                        type: "pulumi:providers:azure-native",
                        name,
                        urn: `urn:pulumi:dev::entra-connectors::pulumi:providers:azure-native::${name}`,
                        inputs,
                    },
                    true,
                );
            provider("gov", { subscriptionId: "7e2f5c3b-0d9a-4f8e-b4c6-3a1d0f9e8b72", environment: "usgovernment" });
            expect(sim.findings).to.deep.equal([]);
            provider("unset", { subscriptionId: "7e2f5c3b-0d9a-4f8e-b4c6-3a1d0f9e8b72" });
            expect(sim.findings.map((f) => [f.rule, f.severity])).to.deep.equal([["azure-environment", "error"]]);
            expect(sim.findings[0]!.message).to.include('"public"').and.include('"usgovernment"');
        });

        it("an app the config does not name is still missing", () => {
            const sim = new EntraSimulator({
                tenantId: "3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45",
                now: DEFAULT_NOW,
                assumedServicePrincipals: assumed,
            });
            sim.call("azuread:index/getServicePrincipal:getServicePrincipal", {
                clientId: "22222222-2222-4333-8444-555555555555",
            });
            expect(sim.findings.map((f) => f.rule)).to.deep.equal(["service-principal-missing"]);
        });
    });

    describe("what the simulator does not model", () => {
        rejects("unsupportedInvoke", "unsupported-invoke", "getUser", "azuread:index/getUser:getUser");

        tested.add("unsimulated-resource");
        it("unsimulated-resource: warns that only the inputs of an unmodelled azuread resource were checked", async () => {
            const p = await plan("unsimulatedResource");
            expect(errors(p)).to.deep.equal([]);
            expect(p.findings).to.have.length(1);
            expect(p.findings[0]).to.include({ severity: "warning", rule: "unsimulated-resource" });
            expect(p.findings[0]!.urn).to.match(/::ops-group$/);
        });
    });

    describe("azure-native resources and the secret slots", () => {
        it("plans a correct Key Vault secret, custom API and secret slots without findings, with ARM ids", async () => {
            const p = await plan("goodAzure");
            expect(p.findings).to.deep.equal([]);
            const byName = (n: string) => p.resources.find((r) => r.name === n)!;
            expect(byName("good-kv-secret").outputs.id).to.equal(
                "/subscriptions/6d1e4b2a-9c8f-4e7d-a3b5-2f0c9e8d7a61/resourceGroups/rg-sim/providers/Microsoft.KeyVault/vaults/kv-sim/secrets/good-app-client-secret",
            );
            expect(byName("good-custom-api").outputs.id).to.equal(
                "/subscriptions/6d1e4b2a-9c8f-4e7d-a3b5-2f0c9e8d7a61/resourceGroups/rg-sim/providers/Microsoft.Web/customApis/good-api",
            );
            expect((byName("good-slots").outputs.state as { newest: string }).newest).to.equal("a");
            expect(JSON.stringify(p)).not.to.include("simulated-secret");
        });

        tested.add("azure-subscription");
        it("azure-subscription: warns when no subscription is configured, and rejects a provider's subscriptionId that is no GUID", async () => {
            const p = await plan("goodAzure", { configRemovals: ["azure-native:subscriptionId"] });
            expect(errors(p)).to.deep.equal([]);
            expect(p.findings.map((f) => [f.severity, f.rule])).to.deep.include(["warning", "azure-subscription"]);
            expect(p.findings[0]!.message).to.include("azure-native:subscriptionId");
            expectRejected(
                await plan("azureBadSubscription"),
                "azure-subscription",
                "other-subscription",
                "not-a-subscription",
            );
        });

        rejects(
            "customApiRedirectMissing",
            "custom-api-redirect",
            "good-custom-api",
            "logic-apis-westeurope",
            "AADSTS50011",
        );
        rejects("customApiNotAad", "custom-api", "good-custom-api", "identityProvider", "aad");
        rejects("customApiNoLocation", "azure-required-input", "good-custom-api", "location");
        rejects("keyVaultSecretExpired", "key-vault-secret-expires", "good-kv-secret", "not in the future");
        rejects("keyVaultSecretMilliseconds", "key-vault-secret-expires", "good-kv-secret", "seconds since 1970");
        rejects("keyVaultSecretName", "key-vault-secret-name", "good-kv-secret", "good_app.secret");
        rejects("keyVaultSecretEmpty", "key-vault-secret-value", "good-kv-secret", "properties.value");
        rejects("secretSlotsBadEpoch", "secret-slots", "bad-slots", "yesterday");
    });

    describe("coverage", () => {
        it("has a test for every rule the simulator reports", () => {
            // The core, every handler module and the azure-native family: all of offline/simulator/.
            const dir = path.join(ROOT, "offline", "simulator");
            const files = fs.readdirSync(dir).filter((f) => f.endsWith(".ts"));
            expect(files).to.include.members(["core.ts", "azureNativeSimulator.ts"]);
            const source = files.map((f) => fs.readFileSync(path.join(dir, f), "utf8")).join("\n");
            const rules = new Set(
                [...source.matchAll(/(?:this|ctx)\.find\(\s*[^,]*?,\s*"([a-z0-9-]+)"/g)].map((m) => m[1]!),
            );
            expect(rules.size).to.be.greaterThan(20);
            expect([...rules].filter((r) => !tested.has(r)).sort()).to.deep.equal([]);
        });
    });
});

describe("dependencyWaves", () => {
    const STACK = "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev";
    function res(
        name: string,
        deps: string[] = [],
        options: { parent?: string; custom?: boolean } = {},
    ): RecordedResource {
        return {
            urn: `urn:${name}`,
            type: options.custom === false ? "test:index:Component" : "test:index:Thing",
            name,
            parent: options.parent ? `urn:${options.parent}` : STACK,
            custom: options.custom ?? true,
            aliases: [],
            protect: false,
            retainOnDelete: false,
            dependencies: deps.map((d) => `urn:${d}`),
            inputs: {},
            outputs: {},
        };
    }

    it("is 0 without custom resources", () => {
        expect(dependencyWaves([])).to.equal(0);
        expect(dependencyWaves([res("c", [], { custom: false })])).to.equal(0);
    });

    it("counts a chain of 3 as 3, and independent resources as 1", () => {
        expect(dependencyWaves([res("a"), res("b", ["a"]), res("c", ["b"])])).to.equal(3);
        expect(dependencyWaves([res("a"), res("b"), res("c")])).to.equal(1);
    });

    it("takes the longest of several paths", () => {
        expect(
            dependencyWaves([res("a"), res("b", ["a"]), res("c", ["b"]), res("d", ["a", "c"]), res("e", ["a"])]),
        ).to.equal(4);
    });

    it("expands a dependency on a component to its custom children, however deep", () => {
        const resources = [
            res("a"),
            res("comp", [], { custom: false }),
            res("x", ["a"], { parent: "comp" }),
            res("inner", [], { parent: "comp", custom: false }),
            res("y", ["x"], { parent: "inner" }),
            res("z", ["comp"]),
        ];
        // a -> x -> y (inside comp) -> z
        expect(dependencyWaves(resources)).to.equal(4);
    });

    it("ignores unknown URNs and terminates on a cycle", () => {
        expect(dependencyWaves([res("a", ["nowhere"])])).to.equal(1);
        expect(dependencyWaves([res("a", ["b"]), res("b", ["a"])])).to.be.at.least(1);
    });
});
