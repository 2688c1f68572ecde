// Pure functions: what a custom connector's Security tab needs, and the two connector files that
// `pac connector create` / `paconn create` read (apiProperties.json, apiDefinition.swagger.json).
// No Pulumi imports on purpose: plain values in, plain JSON-able objects out, so the same code serves
// `pulumi up`, the offline plan and the tests. A client secret never enters or leaves this module:
// paconn takes it with `--secret` at upload time.
import { CLOUDS, CloudName, globalConsentRedirectUrl } from "./clouds";
import { isGuid } from "./guid";
import { WELL_KNOWN_APIS, WellKnownApiName } from "./wellKnownApis";

/**
 * How the connector's client app proves its identity to Microsoft Entra ID.
 * - `"clientSecret"`: a client secret, typed into the Security tab (or passed to `paconn --secret`).
 * - `"managedIdentity"`: secretless, through a federated identity credential on the client app (preview).
 */
export const CONNECTOR_AUTHENTICATIONS = ["clientSecret", "managedIdentity"] as const;
export type ConnectorAuthentication = (typeof CONNECTOR_AUTHENTICATIONS)[number];

/** Everything known about a connector once its apps exist (plain values). */
export interface ConnectorSecurityInput {
    /** Logical key of the connector in config, e.g. `"orders"`. Used in error messages. */
    readonly connectorKey: string;
    /** Display name of the connector, e.g. `"Orders Connector (dev)"`. Becomes the swagger `info.title`. */
    readonly displayName: string;
    /**
     * Login host of the cloud, e.g. `"https://login.microsoftonline.com"` (the caller gives it per cloud).
     * Must be an https origin without path; a trailing slash is tolerated and dropped.
     */
    readonly loginHost: string;
    /** Directory (tenant) id, a GUID. */
    readonly tenantId: string;
    /** The connector client app's application (client) id, a GUID. */
    readonly clientId: string;
    /**
     * "Resource URL" on the Security tab, e.g. `"https://management.core.windows.net/"` or `"api://orders.contoso.com"`.
     * Kept byte for byte: a trailing slash matters to some resources (Azure Resource Manager).
     */
    readonly resourceUrl: string;
    /** Delegated scope names, e.g. `["user_impersonation"]`; may be empty. No whitespace inside a scope. */
    readonly scopes: readonly string[];
    /** Client secret or managed identity (federated credential). */
    readonly authentication: ConnectorAuthentication;
    /** Whether "Enable on-behalf-of login" is switched on. */
    readonly onBehalfOfLogin: boolean;
    /** Redirect URLs registered on the client app (absolute URLs); may be empty before the connector exists. */
    readonly redirectUrls: readonly string[];
    /**
     * Host of the cloud's connector consent service (`global.consent.azure-apim.net`, the default), or `null` in a
     * cloud where Microsoft documents none: `apiProperties.json` then carries the first of `redirectUrls`, the
     * redirect the app registers, never the public cloud's.
     */
    readonly consentHost?: string | null;
}

/** What a connector's security input is built from: the connector's values and its cloud. */
export interface ConnectorSecurityValues extends Omit<ConnectorSecurityInput, "loginHost" | "consentHost"> {
    /** The cloud: gives the login host and the connector consent host. */
    readonly cloud: CloudName;
}

/**
 * The one builder of a connector's security input: the cloud's login host and its documented connector consent
 * host (or null where Microsoft documents none) added to the connector's values. ConnectorClient builds its
 * Security-tab and connector-file outputs from it; the stack and the offline plan render from those outputs.
 */
export function connectorSecurityInput(values: ConnectorSecurityValues): ConnectorSecurityInput {
    const { cloud, ...rest } = values;
    return { ...rest, loginHost: CLOUDS[cloud].loginHost, consentHost: CLOUDS[cloud].connectorConsentHost ?? null };
}

/** Placeholder host of apiDefinition.swagger.json when nothing names the API's host; the offline plan warns about it. */
export const PLACEHOLDER_HOST = "api.contoso.example";

/**
 * The host apiDefinition.swagger.json names: the given one; for a well-known API its host in the cloud (graph.microsoft.us
 * in GCC High, never graph.microsoft.com), else its https resource URL's host; for a ProtectedApi with an https
 * identifier URI, that URI's host; else PLACEHOLDER_HOST.
 */
