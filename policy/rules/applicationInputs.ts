// What an `azuread.Application` (the all-in-one resource users' own programs create) declares inline, read the way
// the rules read the split resources: redirect URIs per platform, implicit flags, requested permissions.
import { known, knownList } from "../ruleHelpers";
import { PolicyResource } from "../ruleTypes";

function object(value: unknown): Record<string, unknown> {
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Redirect URIs of one platform block (`web`, `singlePageApplication`, `publicClient`). */
export function applicationRedirectUris(
    r: PolicyResource,
    platform: "web" | "singlePageApplication" | "publicClient",
): string[] {
    return knownList(object(r.inputs[platform]).redirectUris);
}

/** `web.implicitGrant` of an Application. */
export function applicationImplicitGrant(r: PolicyResource): { accessToken: boolean; idToken: boolean } {
    const grant = object(object(r.inputs.web).implicitGrant);
    return { accessToken: grant.accessTokenIssuanceEnabled === true, idToken: grant.idTokenIssuanceEnabled === true };
}

/** The permission ids an Application requests on `resourceAppId`, by kind (`Role` application, `Scope` delegated). */
export function applicationRequestedIds(
    r: PolicyResource,
    sameApp: (appId: string | undefined) => boolean,
    kind: "Role" | "Scope",
): string[] {
    const accesses = Array.isArray(r.inputs.requiredResourceAccesses) ? r.inputs.requiredResourceAccesses : [];
    return accesses
        .map(object)
        .filter((a) => sameApp(known(a.resourceAppId)))
        .flatMap((a) => (Array.isArray(a.resourceAccesses) ? a.resourceAccesses.map(object) : []))
        .filter((ra) => ra.type === kind)
        .map((ra) => known(ra.id))
        .filter((id): id is string => id !== undefined);
}
