// Catalog of the Microsoft APIs and clouds entra-connectors knows by name: app ids, resource URLs, endpoints.
import { GRAPH_DELEGATED_PERMISSION_IDS } from "./graphPermissions.generated";
import { MICROSOFT_APP_NAMES } from "./microsoftApps.generated";

/**
 * Clouds a stack can target (`entra-connectors:cloud`). `usgovernment` is GCC High (Microsoft Graph L4,
 * graph.microsoft.us); `usgovernmentdod` is DoD (Graph L5, dod-graph.microsoft.us): the two share Entra's
 * login host and Azure Government's ARM, but not Graph or the Power Platform API, so DoD is its own cloud rather
 * than silently served with GCC High hosts. GCC ("moderate") signs in to the public cloud and is not modelled.
 */
export const CLOUD_NAMES = ["public", "usgovernment", "usgovernmentdod", "china"] as const;
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
    /** Host Microsoft Graph calls go to (swagger `host`). */
    readonly graphHost: string;
    /** Azure Service Management (ARM) resource URL; the trailing slash matters for ARM tokens. */
    readonly serviceManagementResourceUrl: string;
    /** Host Azure Resource Manager calls go to (swagger `host`). */
    readonly armHost: string;
    /** Power Platform connector consent redirect host, or undefined where undocumented. */
    readonly connectorConsentHost: string | undefined;
    /** Power Platform API host (token audience `https://{host}`, scope `https://{host}/.default`). */
    readonly powerPlatformApiHost: string;
    /** `azure-native:environment` that targets this cloud's Azure Resource Manager. */
    readonly azureNativeEnvironment: "public" | "usgovernment" | "china";
    /** `azuread:environment` values that target this cloud's Entra and Graph (first: canonical). */
    readonly azureadEnvironments: readonly string[];
}

