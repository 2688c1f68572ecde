// Bad-input corpus: values Entra, Azure or the mandatory policy would reject, rejected at their key first.
import { BadInputCase } from "./badInputCase";

const NS = "entra-connectors";
const NIL = "00000000-0000-0000-0000-000000000000";
type Config = Record<string, any>;
const apis = (c: Config) => c[`${NS}:apis`];
const connectors = (c: Config) => c[`${NS}:connectors`];
const clients = (c: Config) => c[`${NS}:powerPlatformApiClients`];
const grants = (c: Config) => c[`${NS}:httpWithEntraId`].grants;
const keyVault = (c: Config) => c[`${NS}:keyVault`];
const logicApps = (c: Config) => connectors(c)["orders-logic-apps"];

const guids: BadInputCase[] = [
    {
        name: "nil GUID as the tenant",
        category: "guids",
        stack: (c) => (c["azuread:tenantId"] = NIL),
        path: "azuread:tenantId",
        value: NIL,
    },
    {
        name: "nil GUID as an owner",
        category: "guids",
        stack: (c) => (c[`${NS}:owners`] = [NIL]),
        path: `${NS}:owners[0]`,
        value: NIL,
    },
    {
        name: "nil GUID as the consenting user of a connector",
        category: "guids",
        stack: (c) => (connectors(c)["graph-me"].adminConsent = { user: NIL }),
        path: `${NS}:connectors.graph-me.adminConsent.user`,
        value: NIL,
    },
    {
        name: "nil GUID as the consenting user of an HTTP with Entra ID grant",
        category: "guids",
        stack: (c) => (grants(c)[2].consent = { user: NIL }),
        path: `${NS}:httpWithEntraId.grants[2].consent.user`,
        value: NIL,
    },
    {
        name: "nil GUID as the consenting user of a Power Platform API client",
        category: "guids",
        stack: (c) => (clients(c)["admin-sdk"].adminConsent = { user: NIL }),
        path: `${NS}:powerPlatformApiClients.admin-sdk.adminConsent.user`,
        value: NIL,
    },
    {
        name: "nil GUID as an external API's app id",
        category: "guids",
        stack: (c) =>
            (connectors(c).arm.resource = {
                external: { appId: NIL, resourceUrl: "https://management.core.windows.net/" },
            }),
        path: `${NS}:connectors.arm.resource.external.appId`,
        value: NIL,
    },
    {
        name: "nil GUID as a grant's resource app id",
        category: "guids",
        stack: (c) => (grants(c)[0].resource = { appId: NIL }),
        path: `${NS}:httpWithEntraId.grants[0].resource.appId`,
        value: NIL,
    },
    {
        name: "nil GUID as the Key Vault subscription",
        category: "guids",
        stack: (c) => (keyVault(c).subscriptionId = NIL),
        path: `${NS}:keyVault.subscriptionId`,
        value: NIL,
    },
    {
        name: "nil GUID as the azure-native subscription",
        category: "guids",
        stack: (c) => (c["azure-native:subscriptionId"] = NIL),
        path: "azure-native:subscriptionId",
        value: NIL,
    },
    {
        name: "azure-native subscription that is a name, not a GUID",
        category: "guids",
        stack: (c) => (c["azure-native:subscriptionId"] = "Contoso Production"),
        path: "azure-native:subscriptionId",
        value: '"Contoso Production"',
    },
];

