// The `connectors` section: one ConnectorClient per entry, and every Security-tab field as an output.
import * as pulumi from "@pulumi/pulumi";
import { StackConfig } from "../config";
import { ConnectorClient, type CustomApiOAuthSettings, ProtectedApi, type SecurityTabSettings } from "../components";
import { SECURITY_TAB_FIELDS } from "../entra/connectorSettings";
import { connectorComponentName, environmentDisplayName } from "../entra/naming";
import { programProjectRoot, readOpenApiFile } from "../config/openApiFile";
import { connectorApiTarget } from "./apiTargets";
import {
    adminConsentArgs,
    ClientSecretOutputs,
    keyVaultTarget,
    ownership,
    renamedFrom,
    secretOutputs,
} from "./componentArgs";
import { composePowerPlatformConnector } from "./composePowerPlatformConnector";
import { StackServicePrincipals } from "./servicePrincipals";

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
    /**
     * logicApps only: the Microsoft.Web/customApis resource the stack deploys, like `powerPlatformConnector` for a
     * Power Platform one: its id, ARM name, redirect URL (registered on the client app in the same pass) and sign-in
     * settings (no secret).
     */
    readonly customApi?: {
        readonly id: pulumi.Output<string>;
        readonly name: string;
        readonly redirectUrl: pulumi.Output<string>;
        readonly oAuthSettings: pulumi.Output<CustomApiOAuthSettings>;
    };
    readonly federatedCredential?: {
        readonly issuer: pulumi.Input<string>;
        readonly subject: pulumi.Input<string>;
        readonly audience: pulumi.Input<string>;
    };
    /** With `powerPlatform` only: the custom connector the stack created (or adopted) and its redirect URL. */
    readonly powerPlatformConnector?: {
        readonly environment: string;
        readonly name: pulumi.Output<string>;
        readonly redirectUrl: pulumi.Output<string>;
    };
    /** The text of apiProperties.json (the component's output; the offline plan writes it as it is). */
    readonly apiProperties: pulumi.Output<string>;
    /** The text of apiDefinition.swagger.json (the component's output). */
    readonly apiDefinition: pulumi.Output<string>;
} & ClientSecretOutputs;

type ConnectorOutputFields = Pick<ConnectorOutput, (typeof SECURITY_TAB_FIELDS)[number]>;

/**
 * The custom API's ARM name. It is a path parameter of the custom API's id: a new one replaces the API and breaks its
 * connections, so a renamed connector (previousName) keeps its first name.
 */
function logicAppsApiName(config: StackConfig, key: string, c: StackConfig["connectors"][string]): string {
    return `${config.environment}-${c.previousName ?? key}`;
}

/** What the connectors call: the stack's APIs and the service principals it looks up or creates. */
export interface ConnectorTargets {
    readonly apis: Readonly<Record<string, ProtectedApi>>;
    readonly principals: StackServicePrincipals;
}

/** Every connector of the stack, as stack outputs by config key. */
export function composeConnectors(
    config: StackConfig,
    deployerObjectId: pulumi.Input<string>,
    targets: ConnectorTargets,
    keyVault: ReturnType<typeof keyVaultTarget>,
): Record<string, ConnectorOutput> {
    const connectors: Record<string, ConnectorOutput> = {};
    for (const [key, c] of Object.entries(config.connectors)) {
        const target = connectorApiTarget(c.resource, targets.apis, targets.principals);
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
                // A connector the stack creates registers its own redirect URL and subject (composePowerPlatformConnector).
                federatedSubject: c.powerPlatform ? undefined : c.federatedSubject,
                redirectUrls: c.powerPlatform ? [] : [...c.redirectUrls],
                onBehalfOfLogin: c.onBehalfOfLogin,
                host: c.host,
                logicApps: c.logicApps
                    ? {
                          resourceGroupName: c.logicApps.resourceGroupName,
                          location: c.logicApps.location,
                          baseUrl: c.logicApps.baseUrl,
                          apiName: logicAppsApiName(config, key, c),
                          openApiDefinition: c.logicApps.openApiFile
                              ? JSON.stringify(readOpenApiFile(key, c.logicApps.openApiFile, programProjectRoot()))
                              : undefined,
                      }
                    : undefined,
                ...adminConsentArgs(c.adminConsent),
                // With powerPlatform the connector's component registers (and adopts) the redirect URIs, not the client.
                ownership: ownership(
                    config,
                    deployerObjectId,
                    c.powerPlatform && c.adopt
                        ? { ...c.adopt, existingParts: c.adopt.existingParts?.filter((p) => p !== "redirectUris") }
                        : c.adopt,
                ),
            },
            { ...renamedFrom(c.previousName, connectorComponentName), ...keyVault.options },
        );
        const created = c.powerPlatform
            ? composePowerPlatformConnector(config, key, { ...c, powerPlatform: c.powerPlatform }, connector)
            : undefined;
        const settings = created
            ? pulumi
                  .all([connector.securityTab, created.redirectUris])
                  .apply(([tab, redirectUrls]) => ({ ...tab, redirectUrls }))
            : connector.securityTab;
        const fields = Object.fromEntries(SECURITY_TAB_FIELDS.map((f) => [f, settings.apply((s) => s[f])]));
        const fic = connector.federatedCredential;
        connectors[key] = {
            ...(fields as ConnectorOutputFields),
            resource: target.label,
            authentication: c.authentication,
            platform: c.platform,
            ...secretOutputs(connector),
            ...(connector.logicAppsCustomApiId && connector.logicAppsOAuthSettings && c.logicApps
                ? {
                      customApi: {
                          id: connector.logicAppsCustomApiId,
                          name: logicAppsApiName(config, key, c),
                          redirectUrl: connector.logicAppsOAuthSettings.apply((o) => o.redirectUrl),
                          oAuthSettings: connector.logicAppsOAuthSettings,
                      },
                  }
                : {}),
            ...(fic
                ? { federatedCredential: { issuer: fic.issuer, subject: fic.subject, audience: fic.audience } }
                : {}),
            ...(created?.federatedSubject && created.federatedIssuer && created.federatedAudience
                ? {
                      federatedCredential: {
                          issuer: created.federatedIssuer,
                          subject: created.federatedSubject,
                          audience: created.federatedAudience,
                      },
                  }
                : {}),
            ...(created
                ? {
                      powerPlatformConnector: {
                          environment: created.environment,
                          name: created.connectorName,
                          redirectUrl: created.redirectUrl,
                      },
                  }
                : {}),
            // A connector the stack created: the files as deployed, with the redirect URL the platform assigned.
            apiProperties: created?.apiProperties ?? connector.apiProperties,
            apiDefinition: created?.apiDefinition ?? connector.apiDefinition,
        };
    }
    return connectors;
}
