// Cross-field rules of httpWithEntraId.grants[]: the resource exists and its scopes are known.
import { permissionValueProblem } from "../../entra/entraRules";
import {
    WELL_KNOWN_API_NAMES,
    WELL_KNOWN_APIS,
    wellKnownApiByAppId,
    WellKnownApiName,
} from "../../entra/wellKnownApis";
import { ConfigProblem } from "../errors";
import { wellKnownResourceUrlProblem, wellKnownScopeProblem } from "./wellKnownScopes";
import { NAMESPACE } from "../keys";
import { HttpWithEntraIdGrantConfig, StackConfig } from "../model";

/** The wellKnown API a grant's resource names, by name or by app id. */
function wellKnownNameOf(resource: HttpWithEntraIdGrantConfig["resource"]): WellKnownApiName | undefined {
    if (typeof resource === "string")
        return (WELL_KNOWN_API_NAMES as readonly string[]).includes(resource)
            ? (resource as WellKnownApiName)
            : undefined;
    return wellKnownApiByAppId(resource.appId);
}

/** Scope names a resource exposes, when known before deployment (undefined: resolved at deploy time). */
function knownScopesOf(
    config: StackConfig,
    resource: HttpWithEntraIdGrantConfig["resource"],
): { label: string; scopes?: readonly string[] } | string {
    if (typeof resource !== "string") return { label: `the API ${resource.appId}` };
    if ((WELL_KNOWN_API_NAMES as readonly string[]).includes(resource)) {
        const api = WELL_KNOWN_APIS[resource as WellKnownApiName];
        return { label: api.displayName, scopes: api.delegatedScopes };
    }
    const api = config.apis[resource];
    if (api) return { label: `API "${resource}"`, scopes: api.scopes.map((s) => s.value) };
    return `"${resource}" is neither a wellKnown API (${WELL_KNOWN_API_NAMES.join(", ")}) nor a key of ${NAMESPACE}:apis (${Object.keys(config.apis).join(", ") || "none declared"}); Fix: use one of them, or { appId: <guid> } for another API.`;
}

export function httpWithEntraIdProblems(config: StackConfig): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    problems.push(...adoptedGrantProblems(config));
    const urlsByApi = new Map<WellKnownApiName, string>();
    for (const g of config.httpWithEntraIdGrants) {
        const name = wellKnownNameOf(g.resource);
        if (name && typeof g.resource !== "string" && g.resource.resourceUrl !== undefined)
            urlsByApi.set(name, g.resource.resourceUrl);
    }
    config.httpWithEntraIdGrants.forEach((grant, i) => {
        const at = `${NAMESPACE}:httpWithEntraId.grants[${i}]`;
        const known = knownScopesOf(config, grant.resource);
        if (typeof known === "string") {
            problems.push({ path: `${at}.resource`, message: known });
            return;
        }
        // A Microsoft API whose resource URL is the tenant's (SharePoint, Dataverse): the connection needs it, and
        // the app id is no URL a maker can type. Same rule as connectors' resource.resourceUrl.
        // Entries for one resource merge (components/httpWithEntraId.ts): one URL among them is enough.
        const wellKnown = wellKnownNameOf(grant.resource);
        const configuredUrl = typeof grant.resource === "string" ? undefined : grant.resource.resourceUrl;
        const urlProblem =
            wellKnown &&
            wellKnownResourceUrlProblem(wellKnown, config.cloud, configuredUrl ?? urlsByApi.get(wellKnown));
        if (urlProblem)
            problems.push({
                path: `${at}.resource${configuredUrl === undefined ? "" : ".resourceUrl"}`,
                message: urlProblem,
            });
        grant.scopes.forEach((scope, j) => {
            const problem = permissionValueProblem(scope);
            const resource = grant.resource;
            if (problem) problems.push({ path: `${at}.scopes[${j}]`, message: `"${scope}" ${problem}.` });
            else if (typeof resource === "string" && (WELL_KNOWN_API_NAMES as readonly string[]).includes(resource)) {
                const wellKnown = wellKnownScopeProblem(resource as WellKnownApiName, scope);
                if (wellKnown) problems.push({ path: `${at}.scopes[${j}]`, message: wellKnown });
            } else if (known.scopes && !known.scopes.includes(scope)) {
                problems.push({
                    path: `${at}.scopes[${j}]`,
                    message: `"${scope}" is not a scope of ${known.label} (its scopes: ${known.scopes.join(", ")}). Fix: use one of them, or add it to the API's scopes.`,
                });
            }
        });
    });
    return problems;
}

/**
 * Entries for one (resource, consent target) merge into one grant, so they can adopt at most one existing grant,
 * and one grant id cannot be adopted by two grants.
 */
function adoptedGrantProblems(config: StackConfig): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    // The pair components/httpWithEntraId.ts merges on: a wellKnown API named by app id is that API.
    const pairOf = (g: HttpWithEntraIdGrantConfig) => {
        const appId = typeof g.resource === "string" ? undefined : g.resource.appId.toLowerCase();
        const resource =
            appId === undefined
                ? g.resource
                : (WELL_KNOWN_API_NAMES.find((n) => WELL_KNOWN_APIS[n].appId.toLowerCase() === appId) ?? appId);
        return `${String(resource)}|${g.consent === "allUsers" ? "all" : g.consent.user.toLowerCase()}`;
    };
    const byPair = new Map<string, { id: string; index: number }>();
    const byId = new Map<string, string>();
    config.httpWithEntraIdGrants.forEach((grant, i) => {
        const id = grant.adopt?.grantId;
        if (id === undefined) return;
        const at = `${NAMESPACE}:httpWithEntraId.grants[${i}].adopt.grantId`;
        const pair = pairOf(grant);
        const other = byPair.get(pair);
        if (other && other.id !== id) {
            problems.push({
                path: at,
                message: `is "${id}" but grants[${other.index}] (same resource and consent, merged into one grant) adopts "${other.id}"; Entra keeps one grant per pair. Fix: keep one id and remove the other.`,
            });
        } else if (!other) {
            byPair.set(pair, { id, index: i });
            if (byId.has(id) && byId.get(id) !== pair) {
                problems.push({
                    path: at,
                    message: `is "${id}", which another entry with a different resource or consent already adopts. Fix: give each grant the id of its own existing grant.`,
                });
            }
            byId.set(id, pair);
        }
    });
    return problems;
}
