// The stack-config schema (zod): every key, its type and default; cross-field rules live in rules/.
import { z } from "zod";
import { anyCloudRegionProblem } from "../entra/azureRegions";
import {
    displayTextProblem,
    httpsBaseUrlProblem,
    keyVaultNameProblem,
    nilGuidProblem,
    resourceGroupNameProblem,
} from "../entra/entraRules";
import { isGuid } from "../entra/guid";
import {
    CONNECTOR_PLATFORMS,
    CREATABLE_SERVICE_PRINCIPAL_NAMES,
    WELL_KNOWN_API_NAMES,
    WELL_KNOWN_APIS,
} from "../entra/wellKnownApis";
import { CONNECTOR_AUTHENTICATIONS } from "../entra/connectorSettings";
import { DEPLOYER_OWNERSHIPS } from "../entra/deployerOwnership";
import { POWER_PLATFORM_API_CREDENTIALS } from "../entra/powerPlatformRegistration";
import { CLOUD_NAMES } from "../entra/clouds";
import { ADOPTABLE_PARTS } from "../entra/adoptableParts";
import {
    connectorNameProblem,
    environmentIdProblem,
    subjectTimeoutProblem,
} from "../entra/powerPlatformConnectorRules";

/** `"a", "b" or "c"`: the allowed values of an enum, as its error message lists them. */
const oneOf = (values: readonly string[]): string =>
    values.length === 1
        ? `"${values[0]}"`
        : `${values
              .slice(0, -1)
              .map((v) => `"${v}"`)
              .join(", ")} or "${values[values.length - 1]}"`;

export const GUID_HELP = "a GUID like 72f988bf-86f1-41af-91ab-2d7cd011db47";
export const guid = (what: string) =>
    z.guid({ error: `must be ${GUID_HELP} (${what})` }).superRefine((v, ctx) => {
        const problem = nilGuidProblem(v, what);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
/**
 * A string checked by one of the pure rules of entra/entraRules.ts. The message says why and the fix; the value is
 * added where problems are formatted (errors.ts), masked when the key is secret, so it is never quoted here.
 */
export const checked = (problem: (value: string) => string | undefined) =>
    z.string().superRefine((v, ctx) => {
        const found = problem(v);
        if (found) ctx.addIssue({ code: "custom", message: found });
    });
/** Text a person reads in Entra: not blank, no control characters (lengths that depend on the environment: rules/limits.ts). */
const displayText = () => checked((v) => displayTextProblem(v));
export const KEY_RE = /^[a-z][a-z0-9-]{0,39}$/;
export const logicalKey = z.string().regex(KEY_RE, {
    error: "logical names are 1-40 characters: a lowercase letter, then lowercase letters, digits or '-'",
});

export const scopeSchema = z.strictObject({
    value: z.string(),
    adminConsentDisplayName: displayText().optional(),
    adminConsentDescription: displayText().optional(),
    userConsentDisplayName: displayText().optional(),
    userConsentDescription: displayText().optional(),
});

export const appRoleSchema = z.strictObject({
    value: z.string(),
    displayName: displayText(),
    description: displayText(),
    allowedMemberTypes: z
        .array(z.enum(["User", "Application"], { error: 'allowed member types are "User" and "Application"' }))
        .min(1)
        .default(["Application"]),
});

/**
 * An oAuth2PermissionGrant id as Graph and `az ad app permission list-grants` print it: base64url characters,
 * not a GUID (e.g. qIVZsiud3k-fp2xOQ6jd7InI76O38TJFngGR4y0QOfQ). The provider imports it as
 * /oauth2PermissionGrants/{id} (terraform-provider-azuread docs/resources/service_principal_delegated_permission_grant.md).
 */
export const grantIdSchema = z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,}$/, {
        error: "must be a grant id: letters, digits, '-' and '_', at least 16, no /oauth2PermissionGrants/ prefix. Fix: copy the grant's `id` from `az ad app permission list-grants --id <client app id>`",
    })
    .refine((id) => !isGuid(id), {
        error: "is a GUID, but a grant id is not one (it is the oAuth2PermissionGrant's `id`, not an object id). Fix: copy the grant's `id` from `az ad app permission list-grants --id <client app id>`",
    });

