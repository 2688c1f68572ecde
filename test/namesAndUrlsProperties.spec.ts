// Property tests (fast-check, fixed seeds) of the free-text rules on names, hosts, URLs, ids and subjects.
import { expect } from "chai";
import fc from "fast-check";
import {
    connectorNameProblem,
    environmentIdProblem,
    subjectTimeoutProblem,
} from "../entra/powerPlatformConnectorRules";
import {
    MAX_DISPLAY_NAME_LENGTH,
    applicationDisplayNameProblem,
    hostNameProblem,
    httpsBaseUrlProblem,
    identifierUriProblem,
    keyVaultNameProblem,
    keyVaultSecretNameProblem,
    redirectUriProblem,
    resourceGroupNameProblem,
} from "../entra/entraRules";
import {
    grantIdProblem,
    objectIdProblem,
    ownApiScopeProblem,
    permissionKeyProblem,
    resourceUrlProblem,
} from "../entra/argRules";
import { federatedSubjectProblem } from "../entra/federatedCredentialRules";
import { encodeGuid, parsePowerPlatformSubject, powerPlatformSubject } from "../entra/powerPlatformSubject";
import { CLOUD_NAMES, CLOUDS } from "../entra/clouds";
import { environmentDisplayName, keyVaultSecretName } from "../entra/naming";
import { identifierUriScheme } from "../policy/rules/tenancy";
import { TYPES } from "../policy/facts";
import { PolicyContext, PolicyResource, policyConfig } from "../policy/ruleTypes";

const RUNS = { seed: 2323, numRuns: 150 };
/** Arbitrary text, including the awkward cases a config file or an argument can hold. */
const anyText = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: "grapheme", maxLength: 80 }),
    fc.constantFrom("", " ", "__proto__", "constructor", "x".repeat(5000), "a\nb", "\u0000", "\u{1F600}"),
    fc.webUrl({ withFragments: true, withQueryParameters: true }),
);
/** Environment names as config allows them (config/schema.ts): a lowercase letter, then up to 15 of [a-z0-9-]. */
const environmentName = fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/);
const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

