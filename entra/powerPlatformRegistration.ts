// Power Platform API client credentials, and registering a client with Power Platform before it can authenticate as itself.

/** How a Power Platform API client authenticates as itself: not at all (public client), a client secret, or a certificate. */
export const POWER_PLATFORM_API_CREDENTIALS = ["none", "clientSecret", "certificate"] as const;
export type PowerPlatformApiCredential = (typeof POWER_PLATFORM_API_CREDENTIALS)[number];

/**
 * A client that gets tokens as itself (client secret or certificate: the client credentials flow) works with
 * Power Platform API only after an administrator registered its application id with Power Platform (Learn,
 * "Authentication" for Power Platform API: "This can only be used after you have registered this client
 * application ID with Microsoft Power Platform"; "Creating a service principal application using API": there is
 * no admin-center way, and "a service principal can't register itself", an administrator signed in as a user must,
 * https://learn.microsoft.com/power-platform/admin/powerplatform-api-create-service-principal). No Pulumi resource
 * of this stack's providers does it, so the stack reports the command instead.
 */
export function needsPowerPlatformRegistration(credential: string): boolean {
    return credential === "clientSecret" || credential === "certificate";
}

/**
 * The Power Platform CLI command that registers the client (Learn, pac admin reference, "pac admin application
 * register": `--application-id` is the Microsoft Entra application (client) id,
 * https://learn.microsoft.com/power-platform/developer/cli/reference/admin#pac-admin-application-register).
 */
export function powerPlatformRegistrationCommand(clientId: string): string {
    return `pac admin application register --application-id ${clientId}`;
}

/** The next step for one client, naming its client id and the command; run once per tenant by a Power Platform admin. */
export function powerPlatformRegistrationStep(key: string, clientId: string): string {
    return (
        `Power Platform API client "${key}": before it can authenticate as itself (secret or certificate), a Power Platform ` +
        `administrator signed in as a user (pac auth create) registers client id ${clientId} with Power Platform once: ` +
        `\`${powerPlatformRegistrationCommand(clientId)}\` (also in \`pulumi stack output powerPlatformApiClients --json | jq -r '.["${key}"].registrationCommand'\`).`
    );
}
