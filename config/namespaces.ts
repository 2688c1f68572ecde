// The config namespaces this project reads and the real keys of each provider's namespace: anything else is a typo.
import { NAMESPACE } from "./keys";
import { CONFIG_KEYS } from "./schema";

/**
 * Per namespace the keys that exist, or "any". Provider keys are the providers' own config variables:
 * - azuread: pulumi-azuread schema.json `config.variables` (provider 6.9.1; /work/shared/reference/pulumi-azuread).
 * - azure-native: node_modules/@pulumi/azure-native/config/vars.js (3.28.0), the keys `new pulumi.Config("azure-native")` reads.
 * - tls: node_modules/@pulumi/tls/config/vars.js (5.6.1): `proxy`. (@pulumiverse/time has no provider config.)
 * - pulumi: the engine's own keys (pulumi:tags, pulumi:disable-default-providers, ...); not enumerated here.
 */
export const KNOWN_NAMESPACES: Readonly<Record<string, readonly string[] | "any">> = {
    [NAMESPACE]: CONFIG_KEYS,
    azuread: [
        "adoPipelineServiceConnectionId",
        "clientCertificate",
        "clientCertificatePassword",
        "clientCertificatePath",
        "clientId",
        "clientIdFilePath",
        "clientSecret",
        "clientSecretFilePath",
        "disableTerraformPartnerId",
        "environment",
        "metadataHost",
        "msiEndpoint",
        "oidcRequestToken",
        "oidcRequestUrl",
        "oidcToken",
        "oidcTokenFilePath",
        "partnerId",
        "tenantId",
        "useAksWorkloadIdentity",
        "useCli",
        "useMsi",
        "useOidc",
    ],
    "azure-native": [
        "auxiliaryTenantIds",
        "clientCertificatePassword",
        "clientCertificatePath",
        "clientId",
        "clientSecret",
        "disableInstanceDiscovery",
        "disablePulumiPartnerId",
        "environment",
        "location",
        "metadataHost",
        "msiEndpoint",
        "oidcRequestToken",
        "oidcRequestUrl",
        "oidcToken",
        "oidcTokenFilePath",
        "partnerId",
        "subscriptionId",
        "tenantId",
        "useDefaultAzureCredential",
        "useMsi",
        "useOidc",
    ],
    tls: ["proxy"],
    pulumi: "any",
};

export const NAMESPACE_NAMES = Object.keys(KNOWN_NAMESPACES);

/** `a, b and c` */
export function listWords(items: readonly string[]): string {
    return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
