// Pure request and response shapes of the Power Apps custom connector API: URLs, payloads, the secret, the read-back.
import { POWER_APPS_API_VERSION } from "./endpoints";

// Every fact below is from Microsoft's own tools, cited where used:
// - paconn: microsoft/PowerPlatformConnectors tools/paconn-cli/paconn/apimanager/powerappsrp.py (URLs, verbs),
//   apimanager/apimanager.py (construct_url: api-version plus the query, urlencode with quote), operations/upsert.py
//   (the payload), operations/json_keys.py (field names).
// - coe-cli: microsoft/coe-starter-kit coe-cli/src/commands/powerplatform.ts fixCustomConnectors (a secret PATCH that
//   keeps policyTemplateInstances and backendService from the GET).
// - microsoft/terraform-provider-power-platform internal/services/connectors/tests/Validate_Read/get_apis.json (the
//   recorded GET shape: name, id, properties.connectionParameters.token.oAuthSettings.redirectUrl).

/** The resource provider path under the host (paconn settings.py `powerapps_base_path` plus powerappsrp.py's `apis`). */
export const APIS_PATH = "/providers/Microsoft.PowerApps/apis";

/**
 * URL of the connector collection (`name` absent) or of one connector, scoped to an environment. paconn sends
 * `api-version` and `$filter=environment eq '<id>'` on every call, percent-encoded with `quote` (space as %20).
 */
