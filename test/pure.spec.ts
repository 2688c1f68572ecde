// Tests for the pure functions behind the components: subjects, ids, names, Entra rules, consent, next steps, issuers.
import { expect } from "chai";
import { ConnectorConfig, StackConfig } from "../config";
import { resolveScopeIds } from "../components/connectorClient";
import { grantClaimValues } from "../components/consent";
import { permissionId, uuidV5 } from "../entra/deterministicIds";
import { MAX_REDIRECT_URI_LENGTH, permissionValueProblem, redirectUriProblem } from "../entra/entraRules";
import { federatedIssuer } from "../components/federatedCredential";
import { childName, environmentDisplayName, federatedCredentialName } from "../entra/naming";
import { nextStepsOf } from "../stack/nextSteps";
import { decodeGuid, encodeGuid, parsePowerPlatformSubject, powerPlatformSubject } from "../entra/powerPlatformSubject";

const TENANT = "3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45";
const PP_APP = "58e835ab-2e39-46a9-b797-accce6633447";
const PP_APP_ENCODED = "qzXoWDkuqUa3l6zM5mM0Rw";

describe("encodeGuid / decodeGuid", () => {
    it("encodes Power Platform's app id as DESIGN.md documents (Guid.ToByteArray order, base64url, no padding)", () => {
        expect(encodeGuid(PP_APP)).to.equal(PP_APP_ENCODED);
        expect(decodeGuid(PP_APP_ENCODED)).to.equal(PP_APP);
    });

    it("encodes the first three groups little-endian", () => {
        // Bytes 00 01 02 03 | 04 05 | 06 07 | 08..0f reordered to 03 02 01 00 | 05 04 | 07 06 | 08..0f.
        const guid = "00010203-0405-0607-0809-0a0b0c0d0e0f";
        expect(Buffer.from(encodeGuid(guid), "base64url").toString("hex")).to.equal(
            "03020100050407060809" + "0a0b0c0d0e0f",
        );
    });

    it("round-trips GUIDs (lower-casing them)", () => {
        for (const guid of [
            TENANT,
            PP_APP,
            "00000000-0000-0000-0000-000000000000",
            "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
        ]) {
            const encoded = encodeGuid(guid);
            expect(encoded).to.have.length(22);
            expect(encoded).to.match(/^[A-Za-z0-9_-]+$/);
            expect(decodeGuid(encoded)).to.equal(guid.toLowerCase());
        }
    });

    it("rejects a non-GUID to encode", () => {
        expect(() => encodeGuid("not-a-guid")).to.throw(/not a GUID/);
    });

    it("rejects text of the wrong length", () => {
        expect(decodeGuid(PP_APP_ENCODED.slice(0, 21))).to.equal(undefined);
        expect(decodeGuid(PP_APP_ENCODED + "A")).to.equal(undefined);
        expect(decodeGuid("")).to.equal(undefined);
    });

    it("rejects padding and non-base64url characters", () => {
        expect(decodeGuid(PP_APP_ENCODED + "==")).to.equal(undefined);
        expect(decodeGuid("qzXoWDkuqUa3l6zM5mM0R=")).to.equal(undefined);
        expect(decodeGuid("qzXoWDkuqUa3l6zM5mM0R+")).to.equal(undefined);
        expect(decodeGuid("qzXoWDkuqUa3l6zM5mM0R/")).to.equal(undefined);
    });

    it("rejects a non-canonical last character (its unused bits set)", () => {
        // 22 characters carry 132 bits: the last 4 must be zero, so "Rx" decodes to the same bytes but is not what .NET writes.
        expect(decodeGuid("qzXoWDkuqUa3l6zM5mM0Rx")).to.equal(undefined);
    });
});

