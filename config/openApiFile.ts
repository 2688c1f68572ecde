// Reads a Logic Apps connector's OpenAPI file, failing with the config key that names it.
import * as fs from "fs";
import * as path from "path";
import { ConfigError, NAMESPACE } from "../config";

/** The OpenAPI (Swagger 2.0) JSON at `file`, relative to `baseDir` (the project directory). */
export function readOpenApiFile(connectorKey: string, file: string, baseDir: string): Record<string, unknown> {
    const key = `${NAMESPACE}:connectors.${connectorKey}.openApiFile`;
    const fail = (why: string) => {
        throw new ConfigError([{ path: key, message: `"${file}" ${why}. Fix: point it at an OpenAPI 2.0 JSON file, relative to the project directory, or remove it for a generated definition.` }]);
    };
    const full = path.resolve(baseDir, file);
    let text = "";
    try {
        text = fs.readFileSync(full, "utf8");
    } catch {
        return fail(`cannot be read (${full})`);
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (err) {
        return fail(`is not JSON (${(err as Error).message})`);
    }
    if (!parsed || typeof parsed !== "object" || (parsed as Record<string, unknown>).swagger !== "2.0") {
        return fail(`is not an OpenAPI 2.0 document (it needs "swagger": "2.0"; custom connectors take Swagger 2.0)`);
    }
    return parsed as Record<string, unknown>;
}
