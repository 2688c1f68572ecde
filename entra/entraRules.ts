// Entra ID's and Azure's documented rules for values entra-connectors writes; config, components, the simulator and policy share them.
// Every function is pure and returns the problem ("why. Fix: how", without a final period) or undefined.

// Redirect URI rules: https://learn.microsoft.com/en-us/entra/identity-platform/reply-url ("Maximum number of
// redirect URIs": 256 for work or school accounts, signInAudience AzureADMyOrg / AzureADMultipleOrgs, which is
// what entra-connectors registers; "Maximum URI length": 256 characters; "Redirect URIs don't support special
// characters: ! $ ' ( ) , ;"). The azuread provider checks the same length (terraform-provider-azuread
// internal/helpers/tf/validation/uri.go, IsRedirectUriFunc: "URI must be 256 characters or less").
export const MAX_REDIRECT_URI_LENGTH = 256;
export const MAX_REDIRECT_URIS_PER_APP = 256;
const REDIRECT_URI_UNSUPPORTED = /[!$'(),;]/;
// Federated credentials: https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation-considerations
export const MAX_FEDERATED_CREDENTIALS_PER_APP = 20;
// Display names of app registrations. Two Microsoft pages disagree: the Graph application resource says "Maximum
// length is 256 characters" (https://learn.microsoft.com/en-us/graph/api/resources/application), while "Validation
// differences by supported account types" says "Display name: Maximum length of 120 characters" for AzureADMyOrg
// and AzureADMultipleOrgs (https://learn.microsoft.com/en-us/entra/identity-platform/supported-accounts-validation).
// The stricter one is enforced, so nothing config accepts can be refused by either. It counts the whole name Entra
// stores, environment suffix included ("Orders API (dev)").
export const MAX_DISPLAY_NAME_LENGTH = 120;
// Scope and app-role values (the `scp` / `roles` claim): Graph permissionScope and appRole resources, property
// `value`: "Must not exceed 120 characters in length. Allowed characters are : ! # $ % & ' ( ) * + , - . / : ; < = >
// ? @ [ ] ^ + _ ` { | } ~, and characters in the ranges 0-9, A-Z and a-z. Any other character, including the space
// character, aren't allowed. May not begin with ." (https://learn.microsoft.com/en-us/graph/api/resources/permissionscope,
// https://learn.microsoft.com/en-us/graph/api/resources/approle). supported-accounts-validation repeats "Maximum scope
// name length of 120 characters". The azuread provider checks the same characters and the leading dot, but a length
// of 249 (terraform-provider-azuread internal/services/applications/validate/tokens.go, RoleScopeClaimValue), so
// 121-249 would pass `pulumi preview` and fail at Graph: config uses Graph's 120.
export const MAX_PERMISSION_VALUE_LENGTH = 120;
const PERMISSION_VALUE_CHAR = /[A-Za-z0-9!#$%&'()*+,\-./:;<=>?@[\]^_`{|}~]/;
// App roles and exposed scopes share "a default limit of 700 permission definitions" per application
// (https://learn.microsoft.com/en-us/entra/identity-platform/howto-add-app-roles-in-apps#app-role-limits).
export const MAX_PERMISSION_DEFINITIONS_PER_APP = 700;
// Application ID URIs: "Maximum length of 255 characters" and "Wildcards aren't supported" (supported-accounts-validation),
// "The application ID URI value must not end with a slash" and the supported api:// and https:// forms
// (https://learn.microsoft.com/en-us/entra/identity-platform/reference-microsoft-graph-app-manifest#identifieruris-attribute).
// Query strings and fragments are allowed by Entra for single-tenant apps, but the policy pack's mandatory
// identifier-uri-scheme rule (policy/rules.ts) refuses them, so config refuses them first, at the key.
export const MAX_IDENTIFIER_URI_LENGTH = 255;
// "A maximum of 100 users and service principals can be owners of a single application" (Microsoft Entra service
// limits and restrictions, https://learn.microsoft.com/en-us/entra/identity/users/directory-service-limits-restrictions).
export const MAX_OWNERS_PER_APP = 100;
// "In general, all applications with more than 400 permissions have exceeded the configuration limits" of the
// requiredResourceAccess collection (https://learn.microsoft.com/en-us/entra/identity-platform/troubleshoot-required-resource-access-limits).
export const MAX_REQUESTED_PERMISSIONS_PER_APP = 400;
// Microsoft Entra never issues the nil GUID for a tenant, object or application; it is a placeholder.
export const NIL_GUID = "00000000-0000-0000-0000-000000000000";
// The policy pack's default for its mandatory client-secret-max-lifetime rule (DEFAULT_POLICY_CONFIG.maxSecretLifetimeDays
// in policy/rules.ts; test/limits.spec.ts keeps the two equal). Config warns at the key about a longer secretLifetimeDays
// (the pack's limit can be raised per deployment, so it is not an error); with the defaults the plan fails on the policy.
export const POLICY_MAX_SECRET_LIFETIME_DAYS = 180;
// Azure resource names: https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/resource-name-rules
// Microsoft.KeyVault vaults: 3-24, "Alphanumerics and hyphens. Start with letter. End with letter or digit. Can't contain
// consecutive hyphens."; vaults/secrets: 1-127, "Alphanumerics and hyphens."; Microsoft.Resources resourcegroups:
// 1-90, "Underscores, hyphens, periods, parentheses, and letters or digits as defined by the Char.IsLetterOrDigit
// function ... Can't end with period." (Char.IsLetterOrDigit: Unicode categories Lu, Ll, Lt, Lm, Lo and Nd.)
export const KEY_VAULT_NAME_LENGTH = { min: 3, max: 24 } as const;
export const MAX_KEY_VAULT_SECRET_NAME_LENGTH = 127;
export const MAX_RESOURCE_GROUP_NAME_LENGTH = 90;

/** A value as a message shows it: JSON-quoted, so control characters and spaces are visible. */
export function quote(value: string): string {
    const text = JSON.stringify(value);
    return text.length > 120 ? `${text.slice(0, 117)}..."` : text;
}

/** True for the all-zero GUID, in any case. */
export function isNilGuid(value: string): boolean {
    return value.trim().toLowerCase() === NIL_GUID;
}

/** The nil GUID is never a real tenant, object or app id: it is a placeholder someone forgot to replace. `what`: "the ... id". */
export function nilGuidProblem(value: string, what: string): string | undefined {
    if (!isNilGuid(value)) return undefined;
    return `is the nil GUID ${NIL_GUID}, which Entra never issues: it is a placeholder. Fix: replace it with ${what}`;
}

/** Problem with a redirect URI, or undefined when Entra accepts it for a Web/public-client platform. */
export function redirectUriProblem(uri: string): string | undefined {
    const fix = "Fix: copy the redirect URL the connector shows (https://...)";
    if (uri.length > MAX_REDIRECT_URI_LENGTH) {
        return `is ${uri.length} characters long; Entra allows at most ${MAX_REDIRECT_URI_LENGTH}. ${fix}`;
    }
    if (uri.includes("*")) {
        return `contains a wildcard (*); Entra does not allow wildcards in redirect URIs. ${fix}`;
    }
    let parsed: URL;
    try {
        parsed = new URL(uri);
    } catch {
        return `is not an absolute URL. ${fix}`;
    }
    if (parsed.hash !== "" || uri.includes("#")) {
        return `contains a fragment (#...); Entra does not allow fragments in redirect URIs. ${fix}`;
    }
    const isLocalhost = ["localhost", "127.0.0.1", "[::1]"].includes(parsed.hostname);
    if (parsed.protocol === "http:" && !isLocalhost) {
        // The host is not repeated: callers show the value (or [secret]), and a problem text never echoes it.
        return `uses http; Entra requires https except for localhost (the host exactly localhost, 127.0.0.1 or [::1]). ${fix}`;
    }
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
        return `uses the scheme "${parsed.protocol}"; use https. ${fix}`;
    }
    const special = uri.match(REDIRECT_URI_UNSUPPORTED);
    if (special) {
        return `contains '${special[0]}'; Entra redirect URIs don't support the characters ! $ ' ( ) , ; ${fix}`;
    }
    return undefined;
}

/** Problem with a permission scope or app role value (the scp / roles claim), or undefined when Entra accepts it. */
export function permissionValueProblem(value: string): string | undefined {
    const fix = "Fix: use ASCII letters, digits and symbols such as . _ - : (e.g. access_as_user or Orders.Read.All)";
    if (value.length === 0) {
        return `is empty. ${fix}`;
    }
    if (value.startsWith(".")) {
        return `starts with '.'; Entra rejects values that start with a dot. ${fix}`;
    }
    const bad = [...new Set([...value].filter((ch) => !PERMISSION_VALUE_CHAR.test(ch)))];
    if (bad.length > 0) {
        const shown = bad.map((ch) =>
            /\s/.test(ch)
                ? `whitespace (U+${codePoint(ch)})`
                : /[\x21-\x7e]/.test(ch)
                  ? `'${ch}'`
                  : `U+${codePoint(ch)}`,
        );
        return `contains ${shown.join(", ")}; scope and role values allow only ASCII letters, digits and ! # $ % & ' ( ) * + , - . / : ; < = > ? @ [ ] ^ _ \` { | } ~ (no spaces). ${fix}`;
    }
    if (value.length > MAX_PERMISSION_VALUE_LENGTH) {
        return `is ${value.length} characters long; Entra allows at most ${MAX_PERMISSION_VALUE_LENGTH}. Fix: shorten it`;
    }
    return undefined;
}

function codePoint(ch: string): string {
    return ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
}

/**
 * Text a person reads in Entra (display names, consent texts, role descriptions): not blank and without control
 * characters (tabs, newlines, escapes), which Entra stores but every consent screen renders wrong. `maxLength` only
 * where Microsoft documents one: the Graph permissionScope and appRole resources give no length for
 * adminConsentDisplayName, adminConsentDescription, userConsentDisplayName, userConsentDescription, displayName or
 * description, and the azuread provider only requires them non-empty (validation.StringIsNotEmpty in
 * application_permission_scope_resource.go and application_app_role_resource.go), so none is invented here.
 */
export function displayTextProblem(text: string, maxLength?: number): string | undefined {
    const control = [...text].find((ch) => /\p{Cc}/u.test(ch));
    if (control !== undefined) {
        return `contains the control character U+${codePoint(control)}. Fix: write it on one line, without tabs or escape characters`;
    }
    if (text.trim().length === 0) {
        return `${text.length === 0 ? "is empty" : "has only spaces"}. Fix: write text a person can read`;
    }
    if (maxLength !== undefined && text.length > maxLength) {
        return `is ${text.length} characters long; Entra allows at most ${maxLength}. Fix: shorten it`;
    }
    return undefined;
}

/** An app registration's display name as Entra stores it (environment suffix included) against Entra's limit. */
export function applicationDisplayNameProblem(storedName: string): string | undefined {
    if (storedName.length <= MAX_DISPLAY_NAME_LENGTH) return undefined;
    const suffix = storedName.slice(storedName.lastIndexOf(" ("));
    return `is ${storedName.length} characters long as Entra stores it, with the environment suffix "${suffix.trim()}"; Entra allows at most ${MAX_DISPLAY_NAME_LENGTH}. Fix: shorten it by ${storedName.length - MAX_DISPLAY_NAME_LENGTH}`;
}

/**
 * Problem with an Application ID URI, or undefined. The same rule as the policy pack's identifier-uri-scheme
 * (api://<non-empty>, or https:// on a host with a dot that is not localhost; no space, wildcard, query or fragment),
 * plus Entra's length limit and "must not end with a slash".
 */
export function identifierUriProblem(uri: string): string | undefined {
    const fix =
        "Fix: use api://<name or client id> or https://<verified domain>/<path>, or leave identifierUri out for api://{clientId}";
    if (uri.length > MAX_IDENTIFIER_URI_LENGTH)
        return `is ${uri.length} characters long; Entra allows at most ${MAX_IDENTIFIER_URI_LENGTH}. ${fix}`;
    const bad = uri.match(/[\s*#?]/);
    if (bad) {
        const what =
            bad[0] === "*"
                ? "a wildcard (*)"
                : bad[0] === "#"
                  ? "a fragment (#)"
                  : bad[0] === "?"
                    ? "a query (?)"
                    : "whitespace";
        return `contains ${what}, which Entra or the policy pack's identifier-uri-scheme rule refuses. ${fix}`;
    }
    let form = /^api:\/\/[^/]/.test(uri);
    if (!form && /^https:\/\//.test(uri)) {
        let host = "";
        try {
            host = new URL(uri).hostname;
        } catch {
            // not a URL: not the https form
        }
        // An https Application ID URI must be on a verified domain of the tenant (reference-microsoft-graph-app-manifest,
        // identifierUris); an IP address is never a verified domain.
        if (isIpAddress(host)) return `is on the IP address ${host}, not a verified domain of the tenant. ${fix}`;
        form = host.includes(".") && host !== "localhost";
    }
    if (!form) return `is neither api://... nor an https URL on a domain. ${fix}`;
    if (uri.endsWith("/"))
        return `ends with "/"; Entra requires an Application ID URI without a trailing slash. ${fix}`;
    return undefined;
}

/** An IPv4 address, or a bracketed IPv6 one as URL hostnames show it. */
function isIpAddress(host: string): boolean {
    return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith("[");
}

/**
 * Problem with a host name with an optional port (the API host a generated OpenAPI definition calls), or
 * undefined: DNS labels of 1-63 letters, digits and hyphens, not starting or ending with a hyphen, at most 253
 * characters (RFC 1123 section 2.1), and a TCP port 1-65535.
 */
export function hostNameProblem(host: string): string | undefined {
    const fix =
        "Fix: give the API's host name, with a port only when it is not 443, e.g. orders.contoso.com or orders.contoso.com:8443";
    const [name = "", port, ...extra] = host.split(":");
    if (extra.length > 0) return `is not a host name with an optional port. ${fix}`;
    const label = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
    if (name.length === 0 || name.length > 253 || !name.split(".").every((l) => label.test(l))) {
        return `is not a host name: each dot-separated part must be 1-63 letters, digits or hyphens, not starting or ending with a hyphen. ${fix}`;
    }
    if (port !== undefined && (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535)) {
        return `has port ${JSON.stringify(port)}; a TCP port is 1-65535. ${fix}`;
    }
    return undefined;
}

/** Problem with an https base URL without query or fragment (a Logic Apps custom API's backend), or undefined. */
export function httpsBaseUrlProblem(url: string): string | undefined {
    const fix = "Fix: give the https:// URL of the API, e.g. https://orders.contoso.com/api";
    let parsed: URL;
    try {
        parsed = new URL(url);
    } catch {
        return `is not an absolute URL. ${fix}`;
    }
    if (parsed.protocol !== "https:")
        return `uses ${parsed.protocol.replace(/:$/, "")}; the custom API must call an https URL. ${fix}`;
    if (/\s/.test(url)) return `contains whitespace. ${fix}`;
    if (parsed.search !== "" || url.includes("?")) return `has a query string; give the base URL only. ${fix}`;
    if (parsed.hash !== "" || url.includes("#")) return `has a fragment (#...); give the base URL only. ${fix}`;
    if (parsed.username !== "" || parsed.password !== "")
        return `contains credentials (user:password@); never put secrets in a URL. ${fix}`;
    return undefined;
}

/** Problem with a Key Vault name (Microsoft.KeyVault/vaults), or undefined. */
export function keyVaultNameProblem(name: string): string | undefined {
    const fix =
        "Fix: use 3-24 letters, digits and single hyphens, starting with a letter and ending with a letter or digit (e.g. kv-connectors-dev)";
    if (name.length < KEY_VAULT_NAME_LENGTH.min || name.length > KEY_VAULT_NAME_LENGTH.max) {
        return `is ${name.length} characters long; a Key Vault name has ${KEY_VAULT_NAME_LENGTH.min}-${KEY_VAULT_NAME_LENGTH.max}. ${fix}`;
    }
    if (!/^[A-Za-z0-9-]+$/.test(name)) return `contains characters other than letters, digits and hyphens. ${fix}`;
    if (!/^[A-Za-z]/.test(name)) return `does not start with a letter. ${fix}`;
    if (!/[A-Za-z0-9]$/.test(name)) return `does not end with a letter or digit. ${fix}`;
    if (name.includes("--")) return `contains consecutive hyphens ("--"), which Key Vault names can't. ${fix}`;
    return undefined;
}

/** Problem with a Key Vault secret name (Microsoft.KeyVault/vaults/secrets), or undefined. */
export function keyVaultSecretNameProblem(name: string): string | undefined {
    if (name.length >= 1 && name.length <= MAX_KEY_VAULT_SECRET_NAME_LENGTH && /^[A-Za-z0-9-]+$/.test(name))
        return undefined;
    return `is not a Key Vault secret name: 1-${MAX_KEY_VAULT_SECRET_NAME_LENGTH} letters, digits and hyphens. Fix: shorten the key or remove other characters`;
}

/** Problem with an Azure resource group name (Microsoft.Resources/resourcegroups), or undefined. */
export function resourceGroupNameProblem(name: string): string | undefined {
    const fix = "Fix: use 1-90 letters, digits, '_', '-', '.', '(' or ')', not ending in '.' (e.g. rg-connectors-dev)";
    if (name.length < 1 || name.length > MAX_RESOURCE_GROUP_NAME_LENGTH) {
        return `is ${name.length} characters long; a resource group name has 1-${MAX_RESOURCE_GROUP_NAME_LENGTH}. ${fix}`;
    }
    const bad = [...name].find((ch) => !/[\p{Lu}\p{Ll}\p{Lt}\p{Lm}\p{Lo}\p{Nd}_\-.()]/u.test(ch));
    if (bad !== undefined)
        return `contains ${/[\x21-\x7e]/.test(bad) ? `'${bad}'` : `U+${codePoint(bad)}`}, which resource group names can't. ${fix}`;
    if (name.endsWith(".")) return `ends with '.', which resource group names can't. ${fix}`;
    return undefined;
}

/** A client secret longer than the policy pack's default maximum fails the mandatory client-secret-max-lifetime rule. */
export function secretLifetimePolicyProblem(days: number): string | undefined {
    if (days <= POLICY_MAX_SECRET_LIFETIME_DAYS) return undefined;
    return (
        `is ${days} days, longer than the ${POLICY_MAX_SECRET_LIFETIME_DAYS} days the policy pack's mandatory client-secret-max-lifetime rule allows by default ` +
        `(the offline plan and a deployment with the pack fail unless its maxSecretLifetimeDays is raised). Fix: set it to ${POLICY_MAX_SECRET_LIFETIME_DAYS} or less; rotation renews the secret before it ends`
    );
}
