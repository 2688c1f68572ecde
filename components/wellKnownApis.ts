// Catalog of the Microsoft APIs and clouds entra-connectors knows by name: app ids, resource URLs, endpoints.

/** Sovereign clouds a stack can target (`entra-connectors:cloud`). */
export const CLOUD_NAMES = ["public", "usgovernment", "china"] as const;
export type CloudName = (typeof CLOUD_NAMES)[number];

/** Endpoints that differ per cloud. `undefined` means Microsoft documents no value: config must give it. */
export interface CloudFacts {
    /** Entra sign-in host, the connector's "Authorization URL". */
    readonly loginHost: string;
    /** Audience of federated identity credentials (workload identity federation). */
    readonly tokenExchangeAudience: string;
    /** Microsoft Graph resource URL (trailing slash kept: it is the token audience). */
    readonly graphResourceUrl: string;
    /** Azure Service Management (ARM) resource URL; the trailing slash matters for ARM tokens. */
    readonly serviceManagementResourceUrl: string;
    /** Power Platform connector consent redirect host, or undefined where undocumented. */
    readonly connectorConsentHost: string | undefined;
}

// Sources: https://learn.microsoft.com/en-us/graph/deployments (Graph and login endpoints per cloud);
// https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation-create-trust (audiences);
// https://learn.microsoft.com/en-us/azure/azure-government/compare-azure-government-global-azure (ARM endpoints).
export const CLOUDS: Readonly<Record<CloudName, CloudFacts>> = {
    public: {
        loginHost: "https://login.microsoftonline.com",
        tokenExchangeAudience: "api://AzureADTokenExchange",
        graphResourceUrl: "https://graph.microsoft.com/",
        serviceManagementResourceUrl: "https://management.core.windows.net/",
        connectorConsentHost: "global.consent.azure-apim.net",
    },
    usgovernment: {
        loginHost: "https://login.microsoftonline.us",
        tokenExchangeAudience: "api://AzureADTokenExchangeUSGov",
        graphResourceUrl: "https://graph.microsoft.us/",
        serviceManagementResourceUrl: "https://management.core.usgovcloudapi.net/",
        connectorConsentHost: undefined,
    },
    china: {
        loginHost: "https://login.chinacloudapi.cn",
        tokenExchangeAudience: "api://AzureADTokenExchangeChina",
        graphResourceUrl: "https://microsoftgraph.chinacloudapi.cn/",
        serviceManagementResourceUrl: "https://management.core.chinacloudapi.cn/",
        connectorConsentHost: undefined,
    },
};

/** The global (pre-2024, shared) redirect URL of a cloud's connector consent service. */
export function globalConsentRedirectUrl(cloud: CloudName): string | undefined {
    const host = CLOUDS[cloud].connectorConsentHost;
    return host === undefined ? undefined : `https://${host}/redirect`;
}

/** Names of the APIs a connector can target with `resource: { wellKnown: <name> }`. */
export const WELL_KNOWN_API_NAMES = ["microsoftGraph", "azureServiceManagement", "powerPlatformApi"] as const;
export type WellKnownApiName = (typeof WELL_KNOWN_API_NAMES)[number];

export interface WellKnownApi {
    readonly displayName: string;
    /** Multi-tenant app id (client id) of Microsoft's application. */
    readonly appId: string;
    /** The connector's "Resource URL" per cloud. */
    readonly resourceUrl: (cloud: CloudName) => string;
    /**
     * Delegated permission names entra-connectors accepts for this API. Ids are resolved at deploy time through
     * the API's service principal (`oauth2PermissionScopeIds`), never hard-coded into a deployment.
     */
    readonly delegatedScopes: readonly string[];
    /**
     * Scope ids documented by Microsoft, used by the offline simulator and by tests that cross-check it.
     * Graph: https://learn.microsoft.com/en-us/graph/permissions-reference
     */
    readonly documentedScopeIds: Readonly<Record<string, string>>;
    /**
     * True when the API's service principal can be missing from a tenant: the stack then ensures it exists
     * (`useExisting`, `retainOnDelete`) instead of only looking it up.
     */
    readonly mayBeMissingFromTenant: boolean;
}

export const WELL_KNOWN_APIS: Readonly<Record<WellKnownApiName, WellKnownApi>> = {
    microsoftGraph: {
        displayName: "Microsoft Graph",
        appId: "00000003-0000-0000-c000-000000000000",
        resourceUrl: (cloud) => CLOUDS[cloud].graphResourceUrl,
        delegatedScopes: [
            "User.Read",
            "User.ReadBasic.All",
            "openid",
            "profile",
            "email",
            "offline_access",
            "Calendars.Read",
            "Calendars.ReadWrite",
            "Mail.Read",
            "Mail.Send",
            "Files.Read",
            "Files.ReadWrite.All",
            "Sites.Read.All",
            "Group.Read.All",
            "Directory.Read.All",
        ],
        documentedScopeIds: {
            "User.Read": "e1fe6dd8-ba31-4d61-89e7-88639da4683d",
        },
        mayBeMissingFromTenant: false,
    },
    azureServiceManagement: {
        displayName: "Windows Azure Service Management API",
        appId: "797f4846-ba00-4fd7-ba43-dac1f8f63013",
        resourceUrl: (cloud) => CLOUDS[cloud].serviceManagementResourceUrl,
        delegatedScopes: ["user_impersonation"],
        documentedScopeIds: {
            user_impersonation: "41094075-9dad-400e-a0bd-54e686782033",
        },
        mayBeMissingFromTenant: false,
    },
    powerPlatformApi: {
        displayName: "Power Platform API",
        appId: "8578e004-a5c6-46e7-913e-12f58912df43",
        // Source: https://learn.microsoft.com/en-us/power-platform/admin/programmability-authentication-v2
        resourceUrl: () => "https://api.powerplatform.com/",
        delegatedScopes: ["AppManagement.ApplicationPackages.Read", "AppManagement.ApplicationPackages.Install"],
        documentedScopeIds: {},
        mayBeMissingFromTenant: true,
    },
};

/**
 * Microsoft's multi-tenant app behind the "HTTP with Microsoft Entra ID" connector; admins grant it delegated
 * permissions (ManagePermissionGrant.ps1 does this interactively).
 */
export const HTTP_WITH_ENTRA_ID_APP_ID = "d2ebd3a9-1ada-4480-8b2d-eac162716601";