export function connectorApiHost(target: {
    readonly host?: string;
    readonly wellKnownApi?: string;
    readonly cloud: CloudName;
    /** The connector's resource URL (a ProtectedApi's identifier URI, or a well-known API's URL). */
    readonly resourceUrl: string;
    /** The API is a ProtectedApi (named with `api`), not any API by app id. */
    readonly ownApi: boolean;
}): string {
    if (target.host) return target.host;
    const httpsHost = (url: string | undefined) => (url?.startsWith("https://") ? new URL(url).host : undefined);
    if (target.wellKnownApi !== undefined) {
        const api = WELL_KNOWN_APIS[target.wellKnownApi as WellKnownApiName];
        return api?.apiHost[target.cloud] ?? httpsHost(target.resourceUrl) ?? PLACEHOLDER_HOST;
    }
    return (target.ownApi ? httpsHost(target.resourceUrl) : undefined) ?? PLACEHOLDER_HOST;
}

/** The Security tab of a Power Platform custom connector, field by field, as the maker types it. */
export interface ConnectorSecuritySettings {
    /** "Identity Provider" drop-down. */
    readonly identityProvider: "Azure Active Directory";
    /** "Client ID": the connector client app's client id. */
    readonly clientId: string;
    /** "Secret options": client secret or managed identity. */
    readonly secretOption: "Use client secret" | "Use managed identity";
    /** "Login URL" (the login host of the cloud, no trailing slash). */
    readonly authorizationUrl: string;
    /** "Tenant ID". */
    readonly tenantId: string;
    /** "Resource URL", exactly as configured. */
    readonly resourceUrl: string;
    /** Space-separated scopes as typed in the "Scope" box (`""` when none). */
    readonly scope: string;
    /** "Enable on-behalf-of login". */
    readonly enableOnBehalfOfLogin: boolean;
    /** Redirect URLs registered on the client app, in the given order. */
    readonly redirectUrls: readonly string[];
}

/** Security-tab fields, in the order the tab shows them. */
export const SECURITY_TAB_FIELDS = [
    "identityProvider",
    "clientId",
    "secretOption",
    "authorizationUrl",
    "tenantId",
    "resourceUrl",
    "enableOnBehalfOfLogin",
    "scope",
    "redirectUrls",
] as const satisfies readonly (keyof ConnectorSecuritySettings)[];

/** Host of the public cloud's connector consent service, the default (CLOUDS). */
const CONSENT_HOST = CLOUDS.public.connectorConsentHost!;
/** Redirect URL every OAuth connector used before per-connector redirect URLs (and the value before one exists). */
const GLOBAL_REDIRECT_URL = globalConsentRedirectUrl("public")!;
const DEFAULT_ICON_BRAND_COLOR = "#007ee5";
const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
// Same rule as `host` in the swagger 2.0 schema paconn validates against: a name or IP, optional port.
const SWAGGER_HOST = /^[^{}/ :\\]+(?::\d+)?$/;

/**
 * The Security-tab settings for a connector: what the maker types into each field.
 *
 * @throws Error listing every invalid input field at once.
 */
export function connectorSecuritySettings(input: ConnectorSecurityInput): ConnectorSecuritySettings {
    const loginHost = checkInput(input);
    return {
        identityProvider: "Azure Active Directory",
        clientId: input.clientId,
        secretOption: input.authentication === "managedIdentity" ? "Use managed identity" : "Use client secret",
        authorizationUrl: loginHost,
        tenantId: input.tenantId,
        resourceUrl: input.resourceUrl,
        scope: input.scopes.join(" "),
        enableOnBehalfOfLogin: input.onBehalfOfLogin,
        redirectUrls: [...input.redirectUrls],
    };
}

/**
 * `apiProperties.json` content (as an object) for `pac connector create` / `paconn create`: one
 * `token` connection parameter of type `oauthSetting` with identity provider `aad`, plus the hidden
 * `token:TenantId` parameter, in the shape Microsoft's certified connectors ship. Never contains a secret.
 *
 * The same shape serves managed identity: certified connectors show no separate representation for it,
 * and the secret option is chosen on the Security tab (see {@link ConnectorSecuritySettings.secretOption}).
 *
 * @param options.iconBrandColor icon background colour, `#rrggbb`; default `#007ee5`.
 * @param options.brandColor alias of `iconBrandColor` (used when `iconBrandColor` is not given).
 * @throws Error listing every invalid input field or option at once.
 */
