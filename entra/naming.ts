// Display names per environment and child resource names: one place, so names never drift between files.

/** "Orders API" in env "dev" -> "Orders API (dev)": one tenant can hold every environment side by side. */
export function environmentDisplayName(displayName: string, environment: string): string {
    return `${displayName} (${environment})`;
}

/**
 * Child resource name from its component's name and a stable part (`orders-api` + `app` -> `orders-api-app`).
 * Keys must be stable logical names, never array indexes: a renamed child replaces the Entra object.
 */
export function childName(componentName: string, ...parts: string[]): string {
    return [componentName, ...parts].join("-");
}

/** Component names: `api-orders`, `connector-orders`; the prefix keeps an API and a connector with one key apart. */
export function apiComponentName(apiKey: string): string {
    return `api-${apiKey}`;
}

export function connectorComponentName(connectorKey: string): string {
    return `connector-${connectorKey}`;
}

export function powerPlatformApiClientComponentName(clientKey: string): string {
    return `pp-api-client-${clientKey}`;
}

/**
 * Federated credential display name; it forces replacement, so it derives only from the connector key.
 * Entra allows 3-120 characters of letters, digits, '-' and '_', starting with a letter or digit.
 */
export function federatedCredentialName(connectorKey: string): string {
    return `power-platform-${connectorKey}`;
}

/** Stack-level service principal of a Microsoft first-party API that the stack ensures exists. */
export function firstPartyServicePrincipalName(apiName: string): string {
    return `first-party-sp-${apiName}`;
}
