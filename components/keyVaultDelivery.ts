// Key Vault delivery: the newest client secret is also kept in a Key Vault secret, for Power Platform to reference.
import { Secret } from "@pulumi/azure-native/keyvault";
import * as pulumi from "@pulumi/pulumi";
import type { ClientSecret } from "./clientSecret";
import { childName } from "../entra/naming";

/** The stack's `keyVault` config, plus what the stack derives from it. */
export interface KeyVaultTarget {
    readonly resourceGroupName: string;
    readonly vaultName: string;
    /** The environment: one vault can serve several stacks without their secret names colliding. */
    readonly secretNamePrefix: string;
    /** An azure-native provider for the vault's subscription, when it is not the deployment's default. */
    readonly provider?: pulumi.ProviderResource;
}

export interface KeyVaultSecretReference {
    readonly vaultName: string;
    readonly secretName: string;
    /**
     * The secret's ARM resource id: the value a Power Platform environment variable of type Secret takes
     * (/subscriptions/{id}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{vault}/secrets/{name}).
     */
    readonly resourceId: pulumi.Output<string>;
}

/** Key Vault object names: 1-127 letters, digits and dashes. */
const SECRET_NAME = /^[0-9A-Za-z-]{1,127}$/;

export function keyVaultSecretName(prefix: string, componentName: string): string {
    const name = `${prefix}-${componentName}-client-secret`.replace(/[^0-9A-Za-z-]/g, "-");
    if (!SECRET_NAME.test(name)) {
        throw new Error(`Key Vault secret name "${name}" is not 1-127 letters, digits and dashes; shorten the connector key`);
    }
    return name;
}

/** RFC 3339 -> seconds since 1970, the unit of Key Vault's `attributes.expires`. */
export function epochSeconds(rfc3339: string): number {
    return Math.floor(Date.parse(rfc3339) / 1000);
}

/**
 * One Key Vault secret per client secret. A renewal changes the value, which Key Vault keeps as a new version
 * of the same secret, so whatever references the secret by name reads the newest password.
 */
export function deliverToKeyVault(
    componentName: string,
    /** What the secret name derives from: the component's name before any rename. */
    stableName: string,
    target: KeyVaultTarget,
    secret: Pick<ClientSecret, "value" | "keyId" | "endDate">,
    parent: pulumi.Resource,
): KeyVaultSecretReference {
    const secretName = keyVaultSecretName(target.secretNamePrefix, stableName);
    const kvSecret = new Secret(
        childName(componentName, "key-vault-secret"),
        {
            resourceGroupName: target.resourceGroupName,
            vaultName: target.vaultName,
            secretName,
            properties: {
                value: secret.value,
                contentType: "text/plain",
                attributes: { enabled: true, expires: secret.endDate.apply(epochSeconds) },
            },
            tags: { "managed-by": "entra-connectors", "entra-key-id": secret.keyId },
        },
        { parent, provider: target.provider, additionalSecretOutputs: ["properties"] },
    );
    return { vaultName: target.vaultName, secretName, resourceId: kvSecret.id };
}