export function renderApiProperties(
    input: ConnectorSecurityInput,
    options?: { brandColor?: string; iconBrandColor?: string },
): Record<string, unknown> {
    const settings = connectorSecuritySettings(input);
    const color = options?.iconBrandColor ?? options?.brandColor ?? DEFAULT_ICON_BRAND_COLOR;
    if (!HEX_COLOR.test(color)) {
        throw new Error(
            `connector "${input.connectorKey}": iconBrandColor ${JSON.stringify(color)} is not a colour; ` +
                `use "#rrggbb" (e.g. "${DEFAULT_ICON_BRAND_COLOR}") or leave it out for the default.`,
        );
    }
    return {
        properties: {
            connectionParameters: {
                token: {
                    type: "oauthSetting",
                    oAuthSettings: {
                        identityProvider: "aad",
                        clientId: settings.clientId,
                        // The maker portal stores the Scope box as typed: one space-separated entry, or none.
                        scopes: settings.scope === "" ? [] : [settings.scope],
                        // Every OAuth connector gets its own redirect URL since 2024 (the paconn schema lags: test/helpers).
                        redirectMode: "GlobalPerConnector",
                        ...redirectUrlField(input),
                        properties: {
                            IsFirstParty: "False",
                            AzureActiveDirectoryResourceId: settings.resourceUrl,
                            // The aad provider supports on-behalf-of login; whether it is on is enableOnbehalfOfLogin below
                            // (certified connectors ship `true` here together with enableOnbehalfOfLogin "false").
                            IsOnbehalfofLoginSupported: true,
                        },
                        customParameters: {
                            loginUri: { value: settings.authorizationUrl },
                            tenantId: { value: settings.tenantId },
                            resourceUri: { value: settings.resourceUrl },
                            enableOnbehalfOfLogin: { value: settings.enableOnBehalfOfLogin ? "true" : "false" },
                        },
                    },
                    uiDefinition: {
                        displayName: "Sign in with Microsoft Entra ID",
                        description: "Sign in with your Microsoft Entra ID account",
                        tooltip: "Provide your Microsoft Entra ID credentials",
                        constraints: { required: "true" },
                    },
                },
                "token:TenantId": {
                    type: "string",
                    metadata: { sourceType: "AzureActiveDirectoryTenant" },
                    uiDefinition: { constraints: { required: "false", hidden: "true" } },
                },
            },
            iconBrandColor: color,
            capabilities: [],
            policyTemplateInstances: [],
        },
    };
}

/**
 * `apiDefinition.swagger.json` content (as an object): OpenAPI 2.0 with one `oauth2` `accessCode`
 * security definition (`oauth2_auth`) referenced by the top-level `security`, and no operations yet
 * (the schema requires `paths` but allows it empty).
 *
 * @param options.host API host name, optionally with port (`orders.contoso.com`, `localhost:8443`); no scheme, no path.
 * @param options.basePath path prefix of every operation; default `"/"`; must start with `/`.
 * @param options.description `info.description`; default says which resource the connector calls.
 * @throws Error listing every invalid input field or option at once.
 */
export function renderApiDefinition(
    input: ConnectorSecurityInput,
    options: { host: string; basePath?: string; description?: string },
): Record<string, unknown> {
    const settings = connectorSecuritySettings(input);
    const basePath = options.basePath ?? "/";
    const problems: string[] = [];
    if (!SWAGGER_HOST.test(options.host)) {
        problems.push(
            `host ${JSON.stringify(options.host)} must be a host name with an optional port, without scheme or path ` +
                `(e.g. "orders.contoso.com")`,
        );
    }
    if (!basePath.startsWith("/")) {
        problems.push(`basePath ${JSON.stringify(basePath)} must start with "/" (e.g. "/api")`);
    }
    if (options.description !== undefined && options.description.trim() === "") {
        problems.push(`description must not be empty; leave it out for the default`);
    }
    throwIfAny(input.connectorKey, problems);
    // Certified aad connectors point both URLs at the v1 authorize endpoint; the runtime uses apiProperties.
    const authorizeUrl = `${settings.authorizationUrl}/common/oauth2/authorize`;
    return {
        swagger: "2.0",
        info: {
            title: input.displayName,
            description:
                options.description ??
                `Calls ${settings.resourceUrl} on behalf of the signed-in user, through Microsoft Entra ID.`,
            version: "1.0",
        },
        host: options.host,
        basePath,
        schemes: ["https"],
        consumes: ["application/json"],
        produces: ["application/json"],
        paths: {},
        definitions: {},
        parameters: {},
        responses: {},
        securityDefinitions: {
            oauth2_auth: {
                type: "oauth2",
                flow: "accessCode",
                authorizationUrl: authorizeUrl,
                tokenUrl: authorizeUrl,
                scopes: {},
            },
        },
        security: [{ oauth2_auth: [] }],
    };
}

/**
 * Stable JSON text for files: 2-space indent, trailing newline. Key order is the insertion order
 * of the value, so the same value always gives the same bytes.
 *
 * @throws TypeError when the value has no JSON representation (`undefined`, a function, a symbol).
 */
export function toJsonFile(value: unknown): string {
    const text = JSON.stringify(value, null, 2) as string | undefined;
    if (text === undefined) {
        throw new TypeError(`toJsonFile: ${typeof value} has no JSON representation`);
    }
    return `${text}\n`;
}

