// Plain-sentence next steps for a person, per kind of thing the stack deploys (connectors it creates, the two-pass
// flow of connectors made by hand, consent, Power Platform API clients, HTTP with Entra ID grants, secret renewals).
import { ConnectorConfig, NAMESPACE, StackConfig } from "../config";
import { globalConsentRedirectUrl } from "../entra/clouds";
import { needsPowerPlatformRegistration, powerPlatformRegistrationStep } from "../entra/powerPlatformRegistration";
import { keyVaultSecretName } from "../components";
import { connectorComponentName } from "../entra/naming";

/** What the program knows only once resources resolve; each part optional so config alone still gives steps. */
export interface NextStepContext {
    /** The Pulumi stack name (generated files live in `out/<stack>/`); default the environment. */
    readonly stack?: string;
    /** The httpWithEntraId output per grant: the values a maker types into the connection. */
    readonly httpWithEntraId?: Readonly<
        Record<string, { readonly resourceUri?: string; readonly baseResourceUrl?: string }>
    >;
}

const secretOutput = (key: string) =>
    `pulumi stack output connectors --show-secrets --json | jq -r '.["${key}"].clientSecret'`;

/** The folder `npm run plan` writes a connector's files to, relative to the project. */
export function connectorFilesDir(stack: string, key: string): string {
    return `out/${stack}/connectors/${key}/`;
}

/** The command that renders the connector files from the stack's deployed outputs (scripts/connectorFiles.ts). */
export function connectorFilesCommand(stack: string): string {
    return `npm run connector-files -- --stack ${stack}`;
}

/**
 * `pac connector create` for the generated files. Flags per Learn's `pac connector` reference
 * (https://learn.microsoft.com/en-us/power-platform/developer/cli/reference/connector): --api-definition-file,
 * --api-properties-file, --environment (a GUID or https URL; default the auth profile's). pac takes no client
 * secret: it is typed into the Security tab afterwards (or given to `paconn create --secret`).
 */
export function pacConnectorCreate(stack: string, key: string): string {
    const dir = connectorFilesDir(stack, key);
    return `pac connector create --api-definition-file ${dir}apiDefinition.swagger.json --api-properties-file ${dir}apiProperties.json --environment <environment id or URL>`;
}

/** A connector on the stack's own API is pre-authorized there (ApplicationPreAuthorized): nobody is asked to consent. */
function preAuthorized(c: ConnectorConfig): boolean {
    return "api" in c.resource;
}

