// A stack that writes Azure resources (Key Vault secrets, Logic Apps custom APIs) needs azure-native's subscription.
import { ConfigProblem } from "../errors";
import { AZURE_NATIVE_SUBSCRIPTION_KEY, NAMESPACE } from "../keys";
import { StackConfig } from "../model";

/**
 * azure-native refuses OIDC sign-in (how CI deploys) without a subscription: "A Subscription ID must be configured
 * when authenticating with OIDC." (pulumi/pulumi-azure-native provider/pkg/provider/auth_azidentity.go,
 * newOidcCredential; read from `azure-native:subscriptionId` or ARM_SUBSCRIPTION_ID). The stack file is what this
 * project can check, so a stack creating azure-native resources names the subscription there: the provider's
 * `azure-native:subscriptionId`, or for Key Vault alone `keyVault.subscriptionId` (its own provider).
 */
export function azureSubscriptionProblems(config: StackConfig, subscriptionId: string | undefined): ConfigProblem[] {
    if (subscriptionId !== undefined && subscriptionId !== "") return [];
    const users: string[] = [];
    const keyVaultNeedsIt = config.keyVault !== undefined && config.keyVault.subscriptionId === undefined;
    if (keyVaultNeedsIt) users.push(`Key Vault secrets (${NAMESPACE}:keyVault)`);
    for (const key of Object.keys(config.connectors).sort()) {
        if (config.connectors[key].platform === "logicApps")
            users.push(`a Logic Apps custom API (${NAMESPACE}:connectors.${key}.platform: logicApps)`);
    }
    if (users.length === 0) return [];
    return [
        {
            path: AZURE_NATIVE_SUBSCRIPTION_KEY,
            message:
                `is not set, but this stack creates ${users.join(" and ")}; azure-native signing in with OIDC (as CI does) fails with ` +
                `"A Subscription ID must be configured when authenticating with OIDC". Fix: pulumi config set ${AZURE_NATIVE_SUBSCRIPTION_KEY} <subscription GUID> ` +
                `(az account show --query id -o tsv)${keyVaultNeedsIt && users.length === 1 ? `, or set ${NAMESPACE}:keyVault.subscriptionId` : ""}.`,
        },
    ];
}
