// Config problems and the one error that lists them all, with key paths and values (secrets masked).
import * as pulumi from "@pulumi/pulumi";
import { NAMESPACE } from "./keys";

/** One problem with one config key. */
export interface ConfigProblem {
    /** Full key path, e.g. `entra-connectors:connectors.orders.federatedSubject`. */
    readonly path: string;
    readonly message: string;
}

/** How a secret value is shown in every message. */
export const SECRET_SHOWN = "[secret]";

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

/** A value as a message shows it: JSON, cut at 120 characters (YAML's words for the non-finite numbers). */
export function describeValue(value: unknown): string {
    if (value === undefined) return "nothing";
    if (typeof value === "number" && !Number.isFinite(value))
        return Number.isNaN(value) ? ".nan" : value > 0 ? ".inf" : "-.inf";
    let text: string;
    try {
        text = JSON.stringify(value) ?? String(value);
    } catch {
        text = "a value that refers to itself";
    }
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** The full key a message names, e.g. `entra-connectors:connectors.orders.scopes[0]`. */
export function keyPath(path: readonly PropertyKey[]): string {
    const [top, ...rest] = path.map(String);
    return `${NAMESPACE}:${top ?? ""}` + rest.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join("");
}
