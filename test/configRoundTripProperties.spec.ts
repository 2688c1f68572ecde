// Property tests (fast-check, fixed seeds): free text the Entra rules accept passes config unchanged, and what they refuse is refused at its key.
import { expect } from "chai";
import fc from "fast-check";
import { ConfigError, parseStackConfig } from "../config";
import { identifierUriProblem, permissionValueProblem, redirectUriProblem } from "../entra/entraRules";

const RUNS = { seed: 2324, numRuns: 60 };
const NS = "entra-connectors";
const SCOPE = {
    adminConsentDisplayName: "Access Orders API",
    adminConsentDescription: "Lets the connector call Orders API for the signed-in user.",
};

/** A valid stack: one API with a scope, a connector that calls it, and one that calls Microsoft Graph. */
function stack(change: (apis: Record<string, any>, connectors: Record<string, any>) => void): Record<string, string> {
    const apis: Record<string, any> = {
        orders: { displayName: "Orders API", scopes: [{ value: "access_as_user", ...SCOPE }] },
    };
    const connectors: Record<string, any> = {
        orders: {
            displayName: "Orders Connector",
            resource: { api: "orders" },
            scopes: ["access_as_user"],
            authentication: "clientSecret",
        },
        graph: {
            displayName: "Graph Connector",
            resource: { wellKnown: "microsoftGraph" },
            scopes: ["User.Read"],
            authentication: "clientSecret",
        },
    };
    change(apis, connectors);
    return {
        "azuread:tenantId": "3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45",
        [`${NS}:environment`]: "dev",
        [`${NS}:owners`]: JSON.stringify(["9a1f3c2e-7b6d-4e5f-8a9b-0c1d2e3f4a5b"]),
        [`${NS}:apis`]: JSON.stringify(apis),
        [`${NS}:connectors`]: JSON.stringify(connectors),
    };
}

/** The problem paths of a config that fails, or [] when it parses. */
function problemPaths(raw: Record<string, string>): string[] {
    try {
        parseStackConfig(raw, [], {});
        return [];
    } catch (err) {
        expect(err).to.be.instanceOf(ConfigError);
        return (err as ConfigError).problems.map((p) => p.path);
    }
}

/** Text a config file can hold, and URLs close to what the rules accept. */
const text = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.webUrl({ validSchemes: ["https"], withQueryParameters: true }),
    fc.webUrl({ validSchemes: ["http", "https"], withFragments: true }),
    fc.constantFrom("http://localhost:8080/callback", "https://x/*", "http://127.0.0.1/cb"),
);

describe("properties: config carries what the Entra rules accept, unchanged, and refuses the rest at the key", () => {
    it("redirect URLs", () => {
        fc.assert(
            fc.property(text, (url) => {
                const raw = stack((_, c) => (c.graph.redirectUrls = [url]));
                const path = `${NS}:connectors.graph.redirectUrls[0]`;
                if (redirectUriProblem(url) === undefined) {
                    expect(parseStackConfig(raw, [], {}).connectors.graph.redirectUrls).to.deep.equal([url]);
                } else {
                    expect(problemPaths(raw), url).to.include(path);
                }
            }),
            RUNS,
        );
    });

    it("Application ID URIs", () => {
        const candidates = fc.oneof(
            text,
            fc.stringMatching(/^[a-z0-9./-]{1,30}$/).map((t) => `api://${t}`),
            fc.webUrl().map((u) => u.replace(/^http:/, "https:")),
        );
        fc.assert(
            fc.property(candidates, (uri) => {
                const raw = stack((a) => (a.orders.identifierUri = uri));
                if (identifierUriProblem(uri) === undefined) {
                    expect(parseStackConfig(raw, [], {}).apis.orders.identifierUri).to.equal(uri);
                } else {
                    expect(problemPaths(raw), uri).to.include(`${NS}:apis.orders.identifierUri`);
                }
            }),
            RUNS,
        );
    });

    it("scope values an API exposes and a connector asks for", () => {
        const candidates = fc.oneof(fc.string({ maxLength: 40 }), fc.stringMatching(/^[\x21-\x7e]{1,40}$/));
        fc.assert(
            fc.property(candidates, (value) => {
                fc.pre(value !== "__proto__" && value !== "access_as_user");
                const raw = stack((a, c) => {
                    a.orders.scopes.push({ value, ...SCOPE });
                    c.orders.scopes = [value];
                });
                if (permissionValueProblem(value) === undefined) {
                    const config = parseStackConfig(raw, [], {});
                    expect(config.apis.orders.scopes.map((s) => s.value)).to.deep.equal(["access_as_user", value]);
                    expect(config.connectors.orders.scopes).to.deep.equal([value]);
                } else {
                    expect(problemPaths(raw), value).to.include(`${NS}:apis.orders.scopes[1].value`);
                }
            }),
            RUNS,
        );
    });
});
