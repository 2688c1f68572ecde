// Bad-input corpus: values of the wrong type at every level, each named with what the key expects and an example.
import { BadInputCase } from "./badInputCase";

const NS = "entra-connectors";
const C = `${NS}:connectors`;

export const cases: BadInputCase[] = [
    { name: "owners is text, not a list", category: "types", stack: (c) => (c[`${NS}:owners`] = "9a1f3c2e-7b6d-4e5f-8a9b-0c1d2e3f4a5b"), path: `${NS}:owners`, value: '"9a1f3c2e-7b6d-4e5f-8a9b-0c1d2e3f4a5b"' },
    { name: "owners is empty (null)", category: "types", stack: (c) => (c[`${NS}:owners`] = null), path: `${NS}:owners`, value: "null" },
    { name: "owners is a mapping, not a list", category: "types", stack: (c) => (c[`${NS}:owners`] = { admin: "9a1f3c2e-7b6d-4e5f-8a9b-0c1d2e3f4a5b" }), path: `${NS}:owners`, value: '{"admin":"9a1f3c2e-7b6d-4e5f-8a9b-0c1d2e3f4a5b"}' },
    { name: "an owner is a number", category: "types", stack: (c) => (c[`${NS}:owners`] = [42]), path: `${NS}:owners[0]`, value: "42" },
    { name: "apis is a list, not a mapping", category: "types", stack: (c) => (c[`${NS}:apis`] = [{ displayName: "Orders API" }]), path: `${NS}:apis`, value: '[{"displayName":"Orders API"}]', mustNotContain: ["expected record"] },
    { name: "connectors is text", category: "types", stack: (c) => (c[C] = "arm"), path: C, value: '"arm"' },
    { name: "a connector is a list", category: "types", stack: (c) => (c[C].arm = ["displayName"]), path: `${C}.arm`, value: '["displayName"]' },
    { name: "connector scopes is text, not a list", category: "types", stack: (c) => (c[C].arm.scopes = "user_impersonation"), path: `${C}.arm.scopes`, value: '"user_impersonation"' },
    { name: "connector scopes is a mapping", category: "types", stack: (c) => (c[C].arm.scopes = { user_impersonation: true }), path: `${C}.arm.scopes`, value: '{"user_impersonation":true}' },
    { name: "connector scope is a mapping", category: "types", stack: (c) => (c[C].arm.scopes = [{ value: "user_impersonation" }]), path: `${C}.arm.scopes[0]`, value: '{"value":"user_impersonation"}' },
    { name: "production is the text yes", category: "types", stack: (c) => (c[`${NS}:production`] = "yes"), path: `${NS}:production`, value: '"yes"' },
    { name: "production is a number", category: "types", stack: (c) => (c[`${NS}:production`] = 1), path: `${NS}:production`, value: "1" },
    { name: "secretLifetimeDays is quoted text", category: "types", stack: (c) => (c[C].arm.secretLifetimeDays = "180"), path: `${C}.arm.secretLifetimeDays`, value: '"180"' },
    { name: "secretLifetimeDays is a fraction", category: "types", stack: (c) => (c[C].arm.secretLifetimeDays = 90.5), path: `${C}.arm.secretLifetimeDays`, value: "90.5" },
    {
        name: "secretLifetimeDays is .inf",
        category: "types",
        stack: "config:\n  azuread:tenantId: 3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45\n  entra-connectors:environment: dev\n  entra-connectors:connectors:\n    arm:\n      secretLifetimeDays: .inf\n",
        path: `${C}.arm.secretLifetimeDays`,
        value: '".inf"',
    },
    {
        name: "secretRotationDays is .nan",
        category: "types",
        stack: "config:\n  azuread:tenantId: 3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45\n  entra-connectors:environment: dev\n  entra-connectors:connectors:\n    arm:\n      secretRotationDays: .NaN\n",
        path: `${C}.arm.secretRotationDays`,
        value: '".NaN"',
    },
    { name: "accessTokenVersion is 3", category: "types", stack: (c) => (c[`${NS}:apis`].orders.accessTokenVersion = 3), path: `${NS}:apis.orders.accessTokenVersion`, value: "3" },
    { name: "adminConsent is the text yes", category: "types", stack: (c) => (c[C]["graph-me"].adminConsent = "yes"), path: `${C}.graph-me.adminConsent`, value: '"yes"' },
    { name: "resource is text, not a mapping", category: "types", stack: (c) => (c[C].arm.resource = "azureServiceManagement"), path: `${C}.arm.resource`, value: '"azureServiceManagement"' },
    { name: "resource is a list", category: "types", stack: (c) => (c[C].arm.resource = [{ wellKnown: "azureServiceManagement" }]), path: `${C}.arm.resource`, value: '[{"wellKnown":"azureServiceManagement"}]' },
    { name: "httpWithEntraId is a list of grants (missing grants:)", category: "types", stack: (c) => (c[`${NS}:httpWithEntraId`] = [{ resource: "microsoftGraph", scopes: ["User.Read"] }]), path: `${NS}:httpWithEntraId`, value: '[{"resource":"microsoftGraph","scopes":["User.Read"]}]' },
    { name: "grants is a mapping", category: "types", stack: (c) => (c[`${NS}:httpWithEntraId`].grants = { graph: { resource: "microsoftGraph" } }), path: `${NS}:httpWithEntraId.grants`, value: '{"graph":{"resource":"microsoftGraph"}}' },
    { name: "keyVault is text", category: "types", stack: (c) => (c[`${NS}:keyVault`] = "kv-connectors-dev"), path: `${NS}:keyVault`, value: '"kv-connectors-dev"' },
    { name: "environment is a number", category: "types", stack: (c) => (c[`${NS}:environment`] = 2), path: `${NS}:environment`, value: "2" },
    { name: "displayName is a number", category: "types", stack: (c) => (c[C].arm.displayName = 12), path: `${C}.arm.displayName`, value: "12" },
    { name: "allowedMemberTypes is text", category: "types", stack: (c) => (c[`${NS}:apis`].orders.appRoles[0].allowedMemberTypes = "Application"), path: `${NS}:apis.orders.appRoles[0].allowedMemberTypes`, value: '"Application"' },
    { name: "redirectUrls is text", category: "types", stack: (c) => (c[C].arm.redirectUrls = "https://global.consent.azure-apim.net/redirect"), path: `${C}.arm.redirectUrls`, value: '"https://global.consent.azure-apim.net/redirect"' },
    { name: "cloud is empty (null)", category: "types", stack: (c) => (c[`${NS}:cloud`] = null), path: `${NS}:cloud`, value: "null" },
    { name: "permissions of a Power Platform API client is text", category: "types", stack: (c) => (c[`${NS}:powerPlatformApiClients`]["admin-sdk"].permissions = "AppManagement.ApplicationPackages.Read"), path: `${NS}:powerPlatformApiClients.admin-sdk.permissions`, value: '"AppManagement.ApplicationPackages.Read"' },
    { name: "publicClient.ropc is the text no", category: "types", stack: (c) => (c[`${NS}:powerPlatformApiClients`]["admin-sdk"].publicClient = { ropc: "no" }), path: `${NS}:powerPlatformApiClients.admin-sdk.publicClient.ropc`, value: '"no"' },
    { name: "authentication in the wrong case gets a suggestion", category: "types", stack: (c) => (c[C].arm.authentication = "clientsecret"), path: `${C}.arm.authentication`, value: '"clientsecret"' },
    { name: "scopes of an API is an empty list", category: "types", stack: (c) => (c[`${NS}:apis`].orders.scopes = []), path: `${NS}:apis.orders.scopes`, value: "[]" },
];
