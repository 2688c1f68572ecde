// The simulator's model of the azure-native resources the stack uses: ARM ids, required inputs, value rules.
import { isGuid } from "../../entra/guid";
import { unwrapSecret, unwrapSecretsDeep } from "./secretValues";
import type { FindingSeverity, SimulatedResource } from "./context";

export const PROVIDER_TYPE = "pulumi:providers:azure-native";
const ZERO_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";

/** A custom API whose OAuth redirect must be registered on its client app (checked when the run ends). */
interface CustomApiRecord {
    readonly urn: string;
    readonly name: string;
    readonly clientId: string;
    readonly redirectUrl: string;
}

export interface AzureContext {
    readonly defaultSubscriptionId: string | undefined;
    /** `azure-native:environment` of the stack (default provider's cloud); explicit providers must match it. */
    readonly environment?: string;
    /** Explicit azure-native providers (`urn::id`) -> their subscriptionId. */
    readonly providerSubscriptions: Map<string, string>;
    readonly customApis: CustomApiRecord[];
    readonly nowMs: number;
    readonly now: string;
    readonly find: (severity: FindingSeverity, rule: string, urn: string, message: string) => void;
}

type Handler = (r: SimulatedResource, ctx: AzureContext) => { id: string; state: Record<string, unknown> };

function text(value: unknown): string | undefined {
    const v = unwrapSecret(value);
    return typeof v === "string" && v !== "" ? v : undefined;
}

/** Required inputs as the SDK's Args types declare them (a missing one fails the SDK or ARM, not the plan). */
function requireInputs(r: SimulatedResource, ctx: AzureContext, names: readonly string[]): void {
    for (const name of names) {
        if (unwrapSecret(r.inputs[name]) === undefined) {
            ctx.find("error", "azure-required-input", r.urn, `${r.name}: ${r.type} needs ${name}`);
        }
    }
}

function subscriptionOf(r: SimulatedResource, ctx: AzureContext): string {
    const explicit = r.provider ? ctx.providerSubscriptions.get(r.provider) : undefined;
    const subscription = explicit ?? ctx.defaultSubscriptionId;
    if (subscription === undefined) {
        ctx.find(
            "warning",
            "azure-subscription",
            r.urn,
            `${r.name}: no Azure subscription configured; set azure-native:subscriptionId (pulumi config set azure-native:subscriptionId <id>) or ARM_SUBSCRIPTION_ID where pulumi runs`,
        );
    }
    return subscription ?? ZERO_SUBSCRIPTION;
}

function resourceGroupId(r: SimulatedResource, ctx: AzureContext): string {
    return `/subscriptions/${subscriptionOf(r, ctx)}/resourceGroups/${text(r.inputs.resourceGroupName) ?? ""}`;
}

// Key Vault object names: 1-127 letters, digits and dashes
// (https://learn.microsoft.com/en-us/azure/key-vault/general/about-keys-secrets-certificates#object-identifiers).
const KEY_VAULT_OBJECT_NAME = /^[0-9A-Za-z-]{1,127}$/;

