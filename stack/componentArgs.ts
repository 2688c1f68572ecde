// What every composer shares: stack-wide ownership, admin consent and Key Vault as component arguments, renames as aliases.
import { Provider } from "@pulumi/azure-native/provider";
import * as pulumi from "@pulumi/pulumi";
import { AdminConsent, StackConfig } from "../config";
import type { Adoption, KeyVaultSecretReference, KeyVaultTarget, Ownership, SecretSlotsReport } from "../components";
import { CLOUDS } from "../entra/clouds";

/** A client secret as outputs: the newest value (a secret), its end date, both slots, and its Key Vault copy. */
export interface ClientSecretOutputs {
    readonly clientSecret?: pulumi.Output<string>;
    readonly secretEndDate?: pulumi.Output<string>;
    readonly secretSlots?: pulumi.Output<SecretSlotsReport>;
    readonly keyVaultSecret?: KeyVaultSecretReference;
}

/** The stack's Key Vault, with its own azure-native provider when it lives in another subscription. */
export function keyVaultTarget(config: StackConfig): {
    target?: KeyVaultTarget;
    options: pulumi.ComponentResourceOptions;
} {
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
export function adminConsentArgs(adminConsent: AdminConsent): {
    adminConsent: boolean;
    adminConsentUserObjectId?: string;
} {
    return typeof adminConsent === "object"
        ? { adminConsent: false, adminConsentUserObjectId: adminConsent.user }
        : { adminConsent };
}

/** The stack-wide ownership options of every app registration, with this app's adoption. */
export function ownership(
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
export function secretOutputs(c: ClientSecretOutputs): ClientSecretOutputs {
    if (!c.clientSecret) return {};
    return {
        clientSecret: c.clientSecret,
        secretEndDate: c.secretEndDate,
        secretSlots: c.secretSlots,
        ...(c.keyVaultSecret ? { keyVaultSecret: { ...c.keyVaultSecret } } : {}),
    };
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
