// Display names per environment, child resource names and Key Vault secret names: one place, so names never drift between files.

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

/** Key Vault object names: 1-127 letters, digits and dashes. */
const SECRET_NAME = /^[0-9A-Za-z-]{1,127}$/;

/** `<prefix>-<component>-client-secret`, with anything but letters, digits and dashes made a dash. */
export function keyVaultSecretName(prefix: string, componentName: string): string {
    const name = `${prefix}-${componentName}-client-secret`.replace(/[^0-9A-Za-z-]/g, "-");
    if (!SECRET_NAME.test(name)) {
        throw new Error(
            `Key Vault secret name "${name}" is not 1-127 letters, digits and dashes; shorten the connector key`,
        );
    }
    return name;
}

/** The stack's PowerPlatformConnector of a connector key: beside the connector's client (`connector-<key>`). */
export function powerPlatformConnectorComponentName(connectorKey: string): string {
    return `${connectorComponentName(connectorKey)}-power-platform`;
}
