// A thin Power Apps API client: @azure/core-rest-pipeline for retries and Retry-After, @azure/identity for the token.
import type { HttpClient, Pipeline, PipelinePolicy } from "@azure/core-rest-pipeline";
import type { TokenCredential } from "@azure/identity";
import { powerAppsEndpoint, type PowerAppsEndpoint } from "./endpoints";
import { powerAppsError, transportError, type PowerAppsOperation } from "./errors";
import { apisUrl, type JsonObject } from "./requests";

// Loaded when a client is built, not when this module is: a plan registers the connector's provider (whose module
// requires this one) but never calls Power Apps, and @azure/identity with MSAL is most of what it would load.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred load; the types come from the import type above.
const restPipeline = () => require("@azure/core-rest-pipeline") as typeof import("@azure/core-rest-pipeline");
// eslint-disable-next-line @typescript-eslint/no-require-imports -- as above.
const identity = () => require("@azure/identity") as typeof import("@azure/identity");

/** How a client is built; everything but the cloud has a production default. */
export interface PowerAppsClientOptions {
    /** Cloud name (entra/wellKnownApis.ts): picks the host and the token scope. */
    readonly cloud: string;
    /** Environment variables to read ENTRA_CONNECTORS_POWERAPPS_URL / _TOKEN from. Default process.env. */
    readonly env?: NodeJS.ProcessEnv;
    /** The credential when no token is set. Default DefaultAzureCredential (az CLI, environment, workload or managed identity). */
    readonly credential?: TokenCredential;
    /** Retry tuning for @azure/core-rest-pipeline's default policy (throttling with Retry-After, then exponential). */
    readonly retry?: {
        readonly maxRetries?: number;
        readonly retryDelayInMs?: number;
        readonly maxRetryDelayInMs?: number;
    };
    /** Transport (tests). Default the pipeline's Node.js client. */
    readonly httpClient?: HttpClient;
}

/** Which connector a call is for, for its error messages. */
export interface CallContext {
    readonly connector: string;
    readonly environment: string;
    readonly secrets?: readonly string[];
}

/** A fixed bearer token (ENTRA_CONNECTORS_POWERAPPS_TOKEN): the pipeline's bearer policy only takes credentials. */
function staticBearerPolicy(token: string): PipelinePolicy {
    return {
        name: "entraConnectorsStaticBearer",
        sendRequest: (request, next) => {
            request.headers.set("Authorization", `Bearer ${token}`);
            return next(request);
        },
    };
}

/** Power Apps resource provider calls for custom connectors (paconn apimanager/powerappsrp.py's verbs). */
export class PowerAppsClient {
    readonly endpoint: PowerAppsEndpoint;
    private readonly pipeline: Pipeline;
    private readonly httpClient: HttpClient;

    constructor(options: PowerAppsClientOptions) {
        this.endpoint = powerAppsEndpoint(options.cloud, options.env);
        const { bearerTokenAuthenticationPolicy, createDefaultHttpClient, createPipelineFromOptions } = restPipeline();
        this.pipeline = createPipelineFromOptions({
            retryOptions: options.retry,
            userAgentOptions: { userAgentPrefix: "entra-connectors" },
        });
        this.pipeline.addPolicy(
            this.endpoint.token !== undefined
                ? staticBearerPolicy(this.endpoint.token)
                : bearerTokenAuthenticationPolicy({
                      credential: options.credential ?? new (identity().DefaultAzureCredential)(),
                      scopes: this.endpoint.scope,
                  }),
            { phase: "Sign" },
        );
        this.httpClient = options.httpClient ?? createDefaultHttpClient();
    }

    /** POST apis: creates the connector; answers its registration (with the assigned name). */
    create(context: CallContext, payload: JsonObject): Promise<JsonObject> {
        return this.send(
            context,
            "create",
            "POST",
            apisUrl(this.endpoint.baseUrl, context.environment),
            payload,
        ) as Promise<JsonObject>;
    }

    /** GET apis/{name}: the connector's registration. */
    get(context: CallContext, name: string): Promise<JsonObject> {
        return this.send(
            context,
            "read",
            "GET",
            apisUrl(this.endpoint.baseUrl, context.environment, name),
        ) as Promise<JsonObject>;
    }

    /** GET apis/{name}, or undefined when the connector does not exist (404). */
    async find(context: CallContext, name: string): Promise<JsonObject | undefined> {
        return (await this.send(
            context,
            "read",
            "GET",
            apisUrl(this.endpoint.baseUrl, context.environment, name),
            undefined,
            [404],
        )) as JsonObject | undefined;
    }

    /** PATCH apis/{name}: replaces the definition. */
    update(context: CallContext, name: string, payload: JsonObject): Promise<JsonObject> {
        return this.send(
            context,
            "update",
            "PATCH",
            apisUrl(this.endpoint.baseUrl, context.environment, name),
            payload,
        ) as Promise<JsonObject>;
    }

    /** DELETE apis/{name}; a connector already gone (404) counts as deleted. */
    async delete(context: CallContext, name: string): Promise<void> {
        await this.send(
            context,
            "delete",
            "DELETE",
            apisUrl(this.endpoint.baseUrl, context.environment, name),
            undefined,
            [404],
        );
    }

    private async send(
        context: CallContext,
        operation: PowerAppsOperation,
        method: "GET" | "POST" | "PATCH" | "DELETE",
        url: string,
        body?: JsonObject,
        absentOk: readonly number[] = [],
    ): Promise<JsonObject | undefined> {
        const errorContext = { ...context, operation };
        const { createHttpHeaders, createPipelineRequest } = restPipeline();
        const request = createPipelineRequest({
            url,
            method,
            headers: createHttpHeaders({
                Accept: "application/json",
                // paconn sends x-ms-origin on every resource provider call (powerappsrp.py rp_headers).
                "x-ms-origin": "entra-connectors",
                ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
            }),
            body: body === undefined ? undefined : JSON.stringify(body),
            // A loopback fake or proxy speaks plain http (endpoints.ts refuses any other http URL).
            allowInsecureConnection: url.startsWith("http://"),
        });
        let response;
        try {
            response = await this.pipeline.sendRequest(this.httpClient, request);
        } catch (e) {
            throw transportError(errorContext, e);
        }
        const text = response.bodyAsText ?? "";
        if (absentOk.includes(response.status)) return undefined;
        if (response.status < 200 || response.status >= 300) throw powerAppsError(errorContext, response.status, text);
        if (text.trim() === "") return {};
        try {
            return JSON.parse(text) as JsonObject;
        } catch {
            throw powerAppsError(errorContext, response.status, "the answer was not JSON");
        }
    }
}
