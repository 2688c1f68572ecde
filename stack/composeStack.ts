// Composes a stack from validated config: one composer per config section, then the steps a person takes next.
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { StackConfig } from "../config";
import { SECURITY_TAB_FIELDS } from "../entra/connectorSettings";
import { httpWithEntraIdGrants, HttpWithEntraIdGrantOutput } from "./httpWithEntraIdGrants";
import { nextStepsOf, powerPlatformRegistrationSteps } from "./nextSteps";
import { ApiOutput, apiOutputs, composeApis } from "./composeApis";
import { composeConnectors, ConnectorOutput } from "./composeConnectors";
import { composePowerPlatformApiClients, PowerPlatformApiClientOutput } from "./composePowerPlatformApiClients";
import { apiStableKeys, keyVaultTarget } from "./componentArgs";
import { StackServicePrincipals } from "./servicePrincipals";

export type { ApiOutput, ConnectorOutput, PowerPlatformApiClientOutput };
export type { ClientSecretOutputs } from "./componentArgs";
export { apiStableKeys, renamedFrom } from "./componentArgs";
export { SECURITY_TAB_FIELDS };

export interface StackOutputs {
    readonly apis: Record<string, ApiOutput>;
    readonly connectors: Record<string, ConnectorOutput>;
    readonly powerPlatformApiClients: Record<string, PowerPlatformApiClientOutput>;
    readonly httpWithEntraId: Record<string, HttpWithEntraIdGrantOutput>;
    /** Config-derived steps, then the registration step of each Power Platform API client that needs one. */
    readonly nextSteps: pulumi.Output<string[]>;
}

/** Builds every resource of the stack. Config must already be validated (config.ts). */
export function composeStack(config: StackConfig): StackOutputs {
    const deployerObjectId = azuread.getClientConfigOutput().objectId;
    const apis = composeApis(config, deployerObjectId);
    const principals = new StackServicePrincipals(config.createServicePrincipals ?? []);
    const keyVault = keyVaultTarget(config);
    const connectors = composeConnectors(config, deployerObjectId, { apis, principals }, keyVault);
    const powerPlatformApiClients = composePowerPlatformApiClients(config, deployerObjectId, principals, keyVault);
    const clientIds = pulumi.all(
        Object.fromEntries(Object.entries(powerPlatformApiClients).map(([key, c]) => [key, c.clientId])),
    );
    const httpWithEntraId = httpWithEntraIdGrants(
        config.httpWithEntraIdGrants,
        config.cloud,
        apis,
        principals,
        apiStableKeys(config),
    );
    return {
        apis: apiOutputs(apis),
        connectors,
        powerPlatformApiClients,
        httpWithEntraId,
        // The HTTP with Entra ID steps print the resource URI and base URL, known once the grants resolve; the
        // registration step of each Power Platform API client needs its client id.
        nextSteps: pulumi
            .all([pulumi.output(httpWithEntraId), clientIds])
            .apply(([http, ids]) => [
                ...nextStepsOf(config, { stack: pulumi.getStack(), httpWithEntraId: http }),
                ...powerPlatformRegistrationSteps(config, ids),
            ]),
    };
}
