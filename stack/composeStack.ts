// Composes a stack from validated config: APIs first, then connectors, then the outputs a maker needs.
import { Provider } from "@pulumi/azure-native/provider";
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { AdminConsent, StackConfig } from "../config";
import {
    type Adoption,
    type Ownership,
    SecretSlotsReport,
    ConnectorClient,
    type SecurityTabSettings,
    KeyVaultSecretReference,
    KeyVaultTarget,
    type CustomApiOAuthSettings,
    PowerPlatformApiClient,
    ProtectedApi,
} from "../components";
import { SECURITY_TAB_FIELDS } from "../entra/connectorSettings";
import {
    apiComponentName,
    connectorComponentName,
    environmentDisplayName,
    powerPlatformApiClientComponentName,
} from "../entra/naming";
import { httpWithEntraIdGrants, HttpWithEntraIdGrantOutput } from "./httpWithEntraIdGrants";
import { nextSteps, powerPlatformRegistrationSteps } from "./nextSteps";
import { needsPowerPlatformRegistration, powerPlatformRegistrationCommand } from "../entra/powerPlatformRegistration";
import { programProjectRoot, readOpenApiFile } from "../config/openApiFile";
import { CLOUDS } from "../entra/clouds";
import { connectorApiTarget } from "./apiTargets";
import { StackServicePrincipals } from "./servicePrincipals";

export interface ApiOutput {
    readonly clientId: pulumi.Output<string>;
    readonly identifierUri: pulumi.Output<string>;
    readonly scopeIds: Record<string, string>;
}

export { SECURITY_TAB_FIELDS };

/**
 * Per connector: every Security-tab field as its own output, plus the secret or the federated credential.
 * Fields stay separate so that only `clientSecret` is a secret: one Output holding the secret would make
 * Pulumi hide every setting.
 */
export type ConnectorOutput = {
    readonly [F in (typeof SECURITY_TAB_FIELDS)[number]]: pulumi.Output<SecurityTabSettings[F]>;
} & {
    /** The API the connector calls, by name (e.g. "Microsoft Graph", "Office 365 SharePoint Online"). */
    readonly resource: string;
    readonly authentication: string;
    readonly platform: string;
    /** logicApps only: the Microsoft.Web/customApis resource and its sign-in settings (no secret). */
    readonly customApi?: {
        readonly id: pulumi.Output<string>;
        readonly oAuthSettings: pulumi.Output<CustomApiOAuthSettings>;
    };
    readonly federatedCredential?: { readonly issuer: string; readonly subject: string; readonly audience: string };
    /** The text of apiProperties.json (the component's output; the offline plan writes it as it is). */
    readonly apiProperties: pulumi.Output<string>;
    /** The text of apiDefinition.swagger.json (the component's output). */
    readonly apiDefinition: pulumi.Output<string>;
} & ClientSecretOutputs;

/** A client secret as outputs: the newest value (a secret), its end date, both slots, and its Key Vault copy. */
export interface ClientSecretOutputs {
    readonly clientSecret?: pulumi.Output<string>;
    readonly secretEndDate?: pulumi.Output<string>;
    readonly secretSlots?: pulumi.Output<SecretSlotsReport>;
    readonly keyVaultSecret?: KeyVaultSecretReference;
}

type ConnectorOutputFields = Pick<ConnectorOutput, (typeof SECURITY_TAB_FIELDS)[number]>;

/** Per Power Platform API client: what an SDK or script needs to get a token. */
export interface PowerPlatformApiClientOutput extends ClientSecretOutputs {
    readonly clientId: pulumi.Output<string>;
    readonly tenantId: string;
    readonly tokenEndpoint: string;
    readonly scope: string;
    readonly credential: string;
    readonly certificatePem?: pulumi.Output<string>;
    readonly privateKeyPem?: pulumi.Output<string>;
    /** clientSecret/certificate only: the command that registers the client with Power Platform (see entra/powerPlatformRegistration.ts). */
    readonly registrationCommand?: pulumi.Output<string>;
}

/** The stack's Key Vault, with its own azure-native provider when it lives in another subscription. */
function keyVaultTarget(config: StackConfig): { target?: KeyVaultTarget; options: pulumi.ComponentResourceOptions } {
    const kv = config.keyVault;
    if (!kv) return { options: {} };
    // The provider goes to the Key Vault secret only, never through a component's `providers`: children inherit
    // those (pulumi resource.js), so a Logic Apps custom API would land in the vault's subscription. A
    // transformation (run by the SDK for every child) sets it on the secret alone.
    // An explicit provider does not read azure-native:environment: it is given the stack's cloud itself.
    const provider = kv.subscriptionId
        ? new Provider("key-vault-subscription", {
              subscriptionId: kv.subscriptionId,
              environment: CLOUDS[config.cloud].azureNativeEnvironment,
          })
        : undefined;
    const onSecret: pulumi.ResourceTransformation = (a) =>
        a.type === "azure-native:keyvault:Secret"
            ? { props: a.props, opts: pulumi.mergeOptions(a.opts, { provider }) }
            : undefined;
    return {
        target: {
            resourceGroupName: kv.resourceGroupName,
            vaultName: kv.vaultName,
            secretNamePrefix: config.environment,
        },
        options: provider ? { transformations: [onSecret] } : {},
    };
}

