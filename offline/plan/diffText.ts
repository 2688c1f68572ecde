// The changes from one plan to the next as text: + create, ~ update, +- replace, - delete, = import.
import { destructiveChanges, diffPlans, diffValue, ResourceChange } from "./planDiff";
import { ANSI, Paint, idNames, plural, shortType, show } from "./planTextParts";
import { SECRET_MASK } from "../simulator/recordingMonitor";
import { Plan } from "./runOffline";

/** True when the value is, or contains, the secret mask. */
function holdsSecret(value: unknown): boolean {
    if (value === SECRET_MASK) return true;
    if (Array.isArray(value)) return value.some(holdsSecret);
    return !!value && typeof value === "object" && Object.values(value).some(holdsSecret);
}

const SYMBOL: Record<ResourceChange["kind"], string> = {
    create: "+",
    update: "~",
    replace: "+-",
    delete: "-",
    import: "=",
    same: " ",
};
const COLOUR: Record<ResourceChange["kind"], keyof typeof ANSI> = {
    create: "green",
    update: "yellow",
    replace: "magenta",
    delete: "red",
    import: "cyan",
    same: "dim",
};
const KIND_ORDER: readonly ResourceChange["kind"][] = ["create", "update", "replace", "delete", "import"];

/** Count per change kind, in a fixed order, with the unchanged ones last. */
export function changeSummary(changes: readonly ResourceChange[]): string {
    const n = (k: ResourceChange["kind"]) => changes.filter((c) => c.kind === k).length;
    return [...KIND_ORDER.map((k) => `${n(k)} to ${k}`), `${n("same")} unchanged`].join(", ");
}

/**
 * The changes from `before` to `after` as text: warnings about replaced or deleted identities first, then each
 * component's changed resources with their changed inputs (old -> new; secrets stay `[secret]`), unchanged ones
 * as a count. Deterministic: the same two plans always give the same bytes.
 */
export function diffText(before: Plan, after: Plan, options: { details?: boolean; color?: boolean } = {}): string {
    const paint: Paint = options.color ? (style, text) => `${ANSI[style]}${text}${ANSI.reset}` : (_s, text) => text;
    const custom = new Set([...before.resources, ...after.resources].filter((r) => r.custom).map((r) => r.urn));
    const all = diffPlans(before, after).filter((c) => custom.has(c.urn));
    const names = idNames(after);
    for (const [id, name] of idNames(before)) if (!names.has(id)) names.set(id, name);
    const lines: string[] = [`Changes: ${changeSummary(all)}`];

    const breaking = all.filter((c) => c.breaksConnections);
    const otherDestructive = destructiveChanges(all).filter((c) => !c.breaksConnections);
    if (breaking.length) {
        lines.push(
            "",
            paint(
                "red",
                paint(
                    "bold",
                    `!! ${plural(breaking.length, "change")} break live connections (an app registration, service principal, credential, certificate, Logic Apps custom API or Key Vault secret is replaced or deleted):`,
                ),
            ),
        );
        for (const c of breaking)
            lines.push(
                paint(
                    "red",
                    `!!   ${SYMBOL[c.kind]} ${shortType(c.type)} ${c.name}${c.kind === "replace" ? ` (replaced, forced by ${c.replaceReasons.join(", ")})` : " (deleted)"}${c.blockedByProtect ? " [protected: pulumi up refuses it]" : ""}`,
                ),
            );
    }
    if (otherDestructive.length) {
        lines.push("", paint("yellow", `Warning: ${plural(otherDestructive.length, "resource")} replaced or deleted:`));
        for (const c of otherDestructive) {
            const why = c.renewal
                ? " (planned renewal of the older secret slot: the newest secret stays valid)"
                : c.kind === "replace"
                  ? ` (replaced, forced by ${c.replaceReasons.join(", ")})`
                  : " (deleted)";
            lines.push(`  ${SYMBOL[c.kind]} ${shortType(c.type)} ${c.name}${why}`);
        }
    }

    // Group by top-level component, indexing each plan's parents once (a delete's component is in `before`).
    const topOf = (plan: Plan) => {
        const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
        const memo = new Map<string, string>();
        const top = (urn: string): string => {
            const known = memo.get(urn);
            if (known !== undefined) return known;
            const r = byUrn.get(urn);
            const parent = r ? byUrn.get(r.parent) : undefined;
            const result = !r ? "" : !parent ? (r.custom ? "" : r.urn) : top(parent.urn);
            memo.set(urn, result);
            return result;
        };
        return top;
    };
    const topAfter = topOf(after);
    const topBefore = topOf(before);
    const groups = new Map<string, ResourceChange[]>();
    for (const c of all) {
        const g = c.kind === "delete" ? topBefore(c.urn) : topAfter(c.urn);
        if (!groups.has(g)) groups.set(g, []);
        groups.get(g)!.push(c);
    }
    const title = (urn: string) =>
        urn === ""
            ? "Stack-level"
            : `${shortType(urn.split("::")[2]?.split("$").pop() ?? "")} ${urn.split("::").pop()}`;
    const keys = [...groups.keys()].sort((a, b) => (a === "" ? 1 : b === "" ? -1 : a.localeCompare(b)));
    for (const g of keys) {
        const members = groups.get(g)!;
        const changed = members.filter((c) => c.kind !== "same");
        const same = members.length - changed.length;
        if (changed.length === 0) continue;
        lines.push("", `  ${paint("bold", title(g))}${same ? paint("dim", ` (${same} unchanged)`) : ""}`);
        for (const c of changed) {
            const suffix =
                c.kind === "replace"
                    ? ` (replace, forced by ${c.replaceReasons.join(", ")})`
                    : c.kind === "import"
                      ? ` (import ${c.importId})`
                      : "";
            lines.push(
                `    ${paint(COLOUR[c.kind], SYMBOL[c.kind].padEnd(2))} ${shortType(c.type)} ${c.name}${suffix}`,
            );
            for (const ic of c.inputChanges) {
                const value = (v: unknown) =>
                    v === undefined ? diffValue(v) : show(v, names, options.details === true);
                // A secret on either side masks both: an older plan (or one edited by hand) may hold the value in clear.
                const secret = holdsSecret(ic.before) || holdsSecret(ic.after);
                lines.push(
                    `         ${ic.input}: ${secret ? SECRET_MASK : value(ic.before)} -> ${secret ? SECRET_MASK : value(ic.after)}`,
                );
            }
        }
    }
    if (all.every((c) => c.kind === "same")) lines.push("", "  No changes.");
    return lines.join("\n") + "\n";
}
