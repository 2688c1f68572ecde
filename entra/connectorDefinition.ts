// The definition a Power Platform custom connector is created with: the connector files plus the user's operations.
import {
    ConnectorSecurityInput,
    PLACEHOLDER_HOST,
    renderApiDefinition,
    renderApiProperties,
} from "./connectorSettings";

/** Host and base path of an https URL, for the generated OpenAPI document; undefined when it is not one. */
export function hostOfUrl(url: string): { host: string; basePath: string } | undefined {
    try {
        const parsed = new URL(url);
        if (parsed.protocol !== "https:" || !parsed.host) return undefined;
        return { host: parsed.host, basePath: parsed.pathname.replace(/\/+$/, "") || "/" };
    } catch {
        return undefined;
    }
}

/**
 * The user's OpenAPI 2.0 document with the generated sign-in: its `securityDefinitions` and top-level `security`
 * replaced by the generated ones (the connector signs in with Entra ID, whatever the file declared), everything
 * else (paths, definitions, host) kept; a host, base path or schemes the document lacks come from the generated one. Without a document, the generated one, which has no operations.
 */
export function mergeOpenApi(
    generated: Record<string, unknown>,
    user: Record<string, unknown> | undefined,
): Record<string, unknown> {
    if (!user) return generated;
    const info = typeof user.info === "object" && user.info !== null ? user.info : generated.info;
    // A document without a host (or base path, schemes) calls the generated one's: a definition needs somewhere to call.
    const target = Object.fromEntries(
        (["host", "basePath", "schemes"] as const).flatMap((k) =>
            user[k] === undefined && generated[k] !== undefined ? [[k, generated[k]]] : [],
        ),
    );
    return {
        ...user,
        ...target,
        info,
        securityDefinitions: generated.securityDefinitions,
        security: generated.security,
    };
}

/** The two connector files for the API: apiProperties.json and the OpenAPI document with the user's operations. */
export function connectorDefinitionFiles(
    input: ConnectorSecurityInput,
    options: { readonly openApi?: Record<string, unknown>; readonly baseUrl?: string },
): { apiProperties: Record<string, unknown>; openApiDefinition: Record<string, unknown> } {
    // Nothing names the API's host (an api:// resource URL, no baseUrl): the placeholder the offline plan warns about.
    const target = hostOfUrl(options.baseUrl ?? input.resourceUrl) ?? { host: PLACEHOLDER_HOST, basePath: "/" };
    return {
        apiProperties: renderApiProperties(input),
        openApiDefinition: mergeOpenApi(renderApiDefinition(input, target), options.openApi),
    };
}
