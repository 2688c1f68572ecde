// Checks of names on Microsoft's well-known APIs: documented scope lists offline, resource URLs per cloud.
import { wellKnownScopeProblem } from "../../entra/wellKnownScopes";
import { isGuid } from "../../entra/guid";
import { WELL_KNOWN_APIS, WellKnownApiName } from "../../entra/wellKnownApis";
import { CloudName } from "../../entra/clouds";
import { NAMESPACE } from "../keys";

// The scope-name rule is pure Entra knowledge, shared with the components (entra/wellKnownScopes.ts).
export { wellKnownScopeProblem };

/** The resource URL a well-known API has in `cloud`: the catalog's, else config's (`resource.resourceUrl`). */
export function wellKnownResourceUrl(
    name: WellKnownApiName,
    cloud: CloudName,
    configured: string | undefined,
): string | undefined {
    return configured ?? WELL_KNOWN_APIS[name].resourceUrl[cloud];
}

/** Why the resource URL of a well-known API connector is missing or malformed, or undefined. */
export function wellKnownResourceUrlProblem(
    name: WellKnownApiName,
    cloud: CloudName,
    configured: string | undefined,
): string | undefined {
    const api = WELL_KNOWN_APIS[name];
    if (configured !== undefined) {
        return /^https:\/\/\S+$/.test(configured) || isGuid(configured)
            ? undefined
            : `"${configured}" is not a resource URL: use an https:// URL (or the API's app id). Fix: correct it, or remove it to use the catalog's URL where it has one.`;
    }
    if (api.resourceUrl[cloud] !== undefined) return undefined;
    const why = api.resourceUrlHint
        ? `${api.displayName}'s resource URL is ${api.resourceUrlHint}`
        : `Microsoft documents no resource URL of ${api.displayName} for cloud "${cloud}"`;
    return `is required for wellKnown: ${name} in cloud "${cloud}": ${why}. Fix: set ${NAMESPACE}:...resource.resourceUrl (resource: { wellKnown: ${name}, resourceUrl: <url> }).`;
}
