// Adopting existing Entra objects with Pulumi's `import` option: import ids in the provider's formats, and retention.
import * as pulumi from "@pulumi/pulumi";
import { choiceProblem, grantIdProblem, guidProblem } from "../entra/argRules";
import { ADOPTABLE_PARTS, type AdoptablePart } from "../entra/adoptableParts";
import type { ArgProblems } from "./argProblems";

/**
 * Existing Entra objects a component adopts instead of creating them (object ids as the portal and `az` show
 * them). A component that registers an app needs `applicationObjectId`; a consent component only `consentGrantId`.
 */
export interface Adoption {
    /** Object ID of the app registration (not its client id); required by the components that register an app. */
    readonly applicationObjectId?: string;
    /** Object ID of the app's service principal (Enterprise application). */
    readonly servicePrincipalObjectId?: string;
    /** Id of the existing admin-consent grant of the app's service principal on the resource. */
    readonly consentGrantId?: string;
    /**
     * Parts the adopted app already holds, imported instead of created (the provider refuses to create a part that
     * exists: "already exists - to be managed via Terraform this resource needs to be imported"): `redirectUris` (the
     * app's redirect URIs of the platform the component manages: Web for a connector, PublicClient for a Power
     * Platform API client), `apiAccess` (its API permissions on the API the component calls), `identifierUri` (an
     * API's Application ID URI; the component's `identifierUri` must then be set, as the import id contains it).
     * Each imported part is then updated to what the component declares. Default none: every part is created.
     */
    readonly existingParts?: string[];
    /**
     * An adopted API's existing scope ids, by scope value: each such scope is imported with its id (Entra refuses a
     * second scope of the same value, and a new id would need every consent again). Scopes not listed are created.
     */
    readonly scopeIds?: Record<string, string>;
    /** An adopted API's existing app role ids, by role value: each such role is imported with its id. */
    readonly appRoleIds?: Record<string, string>;
}

export { ADOPTABLE_PARTS, type AdoptablePart };

/** @deprecated Renamed `Adoption` (other languages' SDKs append `Args` to input types). */
export type AdoptArgs = Adoption;

// Import id formats from the provider docs (terraform-provider-azuread docs/resources/*.md, "Import").
/** `azuread_application_registration`: /applications/{objectId}. */
export function applicationImportId(objectId: string): string {
    return `/applications/${objectId}`;
}

/** `azuread_service_principal`: /servicePrincipals/{objectId}. */
export function servicePrincipalImportId(objectId: string): string {
    return `/servicePrincipals/${objectId}`;
}

// Import ids of an app's parts: terraform-provider-azuread v3.8.0 internal/services/applications/parse/*.go, ID():
// redirect_uris.go "/applications/%s/redirectUris/%s" (the platform: Web, SPA, PublicClient), api_access.go
// "/applications/%s/apiAccess/%s" (the API's client id), identifier_uri.go "/applications/%s/identifierUris/%s" (the
// URI in standard base64: application_identifier_uri_resource.go Create, base64.StdEncoding), permission_scope.go
// "/applications/%s/permissionScopes/%s" and app_role.go "/applications/%s/appRoles/%s" (the scope or role id).
/** `azuread_application_redirect_uris`: /applications/{objectId}/redirectUris/{Web|SPA|PublicClient}. */
export function redirectUrisImportId(objectId: string, type: "Web" | "SPA" | "PublicClient"): string {
    return `${applicationImportId(objectId)}/redirectUris/${type}`;
}

/** `azuread_application_api_access`: /applications/{objectId}/apiAccess/{API client id}. */
export function apiAccessImportId(objectId: string, apiClientId: string): string {
    return `${applicationImportId(objectId)}/apiAccess/${apiClientId}`;
}

/** `azuread_application_identifier_uri`: /applications/{objectId}/identifierUris/{URI in standard base64}. */
export function identifierUriImportId(objectId: string, identifierUri: string): string {
    return `${applicationImportId(objectId)}/identifierUris/${Buffer.from(identifierUri, "utf8").toString("base64")}`;
}

/** `azuread_application_permission_scope`: /applications/{objectId}/permissionScopes/{scope id}. */
export function permissionScopeImportId(objectId: string, scopeId: string): string {
    return `${applicationImportId(objectId)}/permissionScopes/${scopeId}`;
}

/** `azuread_application_app_role`: /applications/{objectId}/appRoles/{role id}. */
export function appRoleImportId(objectId: string, roleId: string): string {
    return `${applicationImportId(objectId)}/appRoles/${roleId}`;
}

/**
 * Options of one part of an app: adopted (imported, retained on destroy like the app) when the app is adopted and
 * `existingParts` names it; created otherwise. `importId` builds the part's id from the app's object id.
 */
export function adoptPartOptions(
    adopt: Adoption | undefined,
    part: AdoptablePart,
    importId: (objectId: string) => string,
): pulumi.CustomResourceOptions {
    const objectId = adopt?.applicationObjectId;
    return adoptOptions(
        objectId !== undefined && (adopt?.existingParts ?? []).includes(part) ? importId(objectId) : undefined,
    );
}