/** Config's `false | true | { user }` as component arguments. */
function adminConsentArgs(adminConsent: AdminConsent): { adminConsent: boolean; adminConsentUserObjectId?: string } {
    return typeof adminConsent === "object"
        ? { adminConsent: false, adminConsentUserObjectId: adminConsent.user }
        : { adminConsent };
}

/** The stack-wide ownership options of every app registration, with this app's adoption. */
function ownership(
    config: StackConfig,
    deployerObjectId: pulumi.Input<string>,
    adopt: Adoption | undefined,
): Ownership {
    return {
        deployerObjectId,
        owners: [...config.owners],
        protect: config.production,
        deployerOwnership: config.deployerOwnership,
        adopt,
    };
}

/** The secret fields of a component with a client secret, as stack outputs. */
function secretOutputs(c: ClientSecretOutputs): ClientSecretOutputs {
    if (!c.clientSecret) return {};
    return {
        clientSecret: c.clientSecret,
        secretEndDate: c.secretEndDate,
        secretSlots: c.secretSlots,
        ...(c.keyVaultSecret ? { keyVaultSecret: { ...c.keyVaultSecret } } : {}),
    };
}

export interface StackOutputs {
    readonly apis: Record<string, ApiOutput>;
    readonly connectors: Record<string, ConnectorOutput>;
    readonly powerPlatformApiClients: Record<string, PowerPlatformApiClientOutput>;
    readonly httpWithEntraId: Record<string, HttpWithEntraIdGrantOutput>;
    /** Config-derived steps, then the registration step of each Power Platform API client that needs one. */
    readonly nextSteps: pulumi.Output<string[]>;
}

/**
 * Options for a component whose logical key was renamed: an alias to its old name. Children are named after
 * their component (`<component>-app`), so Pulumi derives their aliases from this one and nothing is replaced.
 */
export function renamedFrom(
    previousName: string | undefined,
    componentName: (key: string) => string,
): pulumi.ComponentResourceOptions {
    return previousName === undefined ? {} : { aliases: [{ name: componentName(previousName) }] };
}

/** API key -> its first key, for renamed APIs (previousName): names derived from it stay put. */
export function apiStableKeys(config: StackConfig): Record<string, string> {
    return Object.fromEntries(
        Object.entries(config.apis).flatMap(([key, api]) =>
            api.previousName === undefined ? [] : [[key, api.previousName]],
        ),
    );
}

