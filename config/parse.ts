// Parses raw Pulumi config (key -> string) into the typed model, or throws one ConfigError listing every problem.
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ConfigError, ConfigProblem, describeValue, keyPath, SECRET_SHOWN } from "./errors";
import { isExampleText, zodProblem } from "./zodMessages";
import {
    AZURE_NATIVE_ENVIRONMENT_KEY,
    AZURE_NATIVE_SUBSCRIPTION_KEY,
    NAMESPACE,
    PROVIDER_ENVIRONMENT_KEY,
    TENANT_KEY,
} from "./keys";
import { buildModel, StackConfig } from "./model";
import { KNOWN_NAMESPACES, listWords, NAMESPACE_NAMES } from "./namespaces";
import { crossFieldProblems } from "./rules";
import { configWarnings } from "./rules/limits";
import { azureSubscriptionProblems } from "./rules/azureSubscription";
import { FORBIDDEN_KEY_MESSAGE, FORBIDDEN_KEYS, sanitize, ValueProblem } from "./safeValue";
import { GUID_HELP, stackSchema } from "./schema";
import { closest } from "./suggest";

// isConfigSecret is exported by the SDK's runtime/config.js but not by its typings. It reads the keys the Node
// language host passes in PULUMI_CONFIG_SECRET_KEYS (pulumi/pulumi sdk/nodejs/cmd/pulumi-language-nodejs/main.go,
// constructConfigSecretKeys; the engine sends target.Config.SecureKeys(), pkg/engine/update.go). A structured
// value with a `secure:` anywhere inside is one secure object value, so its whole top-level key is listed
// (sdk/go/common/resource/config/value.go NewSecureObjectValue, map.go SecureKeys).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtimeConfig = require("@pulumi/pulumi/runtime/config") as { isConfigSecret(key: string): boolean };

