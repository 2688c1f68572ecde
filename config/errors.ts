// Config problems and the one error that lists them all, with key paths and values (secrets masked).
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { NAMESPACE } from "./keys";
import { adoptAppSchema, apiSchema, appRoleSchema, connectorSchema, keyVaultSchema, scopeSchema, stackSchema } from "./schema";

/** One problem with one config key. */
export interface ConfigProblem {
    /** Full key path, e.g. `entra-connectors:connectors.orders.federatedSubject`. */
    readonly path: string;
    readonly message: string;
}

/**
 * Bad stack config. Extends RunError so the Pulumi CLI prints the message without a JavaScript stack trace.
 */
export class ConfigError extends pulumi.RunError {
    constructor(readonly problems: readonly ConfigProblem[]) {
        super(
            `Invalid stack configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
                problems.map((p) => `  - ${p.path}: ${p.message}`).join("\n"),
        );
        this.name = "ConfigError";
    }
}

export function describeValue(value: unknown): string {
    if (value === undefined) return "nothing";
    const text = JSON.stringify(value);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
    let current: unknown = root;
    for (const part of path) {
        if (current === null || typeof current !== "object") return undefined;
        current = (current as Record<PropertyKey, unknown>)[part];
    }
    return current;
}

export function keyPath(path: readonly PropertyKey[]): string {
    const [top, ...rest] = path.map(String);
    return `${NAMESPACE}:${top}` + rest.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join("");
}

export function zodProblem(issue: z.core.$ZodIssue, input: unknown, secretKeys: ReadonlySet<string>): ConfigProblem | ConfigProblem[] {
    const top = String(issue.path[0] ?? "");
    const shown = secretKeys.has(`${NAMESPACE}:${top}`) ? "[secret]" : describeValue(valueAt(input, issue.path));
    if (issue.code === "unrecognized_keys") {
        const allowed = Object.keys(allowedKeysAt(issue.path, input)).join(", ");
        // One problem per unknown key, at the key's own path (like a top-level typo such as `onwers`).
        return issue.keys.map((key) => ({
            path: keyPath([...issue.path, key]),
            message: `unknown key "${key}"; allowed here: ${allowed}. Fix the spelling or remove it.`,
        }));
    }
    if (issue.code === "invalid_type" && valueAt(input, issue.path) === undefined) {
        return { path: keyPath(issue.path), message: `is required (${issue.message}).` };
    }
    if (issue.code === "invalid_key") {
        return {
            path: keyPath(issue.path),
            message: `the name "${String(issue.path[issue.path.length - 1])}" is not allowed: ${issue.issues[0]?.message ?? issue.message}.`,
        };
    }
    return { path: keyPath(issue.path), message: `${issue.message} (got ${shown}).` };
}

/** The allowed keys of the strict object at a path, for "unknown key" messages. */
function allowedKeysAt(path: readonly PropertyKey[], input: unknown): Record<string, unknown> {
    if (path.length === 0) return stackSchema.shape;
    if (path[0] === "keyVault") return keyVaultSchema.shape;
    // `<section>.<key>.adopt` and `httpWithEntraId.grants[i].adopt` (issue 12).
    if (path[path.length - 1] === "adopt") return path[0] === "httpWithEntraId" ? { grantId: 0 } : adoptAppSchema.shape;
    const [top, , third, fourth] = path.map(String);
    if (top === "apis") {
        if (path.length === 2) return apiSchema.shape;
        if (third === "scopes") return scopeSchema.shape;
        if (third === "appRoles") return appRoleSchema.shape;
    }
    if (top === "connectors") {
        if (path.length === 2) return connectorSchema.shape;
        if (third === "resource") {
            const resource = valueAt(input, path.slice(0, 3));
            if (fourth === "external" || (resource && typeof resource === "object" && "external" in resource)) {
                return path.length > 3 ? { appId: 0, resourceUrl: 0 } : { api: 0, wellKnown: 0, external: 0 };
            }
            return { api: 0, wellKnown: 0, external: 0 };
        }
    }
    return {};
}

