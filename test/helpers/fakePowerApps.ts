// A loopback fake of the Power Apps custom connector API, from paconn's and coe-cli's calls and the recorded GET shape.
import * as http from "node:http";
import type { AddressInfo } from "node:net";

// What the fake enforces is what the sources show (see powerPlatform/requests.ts for the citations):
// - every call carries `api-version=2016-11-01` and `$filter=environment eq '<id>'` (paconn construct_url);
// - POST apis creates and answers the registration with its `name` (paconn upsert.py reads `name`);
// - GET/PATCH/DELETE apis/{name} (powerappsrp.py; DELETE is the portal's and coe-cli's sibling verb);
// - answers carry `oAuthSettings.redirectUrl` = global.consent.azure-apim.net/redirect/<name without shared_>
//   (terraform-provider-power-platform get_apis.json) and never the client secret;
// - errors as `{ error: { code, message } }`.
// Its own choices, never relied on by the client: the name it assigns (`shared_<slug>-<counter>`, the real scheme is
// undocumented), and when a managed-identity subject appears (after `subjectAfterReads` GETs of a connector created
// without a client secret).

/** One connector as the fake holds it. */
export interface FakeConnector {
    readonly name: string;
    readonly environment: string;
    properties: Record<string, unknown>;
    clientSecret: string | undefined;
    reads: number;
    subject: string | undefined;
}

/** One request the fake saw (body parsed). */
export interface FakeRequest {
    readonly method: string;
    readonly path: string;
    readonly query: URLSearchParams;
    readonly authorization: string | undefined;
    readonly body: Record<string, unknown> | undefined;
}

/** A failure to answer instead of the real behaviour. */
export interface FakeFailure {
    readonly method: string;
    readonly status: number;
    readonly code?: string;
    readonly message?: string;
    readonly headers?: Record<string, string>;
    /** How many calls it answers; default 1. */
    times?: number;
}

export interface FakePowerAppsOptions {
    /** Environments that exist. Default ["env-dev"]. */
    readonly environments?: readonly string[];
    /** The bearer token it accepts. Default "fake-token". */
    readonly token?: string;
    /** GETs of a managed-identity connector before its subject appears. Default 0 (at once). */
    readonly subjectAfterReads?: number;
    /** The subject it fills in (per connector name). */
    readonly subjectFor?: (name: string) => string;
}

export interface FakePowerApps {
    readonly url: string;
    readonly token: string;
    readonly connectors: Map<string, FakeConnector>;
    readonly requests: FakeRequest[];
    /** Answer the next matching calls with a failure. */
    fail(failure: FakeFailure): void;
    close(): Promise<void>;
}

const APIS = "/providers/Microsoft.PowerApps/apis";

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

function tokenOf(properties: Record<string, unknown>): Record<string, unknown> | undefined {
    const params = properties.connectionParameters;
    const token = isObject(params) ? params.token : undefined;
    return isObject(token) && isObject(token.oAuthSettings) ? token.oAuthSettings : undefined;
}

