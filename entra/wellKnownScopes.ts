// Scope names of Microsoft's well-known APIs checked against the documented lists (shared by config and components).
import { didYouMean } from "./suggest";
import { WELL_KNOWN_APIS, WellKnownApiName } from "./wellKnownApis";

/**
 * Why `scope` is not a delegated permission of a well-known API, or undefined when it is, or when Microsoft
 * documents no list for the API (then the name is resolved at deploy time through its service principal).
 */
export function wellKnownScopeProblem(name: WellKnownApiName, scope: string): string | undefined {
    const api = WELL_KNOWN_APIS[name];
    if (api.delegatedScopes === undefined || api.delegatedScopes.includes(scope)) return undefined;
    const reference = api.sources[0] ?? "the API's documentation";
    return `"${scope}" is not a delegated permission of ${api.displayName} (${api.delegatedScopes.length} known). ${didYouMean(scope, api.delegatedScopes, reference)}`;
}
