// Two-slot rotation over simulated date sequences: never both slots in one deployment, newest always half-fresh (the
// whole dev stack over a sequence of dates: test/slow/secretRotationStack.spec.ts).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import fc from "fast-check";
import * as pulumi from "@pulumi/pulumi";
import {
    addDays,
    newestRemainingDays,
    nextRotationState,
    plannedRotationState,
    RotationState,
} from "../entra/secretRotation";
import { secretSlotsProvider } from "../components/secretSlots";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const DAY = 86_400_000;

/** A time.Rotating as `pulumi up --refresh` drives it: re-created at "now" once its period has passed. */
function rotatingEpoch(previousEpoch: string | undefined, now: string, rotationDays: number): string {
    if (previousEpoch !== undefined && Date.parse(previousEpoch) + rotationDays * DAY > Date.parse(now))
        return previousEpoch;
    return now;
}

function renewed(before: RotationState | undefined, after: RotationState): string[] {
    if (!before) return [];
    return (["a", "b"] as const).filter((slot) => JSON.stringify(before[slot]) !== JSON.stringify(after[slot]));
}

describe("secret rotation", () => {
    describe("the rotation state machine", () => {
        it("creates both slots on the first deployment, slot a newest, both ending a lifetime later", () => {
            const s = nextRotationState(undefined, "2026-01-01T00:00:00Z", 90);
            expect(s).to.deep.equal({
                epoch: "2026-01-01T00:00:00Z",
                a: { since: "2026-01-01T00:00:00Z", endDate: "2026-04-01T00:00:00Z" },
                b: { since: "2026-01-01T00:00:00Z", endDate: "2026-04-01T00:00:00Z" },
                newest: "a",
            });
        });

        it("renews only the older slot on a new epoch and keeps the state on the same epoch", () => {
            const first = nextRotationState(undefined, "2026-01-01T00:00:00Z", 90);
            expect(nextRotationState(first, first.epoch, 90)).to.equal(first);
            const second = nextRotationState(first, "2026-02-20T00:00:00Z", 90);
            expect(second.newest).to.equal("b");
            expect(second.a).to.deep.equal(first.a);
            expect(second.b).to.deep.equal({ since: "2026-02-20T00:00:00Z", endDate: "2026-05-21T00:00:00Z" });
            const third = nextRotationState(second, "2026-04-15T00:00:00Z", 120);
            expect(third.newest).to.equal("a");
            expect(third.b).to.deep.equal(second.b);
            expect(third.a.endDate).to.equal(addDays("2026-04-15T00:00:00Z", 120));
        });

        it("in a preview with the Rotating being re-created, plans the older slot unknown and leaves the newer one as it is", () => {
            const state = nextRotationState(undefined, "2026-01-01T00:00:00Z", 90);
            const planned = plannedRotationState(state, UNKNOWN, 90, UNKNOWN) as RotationState;
            expect(planned.a).to.deep.equal(state.a);
            expect(planned.b).to.deep.equal({ since: UNKNOWN, endDate: UNKNOWN });
            expect(planned.newest).to.equal("b");
            expect(plannedRotationState(undefined, UNKNOWN, 90, UNKNOWN)).to.equal(UNKNOWN);
        });

        // Property-based (fast-check, fixed seed so every run checks the same cases): any lifetime, any rotation
        // period up to half of it, any sequence of deployment gaps from a minute to several rotation periods.
        const lifetimeAndRotation = fc
            .integer({ min: 2, max: 730 })
            .chain((lifetime) =>
                fc.tuple(fc.constant(lifetime), fc.integer({ min: 1, max: Math.floor(lifetime / 2) })),
            );
        const deployments = (rotation: number) =>
            fc.array(fc.integer({ min: 60_000, max: rotation * 4 * DAY }), { minLength: 1, maxLength: 40 });
        const scenario = lifetimeAndRotation.chain(([lifetime, rotation]) =>
            fc.tuple(fc.constant(lifetime), fc.constant(rotation), deployments(rotation)),
        );

        /** Replays deployments at the given gaps, checking `each` after every one. */
        const replay = (
            lifetime: number,
            rotation: number,
            gaps: number[],
            each: (before: RotationState | undefined, after: RotationState, at: string) => void,
        ) => {
            let now = Date.parse("2026-01-01T00:00:00Z");
            let epoch: string | undefined;
            let state: RotationState | undefined;
            for (const gap of gaps) {
                now += gap;
                const at = new Date(now).toISOString();
                epoch = rotatingEpoch(epoch, at, rotation);
                const after = nextRotationState(state, epoch, lifetime);
                each(state, after, at);
                state = after;
            }
        };

        it("for any lifetime, rotation <= lifetime/2 and deployment dates: one slot at most per deployment, the newest at least half-fresh", () => {
            fc.assert(
                fc.property(scenario, ([lifetime, rotation, gaps]) =>
                    replay(lifetime, rotation, gaps, (before, after, at) => {
                        expect(renewed(before, after).length, `deployment at ${at}`).to.be.at.most(1);
                        expect(
                            newestRemainingDays(after, at),
                            `newest secret after deployment at ${at}`,
                        ).to.be.at.least(lifetime / 2);
                    }),
                ),
                { seed: 20260101, numRuns: 500 },
            );
        });

        it("for any state, a rerun on the same epoch changes nothing and a new epoch renews exactly the older slot", () => {
            fc.assert(
                fc.property(scenario, fc.integer({ min: 1, max: 400 }), ([lifetime, rotation, gaps], laterDays) =>
                    replay(lifetime, rotation, gaps, (_before, after) => {
                        expect(nextRotationState(after, after.epoch, lifetime)).to.equal(after);
                        const next = nextRotationState(after, addDays(after.epoch, laterDays), lifetime);
                        expect(renewed(after, next)).to.deep.equal([after.newest === "a" ? "b" : "a"]);
                        expect(next.newest).to.not.equal(after.newest);
                    }),
                ),
                { seed: 20260102, numRuns: 200 },
            );
        });
    });

    describe("the SecretSlots dynamic provider", () => {
        it("survives Pulumi's closure serialization and runs from the serialized text like the engine's provider host", async function () {
            this.timeout(60_000);
            const serialized = await pulumi.runtime.serializeFunction(() => secretSlotsProvider, {
                allowSecrets: false,
            });
            // What @pulumi/pulumi's dynamic provider host does: load the text as a module and call `handler()`.
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "secret-slots-"));
            try {
                const file = path.join(dir, "provider.js");
                fs.writeFileSync(file, serialized.text);

                const provider = require(file).handler() as typeof secretSlotsProvider;
                const created = await provider.check!({}, { epoch: "2026-01-01T00:00:00Z", lifetimeDays: 90 });
                expect(created.inputs.state.newest).to.equal("a");
                const rotated = await provider.check!(created.inputs, {
                    epoch: "2026-03-01T00:00:00Z",
                    lifetimeDays: 90,
                });
                expect(rotated.inputs.state.newest).to.equal("b");
                expect(rotated.inputs.state.a).to.deep.equal(created.inputs.state.a);
                expect((await provider.diff!("secret-slots", created.inputs, rotated.inputs)).changes).to.equal(true);
                expect((await provider.diff!("secret-slots", created.inputs, created.inputs)).changes).to.equal(false);
                const preview = await provider.check!(rotated.inputs, { epoch: UNKNOWN, lifetimeDays: 90 });
                expect(preview.inputs.state.b).to.deep.equal(rotated.inputs.state.b);
                expect(preview.inputs.state.a).to.deep.equal({ since: UNKNOWN, endDate: UNKNOWN });
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });
    });
});
