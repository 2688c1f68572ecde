// Pure checks of single values that components and the config layer share (days, GUIDs, URIs, choices).
import { CloudName, CLOUDS, globalConsentRedirectUrl } from "./clouds";
import { nilGuidProblem } from "./entraRules";
import { isGuid } from "./guid";
import { closestNames } from "./suggest";

/** Client secret and certificate lifetimes: whole days, 1-730 (Entra's recommended maximum is 24 months). */
export const MAX_CREDENTIAL_DAYS = 730;

/** Problem with a number of days, or undefined when it is a whole number in 1-730. */
export function daysProblem(days: number): string | undefined {
    if (!Number.isInteger(days)) return `is ${days}; it must be a whole number of days`;
    if (days < 1 || days > MAX_CREDENTIAL_DAYS)
        return `is ${days}; it must be between 1 and ${MAX_CREDENTIAL_DAYS} days`;
    return undefined;
}

/** Problem with a GUID-valued argument (tenant, app or object id), or undefined. */
export function guidProblem(value: string): string | undefined {
    return isGuid(value) ? undefined : `"${value}" is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`;
}

/** Problem with a value that must be one of `allowed` (an enum carried as a string), or undefined. */
export function choiceProblem(value: string, allowed: readonly string[]): string | undefined {
    return allowed.includes(value) ? undefined : `is "${value}"; allowed: ${allowed.join(", ")}`;
}

// Application ID URIs: entraRules.ts identifierUriProblem (the limits' rule, shared with config and policy).

/**
 * Problem with an oAuth2PermissionGrant id, or undefined: base64url characters as Graph and
 * `az ad app permission list-grants` print it, not a GUID (the same rule as config's grantIdSchema).
 */
export function grantIdProblem(id: string): string | undefined {
    const fix = "Fix: copy the grant's `id` from `az ad app permission list-grants --id <client app id>`";
    if (isGuid(id))
        return `"${id}" is a GUID, but a grant id is not one (it is the oAuth2PermissionGrant's id, not an object id). ${fix}`;
    return /^[A-Za-z0-9_-]{16,}$/.test(id)
        ? undefined
        : `"${id}" is not a grant id: letters, digits, '-' and '_', at least 16, no /oauth2PermissionGrants/ prefix. ${fix}`;
}

/** A connector's Resource URL: an https:// URL or an api:// identifier URI. */
export function resourceUrlProblem(url: string): string | undefined {
    return /^(https:\/\/|api:\/\/)\S+$/.test(url)
        ? undefined
        : `"${url}" must be an https:// URL or an api:// identifier URI`;
}

/** Problem with a list that must hold each value once, or undefined: names the first repeated value. */
export function duplicateProblem(values: readonly string[]): string | undefined {
    const repeated = values.find((v, i) => values.indexOf(v) !== i);
    return repeated === undefined ? undefined : `lists "${repeated}" twice; list each value once`;
}

/**
 * Problem with the object id of a user or service principal (owners, the consenting user), or undefined: a GUID,
 * and never the nil GUID, which Entra never issues (the rule config applies to the same keys). `what` names the id.
 */
export function objectIdProblem(value: string, what: string): string | undefined {
    return guidProblem(value) ?? nilGuidProblem(value, what);
}

/**
 * Problem with a connector's redirect URLs as a whole, or undefined. `given` is the list the caller set (undefined
 * when left out); `leaveOut` says how to fall back to the cloud's default (a key or an argument). An empty list
 * leaves the app without a redirect URL, so every sign-in fails with AADSTS50011; a cloud without a documented
 * consent redirect (entra/clouds.ts connectorConsentHost) has no default to fall back to.
 */
export function redirectUrlsProblem(
    given: readonly string[] | undefined,
    cloud: CloudName,
    leaveOut: string,
): string | undefined {
    const hasDefault = CLOUDS[cloud].connectorConsentHost !== undefined;
    if (given !== undefined && given.length > 0) return undefined;
    if (given !== undefined && hasDefault) {
        return `is an empty list: the connector's app would have no redirect URL, so sign-in fails (AADSTS50011). Fix: copy the redirect URL the connector shows into redirectUrls, or ${leaveOut} for the cloud's default (${globalConsentRedirectUrl(cloud)})`;
    }
    if (hasDefault) return undefined;
    return `is required for cloud "${cloud}": Microsoft documents no connector consent redirect URL for it. Fix: copy the redirect URL the connector shows into redirectUrls`;
}

/**
 * Problem with a delegated scope a connector asks of one of the project's own APIs, or undefined when the API
 * defines it. `api` names the API in the message, `defined` lists its scope values, `addTo` says where to add one.
 * An API may expose app roles only (a daemon API): a connector signs users in and needs a delegated scope.
 */
export function ownApiScopeProblem(
    scope: string,
    api: string,
    defined: readonly string[],
    addTo: string,
): string | undefined {
    if (defined.includes(scope)) return undefined;
    if (defined.length === 0) {
        return `"${scope}" is not a scope of ${api}: it defines no delegated scopes (app roles only, for daemons), and a connector signs users in with a delegated scope. Fix: add the scope to ${addTo}, or call another API`;
    }
    const close = closestNames(scope, defined);
    const hint = close.length > 0 ? ` Did you mean ${close.map((n) => `"${n}"`).join(" or ")}?` : "";
    return `"${scope}" is not a scope of ${api} (its scopes: ${defined.join(", ")}).${hint} Fix: use one of them, or add the scope to ${addTo}`;
}

/**
 * Problem with what an API exposes, or undefined: at least one delegated scope or one app role. An API with app
 * roles only is valid in Entra (a daemon API that other apps call with application permissions).
 */
export function exposedPermissionsProblem(scopes: number, appRoles: number): string | undefined {
    if (scopes > 0 || appRoles > 0) return undefined;
    return "is empty and the API has no app roles: an API exposes at least one delegated scope or app role. Fix: add a scope (e.g. access_as_user, for connectors that sign users in) or an app role (for daemons)";
}

/**
 * Problem with a scope or role value as the key of the id maps (`scopeIds`, `delegatedScopeIds`), or undefined.
 * Entra accepts "__proto__", but pulumi.output() copies a map by assignment, and assigning "__proto__" sets the
 * copy's prototype instead of a key: the scope's id would vanish on the way to the connector that asks for it.
 */
export function permissionKeyProblem(value: string): string | undefined {
    if (value !== "__proto__") return undefined;
    return "is the JavaScript prototype key: Entra accepts it, but Pulumi cannot carry as a key of the scope id maps (copying the map drops it). Fix: choose another value, e.g. proto";
}
