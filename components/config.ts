// The one stack-config schema: raw Pulumi config in, a typed model out, or one error listing every problem.
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ConnectorAuthentication } from "./connectorSettings";
import { permissionValueProblem, redirectUriProblem } from "./entraRules";
import { parsePowerPlatformSubject } from "./powerPlatformSubject";
import { defaultRotationDays } from "./secretRotation";
import {
    CLOUD_NAMES,
    CloudName,
    CLOUDS,
    CONNECTOR_PLATFORMS,
    globalConsentRedirectUrl,
    logicAppsConsentRedirectUrl,
    WELL_KNOWN_API_NAMES,
    WELL_KNOWN_APIS,
    WellKnownApiName,
} from "./wellKnownApis";

/** Config namespace of this project (the Pulumi project name). */
export const NAMESPACE = "entra-connectors";
export const TENANT_KEY = "azuread:tenantId";
const PROVIDER_ENVIRONMENT_KEY = "azuread:environment";

const GUID_HELP = "a GUID like 72f988bf-86f1-41af-91ab-2d7cd011db47";
const guid = (what: string) => z.guid({ error: `must be ${GUID_HELP} (${what})` });
const KEY_RE = /^[a-z][a-z0-9-]{0,39}$/;
const logicalKey = z.string().regex(KEY_RE, {
    error: "logical names are 1-40 characters: a lowercase letter, then lowercase letters, digits or '-'",
});

const scopeSchema = z.strictObject({
    value: z.string(),
    adminConsentDisplayName: z.string().min(1).optional(),
    adminConsentDescription: z.string().min(1).optional(),
    userConsentDisplayName: z.string().min(1).optional(),
    userConsentDescription: z.string().min(1).optional(),
});

const appRoleSchema = z.strictObject({
    value: z.string(),
    displayName: z.string().min(1),
    description: z.string().min(1),
    allowedMemberTypes: z
        .array(z.enum(["User", "Application"], { error: 'allowed member types are "User" and "Application"' }))
        .min(1)
        .default(["Application"]),
});