export const AZURE_NATIVE_HANDLERS: Readonly<Record<string, Handler>> = {
    [PROVIDER_TYPE]: (r, ctx) => {
        const id = `provider-${r.name}`;
        const subscription = text(r.inputs.subscriptionId);
        if (subscription !== undefined) {
            if (!isGuid(subscription))
                ctx.find(
                    "error",
                    "azure-subscription",
                    r.urn,
                    `${r.name}: subscriptionId "${subscription}" is not a GUID`,
                );
            ctx.providerSubscriptions.set(`${r.urn}::${id}`, subscription);
        }
        // An explicit provider reads no stack config: without `environment` it targets the public cloud, whatever
        // azure-native:environment says for the default provider.
        const environment = text(r.inputs.environment) ?? "public";
        const expected = ctx.environment ?? "public";
        if (environment !== expected) {
            ctx.find(
                "error",
                "azure-environment",
                r.urn,
                `${r.name}: targets azure-native environment "${environment}" but the stack's default provider targets "${expected}" (azure-native:environment); give the provider environment: "${expected}"`,
            );
        }
        return { id, state: { ...r.inputs } };
    },
    // keyvault.Secret (SecretArgs: properties, resourceGroupName, vaultName required).
    "azure-native:keyvault:Secret": (r, ctx) => {
        requireInputs(r, ctx, ["resourceGroupName", "vaultName", "properties"]);
        const name = text(r.inputs.secretName) ?? r.name;
        if (!KEY_VAULT_OBJECT_NAME.test(name)) {
            ctx.find(
                "error",
                "key-vault-secret-name",
                r.urn,
                `${r.name}: secretName "${name}" must be 1-127 letters, digits and dashes`,
            );
        }
        const properties = (unwrapSecretsDeep(r.inputs.properties) ?? {}) as {
            value?: unknown;
            attributes?: { expires?: unknown };
        };
        if (typeof properties.value !== "string" || properties.value === "") {
            ctx.find(
                "error",
                "key-vault-secret-value",
                r.urn,
                `${r.name}: properties.value is missing; the secret would be created empty`,
            );
        }
        const expires = properties.attributes?.expires;
        if (expires !== undefined) {
            // Seconds since 1970 (SecretAttributesArgs.expires); milliseconds would land ~50,000 years out.
            if (!Number.isInteger(expires) || (expires as number) > 4_102_444_800) {
                ctx.find(
                    "error",
                    "key-vault-secret-expires",
                    r.urn,
                    `${r.name}: attributes.expires ${String(expires)} is not whole seconds since 1970 before 2100`,
                );
            } else if ((expires as number) * 1000 <= ctx.nowMs) {
                ctx.find(
                    "error",
                    "key-vault-secret-expires",
                    r.urn,
                    `${r.name}: attributes.expires is not in the future (now is ${ctx.now}); Key Vault would hand out an expired secret`,
                );
            }
        }
        const vault = text(r.inputs.vaultName) ?? "";
        const id = `${resourceGroupId(r, ctx)}/providers/Microsoft.KeyVault/vaults/${vault}/secrets/${name}`;
        return {
            id,
            state: {
                ...r.inputs,
                name,
                type: "Microsoft.KeyVault/vaults/secrets",
                // ARM never returns the value; it does return the data-plane URI of the secret.
                properties: {
                    ...properties,
                    value: undefined,
                    secretUri: `https://${vault}.vault.azure.net/secrets/${name}`,
                },
            },
        };
    },
    // web.CustomApi (CustomApiArgs: resourceGroupName required; ARM also needs a location).
    "azure-native:web:CustomApi": (r, ctx) => {
        requireInputs(r, ctx, ["resourceGroupName", "location"]);
        const name = text(r.inputs.apiName) ?? r.name;
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- ARM `properties` of any shape, read field by field below.
        const props = (unwrapSecretsDeep(r.inputs.properties) ?? {}) as Record<string, any>;
        const problem = (message: string) => ctx.find("error", "custom-api", r.urn, `${r.name}: ${message}`);
        const serviceUrl = props.backendService?.serviceUrl;
        if (typeof serviceUrl !== "string" || !serviceUrl.startsWith("https://"))
            problem(`properties.backendService.serviceUrl must be the API's https URL`);
        if (props.swagger?.swagger !== "2.0")
            problem(`properties.swagger must be an OpenAPI 2.0 document ("swagger": "2.0")`);
        const token = props.connectionParameters?.token;
        const oauth = token?.oAuthSettings ?? {};
        if (token?.type !== "oauthSetting")
            problem(`properties.connectionParameters.token.type must be "oauthSetting"`);
        if (oauth.identityProvider !== "aad")
            problem(`token.oAuthSettings.identityProvider must be "aad" (Microsoft Entra ID)`);
        if (!isGuid(String(oauth.clientId ?? "")))
            problem(`token.oAuthSettings.clientId must be the client app's client id`);
        if (typeof oauth.clientSecret !== "string" || oauth.clientSecret === "")
            problem(`token.oAuthSettings.clientSecret is missing; sign-in would fail`);
        for (const key of ["loginUri", "tenantId", "resourceUri"]) {
            if (typeof oauth.customParameters?.[key]?.value !== "string")
                problem(`token.oAuthSettings.customParameters.${key}.value is missing`);
        }
        if (typeof oauth.redirectUrl === "string" && typeof oauth.clientId === "string") {
            ctx.customApis.push({ urn: r.urn, name: r.name, clientId: oauth.clientId, redirectUrl: oauth.redirectUrl });
        } else {
            problem(`token.oAuthSettings.redirectUrl is missing`);
        }
        const id = `${resourceGroupId(r, ctx)}/providers/Microsoft.Web/customApis/${name}`;
        return { id, state: { ...r.inputs, name, type: "Microsoft.Web/customApis" } };
    },
};

/** Custom APIs whose redirect URL is not registered on their client app: consent would fail (AADSTS50011). */
export function customApiRedirectProblems(
    customApis: readonly CustomApiRecord[],
    redirectsOf: (clientId: string) => ReadonlySet<string> | undefined,
): { urn: string; message: string }[] {
    return customApis.flatMap((api) => {
        const registered = redirectsOf(api.clientId);
        if (registered?.has(api.redirectUrl)) return [];
        return [
            {
                urn: api.urn,
                message:
                    `${api.name}: redirect URL ${api.redirectUrl} is not a redirect URI of the client app ${api.clientId}` +
                    (registered
                        ? ` (it has: ${[...registered].join(", ") || "none"})`
                        : " (no app registered in this run has that client id)") +
                    `; sign-in would fail with AADSTS50011`,
            },
        ];
    });
}
