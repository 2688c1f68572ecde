// The skeleton every registration of this library shares: a single-tenant app, its owners, its service principal.
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { MAX_DISPLAY_NAME_LENGTH } from "../entra/entraRules";
import { childName } from "../entra/naming";
import { plainString } from "./argProblems";
import { adoptOptions, Adoption, applicationImportId, servicePrincipalImportId } from "./adoption";
import { DeployerOwnership } from "../entra/deployerOwnership";
import { addOwners } from "./owners";

/**
 * Problem with an app registration's display name when it is known before deployment (not an Output): Entra's
 * 1-120 characters for single-tenant apps (entraRules.ts MAX_DISPLAY_NAME_LENGTH, the limit config checks too).
 */
export function appDisplayNameProblem(displayName: pulumi.Input<string>): string | undefined {
    const name = plainString(displayName);
    if (name === undefined || (name.trim().length > 0 && name.length <= MAX_DISPLAY_NAME_LENGTH)) return undefined;
    return name.trim().length === 0
        ? "is empty; give the app registration a name"
        : `has ${name.length} characters; Entra allows 1-${MAX_DISPLAY_NAME_LENGTH}`;
}

/** What differs between the library's app registrations; everything else is the same secure default. */
export interface SingleTenantAppOptions {
    /** Display name in Entra. */
    readonly displayName: pulumi.Input<string>;
    /** Only the connector of an own API asks for implicit access tokens (scenario 3: your own protected API and its connector). Default false. */
    readonly implicitAccessTokenIssuanceEnabled?: boolean;
    /** Access token version an API accepts (1 or 2); unset for clients. */
    readonly requestedAccessTokenVersion?: number;
    /** Notes shown to admins (why a setting is on). */
    readonly notes?: string;
    /** Protect the app registration from deletion (production). */
    readonly protect?: boolean;
    /** An existing app registration to adopt (`import` on the first up, retained on destroy). */
    readonly adopt?: Adoption;
}

/**
 * App registration inputs an adopted app keeps as the tenant has them, unless the component declares them (then
 * config owns them: `notes` of a Power Platform API client, `requestedAccessTokenVersion` of an API). Pulumi >= 3.174
 * imports and then updates to the declared inputs, so an undeclared input would be cleared on the adopted app (an
 * admin's description, notes, group claims, URLs); `ignoreChanges` makes the import take the tenant's values
 * (pulumi/pulumi pkg/resource/deploy/step.go, ImportStep.Apply: processIgnoreChanges sets ignored inputs back to the
 * imported values). What the
 * library always declares (displayName, signInAudience, implicit grant settings) is owned and updated on purpose.
 * Input names from the azuread schema (offline/simulator/providerFacts.generated.ts).
 */
export const ADOPTED_APPLICATION_KEPT_INPUTS = [
    "description",
    "groupMembershipClaims",
    "homepageUrl",
    "logoutUrl",
    "marketingUrl",
    "notes",
    "privacyStatementUrl",
    "requestedAccessTokenVersion",
    "serviceManagementReference",
    "supportUrl",
    "termsOfServiceUrl",
] as const;

/** The kept inputs of an adopted app registration, minus those the component declares (config owns those). */
export function adoptedApplicationIgnoreChanges(declared: azuread.ApplicationRegistrationArgs): string[] {
    return ADOPTED_APPLICATION_KEPT_INPUTS.filter((input) => declared[input] === undefined);
}

/**
 * `${name}-app`: single tenant (the connector signs in users of this tenant only, and managed identity requires
 * it), implicit ID tokens never. An adopted app keeps what the component does not declare (see above).
 */
export function singleTenantApp(
    name: string,
    options: SingleTenantAppOptions,
    parent: pulumi.Resource,
): azuread.ApplicationRegistration {
    const inputs: azuread.ApplicationRegistrationArgs = {
        displayName: options.displayName,
        signInAudience: "AzureADMyOrg",
        ...(options.requestedAccessTokenVersion !== undefined
            ? { requestedAccessTokenVersion: options.requestedAccessTokenVersion }
            : {}),
        implicitAccessTokenIssuanceEnabled: options.implicitAccessTokenIssuanceEnabled ?? false,
        implicitIdTokenIssuanceEnabled: false,
        ...(options.notes !== undefined ? { notes: options.notes } : {}),
    };
    const adopted = options.adopt?.applicationObjectId;
    return new azuread.ApplicationRegistration(childName(name, "app"), inputs, {
        parent,
        protect: options.protect,
        ...adoptOptions(adopted !== undefined ? applicationImportId(adopted) : undefined),
        ...(adopted !== undefined ? { ignoreChanges: adoptedApplicationIgnoreChanges(inputs) } : {}),
    });
}

