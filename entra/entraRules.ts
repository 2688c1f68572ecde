// Entra ID's documented rules for values entra-connectors writes; config validation and the simulator share them.

// Redirect URI rules: https://learn.microsoft.com/en-us/entra/identity-platform/reply-url
export const MAX_REDIRECT_URI_LENGTH = 256;
export const MAX_REDIRECT_URIS_PER_APP = 256;
// Federated credentials: https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation-considerations
export const MAX_FEDERATED_CREDENTIALS_PER_APP = 20;
// Graph application resource: displayName is limited to 256 characters.
export const MAX_DISPLAY_NAME_LENGTH = 256;

/** Problem with a redirect URI, or undefined when Entra accepts it for a Web/public-client platform. */
export function redirectUriProblem(uri: string): string | undefined {
    if (uri.length > MAX_REDIRECT_URI_LENGTH) {
        return `is ${uri.length} characters long; Entra allows at most ${MAX_REDIRECT_URI_LENGTH}`;
    }
    if (uri.includes("*")) {
        return "contains a wildcard (*); Entra does not allow wildcards in redirect URIs";
    }
    let parsed: URL;
    try {
        parsed = new URL(uri);
    } catch {
        return "is not an absolute URL";
    }
    if (parsed.hash !== "" || uri.includes("#")) {
        return "contains a fragment (#...); Entra does not allow fragments in redirect URIs";
    }
    const isLocalhost = ["localhost", "127.0.0.1", "[::1]"].includes(parsed.hostname);
    if (parsed.protocol === "http:" && !isLocalhost) {
        return "uses http; Entra requires https except for localhost";
    }
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
        return `uses the scheme "${parsed.protocol}"; use https`;
    }
    return undefined;
}

/** Problem with a permission scope or app role value, or undefined when it is valid. */
export function permissionValueProblem(value: string): string | undefined {
    if (value.length === 0) {
        return "is empty";
    }
    if (/\s/.test(value)) {
        return "contains whitespace; scope and role values cannot contain spaces";
    }
    if (value.startsWith(".")) {
        return "starts with '.'; Entra rejects values that start with a dot";
    }
    return undefined;
}
