// Pure checks of single values that components and the config layer share (days, GUIDs, URIs, choices).
import { isGuid } from "./guid";

/** Client secret and certificate lifetimes: whole days, 1-730 (Entra's recommended maximum is 24 months). */
export const MAX_CREDENTIAL_DAYS = 730;

/** Problem with a number of days, or undefined when it is a whole number in 1-730. */
export function daysProblem(days: number): string | undefined {
    if (!Number.isInteger(days)) return `is ${days}; it must be a whole number of days`;
    if (days < 1 || days > MAX_CREDENTIAL_DAYS) return `is ${days}; it must be between 1 and ${MAX_CREDENTIAL_DAYS} days`;
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
    if (isGuid(id)) return `"${id}" is a GUID, but a grant id is not one (it is the oAuth2PermissionGrant's id, not an object id). ${fix}`;
    return /^[A-Za-z0-9_-]{16,}$/.test(id)
        ? undefined
        : `"${id}" is not a grant id: letters, digits, '-' and '_', at least 16, no /oauth2PermissionGrants/ prefix. ${fix}`;
}

/** A connector's Resource URL: an https:// URL or an api:// identifier URI. */
export function resourceUrlProblem(url: string): string | undefined {
    return /^(https:\/\/|api:\/\/)\S+$/.test(url) ? undefined : `"${url}" must be an https:// URL or an api:// identifier URI`;
}

/** Problem with a list that must hold each value once, or undefined: names the first repeated value. */
export function duplicateProblem(values: readonly string[]): string | undefined {
    const repeated = values.find((v, i) => values.indexOf(v) !== i);
    return repeated === undefined ? undefined : `lists "${repeated}" twice; list each value once`;
}
