// What a maker needs of a ConnectorClient, as outputs every language sees: the Security tab and the connector files.
import * as pulumi from "@pulumi/pulumi";
import {
    ConnectorAuthentication,
    connectorApiHost,
    connectorSecurityInput,
    ConnectorSecurityInput,
    connectorSecuritySettings,
    renderApiDefinition,
    renderApiProperties,
    toJsonFile,
} from "../entra/connectorSettings";
import { CloudName } from "../entra/clouds";

/** The connector's Security tab (Power Platform, Microsoft Entra ID), field by field, as the maker types it. */
export interface SecurityTabSettings {
    /** "Identity Provider": Azure Active Directory. */
    readonly identityProvider: string;
    /** "Client ID": the connector client app's client id. */
    readonly clientId: string;
    /** "Secret options": "Use client secret" or "Use managed identity". */
    readonly secretOption: string;
    /** "Login URL": the cloud's login host, no trailing slash. */
    readonly authorizationUrl: string;
    /** "Tenant ID". */
    readonly tenantId: string;
    /** "Resource URL", exactly as the API names it (a trailing slash matters to some APIs). */
    readonly resourceUrl: string;
    /** "Scope": the scopes, space-separated ("" when none). */
    readonly scope: string;
    /** "Enable on-behalf-of login". */
    readonly enableOnBehalfOfLogin: boolean;
    /** Redirect URLs registered on the client app, in order. */
    readonly redirectUrls: string[];
}

/** The values the maker outputs derive from, once the app exists. */
export interface ConnectorMakerValues {
    readonly stableKey: string;
    readonly title: pulumi.Input<string>;
    readonly cloud: CloudName;
    readonly tenantId: string;
    readonly clientId: pulumi.Input<string>;
    readonly resourceUrl: pulumi.Input<string>;
    readonly scopes: readonly string[];
    readonly authentication: ConnectorAuthentication;
    readonly onBehalfOfLogin: boolean;
    readonly redirectUrls: readonly string[];
    readonly host?: string;
    readonly wellKnownApi?: string;
    readonly ownApi: boolean;
}

/** The connector's security input (connectorSecurityInput, the one builder) as an Output. */
export function securityInputOutput(v: ConnectorMakerValues): pulumi.Output<ConnectorSecurityInput> {
    return pulumi.all([v.clientId, v.resourceUrl, v.title]).apply(([clientId, resourceUrl, displayName]) =>
        connectorSecurityInput({
            connectorKey: v.stableKey,
            displayName,
            cloud: v.cloud,
            tenantId: v.tenantId,
            clientId,
            resourceUrl,
            scopes: v.scopes,
            authentication: v.authentication,
            onBehalfOfLogin: v.onBehalfOfLogin,
            redirectUrls: v.redirectUrls,
        }),
    );
}

/** The Security tab with plain, schema-friendly types. */
export function securityTab(input: ConnectorSecurityInput): SecurityTabSettings {
    const s = connectorSecuritySettings(input);
    return { ...s, redirectUrls: [...s.redirectUrls] };
}

/** The two connector files' texts (exactly what `pac connector create` / `paconn create` read; no secret). */
export function connectorFileOutputs(
    input: pulumi.Output<ConnectorSecurityInput>,
    v: ConnectorMakerValues,
): { apiProperties: pulumi.Output<string>; apiDefinition: pulumi.Output<string> } {
    return {
        apiProperties: input.apply((i) => toJsonFile(renderApiProperties(i))),
        apiDefinition: input.apply((i) =>
            toJsonFile(
                renderApiDefinition(i, {
                    host: connectorApiHost({
                        host: v.host,
                        wellKnownApi: v.wellKnownApi,
                        cloud: v.cloud,
                        resourceUrl: i.resourceUrl,
                        ownApi: v.ownApi,
                    }),
                }),
            ),
        ),
    };
}
