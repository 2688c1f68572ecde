// Resource type tokens the rules look for, and Microsoft facts (first-party app ids, high-privilege Graph permissions).
import { HTTP_WITH_ENTRA_ID_APP_ID, WELL_KNOWN_APIS } from "./vendor/entra/wellKnownApis";

export const TYPES = {
    registration: "azuread:index/applicationRegistration:ApplicationRegistration",
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

// Source: Microsoft Graph permissions reference, https://learn.microsoft.com/en-us/graph/permissions-reference
// (ids cross-checked against the Graph service principal's appRoles / oauth2PermissionScopes as tabulated in
// merill/microsoft-info _info/GraphAppRoles.csv and _info/GraphDelegateRoles.csv). Each one lets an app take over
// the tenant's directory, its apps or its role assignments.
/** High-privilege Microsoft Graph application permissions (app roles): id -> name. */
export const HIGH_PRIVILEGE_GRAPH_APP_ROLES: Readonly<Record<string, string>> = {
    "19dbc75e-c2e2-444c-a770-ec69d8559fc7": "Directory.ReadWrite.All",
    "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9": "Application.ReadWrite.All",
    "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8": "RoleManagement.ReadWrite.Directory",
    "06b708a9-e830-4db3-a914-8e69da51d44f": "AppRoleAssignment.ReadWrite.All",
};

/** High-privilege Microsoft Graph delegated permissions (scopes): id -> name. Same source as above. */
export const HIGH_PRIVILEGE_GRAPH_SCOPES: Readonly<Record<string, string>> = {
    "0e263e50-5827-48a4-b97c-d940288653c7": "Directory.AccessAsUser.All",
    "c5366453-9fb0-48a5-a156-24f0c49a4b84": "Directory.ReadWrite.All",
    "bdfbf15f-ee85-4955-8675-146e8e5296b5": "Application.ReadWrite.All",
    "d01b97e9-cbc0-49fe-810a-750afd5527a3": "RoleManagement.ReadWrite.Directory",
    "84bccea3-f856-4a8a-967b-dbe0a3d53a64": "AppRoleAssignment.ReadWrite.All",
};