describe("parsePowerPlatformSubject", () => {
    const subject = `/eid1/c/pub/t/${encodeGuid(TENANT)}/a/${PP_APP_ENCODED}/shared_graph-20profile-5f3c2a1b9d7e4f60`;

    it("parses a subject as the connector shows it", () => {
        expect(parsePowerPlatformSubject(subject)).to.deep.equal({
            cloudSegment: "pub",
            tenantId: TENANT,
            appId: PP_APP,
            connectorName: "shared_graph-20profile-5f3c2a1b9d7e4f60",
        });
    });

    it("is the inverse of powerPlatformSubject, for any cloud segment", () => {
        expect(powerPlatformSubject(TENANT, PP_APP, "shared_graph-20profile-5f3c2a1b9d7e4f60")).to.equal(subject);
        const parsed = parsePowerPlatformSubject(powerPlatformSubject(TENANT, PP_APP, "shared_x", "usg"));
        expect(parsed).to.include({ cloudSegment: "usg", tenantId: TENANT, appId: PP_APP, connectorName: "shared_x" });
    });

    it("rejects text that does not have the subject form", () => {
        for (const bad of [
            "",
            "shared_graph",
            subject.replace("/eid1/", "/eid2/"),
            subject + "/",
            subject.replace("/shared_", "//shared_"),
            subject + "/two words",
            subject.replace("/pub/", "/PUB/"),
            `/eid1/c/pub/t/${encodeGuid(TENANT)}/a/${PP_APP_ENCODED}/`,
            subject + " ",
        ]) {
            const parsed = parsePowerPlatformSubject(bad);
            expect(parsed, bad).to.have.property("error").that.includes("/eid1/c/pub/t/{encodedTenantId}");
        }
    });

    it("accepts a tail of several segments (a Dataverse plug-in subject's shape, Learn 'Set up managed identity')", () => {
        const plugin = `/eid1/c/pub/t/${encodeGuid(TENANT)}/a/${PP_APP_ENCODED}/n/plugin/e/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9/h/3A5F1C`;
        expect(parsePowerPlatformSubject(plugin)).to.deep.equal({
            cloudSegment: "pub",
            tenantId: TENANT,
            appId: PP_APP,
            connectorName: "n/plugin/e/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9/h/3A5F1C",
        });
        expect(parsePowerPlatformSubject(subject + "/extra")).to.include({
            tenantId: TENANT,
            connectorName: "shared_graph-20profile-5f3c2a1b9d7e4f60/extra",
        });
    });

    it("rejects a t/ or a/ segment that is not an encoded GUID, naming the segment", () => {
        const badTenant = parsePowerPlatformSubject(`/eid1/c/pub/t/abc/a/${PP_APP_ENCODED}/shared_x`);
        expect(badTenant).to.have.property("error").that.includes('t/ segment "abc"');
        const badApp = parsePowerPlatformSubject(
            `/eid1/c/pub/t/${encodeGuid(TENANT)}/a/qzXoWDkuqUa3l6zM5mM0Rx/shared_x`,
        );
        expect(badApp).to.have.property("error").that.includes('a/ segment "qzXoWDkuqUa3l6zM5mM0Rx"');
    });
});

