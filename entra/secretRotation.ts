// Two-slot client secret rotation as a pure state machine: which slot a new rotation epoch renews, and when it ends.
//
// This module has no imports on purpose: the dynamic provider in secretSlots.ts serializes it into the stack's
// state (Pulumi closure serialization), and the deployment engine runs that copy.

export type SlotName = "a" | "b";

export interface SlotState {
    /** The rotation epoch (RFC 3339) at which this slot's password was last (re)created. */
    readonly since: string;
    /** The password's end date (RFC 3339), fixed when the slot was renewed. */
    readonly endDate: string;
}

export interface RotationState {
    /** The epoch this state reflects: the `rfc3339` of the stack's time.Rotating. */
    readonly epoch: string;
    readonly a: SlotState;
    readonly b: SlotState;
    /** The slot renewed last: the secret everybody should use. */
    readonly newest: SlotName;
}

const DAY_MS = 86_400_000;

/** Lifetime of each client secret password when none is given: 180 days. */
export const DEFAULT_SECRET_LIFETIME_DAYS = 180;

export function otherSlot(slot: SlotName): SlotName {
    return slot === "a" ? "b" : "a";
}

/** `rfc3339` plus whole days, as RFC 3339 without milliseconds (the form the time provider writes). */
export function addDays(rfc3339: string, days: number): string {
    const ms = Date.parse(rfc3339);
    if (Number.isNaN(ms)) throw new Error(`"${rfc3339}" is not an RFC 3339 time`);
    return new Date(ms + days * DAY_MS).toISOString().replace(/\.000Z$/, "Z");
}

/**
 * The state after a deployment that sees rotation epoch `epoch`.
 *
 * - First deployment: both slots are created, slot a counts as newest, so slot b is the first one renewed.
 * - Same epoch: nothing changes (a rerun, or a deployment before the rotation is due).
 * - New epoch: only the older slot is renewed and becomes the newest. A deployment sees one epoch, so one
 *   deployment never renews both slots, however long ago the previous one was; the newer slot keeps working
 *   while consumers pick up the renewed one.
 *
 * The lifetime applies when a slot is (re)created: changing it never replaces a live password early.
 */
export function nextRotationState(
    previous: RotationState | undefined,
    epoch: string,
    lifetimeDays: number,
): RotationState {
    const fresh: SlotState = { since: epoch, endDate: addDays(epoch, lifetimeDays) };
    if (!previous) return { epoch, a: fresh, b: fresh, newest: "a" };
    if (previous.epoch === epoch) return previous;
    const renew = otherSlot(previous.newest);
    return { ...previous, epoch, [renew]: fresh, newest: renew };
}

/** The rotation period by default: half the lifetime, the longest that keeps the newest secret half-fresh. */
export function defaultRotationDays(lifetimeDays: number): number {
    return Math.max(1, Math.floor(lifetimeDays / 2));
}

/**
 * The newest secret must keep at least half its lifetime: a renewal every R days leaves it L - R, so R may be at
 * most L/2. Returns why `rotationDays` breaks that, or undefined.
 */
export function rotationDaysProblem(lifetimeDays: number, rotationDays: number): string | undefined {
    if (rotationDays <= defaultRotationDays(lifetimeDays)) return undefined;
    return (
        `is ${rotationDays} days, more than half of the secret lifetime (${lifetimeDays}): the newest secret could then have less than half its lifetime left. ` +
        `Fix: set it to at most ${defaultRotationDays(lifetimeDays)}, or leave it out for that default.`
    );
}

/**
 * Days of validity the newest secret has left at `now`, given the state a deployment at or before `now` left.
 * With rotation every R days and lifetime L, a deployment keeps this above L - R: at least half the lifetime
 * when R <= L/2.
 */
export function newestRemainingDays(state: RotationState, now: string): number {
    return (Date.parse(state[state.newest].endDate) - Date.parse(now)) / DAY_MS;
}

/**
 * What a deployment will store, as its plan shows it. `epoch` equals `unknown` (Pulumi's unknown-value marker)
 * when the time.Rotating is being re-created, whose new time only the deployment learns: the renewal of the
 * older slot is then certain, only its times are unknown, and the newer slot stays exactly as it was.
 */
export function plannedRotationState(
    previous: RotationState | undefined,
    epoch: string,
    lifetimeDays: number,
    unknown: string,
): RotationState | string {
    if (epoch !== unknown) return nextRotationState(previous, epoch, lifetimeDays);
    if (!previous) return unknown;
    const renew = otherSlot(previous.newest);
    return { ...previous, epoch: unknown, [renew]: { since: unknown, endDate: unknown }, newest: renew };
}
