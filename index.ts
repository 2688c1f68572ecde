// The Pulumi program: read and validate the stack config once, compose the stack, export what a maker needs.
import * as pulumi from "@pulumi/pulumi";
import { loadStackConfig } from "./config";
import { composeStack } from "./stack/composeStack";

const config = loadStackConfig();
// Warnings (a credential in plain text, a secret lifetime over the policy's) do not stop a deployment; `pulumi up`
// shows them with the diagnostics. Offline there is no engine and the plan lists them as findings instead.
if (pulumi.runtime.hasEngine()) for (const w of config.warnings ?? []) void pulumi.log.warn(`${w.path}: ${w.message}`);
const outputs = composeStack(config);

/** Per API: client id, identifier URI and scope ids. */
export const apis = outputs.apis;
/** Per connector: the Security-tab settings (clientSecret is a Pulumi secret). */
export const connectors = outputs.connectors;
/** Per Power Platform API client: client id, token endpoint, scope; secret or private key as Pulumi secrets. */
export const powerPlatformApiClients = outputs.powerPlatformApiClients;
/** Per HTTP with Microsoft Entra ID grant: resource, scopes, consent type, and the connection's resource URLs. */
export const httpWithEntraId = outputs.httpWithEntraId;
/** What to do after this deployment, in plain sentences. */
export const nextSteps = outputs.nextSteps;