// Sources, per field:
// - loginHost, graphResourceUrl, graphHost: https://learn.microsoft.com/en-us/graph/deployments ("Microsoft Graph
//   and Graph Explorer service root endpoints": global, US Government L4, US Government L5 (DOD), China).
// - tokenExchangeAudience, federatedIssuerHost, subjectCloudSegment: https://learn.microsoft.com/en-us/power-platform/admin/set-up-managed-identity
//   ("Specialized Azure cloud environments": GCC High & DoD share api://AzureADTokenExchangeUSGov,
//   https://login.microsoftonline.us and /eid1/c/usg; Mooncake api://AzureADTokenExchangeChina,
//   https://login.partner.microsoftonline.cn, /eid1/c/chn; public/GCC api://AzureADTokenExchange, /eid1/c/pub).
// - serviceManagementResourceUrl, armHost: https://learn.microsoft.com/en-us/azure/azure-government/compare-azure-government-global-azure
//   (Azure Government: management.usgovcloudapi.net, resource https://management.core.usgovcloudapi.net/; DoD
//   regions are Azure Government regions) and https://learn.microsoft.com/en-us/azure/china/resources-developer-guide.
// - connectorConsentHost: https://learn.microsoft.com/en-us/connectors/custom-connectors/azure-active-directory-authentication
//   names only the public global.consent.azure-apim.net; no Microsoft page gives the GCC High, DoD or China
//   host, so there config must list the redirect URL the connector shows (connectors.<key>.redirectUrls).
// - powerPlatformApiHost: PowerPlatformApiDiscovery's cluster table (microsoft/Agent365-nodejs
//   packages/agents-a365-runtime/src/power-platform-api-discovery.ts: prod api.powerplatform.com, high
//   api.high.powerplatform.microsoft.us, dod api.appsplatform.us, mooncake api.powerplatform.partner.microsoftonline.cn;
//   getTokenAudience() is https://{host}).
// - azureNativeEnvironment: @pulumi/azure-native 3.28.0 provider.d.ts ("Possible values are public, usgovernment,
//   and china"); azureadEnvironments: @pulumi/azuread 6.9.1 schema ("global (also public), usgovernmentl4 (also
//   usgovernment), usgovernmentl5 (also dod), and china").
export const CLOUDS: Readonly<Record<CloudName, CloudFacts>> = {
    public: {
        loginHost: "https://login.microsoftonline.com",
        tokenExchangeAudience: "api://AzureADTokenExchange",
        federatedIssuerHost: "https://login.microsoftonline.com",
        subjectCloudSegment: "pub",
        graphResourceUrl: "https://graph.microsoft.com/",
        graphHost: "graph.microsoft.com",
        serviceManagementResourceUrl: "https://management.core.windows.net/",
        armHost: "management.azure.com",
        connectorConsentHost: "global.consent.azure-apim.net",
        powerPlatformApiHost: "api.powerplatform.com",
        azureNativeEnvironment: "public",
        azureadEnvironments: ["global", "public"],
    },
    usgovernment: {
        loginHost: "https://login.microsoftonline.us",
        tokenExchangeAudience: "api://AzureADTokenExchangeUSGov",
        federatedIssuerHost: "https://login.microsoftonline.us",
        subjectCloudSegment: "usg",
        graphResourceUrl: "https://graph.microsoft.us/",
        graphHost: "graph.microsoft.us",
        serviceManagementResourceUrl: "https://management.core.usgovcloudapi.net/",
        armHost: "management.usgovcloudapi.net",
        connectorConsentHost: undefined,
        powerPlatformApiHost: "api.high.powerplatform.microsoft.us",
        azureNativeEnvironment: "usgovernment",
        azureadEnvironments: ["usgovernmentl4", "usgovernment"],
    },
    usgovernmentdod: {
        loginHost: "https://login.microsoftonline.us",
        tokenExchangeAudience: "api://AzureADTokenExchangeUSGov",
        federatedIssuerHost: "https://login.microsoftonline.us",
        subjectCloudSegment: "usg",
        graphResourceUrl: "https://dod-graph.microsoft.us/",
        graphHost: "dod-graph.microsoft.us",
        serviceManagementResourceUrl: "https://management.core.usgovcloudapi.net/",
        armHost: "management.usgovcloudapi.net",
        connectorConsentHost: undefined,
        powerPlatformApiHost: "api.appsplatform.us",
        azureNativeEnvironment: "usgovernment",
        azureadEnvironments: ["usgovernmentl5", "dod"],
    },
    china: {
        loginHost: "https://login.chinacloudapi.cn",
        tokenExchangeAudience: "api://AzureADTokenExchangeChina",
        federatedIssuerHost: "https://login.partner.microsoftonline.cn",
        subjectCloudSegment: "chn",
        graphResourceUrl: "https://microsoftgraph.chinacloudapi.cn/",
        graphHost: "microsoftgraph.chinacloudapi.cn",
        serviceManagementResourceUrl: "https://management.core.chinacloudapi.cn/",
        armHost: "management.chinacloudapi.cn",
        connectorConsentHost: undefined,
        powerPlatformApiHost: "api.powerplatform.partner.microsoftonline.cn",
        azureNativeEnvironment: "china",
        azureadEnvironments: ["china"],
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
export const WELL_KNOWN_API_NAMES = [
    "microsoftGraph",
    "azureServiceManagement",
    "powerPlatformApi",
    "sharePointOnline",
    "exchangeOnline",
    "dataverse",
    "azureKeyVault",
    "azureStorage",
    "azureDevOps",
    "powerBi",
] as const;
export type WellKnownApiName = (typeof WELL_KNOWN_API_NAMES)[number];

/** A value per cloud; `undefined` where Microsoft documents none (or it is tenant-specific): config gives it. */
export type PerCloud<T> = Readonly<Record<CloudName, T | undefined>>;

export interface WellKnownApi {
    /** Display name of Microsoft's application, as MicrosoftApps.csv has it. */
    readonly displayName: string;
    /** Multi-tenant app id (client id) of Microsoft's application (from entra/microsoftApps.generated.ts). */
    readonly appId: string;
    /** The connector's "Resource URL" per cloud; undefined: `resource.resourceUrl` in config must give it. */
    readonly resourceUrl: PerCloud<string>;
    /** What to put in `resourceUrl` where it is tenant- or environment-specific (for messages). */
    readonly resourceUrlHint?: string;
    /** Host the connector's operations call (swagger `host`) per cloud; undefined: `host` in config. */
    readonly apiHost: PerCloud<string>;
    /**
     * Delegated permission names, where Microsoft documents the list: config checks names against it offline.
     * undefined: not documented, so names are resolved at deploy time through the API's service principal.
     */
    readonly delegatedScopes: readonly string[] | undefined;
    /**
     * Scope ids published by Microsoft (Graph: all of them, generated), used by the offline simulator. Deployments
     * still resolve names at deploy time through the service principal (`oauth2PermissionScopeIds`).
     */
    readonly documentedScopeIds: Readonly<Record<string, string>>;
    /**
     * True when the API's service principal can be missing from a tenant: the stack then ensures it exists
     * (`useExisting`, `retainOnDelete`) instead of only looking it up.
     */
    readonly mayBeMissingFromTenant: boolean;
    /** Where the facts above come from. */
    readonly sources: readonly string[];
}

/** The same value in every cloud of `clouds`, undefined elsewhere. */
function inClouds<T>(values: Partial<Record<CloudName, T>>): PerCloud<T> {
    return Object.fromEntries(CLOUD_NAMES.map((c) => [c, values[c]])) as PerCloud<T>;
}

/** A Microsoft app's id from the generated first-party list, failing loudly if the data no longer has it. */
function microsoftApp(appId: string): { appId: string; displayName: string } {
    const displayName = MICROSOFT_APP_NAMES[appId];
    if (displayName === undefined) throw new Error(`${appId} is not in entra/microsoftApps.generated.ts`);
    return { appId, displayName };
}

const USER_IMPERSONATION = ["user_impersonation"] as const;
const GRAPH_SCOPE_NAMES = Object.keys(GRAPH_DELEGATED_PERMISSION_IDS);

export const WELL_KNOWN_APIS: Readonly<Record<WellKnownApiName, WellKnownApi>> = {
    microsoftGraph: {
        ...microsoftApp("00000003-0000-0000-c000-000000000000"),
        resourceUrl: inClouds(Object.fromEntries(CLOUD_NAMES.map((c) => [c, CLOUDS[c].graphResourceUrl]))),
        apiHost: inClouds(Object.fromEntries(CLOUD_NAMES.map((c) => [c, CLOUDS[c].graphHost]))),
        // Every delegated permission Graph publishes (generated from merill/microsoft-info GraphDelegateRoles.csv).
        delegatedScopes: GRAPH_SCOPE_NAMES,
        documentedScopeIds: GRAPH_DELEGATED_PERMISSION_IDS,
        mayBeMissingFromTenant: false,
        sources: ["https://learn.microsoft.com/en-us/graph/permissions-reference", "https://learn.microsoft.com/en-us/graph/deployments"],
    },
    azureServiceManagement: {
        // MicrosoftApps.csv names this app "Azure Resource Manager"; the portal shows "Windows Azure Service Management API".
        appId: microsoftApp("797f4846-ba00-4fd7-ba43-dac1f8f63013").appId,
        displayName: "Windows Azure Service Management API",
        resourceUrl: inClouds(Object.fromEntries(CLOUD_NAMES.map((c) => [c, CLOUDS[c].serviceManagementResourceUrl]))),
        apiHost: inClouds(Object.fromEntries(CLOUD_NAMES.map((c) => [c, CLOUDS[c].armHost]))),
        delegatedScopes: USER_IMPERSONATION,
        documentedScopeIds: {
            user_impersonation: "41094075-9dad-400e-a0bd-54e686782033",
        },
        mayBeMissingFromTenant: false,
        sources: ["https://learn.microsoft.com/en-us/rest/api/azure/#register-your-client-application-with-microsoft-entra-id"],
    },
    powerPlatformApi: {
        ...microsoftApp("8578e004-a5c6-46e7-913e-12f58912df43"),
        resourceUrl: inClouds(Object.fromEntries(CLOUD_NAMES.map((c) => [c, `https://${CLOUDS[c].powerPlatformApiHost}/`]))),
        apiHost: inClouds(Object.fromEntries(CLOUD_NAMES.map((c) => [c, CLOUDS[c].powerPlatformApiHost]))),
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
        sources: [
            "https://learn.microsoft.com/en-us/power-platform/admin/programmability-authentication-v2",
            "https://learn.microsoft.com/en-us/power-platform/admin/programmability-permission-reference",
            "microsoft/Agent365-nodejs packages/agents-a365-runtime/src/power-platform-api-discovery.ts (host per cloud)",
        ],
    },
    sharePointOnline: {
        // The app id is checked against Microsoft's first-party list; the tenant-specific resource URL is config's.
        ...microsoftApp("00000003-0000-0ff1-ce00-000000000000"),
        // The resource is the tenant's own SharePoint host (https://contoso.sharepoint.com), never one URL.
        resourceUrl: inClouds({}),
        resourceUrlHint: "your tenant's SharePoint URL, e.g. https://contoso.sharepoint.com",
        apiHost: inClouds({}),
        // Microsoft publishes no reference of SharePoint's delegated permission names: resolved at deploy time.
        delegatedScopes: undefined,
        documentedScopeIds: {},
        mayBeMissingFromTenant: false,
        sources: ["https://learn.microsoft.com/en-us/sharepoint/dev/sp-add-ins/sharepoint-online-and-on-premises-development-platforms (tenant host)"],
    },
    exchangeOnline: {
        // Learn's EWS OAuth page registers the app under Office 365 Exchange Online with the delegated EWS.AccessAsUser.All
        // (scope https://outlook.office365.com/EWS.AccessAsUser.All); sovereign-cloud EWS hosts are not listed there.
        ...microsoftApp("00000002-0000-0ff1-ce00-000000000000"),
        // EWS OAuth: resource https://outlook.office365.com and the delegated EWS.AccessAsUser.All.
        resourceUrl: inClouds({ public: "https://outlook.office365.com" }),
        apiHost: inClouds({ public: "outlook.office365.com" }),
        delegatedScopes: ["EWS.AccessAsUser.All"],
        documentedScopeIds: {},
        mayBeMissingFromTenant: false,
        sources: ["https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/how-to-authenticate-an-ews-application-by-using-oauth"],
    },
    dataverse: {
        // Learn's Dataverse app-registration walkthrough adds Dynamics CRM's delegated user_impersonation; the resource is
        // the environment's own URL.
        // Dynamics CRM / Dataverse; MicrosoftApps.csv names it "Dataverse" (the portal: "Dynamics CRM").
        ...microsoftApp("00000007-0000-0000-c000-000000000000"),
        resourceUrl: inClouds({}),
        resourceUrlHint: "your environment's URL, e.g. https://contoso.crm.dynamics.com",
        apiHost: inClouds({}),
        delegatedScopes: USER_IMPERSONATION,
        documentedScopeIds: {},
        mayBeMissingFromTenant: false,
        sources: [
            "https://learn.microsoft.com/en-us/power-apps/developer/data-platform/walkthrough-register-app-azure-active-directory (Dynamics CRM user_impersonation)",
        ],
    },
    azureKeyVault: {
        // Resource ids per cloud as Microsoft's "services that support managed identities" tables list them
        // (MicrosoftDocs/azure-docs, several translations found); user_impersonation from the Key Vault authentication page.
        ...microsoftApp("cfa8b339-82a2-471a-a3c9-0fc0be7a4093"),
        // DoD regions are Azure Government regions: the same vault resource.
        resourceUrl: inClouds({
            public: "https://vault.azure.net",
            usgovernment: "https://vault.usgovcloudapi.net",
            usgovernmentdod: "https://vault.usgovcloudapi.net",
            china: "https://vault.azure.cn",
        }),
        // Calls go to the vault's own host ({vault}.vault.azure.net): config gives `host`.
        apiHost: inClouds({}),
        delegatedScopes: USER_IMPERSONATION,
        documentedScopeIds: {},
        mayBeMissingFromTenant: false,
        sources: [
            "https://learn.microsoft.com/en-us/entra/identity/managed-identities-azure-resources/services-id-authentication-support (Key Vault resource ID per cloud)",
            "https://learn.microsoft.com/en-us/azure/key-vault/general/authentication (user_impersonation)",
        ],
    },
    azureStorage: {
        // Learn, "Authorize with Microsoft Entra ID" (Storage REST API): "Azure Storage exposes a single delegation scope
        // named user_impersonation", and tokens are requested for https://storage.azure.com/.
        ...microsoftApp("e406a681-f3d4-42a8-90b6-c2b029497af1"),
        resourceUrl: inClouds({ public: "https://storage.azure.com/" }),
        apiHost: inClouds({}),
        delegatedScopes: USER_IMPERSONATION,
        documentedScopeIds: {},
        mayBeMissingFromTenant: false,
        sources: [
            "https://learn.microsoft.com/en-us/azure/storage/common/storage-auth-aad-app (Azure Storage user_impersonation, resource https://storage.azure.com/)",
            "https://learn.microsoft.com/en-us/rest/api/storageservices/authorize-with-azure-active-directory (user_impersonation, https://storage.azure.com/)",
        ],
    },
    azureDevOps: {
        // Learn, "Build Azure DevOps integrations with Microsoft Entra OAuth apps": resource identifier
        // 499b84ac-1321-427f-aa17-267ca6975798, Azure DevOps Services only.
        ...microsoftApp("499b84ac-1321-427f-aa17-267ca6975798"),
        // Azure DevOps takes its app id as the resource (499b84ac-.../.default); it is not in the sovereign clouds.
        resourceUrl: inClouds({ public: "499b84ac-1321-427f-aa17-267ca6975798" }),
        apiHost: inClouds({ public: "dev.azure.com" }),
        // user_impersonation and the vso.* scopes; the full list is not tabulated: resolved at deploy time.
        delegatedScopes: undefined,
        documentedScopeIds: {},
        mayBeMissingFromTenant: false,
        sources: ["https://learn.microsoft.com/en-us/azure/devops/integrate/get-started/authentication/entra-oauth"],
    },
    powerBi: {
        // Resource and API URL per cloud as Microsoft's national-cloud embedding article and its samples
        // (microsoft/PowerBI-Developer-Samples PFCloud/Cloud.config) list them.
        ...microsoftApp("00000009-0000-0000-c000-000000000000"),
        resourceUrl: inClouds({
            public: "https://analysis.windows.net/powerbi/api",
            usgovernment: "https://high.analysis.usgovcloudapi.net/powerbi/api",
            usgovernmentdod: "https://mil.analysis.usgovcloudapi.net/powerbi/api",
            china: "https://analysis.chinacloudapi.cn/powerbi/api",
        }),
        apiHost: inClouds({
            public: "api.powerbi.com",
            usgovernment: "api.high.powerbigov.us",
            usgovernmentdod: "api.mil.powerbigov.us",
            china: "api.powerbi.cn",
        }),
        // Power BI's delegated permissions (Dataset.Read.All, Report.Read.All, ...) are many and not tabulated in one place.
        delegatedScopes: undefined,
        documentedScopeIds: {},
        mayBeMissingFromTenant: false,
        sources: ["https://learn.microsoft.com/en-us/power-bi/developer/embedded/embed-sample-for-customers-national-clouds (resource and API URL per cloud)"],
    },
};

/** The well-known API with this app id, if any (case-insensitive). */
export function wellKnownApiByAppId(appId: string): WellKnownApiName | undefined {
    const id = appId.toLowerCase();
    return WELL_KNOWN_API_NAMES.find((n) => WELL_KNOWN_APIS[n].appId === id);
}

/** A Microsoft first-party app's display name (generated list), if the app id is one. */
export function microsoftAppName(appId: string): string | undefined {
    return MICROSOFT_APP_NAMES[appId.toLowerCase()];
}

/** A resource named by app id: Microsoft's name for its own apps, else the app id. */
export function externalLabel(appId: string): string {
    const name = microsoftAppName(appId);
    return name ? `${name} (app id ${appId})` : `the API with app id ${appId}`;
}

/**
 * Microsoft's multi-tenant app behind the "HTTP with Microsoft Entra ID" connector; admins grant it delegated
 * permissions (ManagePermissionGrant.ps1 does this interactively).
 */
// Source: https://learn.microsoft.com/en-us/connectors/custom-connectors/auth-script ($HttpWithAADAppAppId).
// The script names one app id for every cloud (first-party multi-tenant apps keep their id across clouds, as
// Graph's and Service Management's do); no page documents a different one for GCC High, DoD or China.
export const HTTP_WITH_ENTRA_ID_APP_ID = "d2ebd3a9-1ada-4480-8b2d-eac162716601";

/** The `.default` scope Power Platform API clients request (programmability-authentication-v2). */
export const POWER_PLATFORM_API_DEFAULT_SCOPE = "https://api.powerplatform.com/.default";

/** The Power Platform API `.default` scope of a cloud: `{token audience}/.default` (PowerPlatformApiDiscovery). */
export function powerPlatformApiDefaultScope(cloud: CloudName): string {
    return `https://${CLOUDS[cloud].powerPlatformApiHost}/.default`;
}

/** Redirect URI of native (public) clients, as the Power Platform API authentication guide registers it. */
export const NATIVE_CLIENT_REDIRECT_URI = "https://login.microsoftonline.com/common/oauth2/nativeclient";

/** The native-client redirect URI on a cloud's own login host (the public one is NATIVE_CLIENT_REDIRECT_URI). */
export function nativeClientRedirectUri(cloud: CloudName): string {
    return `${CLOUDS[cloud].loginHost}/common/oauth2/nativeclient`;
}
