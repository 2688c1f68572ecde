// Where the Power Apps resource provider lives in each cloud, the token audience it accepts, and the environment overrides.

/** The resource provider's API version every Microsoft tool uses for custom connectors. */
// paconn settings/settings.py: `powerapps_api_version or '2016-11-01'`; coe-cli fixCustomConnectors: `api-version=2016-11-01`.
export const POWER_APPS_API_VERSION = "2016-11-01";

/** Replaces the Power Apps endpoint (tests, proxies, pipelines): a base URL such as `http://127.0.0.1:8080`. */
export const POWERAPPS_URL_ENV = "ENTRA_CONNECTORS_POWERAPPS_URL";
/** A bearer token for the Power Apps API, used instead of @azure/identity (pipelines that fetch their own). */
export const POWERAPPS_TOKEN_ENV = "ENTRA_CONNECTORS_POWERAPPS_TOKEN";

/** One cloud's Power Apps API host and the scope a token for it is requested with. */
export interface PowerAppsCloud {
    /** Base URL of the resource provider host, without a trailing slash. */
    readonly baseUrl: string;
    /** OAuth scope (`<audience>/.default`) of a token the host accepts. */
    readonly scope: string;
}

// Hosts and scopes: microsoft/terraform-provider-power-platform internal/constants/constants.go (the per-cloud table
// and PUBLIC_/USGOVHIGH_/USDOD_/CHINA_POWERAPPS_API_DOMAIN and _POWERAPPS_SCOPE); the public audience is also paconn's
// `resource or 'https://service.powerapps.com/'` (settings/settings.py). The hosts agree with coe-cli's mapEndpoint
// (powerplatform.ts: prod, usgovhigh, dod, china). The keys are this project's cloud names (entra/wellKnownApis.ts):
// "usgovernment" is GCC High, "usgovernmentdod" is DoD.
export const POWER_APPS_CLOUDS: Readonly<Record<string, PowerAppsCloud>> = {
    public: { baseUrl: "https://api.powerapps.com", scope: "https://service.powerapps.com/.default" },
    usgovernment: {
        baseUrl: "https://high.api.powerapps.us",
        scope: "https://high.service.apps.appsplatform.us/.default",
    },
    usgovernmentdod: {
        baseUrl: "https://api.apps.appsplatform.us",
        scope: "https://service.apps.appsplatform.us/.default",
    },
    china: { baseUrl: "https://api.powerapps.cn", scope: "https://service.powerapps.cn/.default" },
};

/** Where requests go and how they authenticate, after the environment overrides. */
export interface PowerAppsEndpoint extends PowerAppsCloud {
    /** A bearer token from ENTRA_CONNECTORS_POWERAPPS_TOKEN, or undefined to ask @azure/identity. */
    readonly token: string | undefined;
}

/** The endpoint for `cloud`, with ENTRA_CONNECTORS_POWERAPPS_URL / _TOKEN applied; throws on an unknown cloud or a bad URL. */
export function powerAppsEndpoint(cloud: string, env: NodeJS.ProcessEnv = process.env): PowerAppsEndpoint {
    const known = POWER_APPS_CLOUDS[cloud];
    if (!Object.prototype.hasOwnProperty.call(POWER_APPS_CLOUDS, cloud) || !known) {
        throw new Error(
            `cloud "${cloud}" has no known Power Apps API host; use one of ${Object.keys(POWER_APPS_CLOUDS).join(", ")}`,
        );
    }
    const override = env[POWERAPPS_URL_ENV]?.trim();
    const token = env[POWERAPPS_TOKEN_ENV]?.trim() || undefined;
    if (!override) return { ...known, token };
    let url: URL;
    try {
        url = new URL(override);
    } catch {
        throw new Error(
            `${POWERAPPS_URL_ENV} is "${override}", not a URL; set it to a base URL such as https://api.powerapps.com, or unset it`,
        );
    }
    if (url.protocol !== "https:" && !isLoopback(url.hostname)) {
        throw new Error(
            `${POWERAPPS_URL_ENV} is "${override}": only https, or http on a loopback address (127.0.0.1, ::1, localhost), may carry a token`,
        );
    }
    return { baseUrl: override.replace(/\/+$/, ""), scope: known.scope, token };
}

/** True for the loopback addresses a local fake or proxy listens on. */
export function isLoopback(hostname: string): boolean {
    return hostname === "127.0.0.1" || hostname === "localhost" || hostname === "[::1]" || hostname === "::1";
}
