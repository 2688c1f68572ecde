// The Logic Apps flavour of a connector: a Microsoft.Web/customApis resource whose `token` signs in with Entra ID.
import { CustomApi } from "@pulumi/azure-native/web";
import * as pulumi from "@pulumi/pulumi";
import { ConnectorSecurityInput, renderApiDefinition, renderApiProperties } from "../entra/connectorSettings";

/** Host and base path of the API's base URL, as the generated OpenAPI definition needs them. */
export function splitBaseUrl(baseUrl: string): { host: string; basePath: string } {
    const url = new URL(baseUrl);
    const basePath = url.pathname.replace(/\/+$/, "") || "/";
    return { host: url.host, basePath };
}

/** The `properties` of a custom API's OAuth settings. */
export interface CustomApiOAuthProperties {
    /** "False": the connector is not Microsoft's own. */
    readonly IsFirstParty: string;
    /** The resource URL the token is for. */
    readonly AzureActiveDirectoryResourceId: string;
    /** Whether the aad provider supports on-behalf-of login (it does). */
    readonly IsOnbehalfofLoginSupported: boolean;
}

/** One custom parameter of a custom API's OAuth settings. */
export interface CustomParameterValue {
    /** The parameter's value. */
    readonly value: string;
}

/** The Logic Apps custom API (`Microsoft.Web/customApis`) a ConnectorClient can deploy for its connector. */
export interface LogicAppsCustomApi {
    /** Resource group of the custom API. */
    readonly resourceGroupName: string;
    /** Azure region of the custom API, e.g. "westeurope". */
    readonly location: string;
    /** The backend URL the custom API calls, e.g. "https://orders.contoso.com/api". */
    readonly baseUrl: string;
    /** ARM resource name of the custom API. Default: the component's name. */
    readonly apiName?: string;
    /** OpenAPI 2.0 definition as JSON text. Default: one generated from `baseUrl`, with no operations yet. */
    readonly openApiDefinition?: string;
}

/** The `oAuthSettings` of the custom API's `token` connection parameter, without the secret. */
export interface CustomApiOAuthSettings {
    /** "aad". */
    readonly identityProvider: string;
    /** The connector's client id. */
    readonly clientId: string;
    /** Scopes the connector requests. */
    readonly scopes: string[];
    /** The Logic Apps consent redirect the client app registers. */
    readonly redirectUrl: string;
    /** IsFirstParty, AzureActiveDirectoryResourceId, IsOnbehalfofLoginSupported. */
    readonly properties: CustomApiOAuthProperties;
    /** loginUri, tenantId, resourceUri, enableOnbehalfOfLogin, each as { value }. */
    readonly customParameters: Record<string, CustomParameterValue>;
}

/**
 * The same `token` settings a Power Platform connector's apiProperties.json holds (connectorSettings.ts),
 * minus `redirectMode`, which Microsoft.Web/customApis 2016-06-01 has no field for (ApiOAuthSettings:
 * identityProvider, clientId, clientSecret, scopes, redirectUrl, properties, customParameters). The redirect URL
 * is the Logic Apps one the client app registers (wellKnownApis.ts). The client secret is added by the caller.
 */
export function customApiOAuthSettings(input: ConnectorSecurityInput): CustomApiOAuthSettings {
    const rendered = renderApiProperties(input) as {
        properties: {
            connectionParameters: { token: { oAuthSettings: CustomApiOAuthSettings & { redirectMode?: string } } };
        };
    };
    const { redirectMode: _perConnectorOnly, ...settings } =
        rendered.properties.connectionParameters.token.oAuthSettings;
    const [redirectUrl] = input.redirectUrls;
    if (!redirectUrl)
        throw new Error(`connector "${input.connectorKey}": a Logic Apps custom API needs a redirect URL`);
    return { ...settings, redirectUrl };
}

/** Arguments of createLogicAppsCustomApi. */
export interface LogicAppsCustomApiArgs {
    /** The connector's sign-in settings. */
    readonly security: pulumi.Input<ConnectorSecurityInput>;
    /** The newest client secret (a Pulumi secret). */
    readonly clientSecret: pulumi.Output<string>;
    /** Resource group of the custom API. */
    readonly resourceGroupName: string;
    /** Azure region of the custom API. */
    readonly location: string;
    /** The backend URL the custom API calls. */
    readonly baseUrl: string;
    /** ARM resource name of the custom API. */
    readonly apiName: string;
    /** Display name of the custom API. */
    readonly displayName: pulumi.Input<string>;
    /** OpenAPI 2.0 definition from config; default: one generated from the base URL, with no operations yet. */
    readonly openApi?: Record<string, unknown>;
}

/**
 * The custom API, and its OAuth settings without the secret: azure-native lifts `properties` into one Output,
 * which the secret inside makes secret as a whole, so state and plans show none of it; the stack exports these
 * settings instead, computed by the same function.
 */
export function createLogicAppsCustomApi(
    name: string,
    args: LogicAppsCustomApiArgs,
    parent: pulumi.Resource,
): { customApi: CustomApi; oAuthSettings: pulumi.Output<CustomApiOAuthSettings> } {
    const security = pulumi.output(args.security);
    const oauth = security.apply(customApiOAuthSettings);
    const customApi = new CustomApi(
        name,
        {
            resourceGroupName: args.resourceGroupName,
            location: args.location,
            apiName: args.apiName,
            properties: {
                displayName: args.displayName,
                apiType: "Rest",
                backendService: { serviceUrl: args.baseUrl },
                swagger: args.openApi ?? security.apply((s) => renderApiDefinition(s, splitBaseUrl(args.baseUrl))),
                connectionParameters: {
                    token: {
                        type: "oauthSetting",
                        oAuthSettings: {
                            identityProvider: oauth.identityProvider,
                            clientId: oauth.clientId,
                            scopes: oauth.scopes,
                            redirectUrl: oauth.redirectUrl,
                            properties: oauth.properties,
                            customParameters: oauth.customParameters,
                            // Write-only in ARM; a Pulumi secret here, so state and plans show it masked.
                            clientSecret: pulumi.secret(args.clientSecret),
                        },
                    },
                },
            },
        },
        // The properties hold the client secret: keep every copy of them secret in state and in previews.
        { parent, additionalSecretOutputs: ["properties"] },
    );
    return { customApi, oAuthSettings: oauth };
}
