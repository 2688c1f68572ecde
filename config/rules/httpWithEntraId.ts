// Cross-field rules of httpWithEntraId.grants[]: the resource exists and its scopes are known.
import { permissionValueProblem } from "../../entra/entraRules";
import { WELL_KNOWN_API_NAMES, WELL_KNOWN_APIS, WellKnownApiName } from "../../entra/wellKnownApis";
import { ConfigProblem } from "../errors";
import { wellKnownScopeProblem } from "./wellKnownScopes";
import { NAMESPACE } from "../keys";
import { HttpWithEntraIdGrantConfig, StackConfig } from "../model";

/** Scope names a resource exposes, when known before deployment (undefined: resolved at deploy time). */
function knownScopesOf(config: StackConfig, resource: HttpWithEntraIdGrantConfig["resource"]): { label: string; scopes?: readonly string[] } | string {
    if (typeof resource !== "string") return { label: `the API ${resource.appId}` };
    if ((WELL_KNOWN_API_NAMES as readonly string[]).includes(resource)) {
        const api = WELL_KNOWN_APIS[resource as WellKnownApiName];
        return { label: api.displayName, scopes: api.delegatedScopes };
    }
    const api = config.apis[resource];
    if (api) return { label: `API "${resource}"`, scopes: api.scopes.map((s) => s.value) };
    return `"${resource}" is neither a wellKnown API (${WELL_KNOWN_API_NAMES.join(", ")}) nor a key of ${NAMESPACE}:apis (${Object.keys(config.apis).join(", ") || "none declared"}); for another API use { appId: <guid> }.`;
}

export function httpWithEntraIdProblems(config: StackConfig): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    config.httpWithEntraIdGrants.forEach((grant, i) => {
        const at = `${NAMESPACE}:httpWithEntraId.grants[${i}]`;
        const known = knownScopesOf(config, grant.resource);
        if (typeof known === "string") {
            problems.push({ path: `${at}.resource`, message: known });
            return;
        }
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

