// Property tests (fast-check, fixed seeds) of the free-text rules in entra/entraRules.ts: redirect URIs, identifier URIs, permission values, display text.
import { expect } from "chai";
import fc from "fast-check";
import {
    MAX_IDENTIFIER_URI_LENGTH,
    MAX_PERMISSION_VALUE_LENGTH,
    MAX_REDIRECT_URI_LENGTH,
    displayTextProblem,
    identifierUriProblem,
    permissionValueProblem,
    redirectUriProblem,
} from "../entra/entraRules";
import { federatedSubjectProblem } from "../entra/federatedCredentialRules";
import { parsePowerPlatformSubject } from "../entra/powerPlatformSubject";

const RUNS = { seed: 23, numRuns: 150 };
/** Arbitrary text, including the awkward cases a config file can hold. */
const anyText = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: "grapheme", maxLength: 80 }),
    fc.constantFrom("", "__proto__", "constructor", "x".repeat(5000), "https://\u{1F600}.example.com", "http://[::1"),
    fc.webUrl({ withFragments: true, withQueryParameters: true }),
);
/** The set the rule documents: ASCII letters, digits and these symbols (no space, no " and no backslash). */
const PERMISSION_ALLOWED = /^[A-Za-z0-9!#$%&'()*+,\-./:;<=>?@[\]^_`{|}~]$/;

describe("properties of the free-text Entra rules", () => {
    it("no rule throws for arbitrary text (it returns a problem or undefined)", () => {
        fc.assert(
            fc.property(anyText, (s) => {
                for (const rule of [
                    redirectUriProblem,
                    identifierUriProblem,
                    permissionValueProblem,
                    (t: string) => displayTextProblem(t, 120),
                ]) {
                    const out = rule(s);
                    expect(out === undefined || (typeof out === "string" && out.length > 0)).to.equal(true);
                }
                expect(() =>
                    federatedSubjectProblem(s, "72f988bf-86f1-41af-91ab-2d7cd011db47", "public"),
                ).not.to.throw();
                expect(() => parsePowerPlatformSubject(s)).not.to.throw();
            }),
            RUNS,
        );
    });

    it("every accepted redirect URI is https (or http on exactly localhost, 127.0.0.1, [::1]), within the length limit, without wildcard or fragment", () => {
        fc.assert(
            fc.property(anyText, (s) => {
                if (redirectUriProblem(s) !== undefined) return;
                const url = new URL(s);
                const localhost = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
                expect(url.protocol === "https:" || (url.protocol === "http:" && localhost), s).to.equal(true);
                expect(s.length).to.be.at.most(MAX_REDIRECT_URI_LENGTH);
                expect(s).not.to.include("*");
                expect(s).not.to.include("#");
            }),
            RUNS,
        );
    });

    it("refuses a redirect URI with a wildcard, a fragment or plain http on a real host, wherever it is", () => {
        fc.assert(
            fc.property(fc.webUrl({ validSchemes: ["https"] }), fc.nat(), (url, at) => {
                const i = at % (url.length + 1);
                expect(redirectUriProblem(url.slice(0, i) + "*" + url.slice(i))).to.include("wildcard");
                expect(redirectUriProblem(url + "#x")).to.be.a("string");
                const host = new URL(url).hostname;
                if (!["localhost", "127.0.0.1", "[::1]"].includes(host))
                    expect(redirectUriProblem(url.replace(/^https:/, "http:"))).to.include("https");
            }),
            RUNS,
        );
    });

    it("every accepted identifier URI is api://<something> or https on a dotted host, without space, wildcard, query, fragment or trailing slash", () => {
        const candidates = fc.oneof(
            anyText,
            fc.string({ maxLength: 60 }).map((t) => `api://${t}`),
            fc.webUrl().map((u) => u.replace(/^http:/, "https:")),
        );
        fc.assert(
            fc.property(candidates, (s) => {
                if (identifierUriProblem(s) !== undefined) return;
                expect(s.length).to.be.at.most(MAX_IDENTIFIER_URI_LENGTH);
                expect(s).not.to.match(/[\s*#?]/);
                expect(s.endsWith("/")).to.equal(false);
                if (s.startsWith("api://")) expect(s.length).to.be.greaterThan("api://".length);
                else {
                    expect(s.startsWith("https://"), s).to.equal(true);
                    const host = new URL(s).hostname;
                    expect(host).to.include(".");
                    expect(host).not.to.match(/^\d{1,3}(\.\d{1,3}){3}$/);
                }
            }),
            RUNS,
        );
    });

    it("permission values: accepted exactly when non-empty, letters, digits and the documented symbols, not starting with '.', within the limit; a refusal names the bad character", () => {
        const candidates = fc.oneof(anyText, fc.stringMatching(/^[\x21-\x7e]{0,130}$/));
        fc.assert(
            fc.property(candidates, (s) => {
                const chars = [...s];
                const ok =
                    s.length > 0 &&
                    !s.startsWith(".") &&
                    chars.every((c) => PERMISSION_ALLOWED.test(c)) &&
                    s.length <= MAX_PERMISSION_VALUE_LENGTH;
                const problem = permissionValueProblem(s);
                expect(problem === undefined, JSON.stringify(s)).to.equal(ok);
                const bad = chars.find((c) => !PERMISSION_ALLOWED.test(c));
                if (bad !== undefined && s.length > 0 && !s.startsWith(".")) {
                    // Printable ASCII is shown quoted, anything else as its code point.
                    const shown = /[\x21-\x7e]/.test(bad)
                        ? `'${bad}'`
                        : `U+${bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
                    expect(problem).to.include(shown);
                }
            }),
            RUNS,
        );
    });

    it("display text: accepted exactly when not blank, without control characters and within the given length", () => {
        fc.assert(
            fc.property(anyText, fc.integer({ min: 1, max: 200 }), (s, max) => {
                const ok = ![...s].some((c) => /\p{Cc}/u.test(c)) && s.trim().length > 0 && s.length <= max;
                expect(displayTextProblem(s, max) === undefined, JSON.stringify(s)).to.equal(ok);
            }),
            RUNS,
        );
    });
});
