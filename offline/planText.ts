// Renders a plan for a person: resources under their component with key settings (ids named), or the changes
// against a previous plan; then the Security-tab settings, next steps and findings.
import { SECURITY_TAB_FIELDS } from "../stack/composeStack";
import { HTTP_WITH_ENTRA_ID_APP_ID, WELL_KNOWN_APIS } from "../entra/wellKnownApis";
import { destructiveChanges, diffPlans, diffValue, ResourceChange } from "./planDiff";
import { RecordedResource } from "./recordingMonitor";
import { Plan } from "./runOffline";

export interface PlanTextOptions {
    /** Where the plan was written (printed last). */
    readonly outDir?: string;
    /** Every input of every resource, one per line. */
    readonly details?: boolean;
    /** ANSI colour (only for a terminal: the caller decides, honouring NO_COLOR). */
    readonly color?: boolean;
    /** The plan this one continues from: the text shows the changes against it. */
    readonly previous?: Plan;
    /** Where `previous` came from, for the header. */
    readonly previousLabel?: string;
    /** The simulated deployment time the plan was made at. */
    readonly now?: string;
    /** Custom resources above which the default view is one summary line per component. */
    readonly summaryThreshold?: number;
}

/** Above this many custom resources, the default view summarises each component in one line. */
export const SUMMARY_THRESHOLD = 150;