export function apisUrl(baseUrl: string, environment: string, name?: string): string {
    const path = name === undefined ? APIS_PATH : `${APIS_PATH}/${encodeURIComponent(name)}`;
    const filter = encodeURIComponent(`environment eq '${environment}'`).replace(/'/g, "%27");
    return `${baseUrl}${path}?api-version=${POWER_APPS_API_VERSION}&$filter=${filter}`;
}

/** A JSON object (the connector's files are plain JSON). */
export type JsonObject = { [key: string]: unknown };

/** What the stack wants the connector to be: the two connector files plus a display name. */
export interface ConnectorDefinition {
    /** Display name, sent on create only (paconn upsert.py: "Add displayName only when creating a new connector"). */
    readonly displayName: string;
    /** `apiProperties.json` as rendered for the connector files (no secret in it). */
    readonly apiProperties: JsonObject;
    /** `apiDefinition.swagger.json`: OpenAPI 2.0 with the security definitions. */
    readonly openApiDefinition: JsonObject;
    /** URL of an uploaded icon (`properties.iconUri`); absent keeps the platform's default. */
    readonly iconUri?: string;
}

function isObject(v: unknown): v is JsonObject {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

function clone<T>(value: T): T {
    return JSON.parse(JSON.stringify(value)) as T;
}

/** paconn upsert.py `_create_backendservice_url`: the first scheme, the host and the base path of the OpenAPI file. */
export function backendServiceUrl(openApi: JsonObject): string {
    const schemes = Array.isArray(openApi.schemes) ? openApi.schemes : [];
    const scheme = typeof schemes[0] === "string" ? schemes[0] : "";
    const host = typeof openApi.host === "string" ? openApi.host : "";
    const basePath = typeof openApi.basePath === "string" ? openApi.basePath : "";
    if (!scheme && !host) return basePath;
    return `${scheme}://${host}${basePath}`;
}

/**
 * Writes the client secret where paconn puts it (upsert.py): `connectionParameters.token.oAuthSettings.clientSecret`
 * and the same field in every `connectionParameterSets.values[].parameters.token`. Returns a copy.
 */
export function withClientSecret(properties: JsonObject, clientSecret: string): JsonObject {
    const copy = clone(properties);
    const put = (token: unknown) => {
        if (isObject(token) && isObject(token.oAuthSettings)) token.oAuthSettings.clientSecret = clientSecret;
    };
    const params = copy.connectionParameters;
    if (isObject(params)) put(params.token);
    const sets = copy.connectionParameterSets;
    if (isObject(sets) && Array.isArray(sets.values)) {
        for (const set of sets.values) if (isObject(set) && isObject(set.parameters)) put(set.parameters.token);
    }
    return copy;
}

/** The properties paconn sends for the definition: the file's properties plus the OpenAPI document, backend and environment. */
function definitionProperties(
    definition: ConnectorDefinition,
    environment: string,
    clientSecret: string | undefined,
): JsonObject {
    const fileProperties = isObject(definition.apiProperties.properties) ? definition.apiProperties.properties : {};
    const properties =
        clientSecret === undefined ? clone(fileProperties) : withClientSecret(fileProperties, clientSecret);
    properties.openApiDefinition = clone(definition.openApiDefinition);
    properties.backendService = { serviceUrl: backendServiceUrl(definition.openApiDefinition) };
    properties.environment = { name: environment };
    const info = isObject(definition.openApiDefinition.info) ? definition.openApiDefinition.info : {};
    if (typeof info.description === "string") properties.description = info.description;
    if (definition.iconUri !== undefined) properties.iconUri = definition.iconUri;
    return properties;
}

/** The body of `POST apis` (paconn upsert.py, is_update false): the definition with `displayName`. */
export function createPayload(
    definition: ConnectorDefinition,
    environment: string,
    clientSecret: string | undefined,
): JsonObject {
    const properties = definitionProperties(definition, environment, clientSecret);
    properties.displayName = definition.displayName;
    return { properties };
}

/**
 * The body of `PATCH apis/{name}`: the whole definition again (the API replaces it), never `displayName` (paconn
 * sends it on create only), and what the platform attached that the files do not carry kept from the GET:
 * `policyTemplateInstances` (coe-cli fixCustomConnectors copies it from the GET into its PATCH) and `iconUri`.
 */
export function updatePayload(
    definition: ConnectorDefinition,
    environment: string,
    clientSecret: string | undefined,
    current: JsonObject,
): JsonObject {
    const properties = definitionProperties(definition, environment, clientSecret);
    const currentProperties = isObject(current.properties) ? current.properties : {};
    if (currentProperties.policyTemplateInstances !== undefined)
        properties.policyTemplateInstances = clone(currentProperties.policyTemplateInstances);
    if (properties.iconUri === undefined && typeof currentProperties.iconUri === "string")
        properties.iconUri = currentProperties.iconUri;
    return { properties };
}

/** What the stack reads back from a connector: its assigned name, redirect URL and managed-identity subject. */
export interface ConnectorReadBack {
    /** The name the platform assigned (`name` in the POST response: paconn upsert.py `json.loads(api_registration)[_NAME]`). */
    readonly name: string;
    /** `oAuthSettings.redirectUrl` (GlobalPerConnector), or undefined when the answer has none. */
    readonly redirectUrl: string | undefined;
    /** `oAuthSettings.properties.FederatedIdentityCredentials.Subject`, or undefined until the platform fills it. */
    readonly federatedSubject: string | undefined;
}

/** Reads the name, redirect URL and subject from a POST, GET or PATCH answer; throws when it has no name. */
export function readBack(response: unknown): ConnectorReadBack {
    if (!isObject(response) || typeof response.name !== "string" || response.name === "") {
        throw new Error("the Power Apps API answered without a connector name");
    }
    const properties = isObject(response.properties) ? response.properties : {};
    const params = isObject(properties.connectionParameters) ? properties.connectionParameters : {};
    const token = isObject(params.token) ? params.token : {};
    const oauth = isObject(token.oAuthSettings) ? token.oAuthSettings : {};
    const oauthProperties = isObject(oauth.properties) ? oauth.properties : {};
    const fic = isObject(oauthProperties.FederatedIdentityCredentials)
        ? oauthProperties.FederatedIdentityCredentials
        : {};
    return {
        name: response.name,
        redirectUrl: typeof oauth.redirectUrl === "string" && oauth.redirectUrl !== "" ? oauth.redirectUrl : undefined,
        federatedSubject: typeof fic.Subject === "string" && fic.Subject !== "" ? fic.Subject : undefined,
    };
}

/**
 * The redirect URL a connector named `name` shows in the public cloud: the recorded GET of `shared_sharepointonline`
 * answers `https://global.consent.azure-apim.net/redirect/sharepointonline` (get_apis.json), the name without
 * `shared_`. Used only where no answer exists yet (the offline plan); a deployment reads the URL from the API.
 */
export function publicRedirectUrl(name: string): string {
    return `https://global.consent.azure-apim.net/redirect/${name.replace(/^shared_/, "")}`;
}
