// Plain-sentence next steps for a person, derived from config alone (the two-pass connector flow).
import { NAMESPACE, StackConfig } from "../config";
import { globalConsentRedirectUrl } from "../entra/wellKnownApis";
import { needsPowerPlatformRegistration, powerPlatformRegistrationStep } from "../entra/powerPlatformRegistration";

/**
 * What a person has to do after this `pulumi up`. A per-connector redirect URL and a managed-identity
 * subject exist only once the connector is created, so the first pass says how to finish in a second one.
 */
export function nextSteps(config: StackConfig): string[] {
    const steps: string[] = [];
    const globalRedirect = globalConsentRedirectUrl(config.cloud);
    for (const [key, c] of Object.entries(config.connectors).sort(([a], [b]) => a.localeCompare(b))) {
        const settings = `pulumi stack output connectors --json | jq '.["${key}"]'`;
        if (c.authentication === "managedIdentity" && c.federatedSubject === undefined) {
            steps.push(
                `Connector "${key}": create the custom connector with the Security settings from \`${settings}\` ` +
                    `(Secret options: Use managed identity), then set ${NAMESPACE}:connectors.${key}.federatedSubject ` +
                    `to the subject it shows and run pulumi up again.`,
            );
        }
        if (c.redirectUrls.length === 1 && c.redirectUrls[0] === globalRedirect) {
            steps.push(
                `Connector "${key}": after saving the connector, copy the per-connector redirect URL it shows ` +
                    `into ${NAMESPACE}:connectors.${key}.redirectUrls and run pulumi up again.`,
            );
        }
        if (c.authentication === "clientSecret") {
            steps.push(
                `Connector "${key}": paste the client secret from ` +
                    `\`pulumi stack output connectors --show-secrets --json | jq -r '.["${key}"].clientSecret'\` ` +
                    `into the connector's Security tab (never into a file).`,
            );
        }
        if (!c.adminConsent) {
            steps.push(
                `Connector "${key}": each user consents at first sign-in; set ${NAMESPACE}:connectors.${key}.adminConsent ` +
                    `to true to consent once for the whole tenant.`,
            );
        }
    }
    return steps;
}

/**
 * The registration step of each Power Platform API client that authenticates as itself (a separate step list:
 * it needs the clients' ids, which exist only after deployment, so composeStack resolves them first).
 */
export function powerPlatformRegistrationSteps(config: StackConfig, clientIds: Readonly<Record<string, string>>): string[] {
    return Object.entries(config.powerPlatformApiClients)
        .sort(([a], [b]) => a.localeCompare(b))
        .filter(([key, c]) => needsPowerPlatformRegistration(c.credential) && clientIds[key] !== undefined)
        .map(([key]) => powerPlatformRegistrationStep(key, clientIds[key]));
}