/**
 * Options that adopt an existing object: the first `pulumi up` imports it (its inputs are then compared with the
 * tenant: a difference is an update, or on older engines a failed import, pulumi/pulumi
 * developer-docs/architecture/import.md), later ones find the id in state and manage it. The stack did not
 * create it, so `pulumi destroy` leaves it in the tenant.
 */
export function adoptOptions(importId: string | undefined): pulumi.CustomResourceOptions {
    return importId === undefined ? {} : { import: importId, retainOnDelete: true };
}

/**
 * Problems with an adoption at argument path `at` (`adopt` or `ownership.adopt`): object ids are GUIDs, a grant
 * id is a grant id, and `consentGrantId` only where the component creates a consent grant (`consent`). A
 * component that registers an app needs `applicationObjectId`; one that only grants consent (`app: false`)
 * adopts nothing but the grant.
 */
export function adoptProblems(
    problems: ArgProblems,
    adopt: Adoption | undefined,
    consent: "none" | "unused" | "granted",
    at = "adopt",
    app = true,
): void {
    if (adopt === undefined) return;
    if (!app) {
        for (const id of ["applicationObjectId", "servicePrincipalObjectId"] as const)
            if (adopt[id] !== undefined)
                problems.check(`${at}.${id}`, "is set, but this component registers no app; remove it");
    } else if (typeof adopt.applicationObjectId !== "string")
        problems.check(`${at}.applicationObjectId`, "is missing; give the app registration's Object ID");
    else problems.check(`${at}.applicationObjectId`, guidProblem(adopt.applicationObjectId));
    if (app && adopt.servicePrincipalObjectId !== undefined)
        problems.check(`${at}.servicePrincipalObjectId`, guidProblem(adopt.servicePrincipalObjectId));
    if (adopt.consentGrantId === undefined) return;
    if (consent === "none")
        problems.check(`${at}.consentGrantId`, "is set, but this component creates no consent grant; remove it");
    else if (consent === "unused")
        problems.check(
            `${at}.consentGrantId`,
            "is set without admin consent; set adminConsent (or adminConsentUserObjectId), or remove it",
        );
    else problems.check(`${at}.consentGrantId`, grantIdProblem(adopt.consentGrantId));
}

/** What a component lets an adoption import: the parts it declares and the scope and role values it publishes. */
export interface AdoptableParts {
    /** Parts `existingParts` may name (the ones this component declares). */
    readonly parts: readonly AdoptablePart[];
    /** Scope values the component publishes (an API); none: `scopeIds` is refused. */
    readonly scopes?: readonly string[];
    /** App role values the component publishes (an API); none: `appRoleIds` is refused. */
    readonly roles?: readonly string[];
}

/**
 * Problems with the part adoption at argument path `at`: `existingParts` names parts this component declares,
 * `scopeIds` and `appRoleIds` name values it publishes, with GUIDs.
 */
export function adoptedPartsProblems(
    problems: ArgProblems,
    adopt: Adoption | undefined,
    at: string,
    adoptable: AdoptableParts,
): void {
    const parts: unknown = adopt?.existingParts ?? [];
    if (!Array.isArray(parts))
        problems.check(`${at}.existingParts`, `is not a list; give part names: ${adoptable.parts.join(", ")}`);
    (Array.isArray(parts) ? parts : []).forEach((part: unknown, i) => {
        const known =
            typeof part === "string"
                ? choiceProblem(part, ADOPTABLE_PARTS)
                : `is not a part name; allowed: ${ADOPTABLE_PARTS.join(", ")}`;
        problems.check(
            `${at}.existingParts[${i}]`,
            known ??
                (adoptable.parts.includes(part as AdoptablePart)
                    ? undefined
                    : `is "${part}", a part this component does not declare; allowed: ${adoptable.parts.join(", ") || "none"}`),
        );
    });
    for (const [field, values, what] of [
        ["scopeIds", adoptable.scopes, "scope"],
        ["appRoleIds", adoptable.roles, "app role"],
    ] as const) {
        const ids: unknown = adopt?.[field];
        if (ids === undefined) continue;
        if (ids === null || typeof ids !== "object" || Array.isArray(ids)) {
            problems.check(
                `${at}.${field}`,
                `is not a map of ${what} value to existing id; give e.g. { <value>: <id> }`,
            );
            continue;
        }
        if (values === undefined) {
            problems.check(`${at}.${field}`, `is set, but this component publishes no ${what}s; remove it`);
            continue;
        }
        for (const [value, id] of Object.entries(ids)) {
            problems.check(
                `${at}.${field}.${value}`,
                values.includes(value)
                    ? guidProblem(id)
                    : `names ${what} "${value}", which this API does not declare; declared: ${values.join(", ") || "none"}`,
            );
        }
    }
}