// Labels as the custom connector's Security tab shows them (Microsoft Entra ID identity provider). "Login URL"
// and the others: Microsoft Graph docs, "Create a Microsoft Graph JSON Batch Custom Connector for Power Automate"
// (Security page: Identity Provider, Client id, Client secret, Login url, Tenant ID, Resource URL, Scope), and the
// Bot Framework connection settings of the same identity provider (Login URL, Tenant ID, Resource URL).
const FIELD_LABELS: Record<(typeof SECURITY_TAB_FIELDS)[number], string> = {
    identityProvider: "Identity provider",
    clientId: "Client ID",
    secretOption: "Secret options",
    authorizationUrl: "Login URL",
    tenantId: "Tenant ID",
    resourceUrl: "Resource URL",
    enableOnBehalfOfLogin: "Enable on-behalf-of login",
    scope: "Scope",
    redirectUrls: "Redirect URL",
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ANSI = {
    reset: "\x1b[0m",
    bold: "\x1b[1m",
    dim: "\x1b[2m",
    red: "\x1b[31m",
    green: "\x1b[32m",
    yellow: "\x1b[33m",
    magenta: "\x1b[35m",
    cyan: "\x1b[36m",
};
type Paint = (style: keyof typeof ANSI, text: string) => string;

const SYMBOL: Record<ResourceChange["kind"], string> = { create: "+", update: "~", replace: "+-", delete: "-", import: "=", same: " " };
const COLOUR: Record<ResourceChange["kind"], keyof typeof ANSI> = {
    create: "green",
    update: "yellow",
    replace: "magenta",
    delete: "red",
    import: "cyan",
    same: "dim",
};
const KIND_ORDER: readonly ResourceChange["kind"][] = ["create", "update", "replace", "delete", "import"];

function shortType(type: string): string {
    return type.split(":").pop() ?? type;
}

/** Names for the ids a plan holds: permission scopes and app roles, apps by client id, service principals. */
export function idNames(plan: Plan): Map<string, string> {
    const names = new Map<string, string>();
    names.set(HTTP_WITH_ENTRA_ID_APP_ID, "HTTP with Microsoft Entra ID");
    for (const api of Object.values(WELL_KNOWN_APIS)) {
        names.set(api.appId, api.displayName);
        for (const [scope, id] of Object.entries(api.documentedScopeIds)) names.set(id, scope);
    }
    for (const r of plan.resources) {
        const i = r.inputs;
        const o = r.outputs;
        if (typeof i.scopeId === "string" && typeof i.value === "string") names.set(i.scopeId, i.value);
        if (typeof i.roleId === "string" && typeof i.value === "string") names.set(i.roleId, i.value);
        for (const map of [o.oauth2PermissionScopeIds, o.appRoleIds]) {
            if (map && typeof map === "object") for (const [scope, id] of Object.entries(map)) if (typeof id === "string") names.set(id, scope);
        }
        if (r.type.endsWith(":ApplicationRegistration") || r.type.endsWith(":Application")) {
            const label = typeof i.displayName === "string" ? i.displayName : r.name;
            if (typeof o.clientId === "string" && !names.has(o.clientId)) names.set(o.clientId, label);
            if (typeof o.id === "string") names.set(o.id, label);
        }
    }
    return names;
}

function shortGuid(id: string): string {
    return `${id.slice(0, 8)}-...`;
}

/** A value for a person: every known GUID with its name (`User.Read (e1fe6dd8-...)`). */
function show(value: unknown, names: ReadonlyMap<string, string>, full: boolean): string {
    const one = (v: unknown): string => {
        if (typeof v === "string") {
            const name = GUID.test(v) ? names.get(v) : undefined;
            return name ? `${name} (${full ? v : shortGuid(v)})` : v;
        }
        if (Array.isArray(v)) return `[${v.map(one).join(", ")}]`;
        return JSON.stringify(v);
    };
    return one(value);
}

/** The settings worth a glance, per resource type; `--details` shows every input instead. */
function keySettings(r: RecordedResource): Array<[string, unknown]> {
    const i = r.inputs;
    const o = r.outputs;
    const pick = (...keys: string[]) => keys.filter((k) => i[k] !== undefined && i[k] !== false).map((k) => [k, i[k]] as [string, unknown]);
    switch (shortType(r.type)) {
        case "ApplicationRegistration":
            return pick("displayName", "signInAudience", "implicitAccessTokenIssuanceEnabled", "implicitIdTokenIssuanceEnabled");
        case "ApplicationApiAccess":
            return pick("apiClientId", "scopeIds", "roleIds");
        case "ApplicationPreAuthorized":
            return pick("authorizedClientId", "permissionIds");
        case "ApplicationPassword":
        case "ApplicationCertificate":
            return pick("displayName", "endDate");
        case "ApplicationRedirectUris":
            return pick("type", "redirectUris");
        case "ApplicationIdentifierUri":
            return pick("identifierUri");
        case "ApplicationPermissionScope":
            return pick("value", "type", "scopeId");
        case "ApplicationAppRole":
            return pick("value", "allowedMemberTypes", "roleId");
        case "ApplicationOwner":
            return pick("ownerObjectId");
        case "ApplicationFederatedIdentityCredential":
            return pick("issuer", "subject", "audiences");
        case "ApplicationFallbackPublicClient":
            return [["enabled", i.enabled]];
        case "ServicePrincipal":
            return pick("clientId", "useExisting", "appRoleAssignmentRequired");
        case "ServicePrincipalDelegatedPermissionGrant":
            return pick("claimValues", "userObjectId");
        case "Secret":
            return pick("vaultName", "secretName", "resourceGroupName");
        case "CustomApi":
            return pick("apiName", "resourceGroupName", "location");
        case "Rotating":
            return [...pick("rotationDays"), ...(o.rotationRfc3339 !== undefined ? ([["nextRotation", o.rotationRfc3339]] as Array<[string, unknown]>) : [])];
        case "SecretSlots": {
            const state = o.state as { a?: { endDate: string }; b?: { endDate: string }; newest?: string } | undefined;
            if (!state || typeof state !== "object" || !state.a || !state.b) return pick("lifetimeDays");
            return [
                ["slot a ends", state.a.endDate],
                ["slot b ends", state.b.endDate],
                ["newest", state.newest],
            ];
        }
        case "PrivateKey":
            return pick("algorithm", "rsaBits");
        case "SelfSignedCert":
            return pick("validityPeriodHours");
        default:
            return [];
    }
}

/** Resources indexed once: children per parent, top-level components in URN order. */
interface Tree {
    readonly children: ReadonlyMap<string, RecordedResource[]>;
    readonly roots: RecordedResource[];
    readonly stackLevel: RecordedResource[];
}

function tree(resources: readonly RecordedResource[]): Tree {
    const byUrn = new Set(resources.map((r) => r.urn));
    const children = new Map<string, RecordedResource[]>();
    const roots: RecordedResource[] = [];
    const stackLevel: RecordedResource[] = [];
    for (const r of resources) {
        if (byUrn.has(r.parent)) {
            if (!children.has(r.parent)) children.set(r.parent, []);
            children.get(r.parent)!.push(r);
        } else if (r.custom) {
            stackLevel.push(r);
        } else {
            roots.push(r);
        }
    }
    // Custom resources before nested components, each in URN order: a component reads top-down.
    for (const list of children.values()) list.sort((a, b) => Number(b.custom) - Number(a.custom) || a.urn.localeCompare(b.urn));
    roots.sort((a, b) => a.urn.localeCompare(b.urn));
    stackLevel.sort((a, b) => a.urn.localeCompare(b.urn));
    return { children, roots, stackLevel };
}

function customUnder(t: Tree, urn: string): RecordedResource[] {
    const out: RecordedResource[] = [];
    const walk = (u: string) => {
        for (const c of t.children.get(u) ?? []) {
            if (c.custom) out.push(c);
            walk(c.urn);
        }
    };
    walk(urn);
    return out;
}

function counts(list: readonly RecordedResource[]): string {
    const byType = new Map<string, number>();
    for (const r of list) byType.set(shortType(r.type), (byType.get(shortType(r.type)) ?? 0) + 1);
    return [...byType.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([t, n]) => (n === 1 ? t : `${n} ${t}`))
        .join(", ");
}

function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function flagsOf(r: RecordedResource): string {
    const flags = [r.protect ? "protect" : "", r.retainOnDelete ? "retainOnDelete" : ""].filter(Boolean);
    return flags.length ? ` [${flags.join(", ")}]` : "";
}

/** The resource listing of a plan without a previous one: everything is created. */
function resourceLines(plan: Plan, names: ReadonlyMap<string, string>, paint: Paint, details: boolean, summary: boolean): string[] {
    const t = tree(plan.resources);
    const lines: string[] = [];
    const resourceLine = (r: RecordedResource, indent: string) => {
        const settings = details ? Object.entries(r.inputs).sort(([a], [b]) => a.localeCompare(b)) : keySettings(r);
        const head = `${indent}${r.import ? paint("cyan", "=") : paint("green", "+")} ${shortType(r.type)} ${r.name}${r.import ? ` (import ${r.import.id})` : ""}${flagsOf(r)}`;
        if (details) {
            lines.push(head);
            for (const [k, v] of settings) lines.push(`${indent}      ${k} = ${show(v, names, true)}`);
        } else {
            const text = settings.map(([k, v]) => `${k}=${show(v, names, false)}`).join("  ");
            lines.push(text ? `${head}  ${paint("dim", text)}` : head);
        }
    };
    const walk = (urn: string, indent: string) => {
        for (const c of t.children.get(urn) ?? []) {
            if (c.custom) resourceLine(c, indent);
            else {
                lines.push(`${indent}${shortType(c.type)} ${c.name}`);
                walk(c.urn, indent + "  ");
            }
        }
    };
    for (const root of t.roots) {
        const members = customUnder(t, root.urn);
        if (summary) {
            lines.push(`  ${paint("bold", `${shortType(root.type)} ${root.name}`)}: ${paint("green", `+ ${members.length}`)} (${counts(members)})`);
            continue;
        }
        lines.push(`  ${paint("bold", `${shortType(root.type)} ${root.name}`)} (${plural(members.length, "resource")})`);
        walk(root.urn, "    ");
    }
    if (t.stackLevel.length) {
        if (summary) lines.push(`  ${paint("bold", "Stack-level")}: ${paint("green", `+ ${t.stackLevel.length}`)} (${counts(t.stackLevel)})`);
        else {
            lines.push(`  ${paint("bold", "Stack-level")} (${plural(t.stackLevel.length, "resource")})`);
            for (const r of t.stackLevel) resourceLine(r, "    ");
        }
    }
    return lines;
}

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
                    `!! ${plural(breaking.length, "change")} break live connections (an app registration, service principal, password or federated credential is replaced or deleted):`,
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
    const title = (urn: string) => (urn === "" ? "Stack-level" : `${shortType(urn.split("::")[2]?.split("$").pop() ?? "")} ${urn.split("::").pop()}`);
    const keys = [...groups.keys()].sort((a, b) => (a === "" ? 1 : b === "" ? -1 : a.localeCompare(b)));
    for (const g of keys) {
        const members = groups.get(g)!;
        const changed = members.filter((c) => c.kind !== "same");
        const same = members.length - changed.length;
        if (changed.length === 0) continue;
        lines.push("", `  ${paint("bold", title(g))}${same ? paint("dim", ` (${same} unchanged)`) : ""}`);
        for (const c of changed) {
            const suffix = c.kind === "replace" ? ` (replace, forced by ${c.replaceReasons.join(", ")})` : c.kind === "import" ? ` (import ${c.importId})` : "";
            lines.push(`    ${paint(COLOUR[c.kind], SYMBOL[c.kind].padEnd(2))} ${shortType(c.type)} ${c.name}${suffix}`);
            for (const ic of c.inputChanges) {
                const value = (v: unknown) => (v === undefined ? diffValue(v) : show(v, names, options.details === true));
                lines.push(`         ${ic.input}: ${value(ic.before)} -> ${value(ic.after)}`);
            }
        }
    }
    if (all.every((c) => c.kind === "same")) lines.push("", "  No changes.");
    return lines.join("\n") + "\n";
}