const names: BadInputCase[] = [
    {
        name: "API display name over 120 characters with the environment suffix",
        category: "names",
        stack: (c) => (apis(c).orders.displayName = "Orders API ".repeat(10) + "Extra"),
        path: `${NS}:apis.orders.displayName`,
        value: "121 characters",
    },
    {
        name: "connector display name of 118 characters (123 with the suffix)",
        category: "names",
        stack: (c) => (logicApps(c).displayName = "L".repeat(118)),
        path: `${NS}:connectors.orders-logic-apps.displayName`,
        value: "124 characters",
    },
    {
        name: "Power Platform API client display name of 120 characters before the suffix",
        category: "names",
        stack: (c) => (clients(c)["admin-sdk"].displayName = "A".repeat(120)),
        path: `${NS}:powerPlatformApiClients.admin-sdk.displayName`,
        value: "126 characters",
    },
    {
        name: "connector display name of only spaces",
        category: "names",
        stack: (c) => (connectors(c).arm.displayName = "   "),
        path: `${NS}:connectors.arm.displayName`,
        value: '"   "',
    },
    {
        name: "connector display name with a newline",
        category: "names",
        stack: (c) => (connectors(c).arm.displayName = "Azure\nResource Manager"),
        path: `${NS}:connectors.arm.displayName`,
        value: '"Azure\\nResource Manager"',
    },
    {
        name: "client display name with a tab",
        category: "names",
        stack: (c) => (clients(c).pipeline.displayName = "Pipeline\tAutomation"),
        path: `${NS}:powerPlatformApiClients.pipeline.displayName`,
        value: '"Pipeline\\tAutomation"',
    },
    {
        name: "API display name with an escape character",
        category: "names",
        stack: (c) => (apis(c).orders.displayName = "Orders \u001b[31mAPI"),
        path: `${NS}:apis.orders.displayName`,
        value: "U+001B",
    },
    {
        name: "admin consent display name with a bell character",
        category: "names",
        stack: (c) => (apis(c).orders.scopes[0].adminConsentDisplayName = "Access Orders\u0007"),
        path: `${NS}:apis.orders.scopes[0].adminConsentDisplayName`,
        value: "U+0007",
    },
    {
        name: "user consent description of only spaces",
        category: "names",
        stack: (c) => (apis(c).orders.scopes[0].userConsentDescription = "    "),
        path: `${NS}:apis.orders.scopes[0].userConsentDescription`,
        value: '"    "',
    },
    {
        name: "admin consent description with a line break",
        category: "names",
        stack: (c) => (apis(c).orders.scopes[0].adminConsentDescription = "Lets the connector\r\ncall Orders API."),
        path: `${NS}:apis.orders.scopes[0].adminConsentDescription`,
        value: "U+000D",
    },
    {
        name: "app role display name empty",
        category: "names",
        stack: (c) => (apis(c).orders.appRoles[0].displayName = ""),
        path: `${NS}:apis.orders.appRoles[0].displayName`,
        value: '""',
    },
    {
        name: "app role description with a NUL character",
        category: "names",
        stack: (c) => (apis(c).orders.appRoles[0].description = "Daemon\u0000access"),
        path: `${NS}:apis.orders.appRoles[0].description`,
        value: "U+0000",
    },
    {
        name: "Key Vault name with consecutive hyphens",
        category: "names",
        stack: (c) => (keyVault(c).vaultName = "kv--connectors-dev"),
        path: `${NS}:keyVault.vaultName`,
        value: '"kv--connectors-dev"',
    },
    {
        name: "Key Vault name of two characters",
        category: "names",
        stack: (c) => (keyVault(c).vaultName = "kv"),
        path: `${NS}:keyVault.vaultName`,
        value: '"kv"',
    },
    {
        name: "Key Vault name of 25 characters",
        category: "names",
        stack: (c) => (keyVault(c).vaultName = "kv-connectors-development"),
        path: `${NS}:keyVault.vaultName`,
        value: "25 characters",
    },
    {
        name: "Key Vault name starting with a digit",
        category: "names",
        stack: (c) => (keyVault(c).vaultName = "1kv-connectors"),
        path: `${NS}:keyVault.vaultName`,
        value: '"1kv-connectors"',
    },
    {
        name: "Key Vault name ending with a hyphen",
        category: "names",
        stack: (c) => (keyVault(c).vaultName = "kv-connectors-dev-"),
        path: `${NS}:keyVault.vaultName`,
        value: '"kv-connectors-dev-"',
    },
    {
        name: "Key Vault name with an underscore",
        category: "names",
        stack: (c) => (keyVault(c).vaultName = "kv_connectors"),
        path: `${NS}:keyVault.vaultName`,
        value: '"kv_connectors"',
    },
    {
        name: "Key Vault resource group with a slash",
        category: "names",
        stack: (c) => (keyVault(c).resourceGroupName = "rg/connectors"),
        path: `${NS}:keyVault.resourceGroupName`,
        value: '"rg/connectors"',
    },
];