/** Pulumi passes structured config as JSON text and scalars as plain text. */
function decodeValue(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

/** Strings of a secret value that must never appear in a message (its text and every string inside it). */
function secretFragments(text: string, decoded: unknown): string[] {
    const out = [text];
    const walk = (v: unknown, depth: number) => {
        if (depth > 40) return;
        if (typeof v === "string" || typeof v === "number") out.push(String(v));
        else if (v && typeof v === "object") for (const x of Object.values(v)) walk(x, depth + 1);
    };
    walk(decoded, 0);
    // Short fragments ("1", "dev") are masked only where a message quotes them ("dev"): bare, they would garble
    // every message. Our own example texts (Fix: e.g. scopes: [User.Read]) are not the user's secret either.
    const fragments = out.filter((s) => s !== "" && s !== SECRET_SHOWN && !isExampleText(s));
    const quoted = fragments.map((s) => JSON.stringify(s));
    return [...new Set([...quoted, ...fragments.filter((s) => s.length >= 4)])].sort((a, b) => b.length - a.length);
}

/** A config key outside this project's namespace: a provider key that exists, or a typo. */
function foreignKeyProblem(fullKey: string, shown: string): ConfigProblem | undefined {
    const [ns, key] = splitKey(fullKey);
    const known = KNOWN_NAMESPACES[ns];
    if (known === "any" || ns === NAMESPACE) return undefined;
    if (known === undefined) {
        const suggestion = closest(ns, NAMESPACE_NAMES);
        return {
            path: fullKey,
            message:
                `unknown config namespace "${ns}"${suggestion ? `; did you mean "${suggestion}"?` : "."} This project reads ${listWords(NAMESPACE_NAMES.map((n) => `${n}:`))} keys only (got ${shown}). ` +
                `Fix: ${suggestion ? `rename the key to ${suggestion}:${key}` : `use one of those namespaces, e.g. ${NAMESPACE}:${key}, or remove the key`}.`,
        };
    }
    if (known.includes(key)) return undefined;
    const suggestion = closest(key, known);
    return {
        path: fullKey,
        message:
            `unknown ${ns} provider key "${key}"${suggestion ? `; did you mean "${suggestion}"?` : ";"} allowed here: ${known.join(", ")} (got ${shown}). ` +
            `Fix: ${suggestion ? `rename it to ${ns}:${suggestion}` : "correct the spelling or remove it"}.`,
    };
}

/**
 * Validates raw config (fully qualified key -> string, as `pulumi.runtime.allConfig()` returns it).
 * Throws ConfigError listing every problem; never reads the clock, the network or the file system.
 * `secretKeys` are shown as `[secret]` in every message.
 */
export function parseStackConfig(
    raw: Readonly<Record<string, string>>,
    secretKeys: readonly string[] = [],
    /** Process environment: the azuread provider reads ARM_ENVIRONMENT when azuread:environment is unset. */
    environment: Readonly<Record<string, string | undefined>> = process.env,
): StackConfig {
    const secrets = new Set(secretKeys);
    const problems: ConfigProblem[] = [];
    const fragments: string[] = [];
    // Null prototype: no config key can reach Object.prototype or stand in for a missing one.
    const input: Record<string, unknown> = Object.create(null);
    for (const fullKey of Object.keys(raw)) {
        const text = raw[fullKey];
        const secret = secrets.has(fullKey);
        const decoded = decodeValue(text);
        if (secret) fragments.push(...secretFragments(text, decoded));
        const shown = secret ? SECRET_SHOWN : describeValue(decoded);
        const [ns, key] = splitKey(fullKey);
        const foreign = foreignKeyProblem(fullKey, shown);
        if (foreign) problems.push(foreign);
        if (ns !== NAMESPACE) continue;
        if (FORBIDDEN_KEYS.has(key)) {
            problems.push({ path: fullKey, message: FORBIDDEN_KEY_MESSAGE(key) });
            continue;
        }
        const found: ValueProblem[] = [];
        input[key] = sanitize(decoded, found);
        problems.push(...found.map((p) => ({ path: keyPath([key, ...p.path]), message: p.message })));
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
        const shown = secrets.has(TENANT_KEY) ? SECRET_SHOWN : describeValue(tenantId);
        problems.push({
            path: TENANT_KEY,
            message: `must be ${GUID_HELP} (got ${shown}). Fix: pulumi config set ${TENANT_KEY} <tenant GUID> (az account show --query tenantId)`,
        });
    }

    const fail = () => new ConfigError(problems.map((p) => ({ path: p.path, message: redact(p.message, fragments) })));
    const parsed = stackSchema.safeParse(input);
    if (!parsed.success) {
        problems.push(...parsed.error.issues.flatMap((issue) => zodProblem(issue, input, secrets)));
        throw fail();
    }
    const config = buildModel(parsed.data, tenantId ?? "");
    // The provider's `environment` falls back to ARM_ENVIRONMENT (terraform-provider-azuread v3.8.0 provider.go:
    // EnvDefaultFunc("ARM_ENVIRONMENT", "global")), so the cloud check judges what the provider will use.
    const fromVariable =
        raw[PROVIDER_ENVIRONMENT_KEY] === undefined && environment.ARM_ENVIRONMENT
            ? environment.ARM_ENVIRONMENT
            : undefined;
    problems.push(
        ...crossFieldProblems(
            config,
            raw[PROVIDER_ENVIRONMENT_KEY] ?? fromVariable,
            input,
            raw,
            secrets,
            raw[AZURE_NATIVE_ENVIRONMENT_KEY],
            fromVariable !== undefined ? "ARM_ENVIRONMENT (environment variable)" : PROVIDER_ENVIRONMENT_KEY,
        ),
    );
    problems.push(...azureSubscriptionProblems(config, raw[AZURE_NATIVE_SUBSCRIPTION_KEY]));
    if (problems.length > 0) throw fail();
    return { ...config, warnings: configWarnings(raw, secretKeys, config, input) };
}

/** Last line of defence: a secret's text never reaches a message, whichever rule wrote it. */
function redact(message: string, fragments: readonly string[]): string {
    let out = message;
    for (const f of fragments) out = out.split(f).join(SECRET_SHOWN);
    return out;
}

function splitKey(fullKey: string): [string, string] {
    const at = fullKey.indexOf(":");
    return at < 0 ? ["", fullKey] : [fullKey.slice(0, at), fullKey.slice(at + 1)];
}

/** The keys of the running stack's config that Pulumi holds as secrets (`pulumi config set --secret`). */
export function runtimeSecretKeys(config: Readonly<Record<string, string>>): string[] {
    return Object.keys(config).filter((key) => runtimeConfig.isConfigSecret(key));
}

/** Reads the running stack's config once (index.ts only); its secret keys are masked in every message. */
export function loadStackConfig(): StackConfig {
    const raw = pulumi.runtime.allConfig();
    return parseStackConfig(raw, runtimeSecretKeys(raw));
}