describe("properties of the name, host, URL, id and subject rules", () => {
    it("no rule throws for arbitrary text: each returns undefined or a non-empty message", () => {
        const rules: ((s: string) => string | undefined)[] = [
            hostNameProblem,
            httpsBaseUrlProblem,
            keyVaultNameProblem,
            keyVaultSecretNameProblem,
            resourceGroupNameProblem,
            applicationDisplayNameProblem,
            permissionKeyProblem,
            environmentIdProblem,
            connectorNameProblem,
            grantIdProblem,
            resourceUrlProblem,
            (s) => objectIdProblem(s, "the user's object id"),
            (s) => ownApiScopeProblem(s, 'API "orders"', ["access_as_user", "Orders.Read"], "apis.orders.scopes"),
            (s) => federatedSubjectProblem(s, "72f988bf-86f1-41af-91ab-2d7cd011db47", "china"),
        ];
        fc.assert(
            fc.property(anyText, (s) => {
                for (const rule of rules) {
                    const out = rule(s);
                    expect(out === undefined || (typeof out === "string" && out.length > 0), rule.name).to.equal(true);
                }
            }),
            RUNS,
        );
    });

    it("host names: accepted exactly when every dot-separated label is 1-63 letters, digits or inner hyphens, at most 253 in all, with a port 1-65535 if any", () => {
        const candidates = fc.oneof(
            anyText,
            fc.domain(),
            fc
                .tuple(fc.domain(), fc.oneof(fc.integer({ min: -10, max: 70000 }), fc.constantFrom(0, 1, 65535, 65536)))
                .map(([d, p]) => `${d}:${p}`),
            fc.stringMatching(/^[A-Za-z0-9.-]{0,70}(:[0-9]{0,6})?$/),
        );
        const label = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
        fc.assert(
            fc.property(candidates, (s) => {
                const parts = s.split(":");
                const [name, port] = parts;
                const ok =
                    parts.length <= 2 &&
                    name.length > 0 &&
                    name.length <= 253 &&
                    name.split(".").every((l) => label.test(l)) &&
                    (port === undefined || (/^[0-9]{1,5}$/.test(port) && +port >= 1 && +port <= 65535));
                const problem = hostNameProblem(s);
                expect(problem === undefined, JSON.stringify(s)).to.equal(ok);
                if (!ok && parts.length === 2 && name.split(".").every((l) => label.test(l)) && name.length <= 253)
                    expect(problem).to.include(`port ${JSON.stringify(port)}`);
            }),
            RUNS,
        );
    });

    it("https base URLs: every https URL without query, fragment or credentials is accepted, and each of those added is refused by name", () => {
        fc.assert(
            fc.property(fc.webUrl({ validSchemes: ["https"] }), (url) => {
                expect(httpsBaseUrlProblem(url), url).to.equal(undefined);
                expect(httpsBaseUrlProblem(`${url}?code=1`)).to.include("query");
                expect(httpsBaseUrlProblem(`${url}#top`)).to.include("fragment");
                expect(httpsBaseUrlProblem(url.replace("https://", "https://user:pw@"))).to.include("credentials");
                expect(httpsBaseUrlProblem(url.replace("https://", "https://user@"))).to.include("credentials");
                expect(httpsBaseUrlProblem(url.replace("https://", "http://"))).to.include("uses http;");
            }),
            RUNS,
        );
        fc.assert(
            fc.property(anyText, (s) => {
                if (httpsBaseUrlProblem(s) !== undefined) return;
                const url = new URL(s);
                expect(url.protocol).to.equal("https:");
                expect(s).not.to.match(/[\s?#]/);
                expect(url.username + url.password).to.equal("");
            }),
            RUNS,
        );
    });

    it("Key Vault names: accepted exactly when 3-24 letters, digits and single hyphens, starting with a letter and ending with a letter or digit", () => {
        const candidates = fc.oneof(anyText, fc.stringMatching(/^[A-Za-z0-9-]{0,26}$/));
        fc.assert(
            fc.property(candidates, (s) => {
                const ok =
                    s.length >= 3 &&
                    s.length <= 24 &&
                    /^[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]$/.test(s) &&
                    !s.includes("--");
                expect(keyVaultNameProblem(s) === undefined, JSON.stringify(s)).to.equal(ok);
                expect(keyVaultSecretNameProblem(s) === undefined, JSON.stringify(s)).to.equal(
                    /^[A-Za-z0-9-]{1,127}$/.test(s),
                );
            }),
            RUNS,
        );
    });

    it("resource group names: accepted exactly when 1-90 letters, digits, '_', '-', '.', '(' or ')' not ending in '.'; a refused character is named", () => {
        const allowed = /^[\p{Lu}\p{Ll}\p{Lt}\p{Lm}\p{Lo}\p{Nd}_\-.()]$/u;
        const candidates = fc.oneof(anyText, fc.stringMatching(/^[\w\-.() ]{0,95}$/));
        fc.assert(
            fc.property(candidates, (s) => {
                const bad = [...s].find((c) => !allowed.test(c));
                const ok = s.length >= 1 && s.length <= 90 && bad === undefined && !s.endsWith(".");
                const problem = resourceGroupNameProblem(s);
                expect(problem === undefined, JSON.stringify(s)).to.equal(ok);
                if (bad !== undefined && s.length >= 1 && s.length <= 90)
                    expect(problem).to.include(/[\x21-\x7e]/.test(bad) ? `'${bad}'` : codePoint(bad));
            }),
            RUNS,
        );
    });

    it("app display names: refused exactly over Entra's limit as stored, naming the environment suffix and how much to cut", () => {
        // Names with " (" of their own, short and long, so the suffix is found from the end.
        const name = fc.oneof(
            fc.string({ minLength: 1, maxLength: 130 }),
            fc.string({ minLength: 90, maxLength: 125 }).map((t) => `Orders (v2) ${t}`),
            fc.constantFrom("Orders (v2) API", "a (b"),
        );
        fc.assert(
            fc.property(name, environmentName, (n, env) => {
                const stored = environmentDisplayName(n, env);
                expect(stored.slice(0, n.length)).to.equal(n);
                const problem = applicationDisplayNameProblem(stored);
                expect(problem === undefined).to.equal(stored.length <= MAX_DISPLAY_NAME_LENGTH);
                if (problem !== undefined) {
                    expect(problem).to.include(`"(${env})"`);
                    expect(problem).to.include(`shorten it by ${stored.length - MAX_DISPLAY_NAME_LENGTH}`);
                }
            }),
            RUNS,
        );
    });

    it("Key Vault secret names for any prefix and component: Key Vault's form, or an error exactly when longer than 127", () => {
        fc.assert(
            fc.property(
                fc.string({ maxLength: 80 }),
                fc.string({ maxLength: 80 }),
                fc.integer({ min: 120, max: 135 }),
                (prefix, free, total) => {
                    // Half the cases aim at the limit: a component that makes the whole name \`total\` characters long.
                    const fill = total - "--client-secret".length - prefix.length;
                    const component = free.length % 2 === 0 && fill >= 0 ? "c".repeat(fill) : free;
                    const length = `${prefix}-${component}-client-secret`.length;
                    let name: string | undefined;
                    let error: unknown;
                    try {
                        name = keyVaultSecretName(prefix, component);
                    } catch (err) {
                        error = err;
                    }
                    if (length > 127) {
                        expect(error).to.be.instanceOf(Error);
                        expect((error as Error).message).to.include("shorten the connector key");
                    } else {
                        expect(name).to.match(/^[0-9A-Za-z-]{1,127}$/);
                        expect(keyVaultSecretNameProblem(name!)).to.equal(undefined);
                        expect(name!.endsWith("-client-secret")).to.equal(true);
                    }
                },
            ),
            RUNS,
        );
    });

    it("Power Platform environment ids and connector names: accepted exactly in their documented character sets; GUIDs and Default-<tenant> are environment ids", () => {
        fc.assert(
            fc.property(anyText, fc.uuid(), (s, g) => {
                expect(environmentIdProblem(s) === undefined).to.equal(/^[A-Za-z0-9-]{1,100}$/.test(s));
                expect(connectorNameProblem(s) === undefined).to.equal(/^[A-Za-z0-9_-]{1,200}$/.test(s));
                expect(environmentIdProblem(g)).to.equal(undefined);
                expect(environmentIdProblem(`Default-${g}`)).to.equal(undefined);
                expect(connectorNameProblem(`shared_orders-20connector-${g.replace(/-/g, "").slice(0, 16)}`)).to.equal(
                    undefined,
                );
            }),
            RUNS,
        );
        fc.assert(
            fc.property(fc.double({ min: -10, max: 200, noNaN: true }), (m) => {
                expect(subjectTimeoutProblem(m) === undefined).to.equal(Number.isInteger(m) && m >= 1 && m <= 120);
            }),
            RUNS,
        );
    });

    it("grant ids are base64url of 16 or more characters and never a GUID; object ids are GUIDs other than the nil GUID", () => {
        const candidates = fc.oneof(anyText, fc.uuid(), fc.stringMatching(/^[A-Za-z0-9_-]{10,40}$/));
        fc.assert(
            fc.property(candidates, (s) => {
                const guid = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(s);
                const grant = grantIdProblem(s);
                expect(grant === undefined, JSON.stringify(s)).to.equal(!guid && /^[A-Za-z0-9_-]{16,}$/.test(s));
                if (guid) expect(grant).to.include("is a GUID");
                const objectId = objectIdProblem(s, "the user's object id");
                expect(objectId === undefined).to.equal(guid && !/^[0-]+$/.test(s));
            }),
            RUNS,
        );
    });

    it("a connector's resource URL is https:// or api:// followed by text without whitespace", () => {
        const candidates = fc.oneof(
            anyText,
            fc.webUrl({ validSchemes: ["https"] }),
            fc.string().map((t) => `api://${t}`),
        );
        fc.assert(
            fc.property(candidates, (s) => {
                const ok = (s.startsWith("https://") || s.startsWith("api://")) && /^[a-z]+:\/\/\S+$/.test(s);
                expect(resourceUrlProblem(s) === undefined, JSON.stringify(s)).to.equal(ok);
            }),
            RUNS,
        );
    });

    it("a scope a connector asks of the project's own API: accepted exactly when the API defines it; a refusal names it and the defined scopes", () => {
        const value = fc.stringMatching(/^[A-Za-z][A-Za-z0-9._]{0,20}$/);
        fc.assert(
            fc.property(value, fc.uniqueArray(value, { maxLength: 6 }), (scope, defined) => {
                const problem = ownApiScopeProblem(scope, 'API "orders"', defined, "apis.orders.scopes");
                expect(problem === undefined).to.equal(defined.includes(scope));
                if (problem === undefined) return;
                expect(problem).to.include(`"${scope}"`);
                expect(problem).to.include("apis.orders.scopes");
                for (const d of defined) expect(problem).to.include(d);
            }),
            RUNS,
        );
    });

    it("the config's identifier URI rule and the policy pack's mandatory identifier-uri-scheme rule agree, but for length and the trailing slash", () => {
        const ctx: PolicyContext = {
            environment: "dev",
            production: false,
            cloud: "public",
            now: "2026-01-01T00:00:00Z",
            config: policyConfig({}),
            all: [],
        };
        const policyAccepts = (uri: string) =>
            identifierUriScheme.check(
                {
                    type: TYPES.identifierUri,
                    name: "api-orders-identifier-uri",
                    urn: "urn:api-orders-identifier-uri",
                    parent: "",
                    inputs: { identifierUri: uri },
                    protect: false,
                    retainOnDelete: undefined,
                } as PolicyResource,
                ctx,
            ).length === 0;
        const candidates = fc.oneof(
            anyText,
            fc.string({ maxLength: 40 }).map((t) => `api://${t}`),
            fc.webUrl({ withQueryParameters: true }).map((u) => u.replace(/^http:/, "https:")),
            fc.constantFrom("https://127.0.0.1/x", "https://[::1]/x", "https://localhost/x", "api:///x"),
        );
        fc.assert(
            fc.property(candidates, (uri) => {
                const configAccepts = identifierUriProblem(uri) === undefined;
                if (configAccepts) expect(policyAccepts(uri), uri).to.equal(true);
                else if (uri.length <= 255 && !uri.endsWith("/")) expect(policyAccepts(uri), uri).to.equal(false);
            }),
            RUNS,
        );
    });

    it("a redirect URI's problem never repeats the URI (a caller shows it, or [secret] when it is one)", () => {
        fc.assert(
            fc.property(
                fc.oneof(
                    anyText,
                    fc.webUrl({ withFragments: true }).map((u) => u.replace(/^https:/, "http:")),
                ),
                (s) => {
                    const problem = redirectUriProblem(s);
                    if (problem !== undefined && s.length >= 10) expect(problem, s).not.to.include(s);
                },
            ),
            RUNS,
        );
    });

    it("managed-identity subjects: one built for a tenant and cloud is accepted exactly for that tenant and that cloud's segment, and a refusal names the subject", () => {
        fc.assert(
            fc.property(
                fc.uuid(),
                fc.uuid(),
                fc.uuid(),
                fc.constantFrom(...CLOUD_NAMES),
                fc.constantFrom(...CLOUD_NAMES),
                (tenant, other, app, builtFor, stackCloud) => {
                    const subject = powerPlatformSubject(
                        tenant,
                        app,
                        "shared_orders-5fe1d2c3b4a59687",
                        CLOUDS[builtFor].subjectCloudSegment,
                    );
                    const sameSegment = CLOUDS[builtFor].subjectCloudSegment === CLOUDS[stackCloud].subjectCloudSegment;
                    const problem = federatedSubjectProblem(subject, tenant.toUpperCase(), stackCloud);
                    expect(problem === undefined).to.equal(sameSegment);
                    if (problem !== undefined) {
                        expect(problem.startsWith(`"${subject}"`)).to.equal(true);
                        expect(problem).to.include(`"${stackCloud}"`);
                    }
                    if (tenant.toLowerCase() !== other.toLowerCase()) {
                        const otherTenant = federatedSubjectProblem(subject, other, builtFor);
                        expect(otherTenant).to.include(other);
                        expect(otherTenant!.startsWith(`"${subject}"`)).to.equal(true);
                    }
                },
            ),
            RUNS,
        );
    });

    it("a subject whose encoded tenant id is altered in one character never passes for the original tenant", () => {
        fc.assert(
            fc.property(
                fc.uuid(),
                fc.uuid(),
                fc.nat(21),
                fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
                (tenant, app, at, ch) => {
                    const encoded = encodeGuid(tenant);
                    const altered = encoded.slice(0, at) + ch + encoded.slice(at + 1);
                    if (altered === encoded) return;
                    const subject = `/eid1/c/pub/t/${altered}/a/${encodeGuid(app)}/shared_orders`;
                    const parsed = parsePowerPlatformSubject(subject);
                    if (!("error" in parsed)) expect(parsed.tenantId).not.to.equal(tenant.toLowerCase());
                    const problem = federatedSubjectProblem(subject, tenant, "public");
                    expect(problem, subject).to.be.a("string");
                    expect(problem!.startsWith(`"${subject}"`)).to.equal(true);
                },
            ),
            RUNS,
        );
    });
});