/** Owners and the service principal of an app, which come last so that the app is complete when it is visible. */
export interface OwnersAndPrincipalOptions {
    /** Object id of the deploying identity, always an owner. */
    readonly deployerObjectId: pulumi.Input<string>;
    /** Object ids of extra owners. */
    readonly owners?: readonly string[];
    /** Users need an app role assignment before they get a token. Unset: the provider default (false). */
    readonly appRoleAssignmentRequired?: boolean;
    /** Protect the service principal from deletion (production). */
    readonly protect?: boolean;
    /** How the deployer owns the app (owners.ts). Default "explicit". */
    readonly deployerOwnership?: DeployerOwnership;
    /** The adopted objects: the service principal is imported when `servicePrincipalObjectId` is set. */
    readonly adopt?: Adoption;
}

/**
 * The service principal's owners: the deployer first, then the extra owners (case-insensitively distinct). The
 * provider makes the caller an owner of a new service principal and removes it again when `owners` does not list
 * it (terraform-provider-azuread v3.8.0 internal/services/serviceprincipals/service_principal_resource.go: "If the
 * calling principal was not included in configuration, remove it now"), which would leave an
 * Application.ReadWrite.OwnedBy deployer without access to the principal it just created. Under both ownership
 * models the deployer is the caller, so it is always listed.
 */
export function servicePrincipalOwners(
    deployerObjectId: pulumi.Input<string>,
    owners: readonly string[],
): pulumi.Output<string[]> {
    return pulumi.output(deployerObjectId).apply((deployer) => {
        const seen = new Set<string>();
        // A deployer id that is not a string (mocks that answer too little) is left for the owner checks to report.
        return [deployer, ...owners].filter((o): o is string => {
            if (typeof o !== "string") return false;
            const key = o.toLowerCase();
            if (seen.has(key)) return false;
            seen.add(key);
            return true;
        });
    });
}

/**
 * Service principal inputs an adopted principal keeps as the tenant has them. Pulumi >= 3.174 imports and then
 * updates to the declared inputs, and the provider treats `owners` as the complete list (v3.8.0
 * service_principal_resource.go removes every owner not listed): without this, adoption would remove an admin's
 * owners, re-enable a disabled principal and drop an assignment requirement. Input names from the azuread schema.
 */
export const ADOPTED_SERVICE_PRINCIPAL_KEPT_INPUTS = [
    "accountEnabled",
    "alternativeNames",
    "description",
    "featureTags",
    "features",
    "loginUrl",
    "notes",
    "notificationEmailAddresses",
    "owners",
    "preferredSingleSignOnMode",
    "samlSingleSignOn",
    "tags",
] as const;

/** The app's ApplicationOwners (`${name}-owner-*`) and its ServicePrincipal (`${name}-sp`). */
export function ownersAndServicePrincipal(
    name: string,
    app: azuread.ApplicationRegistration,
    options: OwnersAndPrincipalOptions,
    parent: pulumi.Resource,
): azuread.ServicePrincipal {
    addOwners(name, app.id, options.deployerObjectId, options.owners ?? [], parent, options.deployerOwnership);
    return new azuread.ServicePrincipal(
        childName(name, "sp"),
        {
            clientId: app.clientId,
            owners: servicePrincipalOwners(options.deployerObjectId, options.owners ?? []),
            ...(options.appRoleAssignmentRequired !== undefined
                ? { appRoleAssignmentRequired: options.appRoleAssignmentRequired }
                : {}),
        },
        {
            parent,
            protect: options.protect,
            ...adoptOptions(
                options.adopt?.servicePrincipalObjectId !== undefined
                    ? servicePrincipalImportId(options.adopt.servicePrincipalObjectId)
                    : undefined,
            ),
            ...(options.adopt?.servicePrincipalObjectId !== undefined
                ? {
                      ignoreChanges: [
                          ...ADOPTED_SERVICE_PRINCIPAL_KEPT_INPUTS,
                          ...(options.appRoleAssignmentRequired === undefined ? ["appRoleAssignmentRequired"] : []),
                      ],
                  }
                : {}),
        },
    );
}
