// Config key names this project reads: its namespace and the provider keys it checks.

/** Config namespace of this project (the Pulumi project name). */
export const NAMESPACE = "entra-connectors";
export const TENANT_KEY = "azuread:tenantId";
export const PROVIDER_ENVIRONMENT_KEY = "azuread:environment";
export const AZURE_NATIVE_SUBSCRIPTION_KEY = "azure-native:subscriptionId";
/** The azure-native provider's cloud; must match entra-connectors:cloud (Logic Apps and Key Vault resources). */
export const AZURE_NATIVE_ENVIRONMENT_KEY = "azure-native:environment";