const scopeChars: BadInputCase[] = [
    {
        name: "scope value with spaces",
        category: "scope-chars",
        stack: (c) => (apis(c).orders.scopes[0].value = "access as user"),
        path: `${NS}:apis.orders.scopes[0].value`,
        value: '"access as user"',
    },
    {
        name: "scope value starting with a dot",
        category: "scope-chars",
        stack: (c) => (apis(c).orders.scopes[0].value = ".access"),
        path: `${NS}:apis.orders.scopes[0].value`,
        value: '".access"',
    },
    {
        name: "scope value with a non-ASCII letter",
        category: "scope-chars",
        stack: (c) => (apis(c).orders.scopes[0].value = "accès_as_user"),
        path: `${NS}:apis.orders.scopes[0].value`,
        value: "U+00E8",
    },
    {
        name: "scope value of 121 characters",
        category: "scope-chars",
        stack: (c) => (apis(c).orders.scopes[0].value = "a".repeat(121)),
        path: `${NS}:apis.orders.scopes[0].value`,
        value: "121 characters",
    },
    {
        name: "app role value with a double quote",
        category: "scope-chars",
        stack: (c) => (apis(c).orders.appRoles[0].value = 'Orders"Read'),
        path: `${NS}:apis.orders.appRoles[0].value`,
        value: `'"'`,
    },
    {
        name: "app role value with a backslash",
        category: "scope-chars",
        stack: (c) => (apis(c).orders.appRoles[0].value = "Orders\\Read"),
        path: `${NS}:apis.orders.appRoles[0].value`,
        value: "'\\'",
    },
    {
        name: "app role value with a euro sign",
        category: "scope-chars",
        stack: (c) => (apis(c).orders.appRoles[0].value = "Orders€Read"),
        path: `${NS}:apis.orders.appRoles[0].value`,
        value: "U+20AC",
    },
    {
        name: "connector scope with a space",
        category: "scope-chars",
        stack: (c) => (connectors(c).arm.scopes = ["user impersonation"]),
        path: `${NS}:connectors.arm.scopes[0]`,
        value: '"user impersonation"',
    },
    {
        name: "grant scope with a space",
        category: "scope-chars",
        stack: (c) => (grants(c)[0].scopes = ["Calendars Read"]),
        path: `${NS}:httpWithEntraId.grants[0].scopes[0]`,
        value: '"Calendars Read"',
    },
];

const uris: BadInputCase[] = [
    {
        name: "identifier URI on localhost (the policy's identifier-uri-scheme rule)",
        category: "uris",
        stack: (c) => (apis(c).orders.identifierUri = "https://localhost/orders"),
        path: `${NS}:apis.orders.identifierUri`,
        value: '"https://localhost/orders"',
    },
    {
        name: "identifier URI with a trailing slash",
        category: "uris",
        stack: (c) => (apis(c).orders.identifierUri = "api://orders/"),
        path: `${NS}:apis.orders.identifierUri`,
        value: '"api://orders/"',
    },
    {
        name: "identifier URI with a query",
        category: "uris",
        stack: (c) => (apis(c).orders.identifierUri = "api://orders?v=1"),
        path: `${NS}:apis.orders.identifierUri`,
        value: '"api://orders?v=1"',
    },
    {
        name: "identifier URI with a wildcard",
        category: "uris",
        stack: (c) => (apis(c).orders.identifierUri = "api://*.contoso.com"),
        path: `${NS}:apis.orders.identifierUri`,
        value: '"api://*.contoso.com"',
    },
    {
        name: "identifier URI over http",
        category: "uris",
        stack: (c) => (apis(c).orders.identifierUri = "http://orders.contoso.com"),
        path: `${NS}:apis.orders.identifierUri`,
        value: '"http://orders.contoso.com"',
    },
    {
        name: "identifier URI of 261 characters",
        category: "uris",
        stack: (c) => (apis(c).orders.identifierUri = "api://" + "o".repeat(255)),
        path: `${NS}:apis.orders.identifierUri`,
        value: "261 characters",
    },
    {
        name: "257 redirect URLs on one connector",
        category: "uris",
        stack: (c) =>
            (connectors(c).arm.redirectUrls = Array.from(
                { length: 257 },
                (_, i) => `https://global.consent.azure-apim.net/redirect/shared-5farm-5f${i}`,
            )),
        path: `${NS}:connectors.arm.redirectUrls`,
        value: "257 redirect URLs",
    },
    {
        name: "http redirect on localhost.evil.com",
        category: "uris",
        stack: (c) => (connectors(c).arm.redirectUrls = ["http://localhost.evil.com/callback"]),
        path: `${NS}:connectors.arm.redirectUrls[0]`,
        value: '"http://localhost.evil.com/callback"',
    },
    {
        name: "redirect URL of 257 characters",
        category: "uris",
        stack: (c) =>
            (connectors(c).arm.redirectUrls = ["https://global.consent.azure-apim.net/redirect/" + "a".repeat(210)]),
        path: `${NS}:connectors.arm.redirectUrls[0]`,
        value: "257 characters",
    },
    {
        name: "redirect URL with a semicolon",
        category: "uris",
        stack: (c) => (connectors(c).arm.redirectUrls = ["https://global.consent.azure-apim.net/redirect/shared;arm"]),
        path: `${NS}:connectors.arm.redirectUrls[0]`,
        value: '"https://global.consent.azure-apim.net/redirect/shared;arm"',
    },
];

