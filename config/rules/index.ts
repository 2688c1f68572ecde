// Rules that span keys, per section, run after the schema has parsed the config.
import { CLOUD_NAMES, CLOUDS } from "../../entra/clouds";
import { ConfigProblem } from "../errors";
import { AZURE_NATIVE_ENVIRONMENT_KEY, NAMESPACE, PROVIDER_ENVIRONMENT_KEY } from "../keys";
import { StackConfig } from "../model";
import { adoptionProblems } from "./adoption";
import { apiProblems } from "./apis";
import { connectorProblems } from "./connectors";
import { httpWithEntraIdProblems } from "./httpWithEntraId";
import { limitProblems } from "./limits";
import { powerPlatformApiClientConfigProblems } from "./powerPlatformApiClients";

/** Which clouds a provider environment value targets, for the fix text. */
function cloudFor(provider: "azuread" | "azure-native", value: string): string {
    const clouds = CLOUD_NAMES.filter((c) =>
        provider === "azuread"
            ? CLOUDS[c].azureadEnvironments.includes(value)
            : CLOUDS[c].azureNativeEnvironment === value,
    );
    return clouds.length
        ? `"${value}" is ${clouds.join(" or ")}`
        : `"${value}" is no environment entra-connectors serves`;
}

/** Rules that span keys: references, per-authentication fields, tenant of a subject, uniqueness. */
export function crossFieldProblems(
    config: StackConfig,
    providerEnvironment: string | undefined,
    input: Record<string, unknown>,
    raw: Readonly<Record<string, string>> = {},
    secretKeys: ReadonlySet<string> = new Set(),
    azureNativeEnvironment?: string,
    /** Where providerEnvironment came from: the config key, or the ARM_ENVIRONMENT variable the provider also reads. */
    providerEnvironmentSource: string = PROVIDER_ENVIRONMENT_KEY,
): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const add = (path: string, message: string) => problems.push({ path: `${NAMESPACE}:${path}`, message });

    // A provider pointed at another cloud than the stack's would sign in to the wrong Entra or ARM: never mapped.
    const entra = CLOUDS[config.cloud].azureadEnvironments;
    if (providerEnvironment !== undefined && !entra.includes(providerEnvironment)) {
        problems.push({
            path: providerEnvironmentSource,
            message: `is "${providerEnvironment}" but ${NAMESPACE}:cloud is "${config.cloud}", whose Entra and Graph the azuread provider reaches with ${entra.join(" or ")}. Fix: set it to ${entra[0]}, or set ${NAMESPACE}:cloud to the cloud you deploy to (${cloudFor("azuread", providerEnvironment)}).`,
        });
    }
    if (providerEnvironment === undefined && config.cloud !== "public") {
        // Unset, the azuread provider signs in to the public cloud's Entra and Graph.
        problems.push({
            path: PROVIDER_ENVIRONMENT_KEY,
            message: `is not set, so the azuread provider would sign in to the public cloud, but ${NAMESPACE}:cloud is "${config.cloud}". Fix: pulumi config set ${PROVIDER_ENVIRONMENT_KEY} ${entra[0]}`,
        });
    }
    const arm = CLOUDS[config.cloud].azureNativeEnvironment;
    const usesAzureNative =
        config.keyVault !== undefined || Object.values(config.connectors).some((c) => c.platform === "logicApps");
    if (azureNativeEnvironment === undefined && arm !== "public" && usesAzureNative) {
        // The default azure-native provider reads only this key and otherwise targets the public cloud.
        problems.push({
            path: AZURE_NATIVE_ENVIRONMENT_KEY,
            message: `is not set, so the default azure-native provider (Logic Apps custom APIs, Key Vault secrets) would target the public cloud, but ${NAMESPACE}:cloud is "${config.cloud}". Fix: pulumi config set ${AZURE_NATIVE_ENVIRONMENT_KEY} ${arm}`,
        });
    }
    if (azureNativeEnvironment !== undefined && azureNativeEnvironment !== arm) {
        problems.push({
            path: AZURE_NATIVE_ENVIRONMENT_KEY,
            message: `is "${azureNativeEnvironment}" but ${NAMESPACE}:cloud is "${config.cloud}", whose Azure Resource Manager is azure-native environment "${arm}". Fix: set it to ${arm}${arm === "public" ? " (or remove it)" : ""}, or change ${NAMESPACE}:cloud (${cloudFor("azure-native", azureNativeEnvironment)}).`,
        });
    }

    // What Entra, Azure or the mandatory policy would reject (rules/limits.ts).
    problems.push(...limitProblems(config, input, raw, secretKeys));
    problems.push(...apiProblems(config), ...connectorProblems(config, input));
    problems.push(...httpWithEntraIdProblems(config), ...powerPlatformApiClientConfigProblems(config, input));
    problems.push(...adoptionProblems(config));
    for (const section of ["apis", "connectors", "powerPlatformApiClients"] as const) {
        const entries = config[section] as Readonly<Record<string, { previousName?: string }>>;
        const renamedBy = new Map<string, string>();
        for (const [key, entry] of Object.entries(entries)) {
            if (entry.previousName === undefined) continue;
            const first = renamedBy.get(entry.previousName);
            if (first !== undefined) {
                // Both would take over the old key's resources (aliases): one app registration claimed twice.
                add(
                    `${section}.${key}.previousName`,
                    `"${entry.previousName}" is also the previousName of ${NAMESPACE}:${section}.${first}; one old key can be renamed to one new key only (both would adopt its app registration, service principal and owners). Fix: keep previousName on the entry that took over the old key, and remove it from the other.`,
                );
            } else {
                renamedBy.set(entry.previousName, key);
            }
            if (entry.previousName === key || entries[entry.previousName] !== undefined) {
                add(
                    `${section}.${key}.previousName`,
                    `"${entry.previousName}" is ${entry.previousName === key ? "this entry's own key" : "the key of another entry"}; previousName names the key this entry had before a rename. Fix: set it to the old key, or remove it.`,
                );
            }
        }
    }
    return problems;
}
