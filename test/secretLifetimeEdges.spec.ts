// client-secret-max-lifetime at the edge of its limit: a fraction of a day over the maximum is over it.
import { expect } from "chai";
import { clientSecretMaxLifetime } from "../policy/rules/credentials";
import { TYPES } from "../policy/facts";
import { PolicyContext, PolicyResource, policyConfig, UNKNOWN } from "../policy/ruleTypes";

const NOW = "2026-01-01T00:00:00Z";
const DAY_MS = 86_400_000;

function password(inputs: Record<string, unknown>): PolicyResource {
    return {
        type: TYPES.password,
        name: "c-secret-a",
        urn: "urn:c-secret-a",
        parent: "c",
        inputs,
        protect: false,
        retainOnDelete: undefined,
    } as PolicyResource;
}

function checkPassword(inputs: Record<string, unknown>, all: PolicyResource[] = []): string[] {
    const ctx: PolicyContext = {
        environment: "dev",
        production: false,
        cloud: "public",
        now: NOW,
        config: policyConfig({ maxSecretLifetimeDays: 180 }),
        all,
    };
    return clientSecretMaxLifetime.check(password(inputs), ctx) as string[];
}

function check(daysAfterNow: number): string[] {
    return checkPassword({ endDate: new Date(Date.parse(NOW) + daysAfterNow * DAY_MS).toISOString() });
}

/** A preview: the end date is not known yet, and the secret slots beside the password hold the lifetime. */
function checkSlots(lifetimeDays: number): string[] {
    const slots = { type: TYPES.secretSlots, name: "c-secret-slots", urn: "urn:c-secret-slots", parent: "c" };
    return checkPassword({ endDate: UNKNOWN }, [
        { ...slots, inputs: { lifetimeDays }, protect: false, retainOnDelete: undefined } as PolicyResource,
    ]);
}

describe("policy client-secret-max-lifetime at the limit", () => {
    it("passes exactly the maximum lifetime", () => {
        expect(check(180)).to.deep.equal([]);
    });

    it("flags an end date a fraction of a day past the maximum (remaining days are never rounded down)", () => {
        for (const over of [0.5, 0.99, 1 / 24]) expect(check(180 + over), `${over} day over`).to.have.lengthOf(1);
    });

    it("flags an endDateRelative a few hours past the maximum, and passes exactly the maximum", () => {
        expect(checkPassword({ endDateRelative: "4320h" })).to.deep.equal([]);
        for (const relative of ["4321h", "4331h", "4320h30m"])
            expect(checkPassword({ endDateRelative: relative }), relative).to.have.lengthOf(1);
    });

    it("flags secret slots whose lifetime is a fraction of a day past the maximum, and passes exactly the maximum", () => {
        expect(checkSlots(180)).to.deep.equal([]);
        expect(checkSlots(180.5)).to.have.lengthOf(1);
    });
});
