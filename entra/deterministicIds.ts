// Name-based (RFC 4122 version 5) UUIDs, so permission scope ids are stable across deployments and machines.
import { createHash } from "crypto";

/** Namespace of every id entra-connectors derives; changing it would replace every permission scope. */
export const ENTRA_CONNECTORS_NAMESPACE = "5b0c1b9e-6a1f-4d53-9a43-3f3c0f5e1c2a";

/** RFC 4122 section 4.3 name-based UUID with SHA-1. */
export function uuidV5(name: string, namespace: string = ENTRA_CONNECTORS_NAMESPACE): string {
    const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
    if (ns.length !== 16) {
        throw new Error(`namespace must be a UUID, got "${namespace}"`);
    }
    const hash = createHash("sha1").update(ns).update(name, "utf8").digest();
    const bytes = hash.subarray(0, 16);
    bytes[6] = (bytes[6] & 0x0f) | 0x50;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = bytes.toString("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Id of a permission scope (or app role) of one of this project's APIs. It forces replacement of the scope
 * (`scopeId` is willReplaceOnChanges), so it depends only on the API key, the kind and the value.
 */
export function permissionId(apiKey: string, kind: "scope" | "role", value: string): string {
    return uuidV5(`entra-connectors/${apiKey}/${kind}/${value}`);
}
