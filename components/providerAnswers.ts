// Checks on what a provider, an invoke or a mock answered: one clear ResourceError instead of a TypeError deep in an apply.
import * as pulumi from "@pulumi/pulumi";
import { isGuid } from "../entra/guid";

/**
 * Real deployments always answer these values; unit tests with Pulumi mocks often do not (mocks that return
 * `args.inputs` return no outputs), and a missing value would otherwise surface as "Cannot read properties of
 * undefined" in an apply, or as a test that waits forever for an output that never resolves.
 */
const MOCKS_HINT =
    'Under Pulumi mocks, answer it as the provider does, or use setEntraMocks() from "entra-connectors/testing", which answers every resource and invoke the components use';

/** A value as a message may quote it (never a secret: callers pass ids and maps only). */
function shown(value: unknown): string {
    if (value === undefined) return "undefined";
    const text = JSON.stringify(value);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** The answer, when it is a GUID; otherwise a ResourceError naming what answered and what came back. */
export function answeredGuid(value: unknown, what: string, resource: pulumi.Resource): string {
    if (typeof value === "string" && isGuid(value)) return value;
    throw new pulumi.ResourceError(`${what} came back as ${shown(value)}, not a GUID. ${MOCKS_HINT}.`, resource);
}

/** The answer, when it is a map of permission names to ids; otherwise a ResourceError naming it and what came back. */
export function answeredIdMap(
    value: unknown,
    what: string,
    resource: pulumi.Resource | undefined,
): Record<string, string> {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return value as Record<string, string>;
    const message = `${what} came back as ${shown(value)}, not a map of permission names to ids. ${MOCKS_HINT}.`;
    throw resource ? new pulumi.ResourceError(message, resource) : new Error(message);
}

/** The answer, when it has each of `fields` set; otherwise a ResourceError naming the missing fields and what came back. */
export function answeredObject<T extends object>(
    value: unknown,
    fields: readonly string[],
    what: string,
    resource: pulumi.Resource,
): T {
    const missing =
        value !== null && typeof value === "object"
            ? fields.filter((f) => (value as Record<string, unknown>)[f] === undefined)
            : fields;
    if (missing.length === 0) return value as T;
    throw new pulumi.ResourceError(
        `${what} came back as ${shown(value)}, without ${missing.join(", ")}. ${MOCKS_HINT}.`,
        resource,
    );
}

/** The answer, when it is non-empty text; otherwise a ResourceError naming what answered and what came back. */
export function answeredText(value: unknown, what: string, resource: pulumi.Resource): string {
    if (typeof value === "string" && value !== "") return value;
    throw new pulumi.ResourceError(`${what} came back as ${shown(value)}, not its name. ${MOCKS_HINT}.`, resource);
}
