// Adopting existing Entra objects with Pulumi's `import` option: import ids in the provider's formats, and retention.
import * as pulumi from "@pulumi/pulumi";
import { grantIdProblem, guidProblem } from "../entra/argRules";
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
}

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
export function adoptProblems(problems: ArgProblems, adopt: Adoption | undefined, consent: "none" | "unused" | "granted", at = "adopt", app = true): void {
    if (adopt === undefined) return;
    if (!app) {
        for (const id of ["applicationObjectId", "servicePrincipalObjectId"] as const)
            if (adopt[id] !== undefined) problems.check(`${at}.${id}`, "is set, but this component registers no app; remove it");
    } else if (typeof adopt.applicationObjectId !== "string") problems.check(`${at}.applicationObjectId`, "is missing; give the app registration's Object ID");
    else problems.check(`${at}.applicationObjectId`, guidProblem(adopt.applicationObjectId));
    if (app && adopt.servicePrincipalObjectId !== undefined) problems.check(`${at}.servicePrincipalObjectId`, guidProblem(adopt.servicePrincipalObjectId));
    if (adopt.consentGrantId === undefined) return;
    if (consent === "none") problems.check(`${at}.consentGrantId`, "is set, but this component creates no consent grant; remove it");
    else if (consent === "unused")
        problems.check(`${at}.consentGrantId`, "is set without admin consent; set adminConsent (or adminConsentUserObjectId), or remove it");
    else problems.check(`${at}.consentGrantId`, grantIdProblem(adopt.consentGrantId));
}
