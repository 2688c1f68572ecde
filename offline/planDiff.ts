// What applying one plan over another would do: create, update, replace or delete, per resource.
import { RecordedResource } from "./recordingMonitor";
import { Plan } from "./runOffline";
import { replaceOnChangeInputs } from "./schemaCheck";

export type ChangeKind = "same" | "create" | "update" | "replace" | "delete";

export interface ResourceChange {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly kind: ChangeKind;
    /** Inputs whose value differs. */
    readonly changedInputs: string[];
    /** The changed inputs that force replacement (willReplaceOnChanges in the provider schema). */
    readonly replaceReasons: string[];
    /** A protected resource that this change would delete or replace: `pulumi up` refuses it. */
    readonly blockedByProtect: boolean;
}

function urnName(urn: string): string {
    return urn.split("::").pop() ?? "";
}

function withName(urn: string, name: string): string {
    const parts = urn.split("::");
    parts[parts.length - 1] = name;
    return parts.join("::");
}

/**
 * The URNs a resource of `after` may have had in `before`: its own aliases, and the names Pulumi derives
 * for children of a renamed component (a child named `<component>-app` follows its component's old name).
 */
export function previousUrns(
    resource: Pick<RecordedResource, "urn" | "name" | "parent" | "aliases">,
    byUrn: ReadonlyMap<string, Pick<RecordedResource, "urn" | "parent" | "aliases">>,
): string[] {
    const urns = resource.aliases.map((name) => withName(resource.urn, name));
    let ancestor = byUrn.get(resource.parent);
    while (ancestor) {
        const current = urnName(ancestor.urn);
        for (const old of ancestor.aliases) {
            if (resource.name.startsWith(`${current}-`)) urns.push(withName(resource.urn, old + resource.name.slice(current.length)));
        }
        ancestor = byUrn.get(ancestor.parent);
    }
    return urns;
}

function changedInputs(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}

/** Compares two plans of one stack, as `pulumi preview` would against the state `before` left. */
export function diffPlans(before: Plan, after: Plan): ResourceChange[] {
    const beforeByUrn = new Map(before.resources.map((r) => [r.urn, r]));
    const afterByUrn = new Map(after.resources.map((r) => [r.urn, r]));
    const matched = new Set<string>();
    const changes: ResourceChange[] = [];
    for (const r of after.resources) {
        const oldUrn = [r.urn, ...previousUrns(r, afterByUrn)].find((u) => beforeByUrn.has(u) && !matched.has(u));
        const old = oldUrn ? beforeByUrn.get(oldUrn) : undefined;
        if (!old || old.type !== r.type) {
            changes.push({ urn: r.urn, type: r.type, name: r.name, kind: "create", changedInputs: [], replaceReasons: [], blockedByProtect: false });
            continue;
        }
        matched.add(old.urn);
        const changed = changedInputs(old.inputs, r.inputs);
        const replaceReasons = changed.filter((k) => replaceOnChangeInputs(r.type).includes(k));
        const kind: ChangeKind = replaceReasons.length ? "replace" : changed.length ? "update" : "same";
        changes.push({ urn: r.urn, type: r.type, name: r.name, kind, changedInputs: changed, replaceReasons, blockedByProtect: kind === "replace" && old.protect });
    }
    for (const old of before.resources) {
        if (!matched.has(old.urn)) {
            changes.push({ urn: old.urn, type: old.type, name: old.name, kind: "delete", changedInputs: [], replaceReasons: [], blockedByProtect: old.protect });
        }
    }
    return changes.sort((a, b) => a.urn.localeCompare(b.urn));
}
