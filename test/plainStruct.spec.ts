// The simulator's answers as PlainStructs: the SDK reads back exactly what a protobuf Struct gives, and formats nothing big.
import { expect } from "chai";
import fc from "fast-check";
import { serializeProperties } from "@pulumi/pulumi/runtime/rpc";
import { WELL_KNOWN_APIS } from "../entra/wellKnownApis";
import { DEFAULT_NOW, EntraSimulator } from "../offline/simulator";
import { PlainStruct, structCopy } from "../offline/simulator/plainStruct";
import { RecordingMonitor } from "../offline/simulator/recordingMonitor";

const structproto = require("google-protobuf/google/protobuf/struct_pb");
const resproto = require("@pulumi/pulumi/proto/resource_pb");

/** What the SDK read back before: a real Struct built from the value. */
const roundTrip = (value: unknown) => structproto.Struct.fromJavaScript(value).toJavaScript();

/** The thrown message, or undefined. */
function failure(f: () => unknown): string | undefined {
    try {
        f();
        return undefined;
    } catch (err) {
        return (err as Error).message;
    }
}

describe("PlainStruct: a Struct that keeps its JavaScript value", () => {
    it("reads back what a protobuf Struct reads back, key order included, for any JSON value", () => {
        fc.assert(
            fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
                const plain = new PlainStruct(value).toJavaScript();
                expect(plain).to.deep.equal(roundTrip(value));
                expect(JSON.stringify(plain)).to.equal(JSON.stringify(roundTrip(value)));
            }),
            { seed: 20261203, numRuns: 100 },
        );
    });

    it("sorts keys as the Struct's map does, reads inherited keys as fromJavaScript does, and keeps -0 and NaN", () => {
        class WithInherited {
            own = 1;
        }
        (WithInherited.prototype as unknown as Record<string, number>).inherited = 2;
        const value = {
            b: 1,
            a: { z: [1, { y: 2, x: null }], "10": "s", "9": true },
            c: new WithInherited(),
            d: [-0, NaN],
        };
        const plain = structCopy(value);
        expect(JSON.stringify(plain)).to.equal(JSON.stringify(roundTrip(value)));
        expect(Object.keys((plain as { a: object }).a)).to.deep.equal(Object.keys(roundTrip(value).a));
        expect((plain as { c: object }).c).to.deep.equal({ inherited: 2, own: 1 });
        expect(Object.is((plain as { d: number[] }).d[0], -0)).to.equal(true);
        expect(Number.isNaN((plain as { d: number[] }).d[1])).to.equal(true);
    });

    it("refuses what a Struct cannot hold with the Struct's message, when it is made", () => {
        for (const bad of [{ u: undefined }, { a: [1, undefined] }, { f: () => 1 }, { n: 1n }]) {
            const expected = failure(() => structproto.Struct.fromJavaScript(bad));
            expect(expected).to.equal("Unexpected struct type.");
            expect(failure(() => new PlainStruct(bad))).to.equal(expected);
        }
    });

    it("gives a fresh copy on each read, and the real Struct's fields to whoever reads them", () => {
        const struct = new PlainStruct({ a: { b: [1] } });
        const first = struct.toJavaScript();
        (first.a as { b: number[] }).b.push(2);
        expect(struct.toJavaScript()).to.deep.equal({ a: { b: [1] } });
        const fields = struct.getFieldsMap() as { get(key: string): { toJavaScript(): unknown } };
        expect(fields.get("a").toJavaScript()).to.deep.equal({ b: [1] });
    });

    it("the monitor answers Microsoft Graph's service principal lookup with all its permission ids, in a response that formats small", async () => {
        const simulator = new EntraSimulator({ tenantId: "3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45", now: DEFAULT_NOW });
        const monitor = new RecordingMonitor(simulator);
        const token = "azuread:index/getServicePrincipal:getServicePrincipal";
        const args = { clientId: WELL_KNOWN_APIS.microsoftGraph.appId };
        const req = new resproto.ResourceInvokeRequest();
        req.setTok(token);
        req.setArgs(structproto.Struct.fromJavaScript(args));
        const response = await new Promise<any>((resolve, reject) =>
            monitor.invoke(req, (err, answer) => (err ? reject(err) : resolve(answer))),
        );
        const expected = roundTrip(await serializeProperties("", simulator.call(token, args)));
        const answer = response.getReturn().toJavaScript();
        expect(JSON.stringify(answer)).to.equal(JSON.stringify(expected));
        expect(Object.keys(answer.oauth2PermissionScopeIds).length).to.be.greaterThan(500);
        // The SDK formats every response into a debug line (runtime/invoke.js): a real Struct made it 100 KB.
        expect(String(response).length).to.be.below(1000);
    });
});
