// The clouds a stack can target and every endpoint that differs per cloud, each with its Microsoft source.

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
    return cloud === "public" && location
        ? `https://logic-apis-${location}.consent.azure-apim.net/redirect`
        : undefined;
}

/** True for the consent host of Logic Apps custom connectors in some region (public cloud). */
export function isLogicAppsConsentHost(host: string): boolean {
    return /^logic-apis-[a-z0-9]+\.consent\.azure-apim\.net$/.test(host.toLowerCase());
}

/** The `.default` scope Power Platform API clients request (programmability-authentication-v2). */
export const POWER_PLATFORM_API_DEFAULT_SCOPE = powerPlatformApiDefaultScope("public");

/** The Power Platform API `.default` scope of a cloud: `{token audience}/.default` (PowerPlatformApiDiscovery). */
export function powerPlatformApiDefaultScope(cloud: CloudName): string {
    return `https://${CLOUDS[cloud].powerPlatformApiHost}/.default`;
}

/** Redirect URI of native (public) clients, as the Power Platform API authentication guide registers it. */
export const NATIVE_CLIENT_REDIRECT_URI = nativeClientRedirectUri("public");

/** The native-client redirect URI on a cloud's own login host (the public one is NATIVE_CLIENT_REDIRECT_URI). */
export function nativeClientRedirectUri(cloud: CloudName): string {
    return `${CLOUDS[cloud].loginHost}/common/oauth2/nativeclient`;
}
