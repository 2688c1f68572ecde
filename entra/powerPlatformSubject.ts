// Power Platform managed-identity subjects: GUID <-> base64url in .NET Guid.ToByteArray() order, and parsing.
import { isGuid } from "./guid";

/**
 * .NET's Guid.ToByteArray() stores the first three groups little-endian and the last two as written;
 * Power Platform encodes those 16 bytes as base64url without padding (22 characters).
 */
export function encodeGuid(guid: string): string {
    if (!isGuid(guid)) {
        throw new Error(`not a GUID: "${guid}"`);
    }
    const hex = guid.replace(/-/g, "");
    const bytes = Buffer.from(hex, "hex");
    const reordered = Buffer.concat([
        Buffer.from(bytes.subarray(0, 4)).reverse(),
        Buffer.from(bytes.subarray(4, 6)).reverse(),
        Buffer.from(bytes.subarray(6, 8)).reverse(),
        bytes.subarray(8),
    ]);
    return reordered.toString("base64url");
}

/** Inverse of encodeGuid; undefined when the text is not 16 bytes of base64url. */
export function decodeGuid(encoded: string): string | undefined {
    if (!/^[A-Za-z0-9_-]{22}$/.test(encoded)) {
        return undefined;
    }
    const bytes = Buffer.from(encoded, "base64url");
    if (bytes.length !== 16 || bytes.toString("base64url") !== encoded) {
        return undefined;
    }
    const hex = Buffer.concat([
        Buffer.from(bytes.subarray(0, 4)).reverse(),
        Buffer.from(bytes.subarray(4, 6)).reverse(),
        Buffer.from(bytes.subarray(6, 8)).reverse(),
        bytes.subarray(8),
    ]).toString("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A subject as the connector shows it: /eid1/c/pub/t/{encodedTenantId}/a/{encodedAppId}/{tail}. The tail after a/
 * is not documented for connectors; subjects of the same family have several segments (Dataverse plug-ins:
 * /eid1/c/pub/t/{encodedTenantId}/a/qzXoWDkuqUa3l6zM5mM0Rw/n/plugin/e/{environmentId}/h/{hash}, Learn
 * "Set up managed identity for Power Platform", https://learn.microsoft.com/en-us/power-platform/admin/set-up-managed-identity-version-1),
 * so only the prefix, the cloud segment, t/ and a/ are checked and any well-formed tail is accepted.
 */
export interface PowerPlatformSubject {
    readonly cloudSegment: string;
    readonly tenantId: string;
    readonly appId: string;
    /** Everything after a/{encodedAppId}/: the connector's internal name, or several segments. */
    readonly connectorName: string;
}

const SUBJECT_RE = /^\/eid1\/c\/([a-z]+)\/t\/([^/]*)\/a\/([^/]*)\/(.+)$/;
/** A tail segment: not empty, no whitespace or control characters (a copied subject never has them). */
// eslint-disable-next-line no-control-regex -- control characters are what the pattern refuses, so it names them.
const TAIL_SEGMENT_RE = /^[^\s\u0000-\u001f\u007f/]+$/;
const FORM = "/eid1/c/pub/t/{encodedTenantId}/a/{encodedAppId}/{connectorInternalName, or several segments}";

/** Parses a subject, or returns the reason it is not one. */
export function parsePowerPlatformSubject(subject: string): PowerPlatformSubject | { error: string } {
    const match = SUBJECT_RE.exec(subject);
    if (!match || !match[4].split("/").every((segment) => TAIL_SEGMENT_RE.test(segment))) {
        return { error: `does not have the form ${FORM}` };
    }
    const [, cloudSegment, tenantPart, appPart, connectorName] = match;
    const tenantId = decodeGuid(tenantPart);
    if (tenantId === undefined) {
        return { error: `its t/ segment "${tenantPart}" is not an encoded tenant id (22 base64url characters)` };
    }
    const appId = decodeGuid(appPart);
    if (appId === undefined) {
        return { error: `its a/ segment "${appPart}" is not an encoded app id (22 base64url characters)` };
    }
    return { cloudSegment, tenantId, appId, connectorName };
}

/** Builds a subject; used by tests and by users who know the connector's internal name. */
export function powerPlatformSubject(
    tenantId: string,
    appId: string,
    connectorName: string,
    cloudSegment = "pub",
): string {
    return `/eid1/c/${cloudSegment}/t/${encodeGuid(tenantId)}/a/${encodeGuid(appId)}/${connectorName}`;
}
