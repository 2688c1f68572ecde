// Parses raw Pulumi config (key -> string) into the typed model, or throws one ConfigError listing every problem.
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ConfigError, ConfigProblem, describeValue, zodProblem } from "./errors";
import { AZURE_NATIVE_ENVIRONMENT_KEY, AZURE_NATIVE_SUBSCRIPTION_KEY, NAMESPACE, PROVIDER_ENVIRONMENT_KEY, TENANT_KEY } from "./keys";
import { buildModel, StackConfig } from "./model";
import { crossFieldProblems } from "./rules";
import { configWarnings } from "./rules/limits";
import { azureSubscriptionProblems } from "./rules/azureSubscription";
import { GUID_HELP, stackSchema } from "./schema";

/** Pulumi passes structured config as JSON text and scalars as plain text. */
function decodeValue(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

/**
 * Validates raw config (fully qualified key -> string, as `pulumi.runtime.allConfig()` returns it).
 * Throws ConfigError listing every problem; never reads the clock, the network or the file system.
 */
export function parseStackConfig(raw: Readonly<Record<string, string>>, secretKeys: readonly string[] = []): StackConfig {
    const secrets = new Set(secretKeys);
    const problems: ConfigProblem[] = [];
    const input: Record<string, unknown> = {};
    for (const [fullKey, text] of Object.entries(raw)) {
        const [ns, key] = splitKey(fullKey);
        if (ns !== NAMESPACE) continue;
        input[key] = decodeValue(text);
    }
    if (input.environment === undefined) {
        problems.push({
            path: `${NAMESPACE}:environment`,
            message: `is required: the environment name suffixes every display name. Fix: pulumi config set ${NAMESPACE}:environment dev`,
        });
        input.environment = "missing";
    }

    const tenantId = raw[TENANT_KEY];
    if (tenantId === undefined) {
        problems.push({
            path: TENANT_KEY,
            message: `is required: the stack's Entra tenant. Fix: pulumi config set ${TENANT_KEY} <tenant GUID> (az account show --query tenantId)`,
        });
    } else if (!z.guid().safeParse(tenantId).success) {
        problems.push({ path: TENANT_KEY, message: `must be ${GUID_HELP} (got ${describeValue(tenantId)}).` });
    }

    const parsed = stackSchema.safeParse(input);
    if (!parsed.success) {
        problems.push(...parsed.error.issues.flatMap((issue) => zodProblem(issue, input, secrets)));
        throw new ConfigError(problems);
    }
    const config = buildModel(parsed.data, tenantId ?? "");
    problems.push(...crossFieldProblems(config, raw[PROVIDER_ENVIRONMENT_KEY], input, raw, secrets, raw[AZURE_NATIVE_ENVIRONMENT_KEY]));
    problems.push(...azureSubscriptionProblems(config, raw[AZURE_NATIVE_SUBSCRIPTION_KEY]));
    if (problems.length > 0) {
        throw new ConfigError(problems);
    }
    return { ...config, warnings: configWarnings(raw, secretKeys, config, input) };
}

function splitKey(fullKey: string): [string, string] {
    const at = fullKey.indexOf(":");
    return at < 0 ? ["", fullKey] : [fullKey.slice(0, at), fullKey.slice(at + 1)];
}

/** Reads the running stack's config once (index.ts only). */
export function loadStackConfig(): StackConfig {
    return parseStackConfig(pulumi.runtime.allConfig());
}