/**
 * The redirect URL apiProperties.json carries: the per-connector one registered on the consent host, else the
 * host's global one; in a cloud without a documented host (consentHost null), the first registered URL, or none
 * before the connector exists: the platform assigns one (GlobalPerConnector), and a connector the stack creates
 * reads it back (the paconn schema does not require the field: oAuthSettings requires only identityProvider).
 */
function redirectUrlField(input: ConnectorSecurityInput): { redirectUrl?: string } {
    const host = input.consentHost === undefined ? CONSENT_HOST : input.consentHost;
    if (host === null) {
        const first = input.redirectUrls[0];
        return first === undefined ? {} : { redirectUrl: first };
    }
    return { redirectUrl: apiPropertiesRedirectUrl(input, host) };
}

/** The per-connector redirect URL on `host` when one is registered, else the host's global one. */
function apiPropertiesRedirectUrl(input: ConnectorSecurityInput, host: string): string {
    return (
        perConnectorRedirectUrl(input.redirectUrls, host) ??
        (host === CONSENT_HOST ? GLOBAL_REDIRECT_URL : `https://${host}/redirect`)
    );
}

/** The first registered redirect URL that is a per-connector one (`.../redirect/{name}`) on `host`, if any. */
function perConnectorRedirectUrl(redirectUrls: readonly string[], host: string): string | undefined {
    return redirectUrls.find((candidate) => {
        const url = parseUrl(candidate);
        return (
            url !== undefined &&
            url.protocol === "https:" &&
            url.hostname === host &&
            url.search === "" &&
            url.hash === "" &&
            /^\/redirect\/[^/]+$/.test(url.pathname)
        );
    });
}

/** Checks the input, collecting every problem; returns the normalized login host. */
function checkInput(input: ConnectorSecurityInput): string {
    const problems: string[] = [];
    if (input.displayName.trim() === "") {
        problems.push(`displayName must not be empty`);
    }
    const login = parseUrl(input.loginHost);
    const loginOk =
        login !== undefined &&
        login.protocol === "https:" &&
        (login.pathname === "/" || login.pathname === "") &&
        login.search === "" &&
        login.hash === "" &&
        login.username === "" &&
        !/[?#]/.test(input.loginHost);
    if (!loginOk) {
        problems.push(
            `loginHost ${JSON.stringify(input.loginHost)} must be an https origin without path ` +
                `(e.g. "https://login.microsoftonline.com")`,
        );
    }
    if (!isGuid(input.tenantId)) {
        problems.push(`tenantId ${JSON.stringify(input.tenantId)} must be a GUID (the directory id)`);
    }
    if (!isGuid(input.clientId)) {
        problems.push(`clientId ${JSON.stringify(input.clientId)} must be a GUID (the client app's application id)`);
    }
    if (input.resourceUrl.trim() === "" || input.resourceUrl.trim() !== input.resourceUrl) {
        problems.push(
            `resourceUrl ${JSON.stringify(input.resourceUrl)} must be non-empty without surrounding spaces ` +
                `(e.g. "https://management.core.windows.net/" or "api://orders.contoso.com")`,
        );
    }
    const seen = new Set<string>();
    for (const scope of input.scopes) {
        if (scope === "" || /\s/.test(scope)) {
            problems.push(
                `scope ${JSON.stringify(scope)} must be one non-empty name without spaces (e.g. "user_impersonation")`,
            );
        } else if (seen.has(scope)) {
            problems.push(`scope ${JSON.stringify(scope)} is listed twice; list each scope once`);
        }
        seen.add(scope);
    }
    if (!(CONNECTOR_AUTHENTICATIONS as readonly string[]).includes(input.authentication)) {
        problems.push(
            `authentication ${JSON.stringify(input.authentication)} must be one of ${CONNECTOR_AUTHENTICATIONS.join(", ")}`,
        );
    }
    if (typeof input.onBehalfOfLogin !== "boolean") {
        problems.push(`onBehalfOfLogin ${JSON.stringify(input.onBehalfOfLogin)} must be true or false`);
    }
    for (const redirectUrl of input.redirectUrls) {
        if (parseUrl(redirectUrl) === undefined) {
            problems.push(`redirect URL ${JSON.stringify(redirectUrl)} must be an absolute URL`);
        }
    }
    throwIfAny(input.connectorKey, problems);
    return login === undefined ? "" : `${login.protocol}//${login.host}`;
}

function throwIfAny(connectorKey: string, problems: readonly string[]): void {
    if (problems.length > 0) {
        throw new Error(`connector "${connectorKey}": invalid settings:\n  - ${problems.join("\n  - ")}`);
    }
}

function parseUrl(text: string): URL | undefined {
    try {
        return new URL(text);
    } catch {
        return undefined;
    }
}
