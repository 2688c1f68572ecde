// Rules that span keys, per section, run after the schema has parsed the config.
import { CloudName } from "../../entra/wellKnownApis";
import { ConfigProblem } from "../errors";
import { NAMESPACE, PROVIDER_ENVIRONMENT_KEY } from "../keys";
import { StackConfig } from "../model";
import { apiProblems } from "./apis";
import { connectorProblems } from "./connectors";
import { httpWithEntraIdProblems } from "./httpWithEntraId";
import { limitProblems } from "./limits";
import { powerPlatformApiClientProblems } from "./powerPlatformApiClients";

const PROVIDER_ENVIRONMENTS: Readonly<Record<CloudName, readonly string[]>> = {
    public: ["global", "public"],
    usgovernment: ["usgovernment", "usgovernmentl4", "usgovernmentl5", "dod"],
    china: ["china"],
};

/** Rules that span keys: references, per-authentication fields, tenant of a subject, uniqueness. */
export function crossFieldProblems(
    config: StackConfig,
    providerEnvironment: string | undefined,
    input: Record<string, unknown>,
    raw: Readonly<Record<string, string>> = {},
    secretKeys: ReadonlySet<string> = new Set(),
): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const add = (path: string, message: string) => problems.push({ path: `${NAMESPACE}:${path}`, message });

    if (providerEnvironment !== undefined && !PROVIDER_ENVIRONMENTS[config.cloud].includes(providerEnvironment)) {
        problems.push({
            path: PROVIDER_ENVIRONMENT_KEY,
            message: `is "${providerEnvironment}" but ${NAMESPACE}:cloud is "${config.cloud}"; set it to one of ${PROVIDER_ENVIRONMENTS[config.cloud].join(", ")} or change the cloud.`,
        });
    }

    // What Entra, Azure or the mandatory policy would reject (rules/limits.ts).
    problems.push(...limitProblems(config, input, raw, secretKeys));
    problems.push(...apiProblems(config), ...connectorProblems(config, input));
    problems.push(...httpWithEntraIdProblems(config), ...powerPlatformApiClientProblems(config, input));
    for (const section of ["apis", "connectors", "powerPlatformApiClients"] as const) {
        const entries = config[section] as Readonly<Record<string, { previousName?: string }>>;
        for (const [key, entry] of Object.entries(entries)) {
            if (entry.previousName === undefined) continue;
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
