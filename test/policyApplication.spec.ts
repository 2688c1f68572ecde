// The policy pack guards what users' own programs create too: azuread.Application (all-in-one) and ServicePrincipalPassword.
import { expect } from "chai";
import { DEFAULT_NOW } from "../offline/simulator";
import { PolicyContext, PolicyResource, policyConfig, RULES, TYPES } from "../policy/rules";
import { GRAPH_APPLICATION_PERMISSION_IDS, GRAPH_DELEGATED_PERMISSION_IDS } from "../entra/graphPermissions.generated";

const STACK_URN = "urn:pulumi:dev::my-program::pulumi:pulumi:Stack::my-program-dev";
const GRAPH = "00000003-0000-0000-c000-000000000000";
const POWER_PLATFORM_API = "8578e004-a5c6-46e7-913e-12f58912df43";

function resource(type: string, name: string, inputs: Record<string, unknown>): PolicyResource {
    return {
        type,
        name,
        urn: `urn:pulumi:dev::my-program::${type}::${name}`,
        parent: STACK_URN,
        inputs,
        protect: false,
        retainOnDelete: false,
    };
}

function messages(all: PolicyResource[], ruleName: string): string[] {
    const context: PolicyContext = {
        environment: "dev",
        production: false,
        cloud: "public",
        now: DEFAULT_NOW,
        deployerObjectId: undefined,
        config: policyConfig({}),
        all,
    } as PolicyContext;
    const rule = RULES.find((r) => r.name === ruleName)!;
    return all.flatMap((r) => rule.check(r, context));
}

const app = (inputs: Record<string, unknown>) =>
    resource(TYPES.application, "my-app", { displayName: "My app", ...inputs });

describe("policy rules on users' own azuread.Application and ServicePrincipalPassword", () => {
    it("a plain single-tenant Application with an https redirect passes every rule", () => {
        const ok = app({ web: { redirectUris: ["https://app.contoso.com/auth"] }, identifierUris: ["api://my-app"] });
        for (const r of RULES) expect(messages([ok], r.name), r.name).to.deep.equal([]);
    });

    it("no-high-privilege-graph-application-permissions: Directory.ReadWrite.All as an application permission", () => {
        const id = GRAPH_APPLICATION_PERMISSION_IDS["Directory.ReadWrite.All"];
        const bad = app({
            requiredResourceAccesses: [{ resourceAppId: GRAPH, resourceAccesses: [{ id, type: "Role" }] }],
        });
        expect(messages([bad], "no-high-privilege-graph-application-permissions").join("\n")).to.include(
            "Directory.ReadWrite.All",
        );
        // The same id requested as a delegated scope is not an application permission.
        const scope = app({
            requiredResourceAccesses: [{ resourceAppId: GRAPH, resourceAccesses: [{ id, type: "Scope" }] }],
        });
        expect(messages([scope], "no-high-privilege-graph-application-permissions")).to.deep.equal([]);
    });

    it("no-high-privilege-graph-delegated-permissions: Directory.AccessAsUser.All as a delegated permission", () => {
        const id = GRAPH_DELEGATED_PERMISSION_IDS["Directory.AccessAsUser.All"];
        const bad = app({
            requiredResourceAccesses: [{ resourceAppId: GRAPH, resourceAccesses: [{ id, type: "Scope" }] }],
        });
        expect(messages([bad], "no-high-privilege-graph-delegated-permissions").join("\n")).to.include(
            "Directory.AccessAsUser.All",
        );
    });

    it("no-power-platform-application-permissions: an application permission on the Power Platform API", () => {
        const bad = app({
            requiredResourceAccesses: [
                {
                    resourceAppId: POWER_PLATFORM_API,
                    resourceAccesses: [{ id: "11111111-1111-4111-8111-111111111111", type: "Role" }],
                },
            ],
        });
        expect(messages([bad], "no-power-platform-application-permissions").join("\n")).to.include(
            "Power Platform API",
        );
    });

    it("implicit-grant-minimal: implicit ID and access tokens in web.implicitGrant", () => {
        const bad = app({ web: { implicitGrant: { accessTokenIssuanceEnabled: true, idTokenIssuanceEnabled: true } } });
        expect(messages([bad], "implicit-grant-minimal")).to.have.length(2);
    });

    it("sign-in-audience-single-tenant: a multi-tenant audience", () => {
        expect(
            messages([app({ signInAudience: "AzureADMultipleOrgs" })], "sign-in-audience-single-tenant").join("\n"),
        ).to.include("AzureADMultipleOrgs");
    });

    for (const [platform, uri] of [
        ["web", "http://app.contoso.com/auth"],
        ["web", "https://*.contoso.com/auth"],
        ["singlePageApplication", "http://spa.contoso.com"],
        ["publicClient", "http://native.contoso.com"],
        ["publicClient", "https://*.contoso.com"],
    ] as const) {
        it(`redirect-uris-secure: ${platform} redirect ${uri}`, () => {
            const bad = app({ [platform]: { redirectUris: [uri] } });
            expect(messages([bad], "redirect-uris-secure").join("\n")).to.include(uri);
        });
    }

    it("redirect-uris-secure: a public client's custom scheme and localhost pass", () => {
        const ok = app({
            publicClient: {
                redirectUris: ["msal11111111-1111-4111-8111-111111111111://auth", "http://localhost:3000"],
            },
        });
        expect(messages([ok], "redirect-uris-secure")).to.deep.equal([]);
    });

    it("public-client-flows-require-ropc: fallbackPublicClientEnabled without declaring ROPC", () => {
        expect(
            messages([app({ fallbackPublicClientEnabled: true })], "public-client-flows-require-ropc").join("\n"),
        ).to.include("fallbackPublicClientEnabled");
        expect(
            messages(
                [app({ fallbackPublicClientEnabled: true, notes: "ROPC for the legacy kiosk" })],
                "public-client-flows-require-ropc",
            ),
        ).to.deep.equal([]);
    });

    it("identifier-uri-scheme: an IP-address identifier URI, on an Application and on the split resource", () => {
        expect(
            messages([app({ identifierUris: ["https://10.0.0.5/api"] })], "identifier-uri-scheme").join("\n"),
        ).to.include("IP address 10.0.0.5");
        const split = resource(TYPES.identifierUri, "uri", { identifierUri: "https://192.168.1.1/orders" });
        expect(messages([split], "identifier-uri-scheme").join("\n")).to.include("IP address 192.168.1.1");
    });

    it("client-secret-max-lifetime: a ServicePrincipalPassword with the two-year default, and one past the maximum", () => {
        const noEnd = resource(TYPES.servicePrincipalPassword, "sp-pw", { servicePrincipalId: "/servicePrincipals/x" });
        expect(messages([noEnd], "client-secret-max-lifetime").join("\n")).to.include("valid for 2 years");
        const long = resource(TYPES.servicePrincipalPassword, "sp-pw2", {
            servicePrincipalId: "/servicePrincipals/x",
            endDateRelative: "17520h",
        });
        expect(messages([long], "client-secret-max-lifetime").join("\n")).to.include("730 days");
        const short = resource(TYPES.servicePrincipalPassword, "sp-pw3", {
            servicePrincipalId: "/servicePrincipals/x",
            endDateRelative: "2160h",
        });
        expect(messages([short], "client-secret-max-lifetime")).to.deep.equal([]);
    });
});