function connectorSteps(config: StackConfig, key: string, c: ConnectorConfig, stack: string): string[] {
    const steps: string[] = [];
    const p = `Connector "${key}"`;
    const globalRedirect = globalConsentRedirectUrl(config.cloud);
    if (c.powerPlatform) {
        // The stack creates the connector, registers its redirect URL and subject, and delivers every renewed
        // secret: nothing to import, paste or copy back.
        steps.push(
            `${p}: the stack ${c.powerPlatform.adopt ? `takes over the custom connector ${c.powerPlatform.adopt}` : "creates the custom connector"} in Power Platform environment ` +
                `${c.powerPlatform.environment}${c.authentication === "clientSecret" ? " with its client secret" : ", its managed identity trusted by the client app"}; ` +
                `in Power Automate or Power Apps, add one of its actions and sign in to create a connection (pulumi stack output connectors ` +
                `shows its name and redirect URL).`,
        );
    } else if (c.platform === "logicApps") {
        // The stack deploys the custom API with the client secret in it: nothing to import, nothing to paste.
        steps.push(
            `${p}: the stack deploys it as the Logic Apps custom API "${config.environment}-${key}" (resource group ` +
                `${c.logicApps?.resourceGroupName}, ${c.logicApps?.location}) with its client secret; in a logic app, add an action ` +
                `of this custom connector and sign in to create the connection; no secret to copy by hand.`,
        );
    } else {
        const files = connectorFilesDir(stack, key);
        const secret =
            c.authentication === "clientSecret"
                ? config.keyVault
                    ? ` Then set the Security tab's Client secret: type the value of \`${secretOutput(key)}\`, or use the Key Vault ` +
                      // The secret's name derives from the connector's first key (a renamed connector keeps its secret).
                      `secret ${keyVaultSecretName(config.environment, connectorComponentName(c.previousName ?? key))} through a Secret environment variable (never a file).`
                    : ` Then type the client secret from \`${secretOutput(key)}\` into the Security tab's Client secret field (never into a file).`
                : "";
        // The offline plan's files carry simulated ids: a maker imports only files rendered from the deployment.
        steps.push(
            `${p}: after pulumi up, render its files from the deployment with \`${connectorFilesCommand(stack)}\` (into ${files}: apiProperties.json, ` +
                `apiDefinition.swagger.json, README.md), then create the custom connector from them: \`${pacConnectorCreate(stack, key)}\`.${secret}`,
        );
    }
    if (c.authentication === "managedIdentity" && c.federatedSubject === undefined && !c.powerPlatform) {
        steps.push(
            `${p}: once the connector is created (Secret options: Use managed identity), set ${NAMESPACE}:connectors.${key}.federatedSubject ` +
                `to the subject its Security tab shows and run pulumi up again.`,
        );
    }
    if (
        c.platform !== "logicApps" &&
        !c.powerPlatform &&
        c.redirectUrls.length === 1 &&
        c.redirectUrls[0] === globalRedirect
    ) {
        steps.push(
            `${p}: after saving the connector, copy the per-connector Redirect URL its Security tab shows ` +
                `into ${NAMESPACE}:connectors.${key}.redirectUrls and run pulumi up again.`,
        );
    }
    if (!c.adminConsent && !preAuthorized(c)) {
        steps.push(
            `${p}: each user consents at first sign-in; set ${NAMESPACE}:connectors.${key}.adminConsent ` +
                `to true to consent once for the whole tenant.`,
        );
    }
    return steps;
}

function powerPlatformApiClientSteps(config: StackConfig): string[] {
    const steps: string[] = [];
    for (const [key, c] of Object.entries(config.powerPlatformApiClients).sort(([a], [b]) => a.localeCompare(b))) {
        if (c.ropc && !c.adminConsent) {
            // ROPC has no interactive step, so nobody can be shown a consent prompt: without a grant every token
            // request fails (AADSTS65001). Learn, "OAuth 2.0 Resource Owner Password Credentials":
            // https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth-ropc
            steps.push(
                `Warning: Power Platform API client "${key}" uses ROPC (publicClient.ropc: true) without admin consent: ROPC cannot ` +
                    `show a consent prompt, so sign-ins fail with AADSTS65001; set ${NAMESPACE}:powerPlatformApiClients.${key}.adminConsent to true.`,
            );
        }
    }
    return steps;
}

function httpWithEntraIdSteps(context: NextStepContext): string[] {
    return Object.entries(context.httpWithEntraId ?? {})
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, g]) => {
            const base = g.baseResourceUrl ?? "the https address of the API itself (its resource URI is not a URL)";
            return (
                `HTTP with Microsoft Entra ID "${key}": in the connection, type Microsoft Entra ID Resource URI ` +
                `${g.resourceUri ?? "(see the httpWithEntraId output)"} and Base Resource URL ${base}.`
            );
        });
}

/**
 * What a person has to do after this `pulumi up`. A per-connector redirect URL and a managed-identity
 * subject exist only once the connector is created, so the first pass says how to finish in a second one.
 */
export function nextStepsOf(config: StackConfig, context: NextStepContext = {}): string[] {
    const stack = context.stack ?? config.environment;
    const steps: string[] = [];
    for (const [key, c] of Object.entries(config.connectors).sort(([a], [b]) => a.localeCompare(b))) {
        steps.push(...connectorSteps(config, key, c, stack));
    }
    steps.push(...powerPlatformApiClientSteps(config));
    steps.push(...httpWithEntraIdSteps(context));
    return steps;
}

