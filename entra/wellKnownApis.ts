// Catalog of the Microsoft APIs entra-connectors knows by name: app ids, resource URLs per cloud, scopes.
import { GRAPH_DELEGATED_PERMISSION_IDS } from "./graphPermissions.generated";
import { CLOUD_NAMES, CLOUDS, CloudName } from "./clouds";
import { MICROSOFT_APP_NAMES } from "./microsoftApps.generated";

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
        sources: [
            "https://learn.microsoft.com/en-us/graph/permissions-reference",
            "https://learn.microsoft.com/en-us/graph/deployments",
        ],
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
        sources: [
            "https://learn.microsoft.com/en-us/rest/api/azure/#register-your-client-application-with-microsoft-entra-id",
        ],
    },
    powerPlatformApi: {
        ...microsoftApp("8578e004-a5c6-46e7-913e-12f58912df43"),
        resourceUrl: inClouds(
            Object.fromEntries(CLOUD_NAMES.map((c) => [c, `https://${CLOUDS[c].powerPlatformApiHost}/`])),
        ),
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
        sources: [
            "https://learn.microsoft.com/en-us/sharepoint/dev/sp-add-ins/sharepoint-online-and-on-premises-development-platforms (tenant host)",
        ],
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
        sources: [
            "https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/how-to-authenticate-an-ews-application-by-using-oauth",
        ],
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
        sources: [
            "https://learn.microsoft.com/en-us/power-bi/developer/embedded/embed-sample-for-customers-national-clouds (resource and API URL per cloud)",
        ],
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

/** The name `createServicePrincipals` lists the HTTP with Microsoft Entra ID app's service principal under. */
export const HTTP_WITH_ENTRA_ID_PRINCIPAL = "httpWithEntraId";

/**
 * Microsoft service principals a tenant may lack, by the name config lists them under (`createServicePrincipals`),
 * with their app ids: every well-known API marked `mayBeMissingFromTenant`, and the HTTP with Microsoft Entra ID app.
 */
export const CREATABLE_SERVICE_PRINCIPALS: readonly { readonly name: string; readonly appId: string }[] = [
    ...WELL_KNOWN_API_NAMES.filter((n) => WELL_KNOWN_APIS[n].mayBeMissingFromTenant).map((n) => ({
        name: n,
        appId: WELL_KNOWN_APIS[n].appId,
    })),
    { name: HTTP_WITH_ENTRA_ID_PRINCIPAL, appId: HTTP_WITH_ENTRA_ID_APP_ID },
];

/** The names of CREATABLE_SERVICE_PRINCIPALS, as config's enum lists them. */
export const CREATABLE_SERVICE_PRINCIPAL_NAMES: readonly string[] = CREATABLE_SERVICE_PRINCIPALS.map((p) => p.name);
