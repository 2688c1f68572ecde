// What the plan view (planText.ts) and the diff view (diffText.ts) share: names for ids, colours, the component tree.
import { HTTP_WITH_ENTRA_ID_APP_ID, WELL_KNOWN_APIS } from "../../entra/wellKnownApis";
import { isGuid } from "../../entra/guid";
import { RecordedResource } from "../simulator/recordingMonitor";
import { Plan } from "./runOffline";

export const ANSI = {
    reset: "\x1b[0m",
    bold: "\x1b[1m",
    dim: "\x1b[2m",
    red: "\x1b[31m",
    green: "\x1b[32m",
    yellow: "\x1b[33m",
    magenta: "\x1b[35m",
    cyan: "\x1b[36m",
};
export type Paint = (style: keyof typeof ANSI, text: string) => string;

export function shortType(type: string): string {
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
            if (map && typeof map === "object")
                for (const [scope, id] of Object.entries(map)) if (typeof id === "string") names.set(id, scope);
        }
        if (r.type.endsWith(":ApplicationRegistration") || r.type.endsWith(":Application")) {
            const label = typeof i.displayName === "string" ? i.displayName : r.name;
            if (typeof o.clientId === "string" && !names.has(o.clientId)) names.set(o.clientId, label);
            if (typeof o.id === "string") names.set(o.id, label);
        }
    }
    return names;
}

export function shortGuid(id: string): string {
    return `${id.slice(0, 8)}-...`;
}

/** A value for a person: every known GUID with its name (`User.Read (e1fe6dd8-...)`). */
export function show(value: unknown, names: ReadonlyMap<string, string>, full: boolean): string {
    const one = (v: unknown): string => {
        if (typeof v === "string") {
            const name = isGuid(v) ? names.get(v) : undefined;
            return name ? `${name} (${full ? v : shortGuid(v)})` : v;
        }
        if (Array.isArray(v)) return `[${v.map(one).join(", ")}]`;
        return JSON.stringify(v);
    };
    return one(value);
}

/** The settings worth a glance, per resource type; `--details` shows every input instead. */
export function keySettings(r: RecordedResource): Array<[string, unknown]> {
    const i = r.inputs;
    const o = r.outputs;
    const pick = (...keys: string[]) =>
        keys.filter((k) => i[k] !== undefined && i[k] !== false).map((k) => [k, i[k]] as [string, unknown]);
    switch (shortType(r.type)) {
        case "ApplicationRegistration":
            return pick(
                "displayName",
                "signInAudience",
                "implicitAccessTokenIssuanceEnabled",
                "implicitIdTokenIssuanceEnabled",
            );
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
            return [
                ...pick("rotationDays"),
                ...(o.rotationRfc3339 !== undefined
                    ? ([["nextRotation", o.rotationRfc3339]] as Array<[string, unknown]>)
                    : []),
            ];
        case "SecretSlots": {
            const state = o.state as { a?: { endDate: string }; b?: { endDate: string }; newest?: string } | undefined;
            if (!state || typeof state !== "object" || !state.a || !state.b) return pick("lifetimeDays");
            return [
                ["slot a ends", state.a.endDate],
                ["slot b ends", state.b.endDate],
                ["newest", state.newest],
            ];
        }
        case "PowerPlatformConnector":
            return [
                ...pick("environment"),
                ...(o.name !== undefined ? ([["name", o.name]] as Array<[string, unknown]>) : []),
                // The secret is masked; its version (the newest password's key id) shows a delivered renewal.
                ...pick("clientSecretVersion").map(([, v]) => ["secret version", v] as [string, unknown]),
            ];
        case "PrivateKey":
            return pick("algorithm", "rsaBits");
        case "SelfSignedCert":
            return pick("validityPeriodHours");
        default:
            return [];
    }
}

/** Resources indexed once: children per parent, top-level components in URN order. */
export interface Tree {
    readonly children: ReadonlyMap<string, RecordedResource[]>;
    readonly roots: RecordedResource[];
    readonly stackLevel: RecordedResource[];
}

export function tree(resources: readonly RecordedResource[]): Tree {
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
    for (const list of children.values())
        list.sort((a, b) => Number(b.custom) - Number(a.custom) || a.urn.localeCompare(b.urn));
    roots.sort((a, b) => a.urn.localeCompare(b.urn));
    stackLevel.sort((a, b) => a.urn.localeCompare(b.urn));
    return { children, roots, stackLevel };
}

export function customUnder(t: Tree, urn: string): RecordedResource[] {
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

export function counts(list: readonly RecordedResource[]): string {
    const byType = new Map<string, number>();
    for (const r of list) byType.set(shortType(r.type), (byType.get(shortType(r.type)) ?? 0) + 1);
    return [...byType.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([t, n]) => (n === 1 ? t : `${n} ${t}`))
        .join(", ");
}

export function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function flagsOf(r: RecordedResource): string {
    const flags = [r.protect ? "protect" : "", r.retainOnDelete ? "retainOnDelete" : ""].filter(Boolean);
    return flags.length ? ` [${flags.join(", ")}]` : "";
}

/** The resource listing of a plan without a previous one: everything is created. */
export function resourceLines(
    plan: Plan,
    names: ReadonlyMap<string, string>,
    paint: Paint,
    details: boolean,
    summary: boolean,
): string[] {
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
            lines.push(
                `  ${paint("bold", `${shortType(root.type)} ${root.name}`)}: ${paint("green", `+ ${members.length}`)} (${counts(members)})`,
            );
            continue;
        }
        lines.push(
            `  ${paint("bold", `${shortType(root.type)} ${root.name}`)} (${plural(members.length, "resource")})`,
        );
        walk(root.urn, "    ");
    }
    if (t.stackLevel.length) {
        if (summary)
            lines.push(
                `  ${paint("bold", "Stack-level")}: ${paint("green", `+ ${t.stackLevel.length}`)} (${counts(t.stackLevel)})`,
            );
        else {
            lines.push(`  ${paint("bold", "Stack-level")} (${plural(t.stackLevel.length, "resource")})`);
            for (const r of t.stackLevel) resourceLine(r, "    ");
        }
    }
    return lines;
}

/** Colour only for a person at a terminal: https://no-color.org (any non-empty NO_COLOR turns it off). */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
    return stream.isTTY === true && !env.NO_COLOR && env.TERM !== "dumb";
}
