// Resource type tokens the rules look for, and Microsoft facts (first-party app ids, high-privilege Graph permissions).
import {
    GRAPH_APPLICATION_PERMISSION_IDS,
    GRAPH_DELEGATED_PERMISSION_IDS,
} from "./vendor/entra/graphPermissions.generated";
import { HTTP_WITH_ENTRA_ID_APP_ID, WELL_KNOWN_APIS } from "./vendor/entra/wellKnownApis";

export const TYPES = {
    registration: "azuread:index/applicationRegistration:ApplicationRegistration",
    /** The all-in-one app resource users' own programs may create instead of the split resources. */
    application: "azuread:index/application:Application",
    servicePrincipalPassword: "azuread:index/servicePrincipalPassword:ServicePrincipalPassword",
    redirectUris: "azuread:index/applicationRedirectUris:ApplicationRedirectUris",
    apiAccess: "azuread:index/applicationApiAccess:ApplicationApiAccess",
    password: "azuread:index/applicationPassword:ApplicationPassword",
    federatedCredential: "azuread:index/applicationFederatedIdentityCredential:ApplicationFederatedIdentityCredential",
    fallbackPublicClient: "azuread:index/applicationFallbackPublicClient:ApplicationFallbackPublicClient",
    owner: "azuread:index/applicationOwner:ApplicationOwner",
    identifierUri: "azuread:index/applicationIdentifierUri:ApplicationIdentifierUri",
    preAuthorized: "azuread:index/applicationPreAuthorized:ApplicationPreAuthorized",
    servicePrincipal: "azuread:index/servicePrincipal:ServicePrincipal",
    appRoleAssignment: "azuread:index/appRoleAssignment:AppRoleAssignment",
    delegatedGrant: "azuread:index/servicePrincipalDelegatedPermissionGrant:ServicePrincipalDelegatedPermissionGrant",
    rotating: "time:index/rotating:Rotating",
    /** components/secretSlots.ts: a dynamic resource (the `pulumi-nodejs:dynamic/` prefix is Pulumi's for dynamic providers). */
    secretSlots: "pulumi-nodejs:dynamic/entra-connectors:SecretSlots",
    connectorClient: "entra-connectors:index:ConnectorClient",
} as const;

export const SINGLE_TENANT = "AzureADMyOrg";
export const GRAPH_APP_ID = WELL_KNOWN_APIS.microsoftGraph.appId;
export const POWER_PLATFORM_API_APP_ID = WELL_KNOWN_APIS.powerPlatformApi.appId;

/** Microsoft first-party apps whose tenant-wide service principals the stack may ensure but must never delete. */
export const MICROSOFT_FIRST_PARTY_APP_IDS: readonly string[] = [
    ...Object.values(WELL_KNOWN_APIS).map((api) => api.appId),
    HTTP_WITH_ENTRA_ID_APP_ID,
];

// Source: Microsoft Graph permissions reference, https://learn.microsoft.com/en-us/graph/permissions-reference;
// ids from the generated catalog (entra/graphPermissions.generated.ts, from merill/microsoft-info GraphAppRoles.csv
// and GraphDelegateRoles.csv). Each one lets an app take over the tenant's directory, its apps or its role assignments.
/** id -> name of the named permissions, failing loudly if the catalog no longer has one. */
function idsOf(ids: Readonly<Record<string, string>>, names: readonly string[]): Readonly<Record<string, string>> {
    return Object.fromEntries(
        names.map((name) => {
            const id = ids[name];
            if (id === undefined)
                throw new Error(`Microsoft Graph has no permission ${name} in entra/graphPermissions.generated.ts`);
            return [id, name];
        }),
    );
}

/** High-privilege Microsoft Graph application permissions (app roles): id -> name. */
export const HIGH_PRIVILEGE_GRAPH_APP_ROLES: Readonly<Record<string, string>> = idsOf(
    GRAPH_APPLICATION_PERMISSION_IDS,
    [
        "Directory.ReadWrite.All",
        "Application.ReadWrite.All",
        "RoleManagement.ReadWrite.Directory",
        "AppRoleAssignment.ReadWrite.All",
    ],
);

/** High-privilege Microsoft Graph delegated permissions (scopes): id -> name. Same source as above. */
export const HIGH_PRIVILEGE_GRAPH_SCOPES: Readonly<Record<string, string>> = idsOf(GRAPH_DELEGATED_PERMISSION_IDS, [
    "Directory.AccessAsUser.All",
    "Directory.ReadWrite.All",
    "Application.ReadWrite.All",
    "RoleManagement.ReadWrite.Directory",
    "AppRoleAssignment.ReadWrite.All",
]);
