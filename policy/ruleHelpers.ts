// Helpers of the rules: reading (possibly unknown) values, URNs, relating resources to their app registration, durations.
import { TYPES } from "./facts";
import { UNKNOWN, PolicyResource, PolicyContext } from "./ruleTypes";

/** A known string value, or undefined (absent, unknown or not a string). */
export function known(value: unknown): string | undefined {
    return typeof value === "string" && value !== UNKNOWN ? value : undefined;
}

export function isUnknown(value: unknown): boolean {
    return value === UNKNOWN;
}

/** The known strings of a list input ([] when absent or unknown). */
export function knownList(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((v): v is string => known(v) !== undefined) : [];
}

export function sameId(a: string | undefined, b: string | undefined): boolean {
    return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

/** A value as a policy message shows it: JSON, so a list, null or a string with spaces reads unambiguously. */
export function asJson(value: unknown): string {
    return JSON.stringify(value);
}

/** `urn:pulumi:<stack>::<project>::<parent types $ type>::<name>` -> its parts; undefined when not a URN. */
export function parseUrn(urn: string): { stack: string; project: string; types: string[]; name: string } | undefined {
    const parts = urn.split("::");
    if (parts.length < 4 || !parts[0].startsWith("urn:pulumi:")) return undefined;
    return {
        stack: parts[0].slice("urn:pulumi:".length),
        project: parts[1],
        types: parts[2].split("$"),
        name: parts.slice(3).join("::"),
    };
}

/** The stack name a URN belongs to (CrossGuard's environment). */
export function stackOfUrn(urn: string): string | undefined {
    return parseUrn(urn)?.stack;
}

/** True when the resource sits (at any depth) inside a component of `type`, read from its URN's type chain. */
export function insideComponent(r: PolicyResource, type: string): boolean {
    const parsed = parseUrn(r.urn);
    return parsed !== undefined && parsed.types.slice(0, -1).includes(type);
}

/** Name of the component a resource belongs to (its parent's name), or the resource's own name at top level. */
export function componentOf(r: PolicyResource): string {
    const parent = parseUrn(r.parent);
    if (!parent || parent.types[parent.types.length - 1] === "pulumi:pulumi:Stack") return r.name;
    return parent.name;
}

export interface StackIndex {
    readonly byUrn: Map<string, PolicyResource>;
    readonly registrationsByParent: Map<string, PolicyResource[]>;
    readonly registrations: PolicyResource[];
    readonly appOf: Map<string, PolicyResource | undefined>;
    readonly groups: Map<string, PolicyResource[]>;
}

export const indexes = new WeakMap<readonly PolicyResource[], StackIndex>();

export function indexOf(all: readonly PolicyResource[]): StackIndex {
    let index = indexes.get(all);
    if (index) return index;
    const registrations = all.filter((r) => r.type === TYPES.registration);
    const registrationsByParent = new Map<string, PolicyResource[]>();
    for (const r of registrations) {
        if (!registrationsByParent.has(r.parent)) registrationsByParent.set(r.parent, []);
        registrationsByParent.get(r.parent)!.push(r);
    }
    index = {
        byUrn: new Map(all.map((r) => [r.urn, r])),
        registrationsByParent,
        registrations,
        appOf: new Map(),
        groups: new Map(),
    };
    indexes.set(all, index);
    return index;
}

/** The registration among `candidates` whose name is the longest `<prefix>-app` with `<prefix>-` starting r's name. */
export function byNamePrefix(r: PolicyResource, candidates: readonly PolicyResource[]): PolicyResource | undefined {
    let best: PolicyResource | undefined;
    for (const app of candidates) {
        const prefix = app.name.replace(/-app$/, "");
        if (r.name.startsWith(`${prefix}-`) && (!best || app.name.length > best.name.length)) best = app;
    }
    return best;
}

/**
 * The app registration a resource belongs to. Ids are unknown during `pulumi preview`, so resources are related
 * by structure, which both CrossGuard and the offline plan see: the registration among the children of the
 * nearest enclosing component (`connector-arm-app` for `connector-arm-secret`, also for resources of nested
 * components such as the federated credential), then by `applicationId` when both ids are known, then by
 * child-name prefix for resources outside components.
 */
export function appOf(r: PolicyResource, all: readonly PolicyResource[]): PolicyResource | undefined {
    if (r.type === TYPES.registration) return r;
    const index = indexOf(all);
    if (index.appOf.has(r.urn)) return index.appOf.get(r.urn);
    let found: PolicyResource | undefined;
    const seen = new Set<string>();
    for (let parent = r.parent; parent && !seen.has(parent) && !found; parent = index.byUrn.get(parent)?.parent ?? "") {
        seen.add(parent);
        if (parseUrn(parent)?.types.slice(-1)[0] === "pulumi:pulumi:Stack") break;
        const regs = index.registrationsByParent.get(parent) ?? [];
        found = regs.length === 1 ? regs[0] : byNamePrefix(r, regs);
    }
    if (!found) {
        const applicationId = known(r.inputs.applicationId);
        found = index.registrations.find((app) => sameId(applicationId, known(app.inputs.id)));
    }
    found ??= byNamePrefix(r, index.registrations);
    index.appOf.set(r.urn, found);
    return found;
}

/** Every resource that belongs to `app` (itself included). */
export function appGroup(app: PolicyResource, all: readonly PolicyResource[]): PolicyResource[] {
    const index = indexOf(all);
    let group = index.groups.get(app.urn);
    if (!group) {
        group = all.filter((r) => appOf(r, all)?.urn === app.urn);
        index.groups.set(app.urn, group);
    }
    return group;
}

export function siblingsOfType(r: PolicyResource, type: string, ctx: PolicyContext): PolicyResource[] {
    const app = appOf(r, ctx.all);
    return app ? appGroup(app, ctx.all).filter((s) => s.type === type) : [];
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Go duration ("4320h", "2160h30m") in days, as the provider's deprecated endDateRelative takes it. */
export function goDurationDays(text: string): number | undefined {
    const units: Record<string, number> = { h: 1 / 24, m: 1 / 1440, s: 1 / 86400, ms: 1 / 86400000 };
    const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)];
    if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text) return undefined;
    return parts.reduce((sum, p) => sum + Number(p[1]) * units[p[2]], 0);
}

/** Lifetime in days that a time.Rotating resource gives (its rotation period). */
export function rotationDays(rotation: PolicyResource): number | undefined {
    const i = rotation.inputs;
    const n = (v: unknown) => (typeof v === "number" ? v : 0);
    const any = ["rotationYears", "rotationMonths", "rotationDays", "rotationHours", "rotationMinutes"].some(
        (k) => typeof i[k] === "number",
    );
    if (!any) return undefined;
    return (
        n(i.rotationYears) * 366 +
        n(i.rotationMonths) * 31 +
        n(i.rotationDays) +
        n(i.rotationHours) / 24 +
        n(i.rotationMinutes) / 1440
    );
}

export function formatDays(days: number): string {
    return Number.isInteger(days) ? String(days) : days.toFixed(1);
}