const lifetimes: BadInputCase[] = [
    {
        name: "connector secret lifetime of 400 days against the 180-day policy",
        category: "lifetimes",
        stack: (c) => (connectors(c).arm.secretLifetimeDays = 400),
        path: `${NS}:connectors.arm.secretLifetimeDays`,
        value: "400 days",
    },
    {
        name: "Power Platform API client secret lifetime of 365 days against the 180-day policy",
        category: "lifetimes",
        stack: (c) => {
            const pipeline = clients(c).pipeline;
            delete pipeline.certificateValidityDays;
            Object.assign(pipeline, { credential: "clientSecret", secretLifetimeDays: 365 });
        },
        path: `${NS}:powerPlatformApiClients.pipeline.secretLifetimeDays`,
        value: "365 days",
    },
    {
        name: "rotation more than half the secret lifetime",
        category: "lifetimes",
        stack: (c) => (connectors(c).arm.secretRotationDays = 100),
        path: `${NS}:connectors.arm.secretRotationDays`,
        value: "100 days",
    },
];

const references: BadInputCase[] = [
    {
        name: "previousName naming the entry's own key",
        category: "references",
        stack: (c) => (connectors(c).arm.previousName = "arm"),
        path: `${NS}:connectors.arm.previousName`,
        value: '"arm"',
    },
    {
        name: "API key that reads as a wellKnown API",
        category: "references",
        stack: (c) => (apis(c).microsoftgraph = { displayName: "Shadow Graph" }),
        path: `${NS}:apis.microsoftgraph`,
        value: '"microsoftgraph"',
    },
];

const logicAppsFields: BadInputCase[] = [
    {
        name: "Logic Apps location misspelt",
        category: "logic-apps",
        stack: (c) => (logicApps(c).location = "westeurpoe"),
        path: `${NS}:connectors.orders-logic-apps.location`,
        value: '"westeurpoe"',
    },
    {
        name: "Logic Apps location as a display name",
        category: "logic-apps",
        stack: (c) => (logicApps(c).location = "West Europe"),
        path: `${NS}:connectors.orders-logic-apps.location`,
        value: '"West Europe"',
    },
    {
        name: "Logic Apps location of the US Government cloud in a public stack",
        category: "logic-apps",
        stack: (c) => (logicApps(c).location = "usgovvirginia"),
        path: `${NS}:connectors.orders-logic-apps.location`,
        value: '"usgovvirginia"',
    },
    {
        name: "Logic Apps location that is no region",
        category: "logic-apps",
        stack: (c) => (logicApps(c).location = "mars"),
        path: `${NS}:connectors.orders-logic-apps.location`,
        value: '"mars"',
    },
    {
        name: "Logic Apps resource group with a space",
        category: "logic-apps",
        stack: (c) => (logicApps(c).resourceGroupName = "rg flows"),
        path: `${NS}:connectors.orders-logic-apps.resourceGroupName`,
        value: '"rg flows"',
    },
    {
        name: "Logic Apps resource group ending with a period",
        category: "logic-apps",
        stack: (c) => (logicApps(c).resourceGroupName = "rg-connectors-dev."),
        path: `${NS}:connectors.orders-logic-apps.resourceGroupName`,
        value: '"rg-connectors-dev."',
    },
    {
        name: "Logic Apps resource group of 91 characters",
        category: "logic-apps",
        stack: (c) => (logicApps(c).resourceGroupName = "r".repeat(91)),
        path: `${NS}:connectors.orders-logic-apps.resourceGroupName`,
        value: "91 characters",
    },
    {
        name: "Logic Apps baseUrl over http",
        category: "logic-apps",
        stack: (c) => (logicApps(c).baseUrl = "http://orders-api.contoso.com/api"),
        path: `${NS}:connectors.orders-logic-apps.baseUrl`,
        value: '"http://orders-api.contoso.com/api"',
    },
    {
        name: "Logic Apps baseUrl with a query string",
        category: "logic-apps",
        stack: (c) => (logicApps(c).baseUrl = "https://orders-api.contoso.com/api?code=abc"),
        path: `${NS}:connectors.orders-logic-apps.baseUrl`,
        value: '"https://orders-api.contoso.com/api?code=abc"',
    },
    {
        name: "Logic Apps baseUrl without a scheme",
        category: "logic-apps",
        stack: (c) => (logicApps(c).baseUrl = "orders-api.contoso.com/api"),
        path: `${NS}:connectors.orders-logic-apps.baseUrl`,
        value: '"orders-api.contoso.com/api"',
    },
];

export const cases: BadInputCase[] = [
    ...guids,
    ...names,
    ...scopeChars,
    ...uris,
    ...lifetimes,
    ...references,
    ...logicAppsFields,
];