const apiSchema = z.strictObject({
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

const resourceSchema = z.union(
    [
        z.strictObject({ api: logicalKey }),
        z.strictObject({
            wellKnown: z.enum(WELL_KNOWN_API_NAMES, {
                error: `must be one of ${WELL_KNOWN_API_NAMES.join(", ")}`,
            }),
        }),
        z.strictObject({
            external: z.strictObject({
                appId: guid("the API's application (client) id"),
                resourceUrl: z.string().min(1),
            }),
        }),
    ],
    {
        error: "must be exactly one of { api: <key of apis> }, { wellKnown: microsoftGraph | azureServiceManagement | powerPlatformApi } or { external: { appId, resourceUrl } }",
    },
);

/** A credential lifetime in whole days, 1..730 (Entra recommends at most 24 months for secrets). */
const days = () =>
    z
        .number()
        .int({ error: "must be a whole number of days" })
        .min(1, { error: "must be between 1 and 730 days" })
        .max(730, { error: "must be between 1 and 730 days (Entra's recommended maximum is 24 months)" })
        .optional();

/** Admin consent: false (none), true (all users: AllPrincipals) or { user } (one user: Principal). */
const consentSchema = z.union([z.boolean(), z.strictObject({ user: guid("the object id of the consenting user") })], {
    error: "must be true (consent for all users), false, or { user: <object id> } (consent for one user)",
});

const grantSchema = z.strictObject({
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

const httpWithEntraIdSchema = z.strictObject({ grants: z.array(grantSchema).default([]) });

const powerPlatformApiClientSchema = z.strictObject({
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

const connectorSchema = z.strictObject({
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

const keyVaultSchema = z.strictObject({
    resourceGroupName: z.string().min(1, { error: "must not be empty" }),
    vaultName: z.string().regex(/^[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]$/, { error: "must be a Key Vault name: 3-24 letters, digits and '-', starting with a letter" }),
    subscriptionId: guid("the vault's Azure subscription id").optional(),
});

const stackSchema = z.strictObject({
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

type RawStack = z.output<typeof stackSchema>;
export type ApiScopeConfig = Required<Pick<z.output<typeof scopeSchema>, "value" | "adminConsentDisplayName" | "adminConsentDescription">> &
    Pick<z.output<typeof scopeSchema>, "userConsentDisplayName" | "userConsentDescription">;
export type AppRoleConfig = z.output<typeof appRoleSchema>;
export interface ApiConfig extends Omit<RawStack["apis"][string], "scopes"> {
    readonly scopes: readonly ApiScopeConfig[];
}
export type ResourceRef = z.output<typeof resourceSchema>;
export type { ConnectorAuthentication };
export interface ConnectorConfig {
    readonly displayName: string;
    readonly resource: ResourceRef;
    readonly scopes: readonly string[];
    readonly authentication: ConnectorAuthentication;
    /** clientSecret only; default 180. */
    readonly secretLifetimeDays: number | undefined;
    /** clientSecret only; default half the lifetime. */
    readonly secretRotationDays: number | undefined;
    /** Where the connector lives: a Power Platform custom connector (default) or a Logic Apps custom API. */
    readonly platform: ConnectorPlatform;
    /** logicApps only: the Microsoft.Web/customApis resource. */
    readonly logicApps?: LogicAppsConnectorConfig;
    readonly federatedSubject: string | undefined;
    readonly redirectUrls: readonly string[];
    readonly adminConsent: AdminConsent;
    readonly onBehalfOfLogin: boolean;
    /** Host the connector's operations call, for the generated swagger; defaults per well-known API. */
    readonly host: string | undefined;
    /** The key this connector had before a rename: its resources are aliased, not replaced. */
    readonly previousName?: string;
}
export type ConnectorPlatform = (typeof CONNECTOR_PLATFORMS)[number];
export interface LogicAppsConnectorConfig {
    readonly resourceGroupName: string;
    readonly location: string;
    /** The API the connector calls: the custom API's backend service URL. */
    readonly baseUrl: string;
    /** OpenAPI (Swagger 2.0) JSON file, relative to the project directory; default: a generated definition. */
    readonly openApiFile?: string;
}
export type KeyVaultConfig = z.output<typeof keyVaultSchema>;
/** false: no consent; true: all users (AllPrincipals); { user }: one user (Principal). */
export type AdminConsent = boolean | { readonly user: string };
export type HttpWithEntraIdGrantConfig = z.output<typeof grantSchema>;
export interface PowerPlatformApiClientConfig {
    readonly displayName: string;
    readonly permissions: readonly string[];
    /** Allow "public client flows" (ROPC) on the registration. */
    readonly ropc: boolean;
    /** Register the native-client redirect (https://login.microsoftonline.com/common/oauth2/nativeclient). */
    readonly publicClient: boolean;
    readonly credential: "none" | "clientSecret" | "certificate";
    readonly secretLifetimeDays: number;
    readonly secretRotationDays: number;
    readonly certificateValidityDays: number;
    readonly adminConsent: AdminConsent;
    /** The key this client had before a rename: its resources are aliased, not replaced. */
    readonly previousName?: string;
}

/** The validated stack configuration every component is built from. */
export interface StackConfig {
    readonly tenantId: string;
    readonly environment: string;
    readonly cloud: CloudName;
    /** Protect app registrations and service principals from deletion; default: environment is "prod". */
    readonly production: boolean;
    readonly owners: readonly string[];
    readonly apis: Readonly<Record<string, ApiConfig>>;
    readonly connectors: Readonly<Record<string, ConnectorConfig>>;
    /** Admin-consent grants for Microsoft's HTTP with Microsoft Entra ID connector app. */
    readonly httpWithEntraIdGrants: readonly HttpWithEntraIdGrantConfig[];
    readonly powerPlatformApiClients: Readonly<Record<string, PowerPlatformApiClientConfig>>;
    /** Also write every client secret to this Key Vault. */
    readonly keyVault?: KeyVaultConfig;
}

export const DEFAULT_SECRET_LIFETIME_DAYS = 180;
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

/** One problem with one config key. */
export interface ConfigProblem {
    /** Full key path, e.g. `entra-connectors:connectors.orders.federatedSubject`. */
    readonly path: string;
    readonly message: string;
}

/**
 * Bad stack config. Extends RunError so the Pulumi CLI prints the message without a JavaScript stack trace.
 */
export class ConfigError extends pulumi.RunError {
    constructor(readonly problems: readonly ConfigProblem[]) {
        super(
            `Invalid stack configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
                problems.map((p) => `  - ${p.path}: ${p.message}`).join("\n"),
        );
        this.name = "ConfigError";
    }
}

/** Pulumi passes structured config as JSON text and scalars as plain text. */
function decodeValue(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

function describeValue(value: unknown): string {
    if (value === undefined) return "nothing";
    const text = JSON.stringify(value);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
    let current: unknown = root;
    for (const part of path) {
        if (current === null || typeof current !== "object") return undefined;
        current = (current as Record<PropertyKey, unknown>)[part];
    }
    return current;
}

function keyPath(path: readonly PropertyKey[]): string {
    const [top, ...rest] = path.map(String);
    return `${NAMESPACE}:${top}` + rest.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join("");
}

function zodProblem(issue: z.core.$ZodIssue, input: unknown, secretKeys: ReadonlySet<string>): ConfigProblem | ConfigProblem[] {
    const top = String(issue.path[0] ?? "");
    const shown = secretKeys.has(`${NAMESPACE}:${top}`) ? "[secret]" : describeValue(valueAt(input, issue.path));
    if (issue.code === "unrecognized_keys") {
        const allowed = Object.keys(allowedKeysAt(issue.path, input)).join(", ");
        // One problem per unknown key, at the key's own path (like a top-level typo such as `onwers`).
        return issue.keys.map((key) => ({
            path: keyPath([...issue.path, key]),
            message: `unknown key "${key}"; allowed here: ${allowed}. Fix the spelling or remove it.`,
        }));
    }
    if (issue.code === "invalid_type" && valueAt(input, issue.path) === undefined) {
        return { path: keyPath(issue.path), message: `is required (${issue.message}).` };
    }
    if (issue.code === "invalid_key") {
        return {
            path: keyPath(issue.path),
            message: `the name "${String(issue.path[issue.path.length - 1])}" is not allowed: ${issue.issues[0]?.message ?? issue.message}.`,
        };
    }
    return { path: keyPath(issue.path), message: `${issue.message} (got ${shown}).` };
}

/** The allowed keys of the strict object at a path, for "unknown key" messages. */
function allowedKeysAt(path: readonly PropertyKey[], input: unknown): Record<string, unknown> {
    if (path.length === 0) return stackSchema.shape;
    if (path[0] === "keyVault") return keyVaultSchema.shape;
    const [top, , third, fourth] = path.map(String);
    if (top === "apis") {
        if (path.length === 2) return apiSchema.shape;
        if (third === "scopes") return scopeSchema.shape;
        if (third === "appRoles") return appRoleSchema.shape;
    }
    if (top === "connectors") {
        if (path.length === 2) return connectorSchema.shape;
        if (third === "resource") {
            const resource = valueAt(input, path.slice(0, 3));
            if (fourth === "external" || (resource && typeof resource === "object" && "external" in resource)) {
                return path.length > 3 ? { appId: 0, resourceUrl: 0 } : { api: 0, wellKnown: 0, external: 0 };
            }
            return { api: 0, wellKnown: 0, external: 0 };
        }
    }
    return {};
}

/**
 * Validates raw config (fully qualified key -> string, as `pulumi.runtime.allConfig()` returns it).
 * Throws ConfigError listing every problem; never reads the clock, the network or the file system.
 */
export function parseStackConfig(raw: Readonly<Record<string, string>>, secretKeys: readonly string[] = []): StackConfig {
    const secrets = new Set(secretKeys);
    const problems: ConfigProblem[] = [];
    const input: Record<string, unknown> = {};
    for (const [fullKey, text] of Object.entries(raw)) {
        const [ns, key] = splitKey(fullKey);
        if (ns !== NAMESPACE) continue;
        input[key] = decodeValue(text);
    }
    if (input.environment === undefined) {
        problems.push({
            path: `${NAMESPACE}:environment`,
            message: `is required: the environment name suffixes every display name. Fix: pulumi config set ${NAMESPACE}:environment dev`,
        });
        input.environment = "missing";
    }

    const tenantId = raw[TENANT_KEY];
    if (tenantId === undefined) {
        problems.push({
            path: TENANT_KEY,
            message: `is required: the stack's Entra tenant. Fix: pulumi config set ${TENANT_KEY} <tenant GUID> (az account show --query tenantId)`,
        });
    } else if (!z.guid().safeParse(tenantId).success) {
        problems.push({ path: TENANT_KEY, message: `must be ${GUID_HELP} (got ${describeValue(tenantId)}).` });
    }

    const parsed = stackSchema.safeParse(input);
    if (!parsed.success) {
        problems.push(...parsed.error.issues.flatMap((issue) => zodProblem(issue, input, secrets)));
        throw new ConfigError(problems);
    }
    const config = buildModel(parsed.data, tenantId ?? "");
    problems.push(...crossFieldProblems(config, raw[PROVIDER_ENVIRONMENT_KEY], input));
    if (problems.length > 0) {
        throw new ConfigError(problems);
    }
    return config;
}

function splitKey(fullKey: string): [string, string] {
    const at = fullKey.indexOf(":");
    return at < 0 ? ["", fullKey] : [fullKey.slice(0, at), fullKey.slice(at + 1)];
}

function buildModel(data: RawStack, tenantId: string): StackConfig {
    const apis: Record<string, ApiConfig> = {};
    for (const [key, api] of Object.entries(data.apis)) {
        apis[key] = {
            ...api,
            scopes: api.scopes.map((s) => ({
                ...s,
                adminConsentDisplayName: s.adminConsentDisplayName ?? `${api.displayName}: ${s.value}`,
                adminConsentDescription:
                    s.adminConsentDescription ??
                    `Allows the app to call ${api.displayName} (${s.value}) on behalf of the signed-in user.`,
            })),
        };
    }
    const connectors: Record<string, ConnectorConfig> = {};
    for (const [key, c] of Object.entries(data.connectors)) {
        const { resourceGroupName, location, baseUrl, openApiFile, ...rest } = c;
        const logicApps =
            c.platform === "logicApps" ? { resourceGroupName: resourceGroupName ?? "", location: location ?? "", baseUrl: baseUrl ?? "", openApiFile } : undefined;
        const defaultRedirect = logicApps ? logicAppsConsentRedirectUrl(data.cloud, logicApps.location) : globalConsentRedirectUrl(data.cloud);
        const secretLifetimeDays =
            c.authentication === "clientSecret" ? (c.secretLifetimeDays ?? DEFAULT_SECRET_LIFETIME_DAYS) : c.secretLifetimeDays;
        connectors[key] = {
            ...rest,
            federatedSubject: c.federatedSubject,
            host: c.host,
            previousName: c.previousName,
            secretLifetimeDays,
            secretRotationDays:
                c.authentication === "clientSecret" ? (c.secretRotationDays ?? defaultRotationDays(secretLifetimeDays ?? DEFAULT_SECRET_LIFETIME_DAYS)) : c.secretRotationDays,
            redirectUrls: c.redirectUrls ?? (defaultRedirect ? [defaultRedirect] : []),
            logicApps,
        };
    }
    const powerPlatformApiClients: Record<string, PowerPlatformApiClientConfig> = {};
    for (const [key, c] of Object.entries(data.powerPlatformApiClients)) {
        powerPlatformApiClients[key] = {
            displayName: c.displayName,
            permissions: c.permissions,
            ropc: c.publicClient?.ropc ?? false,
            publicClient: c.publicClient !== undefined,
            credential: c.credential,
            secretLifetimeDays: c.secretLifetimeDays ?? DEFAULT_SECRET_LIFETIME_DAYS,
            secretRotationDays: c.secretRotationDays ?? defaultRotationDays(c.secretLifetimeDays ?? DEFAULT_SECRET_LIFETIME_DAYS),
            certificateValidityDays: c.certificateValidityDays ?? 365,
            adminConsent: c.adminConsent,
            previousName: c.previousName,
        };
    }
    return {
        tenantId,
        environment: data.environment,
        cloud: data.cloud,
        production: data.production ?? data.environment === "prod",
        owners: data.owners,
        apis,
        connectors,
        httpWithEntraIdGrants: data.httpWithEntraId.grants,
        powerPlatformApiClients,
        keyVault: data.keyVault,
    };
}

const PROVIDER_ENVIRONMENTS: Readonly<Record<CloudName, readonly string[]>> = {
    public: ["global", "public"],
    usgovernment: ["usgovernment", "usgovernmentl4", "usgovernmentl5", "dod"],
    china: ["china"],
};

/** Rules that span keys: references, per-authentication fields, tenant of a subject, uniqueness. */
function crossFieldProblems(config: StackConfig, providerEnvironment: string | undefined, input: Record<string, unknown>): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const add = (path: string, message: string) => problems.push({ path: `${NAMESPACE}:${path}`, message });

    if (providerEnvironment !== undefined && !PROVIDER_ENVIRONMENTS[config.cloud].includes(providerEnvironment)) {
        problems.push({
            path: PROVIDER_ENVIRONMENT_KEY,
            message: `is "${providerEnvironment}" but ${NAMESPACE}:cloud is "${config.cloud}"; set it to one of ${PROVIDER_ENVIRONMENTS[config.cloud].join(", ")} or change the cloud.`,
        });
    }

    for (const [apiKey, api] of Object.entries(config.apis)) {
        const clash = WELL_KNOWN_API_NAMES.find((n) => n.toLowerCase() === apiKey.toLowerCase());
        if (clash) {
            add(`apis.${apiKey}`, `the key "${apiKey}" reads as the wellKnown API ${clash} in grants and resource names. Fix: choose another key.`);
        }
        const seen = new Map<string, string>();
        const values = [
            ...api.scopes.map((s, i) => [`apis.${apiKey}.scopes[${i}].value`, s.value] as const),
            ...api.appRoles.map((r, i) => [`apis.${apiKey}.appRoles[${i}].value`, r.value] as const),
        ];
        for (const [path, value] of values) {
            const problem = permissionValueProblem(value);
            if (problem) add(path, `"${value}" ${problem}. Fix: use a value like access_as_user.`);
            const first = seen.get(value);
            if (first) {
                add(path, `"${value}" is already used at ${NAMESPACE}:${first}; scope and role values must be unique within an API.`);
            } else {
                seen.set(value, path);
            }
        }
        if (api.identifierUri !== undefined && !/^(api:\/\/|https:\/\/)[^\s*#]+$/.test(api.identifierUri)) {
            add(
                `apis.${apiKey}.identifierUri`,
                `"${api.identifierUri}" is not an Application ID URI Entra accepts; use api://<name or client id> or https://<verified domain>/..., without spaces, wildcards or fragments, or leave it out for api://{clientId}.`,
            );
        }
    }

    for (const [key, c] of Object.entries(config.connectors)) {
        const at = (field: string) => `connectors.${key}.${field}`;
        const resource = c.resource;
        if ("api" in resource) {
            const api = config.apis[resource.api];
            if (!api) {
                const declared = Object.keys(config.apis);
                add(
                    at("resource.api"),
                    `"${resource.api}" is not declared under ${NAMESPACE}:apis (declared: ${declared.length ? declared.join(", ") : "none"}). Fix: add it to apis or correct the name.`,
                );
            } else {
                const known = api.scopes.map((s) => s.value);
                c.scopes.forEach((scope, i) => {
                    if (!known.includes(scope)) {
                        add(`${at("scopes")}[${i}]`, `"${scope}" is not a scope of API "${resource.api}" (its scopes: ${known.join(", ")}).`);
                    }
                });
            }
        } else if ("wellKnown" in resource) {
            const api = WELL_KNOWN_APIS[resource.wellKnown as WellKnownApiName];
            c.scopes.forEach((scope, i) => {
                if (!api.delegatedScopes.includes(scope)) {
                    add(
                        `${at("scopes")}[${i}]`,
                        `"${scope}" is not a delegated permission of ${api.displayName} known to entra-connectors (known: ${api.delegatedScopes.join(", ")}). For another permission, declare the resource as external: { appId: ${api.appId}, resourceUrl: ... }; it is then resolved by name at deploy time.`,
                    );
                }
            });
        } else {
            const urlProblem = /^(https:\/\/|api:\/\/)\S+$/.test(resource.external.resourceUrl) ? undefined : "must be an https:// URL or an api:// identifier URI";
            if (urlProblem) add(at("resource.external.resourceUrl"), `"${resource.external.resourceUrl}" ${urlProblem}.`);
        }
        c.scopes.forEach((scope, i) => {
            const problem = permissionValueProblem(scope);
            if (problem) add(`${at("scopes")}[${i}]`, `"${scope}" ${problem}.`);
            if (c.scopes.indexOf(scope) !== i) add(`${at("scopes")}[${i}]`, `"${scope}" is listed twice; list each scope once.`);
        });

        const raw = (input.connectors as Record<string, Record<string, unknown>>)[key];
        problems.push(...platformProblems(key, c, raw));
        if (c.authentication === "clientSecret") {
            const rotation = rotationProblem(c.secretLifetimeDays ?? DEFAULT_SECRET_LIFETIME_DAYS, raw.secretRotationDays);
            if (rotation) add(at("secretRotationDays"), rotation);
            if (c.federatedSubject !== undefined) {
                add(
                    at("federatedSubject"),
                    `is set (${describeValue(c.federatedSubject)}) but authentication is "clientSecret"; a federated subject belongs to authentication: managedIdentity. Fix: remove federatedSubject or set authentication: managedIdentity.`,
                );
            }
        } else {
            if (raw.secretLifetimeDays !== undefined) {
                add(at("secretLifetimeDays"), `is set (${describeValue(raw.secretLifetimeDays)}) but authentication is "managedIdentity", which has no secret. Fix: remove secretLifetimeDays.`);
            }
            if (raw.secretRotationDays !== undefined) {
                add(at("secretRotationDays"), `is set (${describeValue(raw.secretRotationDays)}) but authentication is "managedIdentity", which has no secret. Fix: remove secretRotationDays.`);
            }
            if (c.federatedSubject !== undefined) {
                const subjectProblem = federatedSubjectProblem(c.federatedSubject, config.tenantId, config.cloud);
                if (subjectProblem) add(at("federatedSubject"), subjectProblem);
            }
        }

        if (c.redirectUrls.length === 0) {
            add(
                at("redirectUrls"),
                `is required for cloud "${config.cloud}": Microsoft documents no connector consent redirect URL for it. Fix: copy the redirect URL the connector shows into redirectUrls.`,
            );
        }
        c.redirectUrls.forEach((url, i) => {
            const problem = redirectUriProblem(url);
            if (problem) add(`${at("redirectUrls")}[${i}]`, `"${url}" ${problem}.`);
            if (c.redirectUrls.indexOf(url) !== i) add(`${at("redirectUrls")}[${i}]`, `"${url}" is listed twice.`);
        });
    }
    problems.push(...httpWithEntraIdProblems(config), ...powerPlatformApiClientProblems(config, input));
    for (const section of ["apis", "connectors", "powerPlatformApiClients"] as const) {
        const entries = config[section] as Readonly<Record<string, { previousName?: string }>>;
        for (const [key, entry] of Object.entries(entries)) {
            if (entry.previousName === undefined) continue;
            if (entry.previousName === key || entries[entry.previousName] !== undefined) {
                add(
                    `${section}.${key}.previousName`,
                    `"${entry.previousName}" is ${entry.previousName === key ? "this entry's own key" : "the key of another entry"}; previousName names the key this entry had before a rename. Fix: set it to the old key, or remove it.`,
                );
            }
        }
    }
    return problems;
}

/**
 * The newest secret must keep at least half its lifetime: a renewal every R days leaves it L - R, so R may be
 * at most L/2.
 */
function rotationProblem(lifetimeDays: number, rotationDays: unknown): string | undefined {
    if (typeof rotationDays !== "number" || rotationDays <= defaultRotationDays(lifetimeDays)) return undefined;
    return (
        `is ${rotationDays} days, more than half of secretLifetimeDays (${lifetimeDays}): the newest secret could then have less than half its lifetime left. ` +
        `Fix: set it to at most ${defaultRotationDays(lifetimeDays)}, or leave it out for that default.`
    );
}

const LOGIC_APPS_FIELDS = ["resourceGroupName", "location", "baseUrl"] as const;

/** A Logic Apps connector needs its Azure placement; a Power Platform one has none. */
function platformProblems(key: string, c: ConnectorConfig, raw: Record<string, unknown>): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const at = (field: string) => `${NAMESPACE}:connectors.${key}.${field}`;
    if (c.platform === "logicApps") {
        if (c.authentication === "managedIdentity") {
            problems.push({
                path: at("authentication"),
                message: `is "managedIdentity" but platform is "logicApps": managed identity (a federated credential) is for Power Platform custom connectors only; a Logic Apps custom API signs in with a client secret. Fix: set authentication: clientSecret, or platform: powerPlatform.`,
            });
        }
        for (const field of LOGIC_APPS_FIELDS) {
            if (raw[field] === undefined) {
                problems.push({ path: at(field), message: `is required for platform: logicApps (the custom API's ${field === "baseUrl" ? "backend URL" : `Azure ${field}`}).` });
            }
        }
    } else {
        for (const field of [...LOGIC_APPS_FIELDS, "openApiFile"]) {
            if (raw[field] !== undefined) {
                problems.push({ path: at(field), message: `is set (${describeValue(raw[field])}) but platform is "powerPlatform"; it describes a Logic Apps custom API. Fix: remove it, or set platform: logicApps.` });
            }
        }
    }
    return problems;
}

/** Scope names a resource exposes, when known before deployment (undefined: resolved at deploy time). */
function knownScopesOf(config: StackConfig, resource: HttpWithEntraIdGrantConfig["resource"]): { label: string; scopes?: readonly string[] } | string {
    if (typeof resource !== "string") return { label: `the API ${resource.appId}` };
    if ((WELL_KNOWN_API_NAMES as readonly string[]).includes(resource)) {
        const api = WELL_KNOWN_APIS[resource as WellKnownApiName];
        return { label: api.displayName, scopes: api.delegatedScopes };
    }
    const api = config.apis[resource];
    if (api) return { label: `API "${resource}"`, scopes: api.scopes.map((s) => s.value) };
    return `"${resource}" is neither a wellKnown API (${WELL_KNOWN_API_NAMES.join(", ")}) nor a key of ${NAMESPACE}:apis (${Object.keys(config.apis).join(", ") || "none declared"}); for another API use { appId: <guid> }.`;
}

function httpWithEntraIdProblems(config: StackConfig): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    config.httpWithEntraIdGrants.forEach((grant, i) => {
        const at = `${NAMESPACE}:httpWithEntraId.grants[${i}]`;
        const known = knownScopesOf(config, grant.resource);
        if (typeof known === "string") {
            problems.push({ path: `${at}.resource`, message: known });
            return;
        }
        grant.scopes.forEach((scope, j) => {
            const problem = permissionValueProblem(scope);
            if (problem) problems.push({ path: `${at}.scopes[${j}]`, message: `"${scope}" ${problem}.` });
            else if (known.scopes && !known.scopes.includes(scope)) {
                problems.push({
                    path: `${at}.scopes[${j}]`,
                    message: `"${scope}" is not a delegated permission of ${known.label} known to entra-connectors (known: ${known.scopes.join(", ")}).`,
                });
            }
        });
    });
    return problems;
}

function powerPlatformApiClientProblems(config: StackConfig, input: Record<string, unknown>): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const rawClients = (input.powerPlatformApiClients ?? {}) as Record<string, Record<string, unknown>>;
    const known = WELL_KNOWN_APIS.powerPlatformApi.delegatedScopes;
    for (const [key, c] of Object.entries(config.powerPlatformApiClients)) {
        const at = (field: string) => `${NAMESPACE}:powerPlatformApiClients.${key}.${field}`;
        const raw = rawClients[key] ?? {};
        c.permissions.forEach((p, i) => {
            if (!known.includes(p)) {
                problems.push({
                    path: `${at("permissions")}[${i}]`,
                    message: `"${p}" is not a delegated permission of the Power Platform API (see https://learn.microsoft.com/en-us/power-platform/admin/programmability-permission-reference; e.g. AppManagement.ApplicationPackages.Read).`,
                });
            }
        });
        const appPermissions = raw.applicationPermissions as string[] | undefined;
        if (appPermissions && appPermissions.length > 0) {
            problems.push({
                path: at("applicationPermissions"),
                message: `requests application permissions (${describeValue(appPermissions)}), but the Power Platform API supports delegated permissions only; service principals get access through Power Platform role-based access control (RBAC) role assignments, not app roles. Fix: remove applicationPermissions and assign the service principal a Power Platform role.`,
            });
        }
        if (raw.secretLifetimeDays !== undefined && c.credential !== "clientSecret") {
            problems.push({ path: at("secretLifetimeDays"), message: `is set (${describeValue(raw.secretLifetimeDays)}) but credential is "${c.credential}". Fix: remove it or set credential: clientSecret.` });
        }
        if (raw.secretRotationDays !== undefined && c.credential !== "clientSecret") {
            problems.push({ path: at("secretRotationDays"), message: `is set (${describeValue(raw.secretRotationDays)}) but credential is "${c.credential}". Fix: remove it or set credential: clientSecret.` });
        } else if (c.credential === "clientSecret") {
            const rotation = rotationProblem(c.secretLifetimeDays, raw.secretRotationDays);
            if (rotation) problems.push({ path: at("secretRotationDays"), message: rotation });
        }
        if (raw.certificateValidityDays !== undefined && c.credential !== "certificate") {
            problems.push({ path: at("certificateValidityDays"), message: `is set (${describeValue(raw.certificateValidityDays)}) but credential is "${c.credential}". Fix: remove it or set credential: certificate.` });
        }
        if (c.ropc && c.credential !== "none") {
            problems.push({
                path: at("publicClient.ropc"),
                message: `is true on a client with a ${c.credential}; ROPC (username/password) is a public-client flow and needs no credential. Fix: use credential: none, or drop ropc.`,
            });
        }
    }
    return problems;
}

/** Why a managed-identity subject cannot be used in this stack, or undefined when it can. */
export function federatedSubjectProblem(subject: string, tenantId: string, cloud: CloudName): string | undefined {
    const parsed = parsePowerPlatformSubject(subject);
    if ("error" in parsed) {
        return `"${subject}" ${parsed.error}. Fix: copy the subject the connector shows after it is created, or remove federatedSubject until then.`;
    }
    const expectedSegment = CLOUDS[cloud].subjectCloudSegment;
    if (parsed.cloudSegment !== expectedSegment) {
        return `"${subject}" is a subject for cloud segment "${parsed.cloudSegment}", but this stack's cloud is "${cloud}" (expects /eid1/c/${expectedSegment}/...).`;
    }
    if (parsed.tenantId.toLowerCase() !== tenantId.toLowerCase()) {
        return `"${subject}" belongs to tenant ${parsed.tenantId}, not this stack's tenant ${tenantId} (${TENANT_KEY}); it was copied from another tenant's connector. Fix: copy the subject from the connector in this tenant.`;
    }
    return undefined;
}

/** Reads the running stack's config once (index.ts only). */
export function loadStackConfig(): StackConfig {
    return parseStackConfig(pulumi.runtime.allConfig());
}
