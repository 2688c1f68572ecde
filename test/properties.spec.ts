// Property-based tests (fast-check, fixed seeds) of the pure rules: subject encoding round trip, names, arg rules.
import { expect } from "chai";
import fc from "fast-check";
import { keyVaultSecretName } from "../components/keyVaultDelivery";
import { daysProblem, duplicateProblem, guidProblem } from "../entra/argRules";
import { federatedSubjectProblem } from "../entra/federatedCredentialRules";
import {
    apiComponentName,
    childName,
    connectorComponentName,
    federatedCredentialName,
    powerPlatformApiClientComponentName,
} from "../entra/naming";
import { decodeGuid, encodeGuid, parsePowerPlatformSubject, powerPlatformSubject } from "../entra/powerPlatformSubject";

const RUNS = { numRuns: 300 };
/** Logical keys as config allows them (config/schema.ts KEY_RE): a lowercase letter, then up to 39 of [a-z0-9-]. */
const logicalKey = fc.stringMatching(/^[a-z][a-z0-9-]{0,39}$/);
/** Connector internal names as Power Platform shows them in subjects. */
const connectorName = fc.stringMatching(/^[A-Za-z0-9._-]{1,60}$/);

describe("properties of the pure rules", () => {
    describe("Power Platform subject encoding", () => {
        it("decodeGuid(encodeGuid(g)) is g (lower case) for every GUID, and the encoding is 22 base64url characters", () => {
            fc.assert(
                fc.property(fc.uuid(), (g) => {
                    const encoded = encodeGuid(g);
                    expect(encoded).to.match(/^[A-Za-z0-9_-]{22}$/);
                    expect(decodeGuid(encoded)).to.equal(g.toLowerCase());
                }),
                { seed: 1, ...RUNS },
            );
        });

        it("keeps the documented example: Power Platform's app id encodes to qzXoWDkuqUa3l6zM5mM0Rw", () => {
            expect(encodeGuid("58e835ab-2e39-46a9-b797-accce6633447")).to.equal("qzXoWDkuqUa3l6zM5mM0Rw");
        });

        it("parses every subject it builds back to its tenant, app and connector name, and accepts it for that tenant only", () => {
            fc.assert(
                fc.property(fc.uuid(), fc.uuid(), fc.uuid(), connectorName, (tenant, other, app, name) => {
                    const subject = powerPlatformSubject(tenant, app, name);
                    expect(parsePowerPlatformSubject(subject)).to.deep.equal({
                        cloudSegment: "pub",
                        tenantId: tenant.toLowerCase(),
                        appId: app.toLowerCase(),
                        connectorName: name,
                    });
                    expect(federatedSubjectProblem(subject, tenant, "public")).to.equal(undefined);
                    if (other.toLowerCase() !== tenant.toLowerCase())
                        expect(federatedSubjectProblem(subject, other, "public")).to.match(/belongs to tenant/);
                    expect(federatedSubjectProblem(subject, tenant, "usgovernment")).to.match(/cloud segment "pub"/);
                }),
                { seed: 2, ...RUNS },
            );
        });

        it("rejects any 22-character text that is not the canonical encoding of 16 bytes", () => {
            fc.assert(
                fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{22}$/), (text) => {
                    const decoded = decodeGuid(text);
                    if (decoded !== undefined) expect(encodeGuid(decoded)).to.equal(text);
                }),
                { seed: 3, ...RUNS },
            );
        });
    });

    describe("names", () => {
        it("for every logical key: component names never collide across kinds, and child names extend their component's", () => {
            fc.assert(
                fc.property(logicalKey, logicalKey, (a, b) => {
                    const names = [
                        apiComponentName(a),
                        connectorComponentName(a),
                        powerPlatformApiClientComponentName(a),
                    ];
                    expect(new Set(names).size).to.equal(3);
                    if (a !== b) expect(connectorComponentName(a)).to.not.equal(connectorComponentName(b));
                    expect(
                        childName(connectorComponentName(a), "app").startsWith(`${connectorComponentName(a)}-`),
                    ).to.equal(true);
                }),
                { seed: 4, ...RUNS },
            );
        });

        it("for every logical key: the federated credential name satisfies Entra's rule and the Key Vault secret name Key Vault's", () => {
            fc.assert(
                fc.property(logicalKey, fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/), (key, environment) => {
                    // Entra: 3-120 letters, digits, '-' and '_', starting with a letter or digit.
                    expect(federatedCredentialName(key)).to.match(/^[A-Za-z0-9][A-Za-z0-9_-]{2,119}$/);
                    expect(keyVaultSecretName(environment, connectorComponentName(key))).to.match(
                        /^[0-9A-Za-z-]{1,127}$/,
                    );
                }),
                { seed: 5, ...RUNS },
            );
        });
    });

    describe("argument rules", () => {
        it("daysProblem accepts exactly the whole numbers 1-730", () => {
            fc.assert(
                fc.property(fc.double({ min: -1000, max: 2000, noNaN: true }), (d) => {
                    expect(daysProblem(d) === undefined).to.equal(Number.isInteger(d) && d >= 1 && d <= 730);
                }),
                { seed: 6, ...RUNS },
            );
        });

        it("guidProblem accepts every GUID and duplicateProblem finds a repeated value wherever it is", () => {
            fc.assert(
                fc.property(
                    fc.uuid(),
                    fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 10 }),
                    fc.nat(),
                    (g, values, i) => {
                        expect(guidProblem(g)).to.equal(undefined);
                        expect(duplicateProblem(values)).to.equal(undefined);
                        const repeated = values[i % values.length];
                        expect(duplicateProblem([...values, repeated])).to.contain(`"${repeated}" twice`);
                    },
                ),
                { seed: 7, ...RUNS },
            );
        });
    });
});
