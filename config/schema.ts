// The stack-config schema (zod): every key, its type and default; cross-field rules live in rules/.
import { z } from "zod";
import { CLOUD_NAMES, CONNECTOR_PLATFORMS, WELL_KNOWN_API_NAMES } from "../entra/wellKnownApis";

export const GUID_HELP = "a GUID like 72f988bf-86f1-41af-91ab-2d7cd011db47";
export const guid = (what: string) => z.guid({ error: `must be ${GUID_HELP} (${what})` });
export const KEY_RE = /^[a-z][a-z0-9-]{0,39}$/;
export const logicalKey = z.string().regex(KEY_RE, {
    error: "logical names are 1-40 characters: a lowercase letter, then lowercase letters, digits or '-'",
});

export const scopeSchema = z.strictObject({
    value: z.string(),
    adminConsentDisplayName: z.string().min(1).optional(),
    adminConsentDescription: z.string().min(1).optional(),
    userConsentDisplayName: z.string().min(1).optional(),
    userConsentDescription: z.string().min(1).optional(),
});

export const appRoleSchema = z.strictObject({
    value: z.string(),
    displayName: z.string().min(1),
    description: z.string().min(1),
    allowedMemberTypes: z
        .array(z.enum(["User", "Application"], { error: 'allowed member types are "User" and "Application"' }))
        .min(1)
        .default(["Application"]),
});

export const apiSchema = z.strictObject({
    displayName: z.string().min(1, { error: "must not be empty" }).max(200),
    identifierUri: z.string().optional(),
    scopes: z.array(scopeSchema).min(1, { error: "an API needs at least one scope, e.g. access_as_user" }).default([
        { value: "access_as_user" },
    ]),
    appRoles: z.array(appRoleSchema).default([]),
    assignmentRequired: z.boolean().default(false),
    accessTokenVersion: z.union([z.literal(1), z.literal(2)], { error: "must be 1 or 2" }).default(2),
    previousName: logicalKey.optional(),
});

export const resourceSchema = z.union(
    [
        z.strictObject({ api: logicalKey }),
        z.strictObject({
            wellKnown: z.enum(WELL_KNOWN_API_NAMES, {
                error: `must be one of ${WELL_KNOWN_API_NAMES.join(", ")}`,
            }),
            // Where the catalog has no URL for the stack's cloud (tenant-specific, e.g. SharePoint), or to override it.
            resourceUrl: z.string().min(1).optional(),
        }),
        z.strictObject({
            external: z.strictObject({
                appId: guid("the API's application (client) id"),
                resourceUrl: z.string().min(1),
            }),
        }),
    ],
    {
        error: `must be exactly one of { api: <key of apis> }, { wellKnown: ${WELL_KNOWN_API_NAMES.join(" | ")} } or { external: { appId, resourceUrl } }`,
    },
);

/** A credential lifetime in whole days, 1..730 (Entra recommends at most 24 months for secrets). */
export const days = () =>
    z
        .number()
        .int({ error: "must be a whole number of days" })
        .min(1, { error: "must be between 1 and 730 days" })
        .max(730, { error: "must be between 1 and 730 days (Entra's recommended maximum is 24 months)" })
        .optional();

/** Admin consent: false (none), true (all users: AllPrincipals) or { user } (one user: Principal). */
export const consentSchema = z.union([z.boolean(), z.strictObject({ user: guid("the object id of the consenting user") })], {
    error: "must be true (consent for all users), false, or { user: <object id> } (consent for one user)",
});

export const grantSchema = z.strictObject({
    resource: z.union(
        [
            z.string().min(1),
            z.strictObject({ appId: guid("the resource API's application (client) id"), resourceUrl: z.string().optional() }),
        ],
        { error: "must be a wellKnown API name (microsoftGraph, ...), a key of apis, or { appId: <guid> }" },
    ),
    scopes: z.array(z.string()).min(1, { error: "name at least one delegated scope" }),
    consent: z
        .union([z.literal("allUsers"), z.strictObject({ user: guid("the object id of the consenting user") })], {
            error: 'must be "allUsers" or { user: <object id> }',
        })
        .default("allUsers"),
});

export const httpWithEntraIdSchema = z.strictObject({ grants: z.array(grantSchema).default([]) });

