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
    /** Host of the v2.0 issuer in Power Platform managed-identity tokens (differs from loginHost in China). */
    readonly federatedIssuerHost: string;
    /** Cloud segment of a Power Platform managed-identity subject: /eid1/c/{segment}/t/... */
    readonly subjectCloudSegment: string;
    /** Microsoft Graph resource URL (trailing slash kept: it is the token audience). */
    readonly graphResourceUrl: string;
    /** Azure Service Management (ARM) resource URL; the trailing slash matters for ARM tokens. */
    readonly serviceManagementResourceUrl: string;
    /** Power Platform connector consent redirect host, or undefined where undocumented. */
    readonly connectorConsentHost: string | undefined;
}

// Sources: https://learn.microsoft.com/en-us/graph/deployments (Graph and login endpoints per cloud);
// https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation-create-trust (audiences);
// https://learn.microsoft.com/en-us/azure/azure-government/compare-azure-government-global-azure (ARM endpoints);
// https://learn.microsoft.com/en-us/power-platform/admin/set-up-managed-identity (issuer host, subject prefix per cloud).
export const CLOUDS: Readonly<Record<CloudName, CloudFacts>> = {
    public: {
        loginHost: "https://login.microsoftonline.com",
        tokenExchangeAudience: "api://AzureADTokenExchange",
        federatedIssuerHost: "https://login.microsoftonline.com",
        subjectCloudSegment: "pub",
        graphResourceUrl: "https://graph.microsoft.com/",
        serviceManagementResourceUrl: "https://management.core.windows.net/",
        connectorConsentHost: "global.consent.azure-apim.net",
    },
    usgovernment: {
        loginHost: "https://login.microsoftonline.us",
        tokenExchangeAudience: "api://AzureADTokenExchangeUSGov",
        federatedIssuerHost: "https://login.microsoftonline.us",
        subjectCloudSegment: "usg",
        graphResourceUrl: "https://graph.microsoft.us/",
        serviceManagementResourceUrl: "https://management.core.usgovcloudapi.net/",
        connectorConsentHost: undefined,
    },
    china: {
        loginHost: "https://login.chinacloudapi.cn",
        tokenExchangeAudience: "api://AzureADTokenExchangeChina",
        federatedIssuerHost: "https://login.partner.microsoftonline.cn",
        subjectCloudSegment: "chn",
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

/**
 * The OAuth redirect of a Logic Apps custom connector (Microsoft.Web/customApis) in `location`, public cloud only.
 *
 * Microsoft documents no formula: Learn says to copy the Redirect URL the connector shows once saved
 * (https://learn.microsoft.com/en-us/connectors/custom-connectors/azure-active-directory-authentication), and
 * the older Logic Apps article names the since-retired `msmanaged-na` host
 * (MicrosoftDocs/azure-docs articles/logic-apps/custom-connector-azure-active-directory-authentication.md).
 * What Logic Apps connectors show today is `https://logic-apis-{region}.consent.azure-apim.net/redirect`, the
 * region as `az account list-locations` names it (e.g. logic-apis-westeurope). OBSERVED, NOT DOCUMENTED: no Learn
 * page gives this form (searched Learn, MicrosoftDocs and GitHub issues). Where it is seen: Microsoft's own
 * microsoft/health-architectures HL7Conversion/deployhl72fhir.bash registers
 * `https://logic-apis-"$resourceGroupLocation".consent.azure-apim.net/redirect` for its Logic Apps custom connectors,
 * and Azure/logicapps#897 shows China's variant `https://logic-apis-chinanorth3.consent.azure-apihub.cn/redirect`
 * (not used here: China and US Government stacks must give redirectUrls). `location` is checked against the region
 * list (entra/azureRegions.ts) before this URL is used, so the host is always built from a real region name.
 * Because the form is observed rather than documented, the custom API is given this same URL as its `oAuthSettings.redirectUrl` (an ARM input of
 * Microsoft.Web/customApis 2016-06-01), so the connector and the app registration agree by construction, and
 * `redirectUrls` in config overrides it.
 */
export function logicAppsConsentRedirectUrl(cloud: CloudName, location: string): string | undefined {
    return cloud === "public" && location ? `https://logic-apis-${location}.consent.azure-apim.net/redirect` : undefined;
}

/** True for the consent host of Logic Apps custom connectors in some region (public cloud). */
export function isLogicAppsConsentHost(host: string): boolean {
    return /^logic-apis-[a-z0-9]+\.consent\.azure-apim\.net$/.test(host.toLowerCase());
}

/** Where a connector is created: a Power Platform custom connector or a Logic Apps custom API (Azure). */
export const CONNECTOR_PLATFORMS = ["powerPlatform", "logicApps"] as const;

/** Names of the APIs a connector can target with `resource: { wellKnown: <name> }`. */
export const WELL_KNOWN_API_NAMES = ["microsoftGraph", "azureServiceManagement", "powerPlatformApi"] as const;
export type WellKnownApiName = (typeof WELL_KNOWN_API_NAMES)[number];

export interface WellKnownApi {
    readonly displayName: string;
    /** Multi-tenant app id (client id) of Microsoft's application. */
    readonly appId: string;
    /** The connector's "Resource URL" per cloud. */
    readonly resourceUrl: (cloud: CloudName) => string;
    /** Host the connector's operations call (swagger `host`) in the public cloud. */
    readonly apiHost: string;
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
        apiHost: "graph.microsoft.com",
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
        // Ids as published by the Graph service principal (permissions reference; tabulated in merill/microsoft-info
        // _info/GraphDelegateRoles.csv). Deployments still resolve names at deploy time; these feed the simulator.
        documentedScopeIds: {
            "User.Read": "e1fe6dd8-ba31-4d61-89e7-88639da4683d",
            "User.ReadBasic.All": "b340eb25-3456-403f-be2f-af7a0d370277",
            openid: "37f7f235-527c-4136-accd-4a02d197296e",
            profile: "14dad69e-099b-42c9-810b-d002981feec1",
            email: "64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0",
            offline_access: "7427e0e9-2fba-42fe-b0c0-848c9e6a8182",
            "Calendars.Read": "465a38f9-76ea-45b9-9f34-9e8b0d4b0b42",
            "Calendars.ReadWrite": "1ec239c2-d7c9-4623-a91a-a9775856bb36",
            "Mail.Read": "570282fd-fa5c-430d-a7fd-fc8dc98a9dca",
            "Mail.Send": "e383f46e-2787-4529-855e-0e479a3ffac0",
            "Files.Read": "10465720-29dd-4523-a11a-6a75c743c9d9",
            "Files.ReadWrite.All": "863451e7-0667-486c-a5d6-d135439485f0",
            "Sites.Read.All": "205e70e5-aba6-4c52-a976-6d2d46c48043",
            "Group.Read.All": "5f8c59db-677d-491f-a6b8-5f174b11ec1d",
            "Directory.Read.All": "06da0dbc-49e2-44d2-8312-53f166ab848a",
        },
        mayBeMissingFromTenant: false,
    },
    azureServiceManagement: {
        displayName: "Windows Azure Service Management API",
        appId: "797f4846-ba00-4fd7-ba43-dac1f8f63013",
        resourceUrl: (cloud) => CLOUDS[cloud].serviceManagementResourceUrl,
        apiHost: "management.azure.com",
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
        // Token requests use this scope for every client of the API (programmability-authentication-v2).
        apiHost: "api.powerplatform.com",
        // Delegated permission names from the permission reference:
        // https://learn.microsoft.com/en-us/power-platform/admin/programmability-permission-reference
        delegatedScopes: [
            "AiFlows.Ai.Execute",
            "AiFlows.Ai.Read",
            "AiFlows.Ai.Write",
            "AiFlows.Connections.Read",
            "AiFlows.Runs.Execute",
            "AiFlows.Runs.Read",
            "AiFlows.Runs.Write",
            "AiFlows.Workflows.Execute",
            "AiFlows.Workflows.Read",
            "AiFlows.Workflows.Write",
            "AiTools.Prompt.Invoke",
            "AiTools.Prompt.Read",
            "AiTools.Prompt.Write",
            "Analytics.AdvisorActions.Execute",
            "Analytics.AdvisorRecommendations.Read",
            "AppManagement.ApplicationPackages.Install",
            "AppManagement.ApplicationPackages.Read",
            "Authorization.RoleAssignments.Read",
            "Authorization.RoleAssignments.Write",
            "Connectivity.Connectors.Read",
            "Connectivity.Connections.Read",
            "CopilotFlows.ChatAssistant.Execute",
            "CopilotFlows.CloudFlows.ChatAssistant",
            "CopilotFlows.Workflows.Generate",
            "CopilotGovernance.Features.Execute",
            "CopilotGovernance.Features.Read",
            "CopilotGovernance.Settings.Read",
            "CopilotGovernance.Settings.Write",
            "CopilotStudio.AdminActions.Invoke",
            "CopilotStudio.Copilots.Invoke",
            "EnvironmentManagement.Environments.Read",
            "EnvironmentManagement.Groups.Read",
            "EnvironmentManagement.Groups.ReadWrite",
            "EnvironmentManagement.Settings.Read",
            "EnvironmentManagement.Settings.ReadWrite",
            "Licensing.Allocations.Read",
            "Licensing.Allocations.ReadWrite",
            "Licensing.BillingPolicies.Read",
            "Licensing.BillingPolicies.ReadWrite",
            "Licensing.IsvContracts.Read",
            "Licensing.IsvContracts.ReadWrite",
            "PowerApps.Apps.Play",
            "PowerApps.Apps.Read",
            "PowerAutomate.Flows.Read",
            "PowerAutomate.Flows.Write",
            "PowerPages.Websites.Read",
            "PowerPages.Websites.Write",
        ],
        documentedScopeIds: {},
        mayBeMissingFromTenant: true,
    },
};

/**
 * Microsoft's multi-tenant app behind the "HTTP with Microsoft Entra ID" connector; admins grant it delegated
 * permissions (ManagePermissionGrant.ps1 does this interactively).
 */
// Source: https://learn.microsoft.com/en-us/connectors/custom-connectors/auth-script ($HttpWithAADAppAppId).
export const HTTP_WITH_ENTRA_ID_APP_ID = "d2ebd3a9-1ada-4480-8b2d-eac162716601";

/** The `.default` scope Power Platform API clients request (programmability-authentication-v2). */
export const POWER_PLATFORM_API_DEFAULT_SCOPE = "https://api.powerplatform.com/.default";

/** Redirect URI of native (public) clients, as the Power Platform API authentication guide registers it. */
export const NATIVE_CLIENT_REDIRECT_URI = "https://login.microsoftonline.com/common/oauth2/nativeclient";