/** Adopt an existing app registration (and its service principal) instead of creating one: `import` on the first up. */
export const adoptAppSchema = z.strictObject({
    applicationObjectId: guid("the app registration's Object ID (az ad app show --id <client id> --query id)"),
    servicePrincipalObjectId: guid(
        "the Enterprise application's Object ID (az ad sp show --id <client id> --query id)",
    ).optional(),
    consentGrantId: grantIdSchema.optional(),
    /** Parts the adopted app already holds, imported instead of created (entra/adoptableParts.ts). */
    existingParts: z.array(z.enum(ADOPTABLE_PARTS, { error: `must be ${oneOf(ADOPTABLE_PARTS)}` })).optional(),
    /** An adopted API's existing scope and role ids, by value: imported with those ids. */
    scopeIds: z
        .record(
            z.string(),
            guid("the scope's existing id (az ad app show --id <client id> --query api.oauth2PermissionScopes)"),
        )
        .optional(),
    appRoleIds: z
        .record(z.string(), guid("the role's existing id (az ad app show --id <client id> --query appRoles)"))
        .optional(),
});

/** An app that publishes no scopes or roles (a connector, a Power Platform API client) adopts none by id. */
const adoptClientSchema = adoptAppSchema.omit({ scopeIds: true, appRoleIds: true });