export const powerPlatformApiClientSchema = z.strictObject({
    displayName: z.string().min(1, { error: "must not be empty" }).max(200),
    permissions: z.array(z.string()).min(1, { error: "name at least one delegated permission of the Power Platform API" }),
    applicationPermissions: z.array(z.string()).optional(),
    publicClient: z.strictObject({ ropc: z.boolean().default(false) }).optional(),
    credential: z.enum(["none", "clientSecret", "certificate"], { error: 'must be "none", "clientSecret" or "certificate"' }).default("none"),
    secretLifetimeDays: days(),
    secretRotationDays: days(),
    certificateValidityDays: days(),
    adminConsent: consentSchema.default(false),
    previousName: logicalKey.optional(),
});

export const connectorSchema = z.strictObject({
    displayName: z.string().min(1, { error: "must not be empty" }).max(200),
    resource: resourceSchema,
    scopes: z.array(z.string()).min(1, { error: "name at least one delegated permission of the resource" }),
    authentication: z.enum(["clientSecret", "managedIdentity"], {
        error: 'must be "clientSecret" or "managedIdentity"',
    }),
    secretLifetimeDays: days(),
    secretRotationDays: days(),
    federatedSubject: z.string().optional(),
    redirectUrls: z.array(z.string()).optional(),
    adminConsent: consentSchema.default(false),
    onBehalfOfLogin: z.boolean().default(false),
    host: z
        .string()
        .regex(/^[A-Za-z0-9.-]+(:\d+)?$/, { error: "must be a host name with an optional port, no scheme or path (e.g. orders.contoso.com)" })
        .optional(),
    platform: z.enum(CONNECTOR_PLATFORMS, { error: `must be one of ${CONNECTOR_PLATFORMS.join(", ")}` }).default("powerPlatform"),
    resourceGroupName: z
        .string()
        .regex(/^[-\w.()]{0,89}[-\w()]$/, { error: "must be an Azure resource group name: 1-90 letters, digits, '-', '_', '.', '(' or ')', not ending in '.'" })
        .optional(),
    location: z
        .string()
        .regex(/^[a-z][a-z0-9]+$/, { error: "must be an Azure region name as `az account list-locations` prints it: lowercase, no spaces (e.g. westeurope)" })
        .optional(),
    baseUrl: z.string().regex(/^https:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, { error: "must be an https:// URL without query or fragment (e.g. https://orders.contoso.com/api)" }).optional(),
    openApiFile: z.string().min(1).optional(),
    previousName: logicalKey.optional(),
});

export const keyVaultSchema = z.strictObject({
    resourceGroupName: z.string().min(1, { error: "must not be empty" }),
    vaultName: z.string().regex(/^[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]$/, { error: "must be a Key Vault name: 3-24 letters, digits and '-', starting with a letter" }),
    subscriptionId: guid("the vault's Azure subscription id").optional(),
});

export const stackSchema = z.strictObject({
    environment: z.string().regex(/^[a-z][a-z0-9-]{0,15}$/, {
        error: "must be 1-16 characters: a lowercase letter, then lowercase letters, digits or '-' (e.g. dev, test, prod)",
    }),
    cloud: z.enum(CLOUD_NAMES, { error: `must be one of ${CLOUD_NAMES.join(", ")}` }).default("public"),
    production: z.boolean({ error: "must be true or false" }).optional(),
    owners: z.array(guid("the object id of a user or service principal")).default([]),
    apis: z.record(logicalKey, apiSchema).default({}),
    connectors: z.record(logicalKey, connectorSchema).default({}),
    httpWithEntraId: httpWithEntraIdSchema.default({ grants: [] }),
    powerPlatformApiClients: z.record(logicalKey, powerPlatformApiClientSchema).default({}),
    keyVault: keyVaultSchema.optional(),
});

/** Top-level keys of the namespace; anything else is a typo and rejected. */
export const CONFIG_KEYS = Object.keys(stackSchema.shape);

/** Every field of every config section, for the README's config reference (a test keeps the two in sync). */
export const CONFIG_REFERENCE: Readonly<Record<string, readonly string[]>> = {
    "": CONFIG_KEYS,
    "apis.<key>": Object.keys(apiSchema.shape),
    "connectors.<key>": Object.keys(connectorSchema.shape),
    "powerPlatformApiClients.<key>": Object.keys(powerPlatformApiClientSchema.shape),
    "httpWithEntraId.grants[]": Object.keys(grantSchema.shape),
    keyVault: Object.keys(keyVaultSchema.shape),
};
