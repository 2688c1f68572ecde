// One clear error per failed Power Apps call: which connector, which environment, what happened, what to do; never a secret.
import { POWERAPPS_TOKEN_ENV } from "./endpoints";

/** The call that failed, in the words of the error message. */
export type PowerAppsOperation = "create" | "read" | "update" | "delete";

/** What the error names besides the answer: the connector (its stack key or name) and the environment. */
export interface PowerAppsErrorContext {
    readonly connector: string;
    readonly environment: string;
    readonly operation: PowerAppsOperation;
    /** Values to mask if the API ever echoes them (the client secret). */
    readonly secrets?: readonly string[];
}

/** A failed Power Apps API call; `status` is the HTTP status (0 when no answer came). */
export class PowerAppsError extends Error {
    constructor(
        message: string,
        readonly status: number,
    ) {
        super(message);
        this.name = "PowerAppsError";
    }
}

/** What to do about each answer, by status; 404 depends on the call. */
function advice(status: number, operation: PowerAppsOperation): string {
    switch (status) {
        case 400:
            return "The API refused the connector's definition: check the OpenAPI file (openApiFile: OpenAPI 2.0, every operation with an operationId) and the connector's settings, then run pulumi up again.";
        case 401:
            return `The token was refused: sign in again (az login) or, with ${POWERAPPS_TOKEN_ENV}, supply a fresh token whose audience is the Power Apps service (https://service.powerapps.com/ in the public cloud).`;
        case 403:
            return "The signed-in identity may not manage custom connectors in this environment: give it the Environment Maker role there, or deploy as a user (whether a service principal may write connectors is undocumented: npm run probe:power-apps -- --environment <id> tells).";
        case 404:
            return operation === "create"
                ? "The environment was not found: check connectors.<key>.powerPlatform.environment (the environment id in the Power Platform admin center) and the stack's cloud."
                : "The connector is gone from the environment (deleted by hand?): run pulumi refresh to drop it from the stack, then pulumi up to create it again.";
        case 409:
            return "The environment already holds a conflicting connector (same name or a concurrent change): wait for other changes to finish and run pulumi up again, or remove the duplicate connector.";
        case 429:
            return "The API kept throttling after every retry: wait a few minutes and run pulumi up again.";
        default:
            return status >= 500
                ? "The Power Apps service failed after retries: run pulumi up again later; if it keeps failing under a service principal, run npm run probe:power-apps to see what that identity may do."
                : "Check the answer above, fix the cause and run pulumi up again.";
    }
}

/** Masks each secret in `text`, and cuts it short: an API answer is quoted, never dumped. */
export function redact(text: string, secrets: readonly string[] = []): string {
    let out = text;
    for (const s of secrets) if (s) out = out.split(s).join("***");
    return out.length > 300 ? `${out.slice(0, 300)}…` : out;
}

/** The API's own error code and message from an answer body (`{ error: { code, message } }`), masked. */
export function apiErrorDetail(body: string, secrets: readonly string[] = []): string {
    try {
        const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } };
        const code = typeof parsed.error?.code === "string" ? parsed.error.code : undefined;
        const message = typeof parsed.error?.message === "string" ? parsed.error.message : undefined;
        if (code || message) return redact([code, message].filter(Boolean).join(": "), secrets);
    } catch {
        // not JSON: quote the text itself
    }
    return redact(body.trim(), secrets);
}

/** The error for an answer with status `status` and body `body`. */
export function powerAppsError(context: PowerAppsErrorContext, status: number, body: string): PowerAppsError {
    const detail = apiErrorDetail(body, context.secrets);
    return new PowerAppsError(
        `Power Platform connector "${context.connector}" in environment "${context.environment}": ${context.operation} answered HTTP ${status}` +
            `${detail ? ` (${detail})` : ""}. ${advice(status, context.operation)}`,
        status,
    );
}

/** The error when no answer came at all (DNS, refused connection, token acquisition). */
export function transportError(context: PowerAppsErrorContext, cause: unknown): PowerAppsError {
    const reason = redact(cause instanceof Error ? cause.message : String(cause), context.secrets);
    return new PowerAppsError(
        `Power Platform connector "${context.connector}" in environment "${context.environment}": ${context.operation} got no answer (${reason}). ` +
            `Check the network and the sign-in (az login, or ${POWERAPPS_TOKEN_ENV}), then run pulumi up again.`,
        0,
    );
}