/** Builds every resource of the stack. Config must already be validated (config.ts). */
export function composeStack(config: StackConfig): StackOutputs {
    const client = azuread.getClientConfigOutput();
    const deployerObjectId = client.objectId;

    const apis: Record<string, ProtectedApi> = {};
    for (const [key, api] of Object.entries(config.apis)) {
        apis[key] = new ProtectedApi(
            apiComponentName(key),
            {
                // Scope ids derive from this key; a renamed API keeps deriving them from its first name.
                stableKey: api.previousName ?? key,
                displayName: environmentDisplayName(api.displayName, config.environment),
                identifierUri: api.identifierUri,
                scopes: [...api.scopes],
                appRoles: api.appRoles.map((r) => ({ ...r, allowedMemberTypes: [...r.allowedMemberTypes] })),
                assignmentRequired: api.assignmentRequired,
                accessTokenVersion: api.accessTokenVersion,
                ownership: ownership(config, deployerObjectId, api.adopt),
            },
            renamedFrom(api.previousName, apiComponentName),
        );
    }

    const principals = new StackServicePrincipals(config.createServicePrincipals ?? []);
    const keyVault = keyVaultTarget(config);
    const connectors: Record<string, ConnectorOutput> = {};
    for (const [key, c] of Object.entries(config.connectors)) {
        const target = connectorApiTarget(c.resource, apis, principals);
        const connector = new ConnectorClient(
            connectorComponentName(key),
            {
                ...target.args,
                // Names that force replacement (federated credential, password) keep deriving from the first key.
                stableKey: c.previousName ?? key,
                displayName: environmentDisplayName(c.displayName, config.environment),
                connectorDisplayName: c.displayName,
                tenantId: config.tenantId,
                cloud: config.cloud,
                scopes: [...c.scopes],
                authentication: c.authentication,
                secretLifetimeDays: c.secretLifetimeDays,
                secretRotationDays: c.secretRotationDays,
                keyVault: c.authentication === "clientSecret" ? keyVault.target : undefined,
                federatedSubject: c.federatedSubject,
                redirectUrls: [...c.redirectUrls],
                onBehalfOfLogin: c.onBehalfOfLogin,
                host: c.host,
                logicApps: c.logicApps
                    ? {
                          resourceGroupName: c.logicApps.resourceGroupName,
                          location: c.logicApps.location,
                          baseUrl: c.logicApps.baseUrl,
                          // The ARM name is a path parameter of the custom API's id: a new one replaces the API and
                          // breaks its connections, so a renamed connector (previousName) keeps its first name.
                          apiName: `${config.environment}-${c.previousName ?? key}`,
                          openApiDefinition: c.logicApps.openApiFile
                              ? JSON.stringify(readOpenApiFile(key, c.logicApps.openApiFile, programProjectRoot()))
                              : undefined,
                      }
                    : undefined,
                ...adminConsentArgs(c.adminConsent),
                ownership: ownership(config, deployerObjectId, c.adopt),
            },
            { ...renamedFrom(c.previousName, connectorComponentName), ...keyVault.options },
        );
        const settings = connector.securityTab;
        const fields = Object.fromEntries(SECURITY_TAB_FIELDS.map((f) => [f, settings.apply((s) => s[f])]));
        const fic = connector.federatedCredential;
        connectors[key] = {
            ...(fields as ConnectorOutputFields),
            resource: target.label,
            authentication: c.authentication,
            platform: c.platform,
            ...secretOutputs(connector),
            ...(connector.logicAppsCustomApiId && connector.logicAppsOAuthSettings
                ? { customApi: { id: connector.logicAppsCustomApiId, oAuthSettings: connector.logicAppsOAuthSettings } }
                : {}),
            ...(fic
                ? { federatedCredential: { issuer: fic.issuer, subject: fic.subject, audience: fic.audience } }
                : {}),
            apiProperties: connector.apiProperties,
            apiDefinition: connector.apiDefinition,
        };
    }

    const apiOutputs: Record<string, ApiOutput> = Object.fromEntries(
        Object.entries(apis).map(([key, api]) => [
            key,
            { clientId: api.clientId, identifierUri: api.identifierUri, scopeIds: api.scopeIds },
        ]),
    );

    const powerPlatformApiClients: Record<string, PowerPlatformApiClientOutput> = {};
    for (const [key, c] of Object.entries(config.powerPlatformApiClients)) {
        const ppApi = principals.wellKnown("powerPlatformApi");
        const client = new PowerPlatformApiClient(
            powerPlatformApiClientComponentName(key),
            {
                displayName: environmentDisplayName(c.displayName, config.environment),
                tenantId: config.tenantId,
                cloud: config.cloud,
                permissions: [...c.permissions],
                apiServicePrincipal: ppApi,
                publicClient: c.publicClient,
                ropc: c.ropc,
                credential: c.credential,
                secretLifetimeDays: c.secretLifetimeDays,
                secretRotationDays: c.secretRotationDays,
                keyVault: c.credential === "clientSecret" ? keyVault.target : undefined,
                stableKey: c.previousName ?? key,
                certificateValidityDays: c.certificateValidityDays,
                ...adminConsentArgs(c.adminConsent),
                ownership: ownership(config, deployerObjectId, c.adopt),
            },
            { ...renamedFrom(c.previousName, powerPlatformApiClientComponentName), ...keyVault.options },
        );
        powerPlatformApiClients[key] = {
            clientId: client.clientId,
            tenantId: config.tenantId,
            tokenEndpoint: client.tokenEndpoint,
            scope: client.scope,
            credential: c.credential,
            ...secretOutputs(client),
            ...(client.certificatePem
                ? { certificatePem: client.certificatePem, privateKeyPem: client.privateKeyPem }
                : {}),
            ...(needsPowerPlatformRegistration(c.credential)
                ? { registrationCommand: client.clientId.apply(powerPlatformRegistrationCommand) }
                : {}),
        };
    }
    const clientIds = pulumi.all(
        Object.fromEntries(Object.entries(powerPlatformApiClients).map(([key, c]) => [key, c.clientId])),
    );

    const httpWithEntraId = httpWithEntraIdGrants(
        config.httpWithEntraIdGrants,
        config.cloud,
        apis,
        principals,
        apiStableKeys(config),
    );
    return {
        apis: apiOutputs,
        connectors,
        powerPlatformApiClients,
        httpWithEntraId,
        // The HTTP with Entra ID steps print the resource URI and base URL, known once the grants resolve; the
        // registration step of each Power Platform API client needs its client id.
        nextSteps: pulumi
            .all([pulumi.output(httpWithEntraId), clientIds])
            .apply(([http, ids]) => [
                ...nextSteps(config, { stack: pulumi.getStack(), httpWithEntraId: http }),
                ...powerPlatformRegistrationSteps(config, ids),
            ]),
    };
}
