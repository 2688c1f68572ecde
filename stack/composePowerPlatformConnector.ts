// A connector's `powerPlatform` entry: the custom connector the stack creates beside its client app, in one pass.
import * as pulumi from "@pulumi/pulumi";
import { ConnectorConfig, StackConfig } from "../config";
import { ConnectorClient, ConnectorFederatedCredential, PowerPlatformConnector } from "../components";
import { childName, connectorComponentName, powerPlatformConnectorComponentName } from "../entra/naming";
import { programProjectRoot, readOpenApiFile } from "../config/openApiFile";
import { renamedFrom } from "./componentArgs";
import { connectorApiHost, PLACEHOLDER_HOST } from "../entra/connectorSettings";
import { CloudName } from "../entra/clouds";

const REDIRECT_URIS_TYPE = "azuread:index/applicationRedirectUris:ApplicationRedirectUris";
const FEDERATED_CREDENTIAL_TYPE =
    "azuread:index/applicationFederatedIdentityCredential:ApplicationFederatedIdentityCredential";

/**
 * A stack that ran the two-pass flow holds the client app's redirect URIs and federated credential under the
 * ConnectorClient (`connector-<key>-redirect-uris`, `connector-<key>-federated-fic`). The connector now registers
 * them itself, so its children take those URNs as aliases: Pulumi updates them in place. Without the aliases the
 * new ones are created first and the old ones deleted last, and deleting an ApplicationRedirectUris clears the
 * app's Web redirect URIs (the resource owns the whole list: terraform-provider-azuread
 * application_redirect_uris_resource.go), which would leave the app with none.
 */
function twoPassAliases(client: ConnectorClient, clientName: string): pulumi.ResourceTransformation {
    const oldCredentialParent = pulumi.createUrn(
        childName(clientName, "federated"),
        ConnectorFederatedCredential.TYPE,
        client,
    );
    return (a) => {
        const alias =
            a.type === REDIRECT_URIS_TYPE
                ? pulumi.createUrn(childName(clientName, "redirect-uris"), REDIRECT_URIS_TYPE, client)
                : a.type === FEDERATED_CREDENTIAL_TYPE
                  ? pulumi.createUrn(
                        childName(clientName, "federated-fic"),
                        FEDERATED_CREDENTIAL_TYPE,
                        oldCredentialParent,
                    )
                  : undefined;
        return alias ? { props: a.props, opts: pulumi.mergeOptions(a.opts, { aliases: [alias] }) } : undefined;
    };
}

/** The newest password's key id: not secret, and new whenever the secret is, so a preview shows the delivery. */
function newestKeyId(client: ConnectorClient): pulumi.Output<string> | undefined {
    return client.secretSlots?.apply((s) => (s.newest === "a" ? s.a.keyId : s.b.keyId) ?? "");
}

/** The PowerPlatformConnector of a connector with `powerPlatform` in config, fed by its client's outputs. */
export function composePowerPlatformConnector(
    config: StackConfig,
    key: string,
    c: ConnectorConfig & { readonly powerPlatform: NonNullable<ConnectorConfig["powerPlatform"]> },
    client: ConnectorClient,
): PowerPlatformConnector {
    const stableKey = c.previousName ?? key;
    return new PowerPlatformConnector(
        powerPlatformConnectorComponentName(key),
        {
            stableKey,
            environment: c.powerPlatform.environment,
            // As makers name connectors, and as the connector files title it: environments already keep stacks apart.
            displayName: c.displayName,
            cloud: config.cloud,
            tenantId: config.tenantId,
            applicationId: client.applicationId,
            clientId: client.clientId,
            resourceUrl: client.resourceUrl,
            scopes: [...c.scopes],
            authentication: c.authentication,
            clientSecret: client.clientSecret,
            clientSecretVersion: newestKeyId(client),
            onBehalfOfLogin: c.onBehalfOfLogin,
            openApiJson: c.openApiFile
                ? JSON.stringify(readOpenApiFile(key, c.openApiFile, programProjectRoot()))
                : undefined,
            baseUrl: c.host ? `https://${c.host}` : wellKnownApiBaseUrl(c, config.cloud),
            additionalRedirectUrls: [...c.redirectUrls],
            federatedSubject: c.federatedSubject,
            subjectTimeoutMinutes: c.powerPlatform.subjectTimeoutMinutes,
            adoptConnectorName: c.powerPlatform.adopt,
            // An adopted app whose redirect URIs exist: the connector's component imports them, as the client would have.
            adoptRedirectUrisOfApplication: c.adopt?.existingParts?.includes("redirectUris")
                ? c.adopt.applicationObjectId
                : undefined,
        },
        {
            ...renamedFrom(c.previousName, powerPlatformConnectorComponentName),
            transformations: [twoPassAliases(client, connectorComponentName(key))],
        },
    );
}

/**
 * A well-known API's host in the stack's cloud (management.azure.com for Azure Service Management), as the connector
 * files name it: its resource URL is a token audience (https://management.core.windows.net/), not where it is called.
 */
function wellKnownApiBaseUrl(c: ConnectorConfig, cloud: CloudName): string | undefined {
    if (!("wellKnown" in c.resource)) return undefined;
    const host = connectorApiHost({ wellKnownApi: c.resource.wellKnown, cloud, resourceUrl: "", ownApi: false });
    return host === PLACEHOLDER_HOST ? undefined : `https://${host}`;
}
