// The URNs a resource may have had before: its aliases and the renamed names of its component's children.

/** What URN history needs of a recorded resource (structural, so the recording monitor and the diff share it). */
export interface UrnRecord {
    readonly urn: string;
    readonly name: string;
    readonly parent: string;
    readonly aliases: readonly string[];
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
export function previousUrns(resource: UrnRecord, byUrn: ReadonlyMap<string, Omit<UrnRecord, "name">>): string[] {
    // An alias is a name (same type and parent) or, where the type or parent changed too, a whole URN.
    const urns = resource.aliases.map((alias) => (alias.startsWith("urn:") ? alias : withName(resource.urn, alias)));
    let ancestor = byUrn.get(resource.parent);
    while (ancestor) {
        const current = urnName(ancestor.urn);
        for (const old of ancestor.aliases) {
            if (old.startsWith("urn:")) continue; // a moved parent: its children carry their own URN aliases
            if (resource.name.startsWith(`${current}-`))
                urns.push(withName(resource.urn, old + resource.name.slice(current.length)));
        }
        ancestor = byUrn.get(ancestor.parent);
    }
    return urns;
}

/**
 * The URNs a plan.json recorded before the simulator gave nested resources the engine's whole type chain would
 * hold for `urns`: only the parent's last type (`B$type`, not `A$B$type`). Matched only where such a plan has them.
 */
export function legacyUrns(urns: readonly string[]): string[] {
    return urns.flatMap((u) => lastParentTypeOnly(u) ?? []);
}

/** `urn:…::A$B$type::name` as `urn:…::B$type::name`; undefined when the chain has no more than one parent. */
export function lastParentTypeOnly(urn: string): string | undefined {
    const parts = urn.split("::");
    if (parts.length < 4) return undefined;
    const chain = parts[parts.length - 2].split("$");
    if (chain.length < 3) return undefined;
    parts[parts.length - 2] = chain.slice(-2).join("$");
    return parts.join("::");
}
