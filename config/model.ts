// The validated config model the stack is composed from, and the mapping of parsed config onto it.
import { z } from "zod";
import { ConnectorAuthentication } from "../entra/connectorSettings";
import { DEFAULT_SECRET_LIFETIME_DAYS, defaultRotationDays } from "../entra/secretRotation";
import { CONNECTOR_PLATFORMS } from "../entra/wellKnownApis";
import { CloudName, globalConsentRedirectUrl, logicAppsConsentRedirectUrl } from "../entra/clouds";
import { DeployerOwnership } from "../entra/deployerOwnership";
import { PowerPlatformApiCredential } from "../entra/powerPlatformRegistration";
import {
    adoptAppSchema,
    appRoleSchema,
    grantSchema,
    keyVaultSchema,
    powerPlatformConnectorSchema,
    resourceSchema,
    scopeSchema,
    stackSchema,
} from "./schema";

export type RawStack = z.output<typeof stackSchema>;
export type ApiScopeConfig = Required<
    Pick<z.output<typeof scopeSchema>, "value" | "adminConsentDisplayName" | "adminConsentDescription">
> &
    Pick<z.output<typeof scopeSchema>, "userConsentDisplayName" | "userConsentDescription">;
export type AppRoleConfig = z.output<typeof appRoleSchema>;
export interface ApiConfig extends Omit<RawStack["apis"][string], "scopes"> {
    readonly scopes: readonly ApiScopeConfig[];
}
export type ConnectorResourceConfig = z.output<typeof resourceSchema>;
/** Existing Entra objects an entry adopts (Pulumi `import`) instead of creating them. */
export type AdoptAppConfig = z.output<typeof adoptAppSchema>;
/** A name of CREATABLE_SERVICE_PRINCIPAL_NAMES (entra/wellKnownApis.ts); config's enum checks it. */
export type CreatableServicePrincipal = string;
export type { ConnectorAuthentication };
export interface ConnectorConfig {
    readonly displayName: string;
    readonly resource: ConnectorResourceConfig;
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
    /**
     * OpenAPI (Swagger 2.0) JSON file with the connector's operations, relative to the project directory; either
     * platform. Its security definitions are replaced by the generated ones. Default: a definition without operations.
     */
    readonly openApiFile?: string;
    /**
     * powerPlatform platform only: the stack creates (or, with `adopt`, takes over) the custom connector in this
     * environment, and registers its redirect URL and managed-identity subject in the same deployment.
     */
    readonly powerPlatform?: PowerPlatformConnectorConfig;
    /** managedIdentity only: a subject pasted from the connector; with `powerPlatform`, an override of the one read. */
    readonly federatedSubject: string | undefined;
    /** With `powerPlatform`: extra redirect URIs beside the connector's own (default none). */
    readonly redirectUrls: readonly string[];
    readonly adminConsent: AdminConsent;
    readonly onBehalfOfLogin: boolean;
    /** Host the connector's operations call, for the generated swagger; defaults per well-known API. */
    readonly host: string | undefined;
    /** The key this connector had before a rename: its resources are aliased, not replaced. */
    readonly previousName?: string;
    readonly adopt?: AdoptAppConfig;
}
export type ConnectorPlatform = (typeof CONNECTOR_PLATFORMS)[number];
export type PowerPlatformConnectorConfig = z.output<typeof powerPlatformConnectorSchema>;
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
    readonly credential: PowerPlatformApiCredential;
    readonly secretLifetimeDays: number;
    readonly secretRotationDays: number;
    readonly certificateValidityDays: number;
    readonly adminConsent: AdminConsent;
    /** The key this client had before a rename: its resources are aliased, not replaced. */
    readonly previousName?: string;
    readonly adopt?: AdoptAppConfig;
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
    /** Problems that do not stop a deployment (a plain-text credential, a secret lifetime over the policy default): the program logs them, the plan lists them. */
    readonly warnings?: readonly { readonly path: string; readonly message: string }[];
    /** "explicit": an ApplicationOwner for the deployer; "automatic": Entra already makes it an owner. */
    readonly deployerOwnership?: DeployerOwnership;
    /** Microsoft service principals the tenant lacks, which the stack creates; every other one is looked up. */
    readonly createServicePrincipals?: readonly CreatableServicePrincipal[];
}

export { DEFAULT_SECRET_LIFETIME_DAYS };

/**
 * The scopes of an API whose config leaves `scopes` out: `access_as_user`, as always, when it has no app roles (an
 * existing stack keeps its scope); none when it has app roles (a daemon API: roles only, no scope added unasked).
 */
export function defaultApiScopes(appRoles: readonly unknown[]): NonNullable<RawStack["apis"][string]["scopes"]> {
    return appRoles.length > 0 ? [] : [{ value: "access_as_user" }];
}

export function buildModel(data: RawStack, tenantId: string): StackConfig {
    const apis: Record<string, ApiConfig> = {};
    for (const [key, api] of Object.entries(data.apis)) {
        apis[key] = {
            ...api,
            scopes: (api.scopes ?? defaultApiScopes(api.appRoles)).map((s) => ({
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
            c.platform === "logicApps"
                ? {
                      resourceGroupName: resourceGroupName ?? "",
                      location: location ?? "",
                      baseUrl: baseUrl ?? "",
                      openApiFile,
                  }
                : undefined;
        const defaultRedirect = logicApps
            ? logicAppsConsentRedirectUrl(data.cloud, logicApps.location)
            : globalConsentRedirectUrl(data.cloud);
        const secretLifetimeDays =
            c.authentication === "clientSecret"
                ? (c.secretLifetimeDays ?? DEFAULT_SECRET_LIFETIME_DAYS)
                : c.secretLifetimeDays;
        connectors[key] = {
            ...rest,
            openApiFile,
            federatedSubject: c.federatedSubject,
            host: c.host,
            previousName: c.previousName,
            secretLifetimeDays,
            secretRotationDays:
                c.authentication === "clientSecret"
                    ? (c.secretRotationDays ?? defaultRotationDays(secretLifetimeDays ?? DEFAULT_SECRET_LIFETIME_DAYS))
                    : c.secretRotationDays,
            // A connector the stack creates registers its own redirect URL: config's are extra ones.
            redirectUrls: c.redirectUrls ?? (c.powerPlatform || !defaultRedirect ? [] : [defaultRedirect]),
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
            secretRotationDays:
                c.secretRotationDays ?? defaultRotationDays(c.secretLifetimeDays ?? DEFAULT_SECRET_LIFETIME_DAYS),
            certificateValidityDays: c.certificateValidityDays ?? 365,
            adminConsent: c.adminConsent,
            previousName: c.previousName,
            adopt: c.adopt,
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
        deployerOwnership: data.deployerOwnership,
        createServicePrincipals: data.createServicePrincipals,
    };
}