export const apiSchema = z.strictObject({
    displayName: displayText(),
    identifierUri: z.string().optional(),
    /** Left out: access_as_user, unless the API has app roles (config/model.ts defaultApiScopes). */
    scopes: z.array(scopeSchema).optional(),
    appRoles: z.array(appRoleSchema).default([]),
    assignmentRequired: z.boolean().default(false),
    accessTokenVersion: z.union([z.literal(1), z.literal(2)], { error: "must be 1 or 2" }).default(2),
    previousName: logicalKey.optional(),
    adopt: adoptAppSchema.omit({ consentGrantId: true }).optional(),
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
export const consentSchema = z.union(
    [z.boolean(), z.strictObject({ user: guid("the object id of the consenting user") })],
    {
        error: "must be true (consent for all users), false, or { user: <object id> } (consent for one user)",
    },
);

export const grantSchema = z.strictObject({
    resource: z
        .union(
            [
                z.string().min(1),
                z.strictObject({
                    appId: guid("the resource API's application (client) id"),
                    resourceUrl: z.string().optional(),
                }),
                // As in connectors: a Microsoft API whose resource URL is the tenant's (SharePoint, Dataverse).
                z.strictObject({
                    wellKnown: z.enum(WELL_KNOWN_API_NAMES, {
                        error: `must be one of ${WELL_KNOWN_API_NAMES.join(", ")}`,
                    }),
                    resourceUrl: z.string().min(1).optional(),
                }),
            ],
            {
                error: "must be a wellKnown API name (microsoftGraph, ...), a key of apis, { wellKnown: <name>, resourceUrl: <url> }, or { appId: <guid> }",
            },
        )
        // One shape for the components: a wellKnown API is its name, or its app id where a URL comes with it.
        .transform((r) =>
            typeof r === "object" && "wellKnown" in r
                ? r.resourceUrl === undefined
                    ? r.wellKnown
                    : { appId: WELL_KNOWN_APIS[r.wellKnown].appId, resourceUrl: r.resourceUrl }
                : r,
        ),
    scopes: z.array(z.string()).min(1, { error: "name at least one delegated scope" }),
    consent: z
        .union([z.literal("allUsers"), z.strictObject({ user: guid("the object id of the consenting user") })], {
            error: 'must be "allUsers" or { user: <object id> }',
        })
        .default("allUsers"),
    adopt: z.strictObject({ grantId: grantIdSchema }).optional(),
});

export const httpWithEntraIdSchema = z.strictObject({ grants: z.array(grantSchema).default([]) });

export const powerPlatformApiClientSchema = z.strictObject({
    displayName: displayText(),
    permissions: z
        .array(z.string())
        .min(1, { error: "name at least one delegated permission of the Power Platform API" }),
    applicationPermissions: z.array(z.string()).optional(),
    publicClient: z.strictObject({ ropc: z.boolean().default(false) }).optional(),
    credential: z
        .enum(POWER_PLATFORM_API_CREDENTIALS, { error: `must be ${oneOf(POWER_PLATFORM_API_CREDENTIALS)}` })
        .default("none"),
    secretLifetimeDays: days(),
    secretRotationDays: days(),
    certificateValidityDays: days(),
    adminConsent: consentSchema.default(false),
    previousName: logicalKey.optional(),
    adopt: adoptClientSchema.optional(),
});

/** `connectors.<key>.powerPlatform`: the stack creates (or adopts) the custom connector itself, in one environment. */
export const powerPlatformConnectorSchema = z.strictObject({
    /** The Power Platform environment id (the admin center's Environment ID). */
    environment: checked(environmentIdProblem),
    /** The name of a connector created by hand, adopted instead of created (kept when the stack lets go). */
    adopt: checked(connectorNameProblem).optional(),
    /** managedIdentity only: minutes to wait for the platform to show the subject after create; default 15. */
    subjectTimeoutMinutes: z
        .number({ error: "must be a whole number of minutes from 1 to 120" })
        .superRefine((v, ctx) => {
            const problem = subjectTimeoutProblem(v);
            if (problem) ctx.addIssue({ code: "custom", message: problem.replace(/^is \S+; /, "must be ") });
        })
        .optional(),
});

export const connectorSchema = z.strictObject({
    displayName: displayText(),
    resource: resourceSchema,
    scopes: z.array(z.string()).min(1, { error: "name at least one delegated permission of the resource" }),
    authentication: z.enum(CONNECTOR_AUTHENTICATIONS, { error: `must be ${oneOf(CONNECTOR_AUTHENTICATIONS)}` }),
    secretLifetimeDays: days(),
    secretRotationDays: days(),
    federatedSubject: z.string().optional(),
    redirectUrls: z.array(z.string()).optional(),
    adminConsent: consentSchema.default(false),
    onBehalfOfLogin: z.boolean().default(false),
    host: z
        .string()
        .regex(/^[A-Za-z0-9.-]+(:\d+)?$/, {
            error: "must be a host name with an optional port, no scheme or path (e.g. orders.contoso.com)",
        })
        .optional(),
    platform: z
        .enum(CONNECTOR_PLATFORMS, { error: `must be one of ${CONNECTOR_PLATFORMS.join(", ")}` })
        .default("powerPlatform"),
    resourceGroupName: checked(resourceGroupNameProblem).optional(),
    /** A region of some cloud here; of the stack's cloud in rules/limits.ts (entra/azureRegions.ts). */
    location: checked(anyCloudRegionProblem).optional(),
    baseUrl: checked(httpsBaseUrlProblem).optional(),
    openApiFile: z.string().min(1).optional(),
    powerPlatform: powerPlatformConnectorSchema.optional(),
    previousName: logicalKey.optional(),
    adopt: adoptClientSchema.optional(),
});

export const keyVaultSchema = z.strictObject({
    resourceGroupName: checked(resourceGroupNameProblem),
    vaultName: checked(keyVaultNameProblem),
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
    /** How the deploying identity owns what it creates (see components/owners.ts). */
    deployerOwnership: z
        .enum(DEPLOYER_OWNERSHIPS, {
            error: `must be ${oneOf(DEPLOYER_OWNERSHIPS)}. Fix: "explicit" when the deploying identity has Application.ReadWrite.All (the stack adds it as owner), "automatic" when it has Application.ReadWrite.OwnedBy or is a user without an admin role (Entra makes it an owner)`,
        })
        .default("explicit"),
    /** Microsoft service principals the tenant lacks: created (and retained). All others are looked up. */
    createServicePrincipals: z
        .array(
            z.enum(CREATABLE_SERVICE_PRINCIPAL_NAMES, {
                error: `must be one of ${CREATABLE_SERVICE_PRINCIPAL_NAMES.join(", ")} (Graph and Service Management exist in every tenant and are always looked up). Fix: list only the Microsoft principals this tenant lacks`,
            }),
        )
        .default([]),
});

/** Top-level keys of the namespace; anything else is a typo and rejected. */
export const CONFIG_KEYS = Object.keys(stackSchema.shape);

/** Every field of every config section, for docs/configuration.md (a test keeps the two in sync). */
export const CONFIG_REFERENCE: Readonly<Record<string, readonly string[]>> = {
    "": CONFIG_KEYS,
    "apis.<key>": Object.keys(apiSchema.shape),
    "connectors.<key>": Object.keys(connectorSchema.shape),
    "connectors.<key>.powerPlatform": Object.keys(powerPlatformConnectorSchema.shape),
    "powerPlatformApiClients.<key>": Object.keys(powerPlatformApiClientSchema.shape),
    "httpWithEntraId.grants[]": Object.keys(grantSchema.shape),
    keyVault: Object.keys(keyVaultSchema.shape),
    "<section>.<key>.adopt": Object.keys(adoptAppSchema.shape),
};