interface SlotsOutput {
    readonly a?: { readonly keyId?: string; readonly endDate?: string };
    readonly b?: { readonly keyId?: string; readonly endDate?: string };
    readonly newest?: "a" | "b";
}

/** A secret slot that this deployment renewed, for a connector that keeps a copy of the secret. */
export interface SecretRenewal {
    readonly connectorKey: string;
    readonly renewedSlot: "a" | "b";
    /** The slot the connector still uses; it stops working at its end date. */
    readonly previousSlot: "a" | "b";
    readonly deadline: string;
}

/**
 * Power Platform connectors with a client secret whose newest slot changed between two deployments: the
 * connector still holds the previous secret (a Key Vault environment variable is read when the connector is
 * saved, Learn: https://learn.microsoft.com/en-us/connectors/custom-connectors/environment-variables), which
 * works until the older slot's end date. Logic Apps custom APIs are updated by the stack itself.
 */
export function secretRenewals(
    config: StackConfig,
    before: Readonly<Record<string, { secretSlots?: SlotsOutput }>>,
    after: Readonly<Record<string, { secretSlots?: SlotsOutput }>>,
): SecretRenewal[] {
    const renewals: SecretRenewal[] = [];
    for (const [key, c] of Object.entries(config.connectors).sort(([a], [b]) => a.localeCompare(b))) {
        // A connector the stack created gets the renewed secret in the same deployment (PowerPlatformConnector).
        if (c.platform !== "powerPlatform" || c.authentication !== "clientSecret" || c.powerPlatform) continue;
        const old = before[key]?.secretSlots;
        const now = after[key]?.secretSlots;
        if (!old || !now?.newest || !now.a || !now.b) continue;
        const renewed = now.newest;
        if (old[renewed]?.keyId === now[renewed]?.keyId) continue;
        const previousSlot = renewed === "a" ? "b" : "a";
        renewals.push({
            connectorKey: key,
            renewedSlot: renewed,
            previousSlot,
            deadline: now[previousSlot]?.endDate ?? "(unknown)",
        });
    }
    return renewals;
}

/**
 * The step per renewal. `pac connector update` has no secret option (Learn's `pac connector` reference lists
 * --api-definition-file, --api-properties-file, --connector-id, --environment, --icon-file, --script-file,
 * --settings-file, --solution-unique-name); `paconn update` takes `--secret` (microsoft/PowerPlatformConnectors,
 * tools/paconn-cli/README.md), so the step names the portal and paconn.
 */
export function secretRenewalSteps(renewals: readonly SecretRenewal[], stack: string): string[] {
    return renewals.map(
        (r) =>
            `Connector "${r.connectorKey}": this deployment renewed client secret slot ${r.renewedSlot}; the custom connector still holds ` +
            `the previous secret (slot ${r.previousSlot}), which stops working on ${r.deadline}. Before then, give it the new one: edit the ` +
            `connector, type the new secret from \`${secretOutput(r.connectorKey)}\` into the Security tab's Client secret and select ` +
            `Update connector (with a Key Vault Secret environment variable: just save the connector again), or run ` +
            `\`paconn update --api-prop ${connectorFilesDir(stack, r.connectorKey)}apiProperties.json --api-def ` +
            `${connectorFilesDir(stack, r.connectorKey)}apiDefinition.swagger.json --secret "$(${secretOutput(r.connectorKey)})"\` ` +
            `(pac connector update takes no secret).`,
    );
}

/**
 * The registration step of each Power Platform API client that authenticates as itself (a separate step list:
 * it needs the clients' ids, which exist only after deployment, so composeStack resolves them first).
 */
export function powerPlatformRegistrationSteps(
    config: StackConfig,
    clientIds: Readonly<Record<string, string>>,
): string[] {
    return Object.entries(config.powerPlatformApiClients)
        .sort(([a], [b]) => a.localeCompare(b))
        .filter(([key, c]) => needsPowerPlatformRegistration(c.credential) && clientIds[key] !== undefined)
        .map(([key]) => powerPlatformRegistrationStep(key, clientIds[key]));
}
