// Key Vault delivery: the newest client secret is also kept in a Key Vault secret, for Power Platform to reference.
import { Secret } from "@pulumi/azure-native/keyvault";
import * as pulumi from "@pulumi/pulumi";
import { childName, keyVaultSecretName } from "../entra/naming";

// The name rule is pure (the barrel exports it without loading azure-native); kept importable from here too.
export { keyVaultSecretName };

/** A Key Vault that receives the newest client secret. */
export interface KeyVaultTarget {
    /** Resource group of the vault. */
    readonly resourceGroupName: string;
    /** Name of the vault. */
    readonly vaultName: string;
    /** Prefix of the secret name, e.g. the environment: one vault can serve several stacks without collisions. */
    readonly secretNamePrefix: string;
}

/** Where a client secret is kept in Key Vault. */
export interface KeyVaultSecretReference {
    /** Name of the vault. */
    readonly vaultName: string;
    /** Name of the secret in the vault. */
    readonly secretName: string;
    /**
     * The secret's ARM resource id: the value a Power Platform environment variable of type Secret takes
     * (/subscriptions/{id}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{vault}/secrets/{name}).
     */
    readonly resourceId: pulumi.Output<string>;
}

/** The newest password of a client secret, as Key Vault delivery needs it. */
export interface DeliveredSecret {
    /** The secret text, a Pulumi secret. */
    readonly value: pulumi.Output<string>;
    /** Key id of the password: tagged on the Key Vault secret. */
    readonly keyId: pulumi.Output<string>;
    /** End date (RFC 3339): the Key Vault secret's expiry. */
    readonly endDate: pulumi.Output<string>;
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
    secret: DeliveredSecret,
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
        { parent, additionalSecretOutputs: ["properties"] },
    );
    return { vaultName: target.vaultName, secretName, resourceId: kvSecret.id };
}
