// client-secret-max-lifetime at the edge of its limit: a fraction of a day over the maximum is over it.
import { expect } from "chai";
import { clientSecretMaxLifetime } from "../policy/rules/credentials";
import { TYPES } from "../policy/facts";
import { PolicyContext, PolicyResource, policyConfig } from "../policy/ruleTypes";

const NOW = "2026-01-01T00:00:00Z";
const DAY_MS = 86_400_000;

function password(endDate: string): PolicyResource {
    return {
        type: TYPES.password,
        name: "c-secret-a",
        urn: "urn:c-secret-a",
        parent: "",
        inputs: { endDate },
        protect: false,
        retainOnDelete: undefined,
    } as PolicyResource;
}

function check(daysAfterNow: number): string[] {
    const ctx: PolicyContext = {
        environment: "dev",
        production: false,
        cloud: "public",
        now: NOW,
        config: policyConfig({ maxSecretLifetimeDays: 180 }),
        all: [],
    };
    const end = new Date(Date.parse(NOW) + daysAfterNow * DAY_MS).toISOString();
    return clientSecretMaxLifetime.check(password(end), ctx) as string[];
}

describe("policy client-secret-max-lifetime at the limit", () => {
    it("passes exactly the maximum lifetime", () => {
        expect(check(180)).to.deep.equal([]);
    });

    it("flags an end date a fraction of a day past the maximum (remaining days are never rounded down)", () => {
        for (const over of [0.5, 0.99, 1 / 24]) expect(check(180 + over), `${over} day over`).to.have.lengthOf(1);
    });
});
