// Bad-input corpus: unknown keys and namespaces at every level, each with the allowed keys and a suggestion.
import { BadInputCase } from "./badInputCase";

const NS = "entra-connectors";
const C = `${NS}:connectors`;
const rename = (c: Record<string, any>, from: string, to: string) => {
    c[to] = c[from];
    delete c[from];
};

export const cases: BadInputCase[] = [
    {
        name: "namespace missing its s (entra-connector:owners)",
        category: "unknown-keys",
        stack: (c) => rename(c, `${NS}:owners`, "entra-connector:owners"),
        path: "entra-connector:owners",
        value: '"entra-connectors"',
    },
    {
        name: "namespace misspelt (entra-conectors:apis)",
        category: "unknown-keys",
        stack: (c) => rename(c, `${NS}:apis`, "entra-conectors:apis"),
        path: "entra-conectors:apis",
        value: "entra-connectors:apis",
    },
    {
        name: "provider namespace misspelt (azuredd:tenantId)",
        category: "unknown-keys",
        stack: (c) => rename(c, "azuread:tenantId", "azuredd:tenantId"),
        path: "azuredd:tenantId",
        value: '"azuread"',
    },
    {
        name: "a namespace this project does not read (aws:region)",
        category: "unknown-keys",
        stack: (c) => (c["aws:region"] = "us-east-1"),
        path: "aws:region",
        value: '"us-east-1"',
    },
    {
        name: "azuread key in the wrong case (azuread:tenantID)",
        category: "unknown-keys",
        stack: (c) => (c["azuread:tenantID"] = c["azuread:tenantId"]),
        path: "azuread:tenantID",
        value: '"tenantId"',
    },
    {
        name: "azure-native key in the wrong case (subscriptionID)",
        category: "unknown-keys",
        stack: (c) => rename(c, "azure-native:subscriptionId", "azure-native:subscriptionID"),
        path: "azure-native:subscriptionID",
        value: '"subscriptionId"',
    },
    {
        name: "azuread key that does not exist (azuread:tenant)",
        category: "unknown-keys",
        stack: (c) => (c["azuread:tenant"] = "contoso"),
        path: "azuread:tenant",
        value: "tenantId",
    },
    {
        name: "top-level key misspelt (onwers)",
        category: "unknown-keys",
        stack: (c) => rename(c, `${NS}:owners`, `${NS}:onwers`),
        path: `${NS}:onwers`,
        value: '"owners"',
    },
    {
        name: "top-level key that does not exist (tenantId under the project)",
        category: "unknown-keys",
        stack: (c) => (c[`${NS}:tenantId`] = c["azuread:tenantId"]),
        path: `${NS}:tenantId`,
        value: "allowed here: environment, cloud",
    },
    {
        name: "connector key misspelt (scope)",
        category: "unknown-keys",
        stack: (c) => rename(c[C].arm, "scopes", "scope"),
        path: `${C}.arm.scope`,
        value: '"scopes"',
    },
    {
        name: "resource with an extra key",
        category: "unknown-keys",
        stack: (c) => (c[C].orders.resource = { api: "orders", wellknown: "microsoftGraph" }),
        path: `${C}.orders.resource.wellknown`,
        value: '"wellKnown"',
    },
    {
        name: "external resource key misspelt (appID)",
        category: "unknown-keys",
        stack: (c) =>
            (c[C].arm.resource = {
                external: { appID: "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", resourceUrl: "https://api.contoso.com/" },
            }),
        path: `${C}.arm.resource.external.appID`,
        value: "allowed here: appId, resourceUrl",
    },
    {
        name: "API scope key misspelt (adminConsentDisplayname)",
        category: "unknown-keys",
        stack: (c) => rename(c[`${NS}:apis`].orders.scopes[0], "adminConsentDisplayName", "adminConsentDisplayname"),
        path: `${NS}:apis.orders.scopes[0].adminConsentDisplayname`,
        value: '"adminConsentDisplayName"',
    },
    {
        name: "app role key misspelt (allowedMemberType)",
        category: "unknown-keys",
        stack: (c) => rename(c[`${NS}:apis`].orders.appRoles[0], "allowedMemberTypes", "allowedMemberType"),
        path: `${NS}:apis.orders.appRoles[0].allowedMemberType`,
        value: '"allowedMemberTypes"',
    },
    {
        name: "grant key misspelt (scope)",
        category: "unknown-keys",
        stack: (c) => rename(c[`${NS}:httpWithEntraId`].grants[0], "scopes", "scope"),
        path: `${NS}:httpWithEntraId.grants[0].scope`,
        value: "allowed here: resource, scopes, consent",
    },
    {
        name: "httpWithEntraId key misspelt (grant)",
        category: "unknown-keys",
        stack: (c) => rename(c[`${NS}:httpWithEntraId`], "grants", "grant"),
        path: `${NS}:httpWithEntraId.grant`,
        value: '"grants"',
    },
    {
        name: "keyVault key misspelt (vault)",
        category: "unknown-keys",
        stack: (c) => rename(c[`${NS}:keyVault`], "vaultName", "vault"),
        path: `${NS}:keyVault.vault`,
        value: "allowed here: resourceGroupName, vaultName, subscriptionId",
    },
    {
        name: "publicClient key misspelt (ROPC)",
        category: "unknown-keys",
        stack: (c) => (c[`${NS}:powerPlatformApiClients`]["admin-sdk"].publicClient = { ROPC: false }),
        path: `${NS}:powerPlatformApiClients.admin-sdk.publicClient.ROPC`,
        value: '"ropc"',
    },
    {
        name: "Power Platform API client key misspelt (permission)",
        category: "unknown-keys",
        stack: (c) => rename(c[`${NS}:powerPlatformApiClients`].pipeline, "permissions", "permission"),
        path: `${NS}:powerPlatformApiClients.pipeline.permission`,
        value: '"permissions"',
    },
    {
        name: "consent user key misspelt (usr)",
        category: "unknown-keys",
        stack: (c) => (c[`${NS}:httpWithEntraId`].grants[2].consent = { usr: "4c2e8f1a-3b5d-4e6f-9a7b-8c9d0e1f2a3b" }),
        path: `${NS}:httpWithEntraId.grants[2].consent.usr`,
        value: '"user"',
    },
];