/** Multi-line text of the plan; never contains a secret (the plan holds none). */
export function planText(plan: Plan, outDirOrOptions?: string | PlanTextOptions, more: PlanTextOptions = {}): string {
    const options: PlanTextOptions = typeof outDirOrOptions === "string" ? { ...more, outDir: outDirOrOptions } : { ...(outDirOrOptions ?? {}), ...more };
    const paint: Paint = options.color ? (style, text) => `${ANSI[style]}${text}${ANSI.reset}` : (_s, text) => text;
    const names = idNames(plan);
    const lines: string[] = [];
    const errors = plan.findings.filter((f) => f.severity === "error").length;
    const warnings = plan.findings.filter((f) => f.severity === "warning").length;
    const custom = plan.resources.filter((r) => r.custom);
    lines.push(
        paint(
            "bold",
            `Plan of stack "${plan.stack}" (project ${plan.project}): ${custom.length} resources in ${plan.waves} waves, ` +
                `${plural(errors, "error")}, ${plural(warnings, "warning")}`,
        ),
    );
    if (options.now) {
        lines.push(`Simulated clock: ${options.now} (end dates and rotations are computed at this time; set it with --now <ISO date>)`);
    }
    if (options.previous) {
        lines.push(`Compared with: ${options.previousLabel ?? "the previous plan"}`, "");
        lines.push(diffText(options.previous, plan, { details: options.details, color: options.color }).trimEnd());
        // A renewed slot changes nothing a connector sees by itself: name the connectors that must get the new secret.
        const renewed = ((plan.outputs.nextSteps ?? []) as string[]).filter((s) => s.includes("renewed client secret slot"));
        if (renewed.length) {
            lines.push("", paint("yellow", "Secret renewals: these connectors still hold the previous secret (see Next steps):"));
            for (const step of renewed) {
                const m = /^Connector "([^"]+)": this deployment renewed client secret slot (\w).*stops working on (\S+?)\./.exec(step);
                if (m) lines.push(`  ${m[1]}: slot ${m[2]} renewed; update the connector before ${m[3]}`);
            }
        }
    } else {
        const summary = !options.details && custom.length > (options.summaryThreshold ?? SUMMARY_THRESHOLD);
        lines.push("", `Resources (+ create ${custom.length})${summary ? ", one line per component (--details lists every resource and input)" : ""}:`);
        lines.push(...resourceLines(plan, names, paint, options.details === true, summary));
    }

    const connectors = (plan.outputs.connectors ?? {}) as Record<string, Record<string, unknown>>;
    if (Object.keys(connectors).length) {
        lines.push("", "Connector security settings (Security tab, Microsoft Entra ID):");
        for (const [key, settings] of Object.entries(connectors).sort(([a], [b]) => a.localeCompare(b))) {
            lines.push(`  ${paint("bold", key)}`);
            for (const field of SECURITY_TAB_FIELDS) {
                const value = settings[field];
                lines.push(
                    `    ${FIELD_LABELS[field].padEnd(26)} ${Array.isArray(value) ? value.join(" ") : typeof value === "string" ? value : JSON.stringify(value)}`,
                );
            }
            if (settings.clientSecret !== undefined) lines.push(`    ${"Client secret".padEnd(26)} ${String(settings.clientSecret)}`);
            const fic = settings.federatedCredential as Record<string, string> | undefined;
            if (fic) lines.push(`    ${"Federated credential".padEnd(26)} issuer=${fic.issuer} subject=${fic.subject} audience=${fic.audience}`);
        }
    }

    const steps = (plan.outputs.nextSteps ?? []) as string[];
    lines.push("", "Next steps:");
    lines.push(...(steps.length ? steps.map((s, i) => `  ${i + 1}. ${s}`) : ["  none"]));

    lines.push("", "Findings:");
    lines.push(
        ...(plan.findings.length
            ? plan.findings.map(
                  (f) =>
                      `  ${paint(f.severity === "error" ? "red" : f.severity === "warning" ? "yellow" : "dim", f.severity.toUpperCase())} [${f.rule}] ${f.message}`,
              )
            : ["  none"]),
    );
    if (options.outDir) lines.push("", `Wrote ${options.outDir}`);
    return lines.join("\n") + "\n";
}
