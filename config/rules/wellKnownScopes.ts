// Checks of names on Microsoft's well-known APIs: documented scope lists offline, resource URLs per cloud.
import { didYouMean } from "../../entra/suggest";
import { CloudName, WELL_KNOWN_APIS, WellKnownApiName } from "../../entra/wellKnownApis";
import { NAMESPACE } from "../keys";

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

/** The resource URL a well-known API has in `cloud`: the catalog's, else config's (`resource.resourceUrl`). */
export function wellKnownResourceUrl(name: WellKnownApiName, cloud: CloudName, configured: string | undefined): string | undefined {
    return configured ?? WELL_KNOWN_APIS[name].resourceUrl[cloud];
}

/** Why the resource URL of a well-known API connector is missing or malformed, or undefined. */
export function wellKnownResourceUrlProblem(name: WellKnownApiName, cloud: CloudName, configured: string | undefined): string | undefined {
    const api = WELL_KNOWN_APIS[name];
    if (configured !== undefined) {
        return /^(https:\/\/\S+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.test(configured)
            ? undefined
            : `"${configured}" is not a resource URL: use an https:// URL (or the API's app id). Fix: correct it, or remove it to use the catalog's URL where it has one.`;
    }
    if (api.resourceUrl[cloud] !== undefined) return undefined;
    const why = api.resourceUrlHint
        ? `${api.displayName}'s resource URL is ${api.resourceUrlHint}`
        : `Microsoft documents no resource URL of ${api.displayName} for cloud "${cloud}"`;
    return `is required for wellKnown: ${name} in cloud "${cloud}": ${why}. Fix: set ${NAMESPACE}:...resource.resourceUrl (resource: { wellKnown: ${name}, resourceUrl: <url> }).`;
}