/** Starts the fake on 127.0.0.1 (a free port). */
export async function startFakePowerApps(options: FakePowerAppsOptions = {}): Promise<FakePowerApps> {
    const environments = new Set(options.environments ?? ["env-dev"]);
    const token = options.token ?? "fake-token";
    const connectors = new Map<string, FakeConnector>();
    const requests: FakeRequest[] = [];
    const failures: FakeFailure[] = [];
    let counter = 0;

    const answer = (res: http.ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "Content-Type": "application/json", ...headers });
        res.end(body === undefined ? "" : JSON.stringify(body));
    };
    const error = (
        res: http.ServerResponse,
        status: number,
        code: string,
        message: string,
        headers?: Record<string, string>,
    ) => answer(res, status, { error: { code, message } }, headers);

    const view = (c: FakeConnector) => {
        // The stored definition without the secret, with what the platform adds (recorded get_apis.json shape).
        const properties = JSON.parse(JSON.stringify(c.properties)) as Record<string, unknown>;
        const strip = (oauth: Record<string, unknown> | undefined) => {
            if (!oauth) return;
            delete oauth.clientSecret;
            oauth.redirectUrl = `https://global.consent.azure-apim.net/redirect/${c.name.replace(/^shared_/, "")}`;
            if (c.subject !== undefined) {
                const props = isObject(oauth.properties) ? oauth.properties : (oauth.properties = {});
                (props as Record<string, unknown>).FederatedIdentityCredentials = { Subject: c.subject };
            }
        };
        strip(tokenOf(properties));
        return {
            name: c.name,
            id: `${APIS}/${c.name}`,
            type: "Microsoft.PowerApps/apis",
            properties: {
                ...properties,
                isCustomApi: true,
                apiDefinitions: { originalSwaggerUrl: `https://fake.invalid/${c.name}/original.json` },
            },
        };
    };

    const server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (d: Buffer) => chunks.push(d));
        req.on("end", () => {
            const url = new URL(req.url ?? "/", "http://127.0.0.1");
            const text = Buffer.concat(chunks).toString("utf8");
            let body: Record<string, unknown> | undefined;
            try {
                body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
            } catch {
                return error(res, 400, "InvalidJson", "The request body is not JSON.");
            }
            const method = req.method ?? "GET";
            requests.push({
                method,
                path: url.pathname,
                query: url.searchParams,
                authorization: req.headers.authorization,
                body,
            });

            const failure = failures.find((f) => f.method === method && (f.times ?? 1) > 0);
            if (failure) {
                failure.times = (failure.times ?? 1) - 1;
                return error(
                    res,
                    failure.status,
                    failure.code ?? `Http${failure.status}`,
                    failure.message ?? "Failure the test asked for.",
                    failure.headers,
                );
            }
            if (req.headers.authorization !== `Bearer ${token}`)
                return error(res, 401, "InvalidAuthenticationToken", "The access token is invalid.");
            if (url.searchParams.get("api-version") !== "2016-11-01")
                return error(res, 400, "InvalidApiVersion", "Unsupported api-version.");
            const filter = /^environment eq '([^']+)'$/.exec(url.searchParams.get("$filter") ?? "");
            if (!filter) return error(res, 400, "MissingEnvironmentFilter", "The environment filter is required.");
            const environment = filter[1]!;
            if (!environments.has(environment))
                return error(res, 404, "EnvironmentNotFound", `Environment '${environment}' not found.`);

            if (url.pathname === APIS && method === "POST") {
                const properties = isObject(body?.properties) ? body.properties : undefined;
                if (!properties || typeof properties.displayName !== "string" || !properties.displayName)
                    return error(res, 400, "MissingDisplayName", "properties.displayName is required.");
                const openApi = properties.openApiDefinition;
                if (!isObject(openApi) || openApi.swagger !== "2.0")
                    return error(res, 400, "InvalidSwagger", "properties.openApiDefinition must be OpenAPI 2.0.");
                if (!isObject(properties.environment) || properties.environment.name !== environment)
                    return error(
                        res,
                        400,
                        "EnvironmentMismatch",
                        "properties.environment.name differs from the filter.",
                    );
                for (const c of connectors.values()) {
                    if (c.environment === environment && c.properties.displayName === properties.displayName)
                        return error(
                            res,
                            409,
                            "ApiAlreadyExists",
                            `A custom connector named '${properties.displayName}' already exists.`,
                        );
                }
                counter += 1;
                const slug = properties.displayName
                    .toLowerCase()
                    .replace(/[^a-z0-9]+/g, "")
                    .slice(0, 30);
                const name = `shared_${slug}-${counter.toString(16).padStart(6, "0")}`;
                const oauth = tokenOf(properties);
                const connector: FakeConnector = {
                    name,
                    environment,
                    properties: { ...properties, policyTemplateInstances: properties.policyTemplateInstances ?? [] },
                    clientSecret: typeof oauth?.clientSecret === "string" ? oauth.clientSecret : undefined,
                    reads: 0,
                    subject: undefined,
                };
                connectors.set(name, connector);
                return answer(res, 201, view(connector));
            }
            const match = url.pathname.startsWith(`${APIS}/`)
                ? decodeURIComponent(url.pathname.slice(APIS.length + 1))
                : undefined;
            const connector = match === undefined ? undefined : connectors.get(match);
            if (match === undefined) return error(res, 404, "NotFound", "No such route.");
            if (!connector || connector.environment !== environment)
                return error(res, 404, "ApiNotFound", `Connector '${match}' not found.`);
            if (method === "GET") {
                connector.reads += 1;
                if (
                    connector.clientSecret === undefined &&
                    connector.subject === undefined &&
                    connector.reads > (options.subjectAfterReads ?? 0)
                ) {
                    connector.subject =
                        options.subjectFor?.(connector.name) ?? `/eid1/c/pub/t/fake/a/fake/${connector.name}`;
                }
                return answer(res, 200, view(connector));
            }
            if (method === "PATCH") {
                const properties = isObject(body?.properties) ? body.properties : undefined;
                if (!properties) return error(res, 400, "MissingProperties", "properties is required.");
                const oauth = tokenOf(properties);
                if (typeof oauth?.clientSecret === "string") connector.clientSecret = oauth.clientSecret;
                connector.properties = { ...properties, displayName: connector.properties.displayName };
                return answer(res, 200, view(connector));
            }
            if (method === "DELETE") {
                connectors.delete(connector.name);
                return answer(res, 200);
            }
            return error(res, 405, "MethodNotAllowed", `${method} is not supported here.`);
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}`,
        token,
        connectors,
        requests,
        fail: (f) => failures.push({ ...f }),
        close: () =>
            new Promise<void>((resolve) => {
                server.closeAllConnections();
                server.close(() => resolve());
            }),
    };
}
