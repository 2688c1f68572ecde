// The `powerPlatformApiClients` section: one PowerPlatformApiClient per entry, and what an SDK or script needs.
import * as pulumi from "@pulumi/pulumi";
import { StackConfig } from "../config";
import { PowerPlatformApiClient } from "../components";
import { environmentDisplayName, powerPlatformApiClientComponentName } from "../entra/naming";
import { needsPowerPlatformRegistration, powerPlatformRegistrationCommand } from "../entra/powerPlatformRegistration";
import {
    adminConsentArgs,
    ClientSecretOutputs,
    keyVaultTarget,
    ownership,
    renamedFrom,
    secretOutputs,
} from "./componentArgs";
import { StackServicePrincipals } from "./servicePrincipals";

/** Per Power Platform API client: what an SDK or script needs to get a token. */
export interface PowerPlatformApiClientOutput extends ClientSecretOutputs {
    readonly clientId: pulumi.Output<string>;
    readonly tenantId: string;
    readonly tokenEndpoint: string;
    readonly scope: string;
    readonly credential: string;
    readonly certificatePem?: pulumi.Output<string>;
    readonly privateKeyPem?: pulumi.Output<string>;
    /** clientSecret/certificate only: the command that registers the client with Power Platform (see entra/powerPlatformRegistration.ts). */
    readonly registrationCommand?: pulumi.Output<string>;
}

/** Every Power Platform API client of the stack, as stack outputs by config key. */
export function composePowerPlatformApiClients(
    config: StackConfig,
    deployerObjectId: pulumi.Input<string>,
    principals: StackServicePrincipals,
    keyVault: ReturnType<typeof keyVaultTarget>,
): Record<string, PowerPlatformApiClientOutput> {
    const outputs: Record<string, PowerPlatformApiClientOutput> = {};
    for (const [key, c] of Object.entries(config.powerPlatformApiClients)) {
        const client = new PowerPlatformApiClient(
            powerPlatformApiClientComponentName(key),
            {
                displayName: environmentDisplayName(c.displayName, config.environment),
                tenantId: config.tenantId,
                cloud: config.cloud,
                permissions: [...c.permissions],
                apiServicePrincipal: principals.wellKnown("powerPlatformApi"),
                publicClient: c.publicClient,
                ropc: c.ropc,
                credential: c.credential,
                secretLifetimeDays: c.secretLifetimeDays,
                secretRotationDays: c.secretRotationDays,
                keyVault: c.credential === "clientSecret" ? keyVault.target : undefined,
                stableKey: c.previousName ?? key,
                certificateValidityDays: c.certificateValidityDays,
                ...adminConsentArgs(c.adminConsent),
                ownership: ownership(config, deployerObjectId, c.adopt),
            },
            { ...renamedFrom(c.previousName, powerPlatformApiClientComponentName), ...keyVault.options },
        );
        outputs[key] = {
            clientId: client.clientId,
            tenantId: config.tenantId,
            tokenEndpoint: client.tokenEndpoint,
            scope: client.scope,
            credential: c.credential,
            ...secretOutputs(client),
            ...(client.certificatePem
                ? { certificatePem: client.certificatePem, privateKeyPem: client.privateKeyPem }
                : {}),
            ...(needsPowerPlatformRegistration(c.credential)
                ? { registrationCommand: client.clientId.apply(powerPlatformRegistrationCommand) }
                : {}),
        };
    }
    return outputs;
}