describe("uuidV5 / permissionId", () => {
    it("matches the RFC 4122 v5 vector (DNS namespace, www.example.com)", () => {
        expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).to.equal(
            "2ed6657d-e927-568b-95e1-2665a8aea6a2",
        );
    });

    it("sets version 5 and the RFC 4122 variant, and depends on name and namespace", () => {
        const id = uuidV5("orders");
        expect(id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(uuidV5("orders")).to.equal(id);
        expect(uuidV5("orders2")).to.not.equal(id);
        expect(uuidV5("orders", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).to.not.equal(id);
    });

    it("rejects a namespace that is not a UUID", () => {
        expect(() => uuidV5("x", "not-a-uuid")).to.throw(/namespace/);
    });

    it("derives stable permission ids that differ by api key, kind and value", () => {
        const id = permissionId("orders", "scope", "access_as_user");
        expect(id).to.equal(uuidV5("entra-connectors/orders/scope/access_as_user"));
        expect(permissionId("orders", "scope", "access_as_user")).to.equal(id);
        const others = [
            permissionId("billing", "scope", "access_as_user"),
            permissionId("orders", "role", "access_as_user"),
            permissionId("orders", "scope", "access_as_admin"),
        ];
        expect(new Set([id, ...others]).size).to.equal(4);
    });
});

describe("naming", () => {
    it("suffixes display names with the environment", () => {
        expect(environmentDisplayName("Orders API", "dev")).to.equal("Orders API (dev)");
        expect(environmentDisplayName("Orders API", "prod")).to.equal("Orders API (prod)");
    });

    it("builds child names from the component name and stable parts", () => {
        expect(childName("api-orders", "app")).to.equal("api-orders-app");
        expect(childName("api-orders", "scope", "access_as_user")).to.equal("api-orders-scope-access_as_user");
        expect(childName("connector-arm")).to.equal("connector-arm");
    });

    it("names a federated credential from the connector key only, within Entra's rules", () => {
        expect(federatedCredentialName("graph-me")).to.equal("power-platform-graph-me");
        expect(federatedCredentialName("graph-me")).to.match(/^[A-Za-z0-9][A-Za-z0-9_-]{2,119}$/);
    });
});

describe("redirectUriProblem", () => {
    it("accepts https URLs and http on localhost", () => {
        expect(redirectUriProblem("https://global.consent.azure-apim.net/redirect/shared-5farm-5fe1d2")).to.equal(
            undefined,
        );
        expect(redirectUriProblem("http://localhost:3000/callback")).to.equal(undefined);
        expect(redirectUriProblem("http://127.0.0.1/callback")).to.equal(undefined);
    });

    it("rejects http on any other host", () => {
        expect(redirectUriProblem("http://orders.contoso.com/callback")).to.match(/https/);
    });

    it("rejects wildcards", () => {
        expect(redirectUriProblem("https://*.contoso.com/callback")).to.match(/wildcard/);
    });

    it("rejects fragments", () => {
        expect(redirectUriProblem("https://contoso.com/callback#token")).to.match(/fragment/);
    });

    it(`rejects URIs longer than ${MAX_REDIRECT_URI_LENGTH} characters, accepts exactly ${MAX_REDIRECT_URI_LENGTH}`, () => {
        const prefix = "https://contoso.com/";
        const exact = prefix + "a".repeat(MAX_REDIRECT_URI_LENGTH - prefix.length);
        expect(MAX_REDIRECT_URI_LENGTH).to.equal(256);
        expect(redirectUriProblem(exact)).to.equal(undefined);
        expect(redirectUriProblem(exact + "a"))
            .to.include("257")
            .and.include("256");
    });

    it("rejects relative URIs and other schemes", () => {
        expect(redirectUriProblem("/callback")).to.match(/absolute/);
        expect(redirectUriProblem("contoso.com/callback")).to.match(/absolute/);
        expect(redirectUriProblem("ftp://contoso.com/callback")).to.match(/scheme/);
    });
});

describe("permissionValueProblem", () => {
    it("accepts ordinary scope and role values", () => {
        for (const value of ["access_as_user", "Orders.Read.All", "user_impersonation", "User.Read"]) {
            expect(permissionValueProblem(value), value).to.equal(undefined);
        }
    });

    it("rejects empty values, whitespace and a leading dot", () => {
        expect(permissionValueProblem("")).to.match(/empty/);
        expect(permissionValueProblem("access as user")).to.match(/whitespace|spaces/);
        expect(permissionValueProblem("access\tas_user")).to.match(/whitespace|spaces/);
        expect(permissionValueProblem(".read")).to.match(/dot|'\.'/);
    });
});

describe("grantClaimValues", () => {
    it("sorts and de-duplicates claim values", () => {
        expect(grantClaimValues(["User.Read", "Calendars.Read", "User.Read", "openid"])).to.deep.equal([
            "Calendars.Read",
            "User.Read",
            "openid",
        ]);
    });

    it("gives the same claims for any order", () => {
        expect(grantClaimValues(["b", "a"])).to.deep.equal(grantClaimValues(["a", "b", "a"]));
    });

    it("does not modify its input", () => {
        const scopes = ["b", "a"];
        grantClaimValues(scopes);
        expect(scopes).to.deep.equal(["b", "a"]);
    });
});

describe("resolveScopeIds", () => {
    const graphIds = {
        "User.Read": "e1fe6dd8-ba31-4d61-89e7-88639da4683d",
        "Calendars.Read": "465a38f9-76ea-45b9-9f34-9e8b0d4b0b42",
    };

    it("maps scope names to ids in the given order", () => {
        expect(resolveScopeIds("Microsoft Graph", graphIds, ["Calendars.Read", "User.Read"])).to.deep.equal([
            "465a38f9-76ea-45b9-9f34-9e8b0d4b0b42",
            "e1fe6dd8-ba31-4d61-89e7-88639da4683d",
        ]);
    });

    it("throws naming the missing scope and the resource, with the closest names it has (not all of them)", () => {
        expect(() => resolveScopeIds("Microsoft Graph", graphIds, ["User.Read", "Mail.Send"]))
            .to.throw(Error)
            .with.property("message")
            .that.includes('"Mail.Send"')
            .and.includes("Microsoft Graph")
            .and.includes("No known name is close");
        expect(() => resolveScopeIds("Microsoft Graph", graphIds, ["Calendar.Read"]))
            .to.throw(Error)
            .with.property("message")
            .that.includes('Did you mean "Calendars.Read"');
    });

    it("throws when the resource has no scopes at all", () => {
        expect(() => resolveScopeIds('API "orders"', {}, ["access_as_user"])).to.throw(
            /API "orders".*"access_as_user".*no delegated permissions/,
        );
    });

    it("throws instead of sending an empty id when the map names the scope without an id (a mock's answer)", () => {
        for (const empty of ["", undefined])
            expect(() =>
                resolveScopeIds("Microsoft Graph", { ...graphIds, "Mail.Send": empty as unknown as string }, [
                    "User.Read",
                    "Mail.Send",
                ]),
            )
                .to.throw(Error)
                .with.property("message")
                .that.includes('no delegated permission named "Mail.Send"');
    });
});

describe("nextSteps", () => {
    const GLOBAL_REDIRECT = "https://global.consent.azure-apim.net/redirect";
    const PER_CONNECTOR = "https://global.consent.azure-apim.net/redirect/shared-5fgraph-5f3c2a1b";
    const connector = (overrides: Partial<ConnectorConfig>): ConnectorConfig => ({
        displayName: "Connector",
        resource: { wellKnown: "microsoftGraph" },
        scopes: ["User.Read"],
        authentication: "managedIdentity",
        secretLifetimeDays: undefined,
        secretRotationDays: undefined,
        platform: "powerPlatform",
        federatedSubject: undefined,
        redirectUrls: [GLOBAL_REDIRECT],
        adminConsent: true,
        onBehalfOfLogin: false,
        host: undefined,
        ...overrides,
    });
    const stack = (connectors: Record<string, ConnectorConfig>): StackConfig => ({
        tenantId: TENANT,
        environment: "dev",
        cloud: "public",
        production: false,
        owners: [],
        apis: {},
        connectors,
        httpWithEntraIdGrants: [],
        powerPlatformApiClients: {},
    });
    const about = (steps: string[], key: string) => steps.filter((s) => s.startsWith(`Connector "${key}"`));

    it("tells a first-pass managed-identity connector to set its federatedSubject, naming the key path", () => {
        const steps = about(nextStepsOf(stack({ "graph-calendar": connector({}) })), "graph-calendar");
        const step = steps.find((s) => s.includes("federatedSubject"));
        expect(step).to.be.a("string").and.include("entra-connectors:connectors.graph-calendar.federatedSubject");
    });

    it("has no federatedSubject step once the subject is configured", () => {
        const subject = powerPlatformSubject(TENANT, PP_APP, "shared_graph");
        const steps = nextStepsOf(
            stack({ "graph-me": connector({ federatedSubject: subject, redirectUrls: [PER_CONNECTOR] }) }),
        );
        expect(steps.filter((s) => s.includes("federatedSubject"))).to.deep.equal([]);
    });

    it("asks for the per-connector redirect URL only while the global one is used", () => {
        const steps = nextStepsOf(
            stack({
                first: connector({ redirectUrls: [GLOBAL_REDIRECT] }),
                second: connector({ redirectUrls: [PER_CONNECTOR] }),
            }),
        );
        expect(
            about(steps, "first").some((s) => s.includes("entra-connectors:connectors.first.redirectUrls")),
        ).to.equal(true);
        expect(about(steps, "second").filter((s) => s.includes("redirect"))).to.deep.equal([]);
    });

    it("tells a clientSecret connector where to read the secret, without putting a secret in the step", () => {
        const steps = about(
            nextStepsOf(
                stack({
                    arm: connector({
                        authentication: "clientSecret",
                        secretLifetimeDays: 180,
                        redirectUrls: [PER_CONNECTOR],
                    }),
                }),
            ),
            "arm",
        );
        const secretSteps = steps.filter((s) => s.includes("client secret"));
        expect(secretSteps).to.have.length(1);
        expect(secretSteps[0]).to.include("pulumi stack output connectors --show-secrets");
        expect(secretSteps[0]).to.include('.["arm"].clientSecret');
        // A managed-identity connector gets no secret step at all.
        const mi = nextStepsOf(stack({ mi: connector({ redirectUrls: [PER_CONNECTOR] }) }));
        expect(mi.filter((s) => s.includes("client secret"))).to.deep.equal([]);
    });

    it("suggests admin consent only when it is off", () => {
        const steps = nextStepsOf(
            stack({ on: connector({ adminConsent: true }), off: connector({ adminConsent: false }) }),
        );
        expect(about(steps, "off").some((s) => s.includes("entra-connectors:connectors.off.adminConsent"))).to.equal(
            true,
        );
        expect(about(steps, "on").some((s) => s.includes("adminConsent"))).to.equal(false);
    });

    it("lists connectors in key order, whatever the config order", () => {
        const steps = nextStepsOf(stack({ zeta: connector({}), alpha: connector({}) }));
        expect(steps[0].startsWith('Connector "alpha"')).to.equal(true);
        expect(steps[steps.length - 1].startsWith('Connector "zeta"')).to.equal(true);
    });
});

describe("federatedIssuer", () => {
    it("is the tenant's v2.0 authority on login.microsoftonline.com in the public cloud", () => {
        expect(federatedIssuer("public", TENANT)).to.equal(`https://login.microsoftonline.com/${TENANT}/v2.0`);
    });

    it("uses login.microsoftonline.us for usgovernment", () => {
        expect(federatedIssuer("usgovernment", TENANT)).to.equal(`https://login.microsoftonline.us/${TENANT}/v2.0`);
    });

    it("uses login.partner.microsoftonline.cn for china", () => {
        expect(federatedIssuer("china", TENANT)).to.equal(`https://login.partner.microsoftonline.cn/${TENANT}/v2.0`);
    });
});
