// Test-only: validates rendered connector files against Microsoft's paconn schemas in
// ../shared/reference/paconn (never read by the product at run time). The apiProperties schema lags
// behind what certified connectors ship, so a copy of it is patched to accept exactly the two
// deviations listed in ../shared/reference/README.md and nothing else.
import * as fs from "fs";
import * as path from "path";
import { REFERENCE_DIR } from "./reference";
import Ajv, { ErrorObject, ValidateFunction } from "ajv";

/** Folder with Microsoft's published schemas (beside this repository, only on CI and dev machines). */
export const PACONN_SCHEMA_DIR = path.join(REFERENCE_DIR, "paconn");

// Schema JSON is walked loosely, hence `any`.
type Json = Record<string, any>;

/** Removes `//` and `/* *\/` comments outside JSON strings (the schemas are draft-07 with comments). */
export function stripJsonComments(text: string): string {
    let out = "";
    let inString = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (inString) {
            out += c;
            if (c === "\\") {
                out += text[++i] ?? "";
            } else if (c === '"') {
                inString = false;
            }
        } else if (c === '"') {
            inString = true;
            out += c;
        } else if (c === "/" && text[i + 1] === "/") {
            while (i < text.length && text[i] !== "\n") i++;
            out += "\n";
        } else if (c === "/" && text[i + 1] === "*") {
            const end = text.indexOf("*/", i + 2);
            i = end < 0 ? text.length : end + 1;
        } else {
            out += c;
        }
    }
    return out;
}

function loadSchema(file: string): Json {
    const schema = JSON.parse(stripJsonComments(fs.readFileSync(path.join(PACONN_SCHEMA_DIR, file), "utf8"))) as Json;
    // Mechanical translation to what Ajv 8 reads; no validation rule changes: the schemas name their
    // id with the pre-draft-06 keyword `id`, and the swagger schema declares draft-04, which Ajv 8 lacks.
    if (typeof schema.id === "string") {
        schema.$id = schema.id;
        delete schema.id;
    }
    delete schema.$schema;
    return schema;
}

/**
 * The parts of the JSON Schema draft-04 meta-schema that the swagger schema references remotely
 * (`http://json-schema.org/draft-04/schema#/properties/...`), in draft-07 keywords
 * (`multipleOf` is "number > 0": draft-04 wrote that as `minimum: 0, exclusiveMinimum: true`).
 */
const DRAFT04_REFERENCED_PARTS: Json = {
    $id: "http://json-schema.org/draft-04/schema#",
    definitions: {
        positiveInteger: { type: "integer", minimum: 0 },
        positiveIntegerDefault0: { allOf: [{ $ref: "#/definitions/positiveInteger" }, { default: 0 }] },
        simpleTypes: { enum: ["array", "boolean", "integer", "null", "number", "object", "string"] },
        stringArray: { type: "array", items: { type: "string" }, minItems: 1, uniqueItems: true },
    },
    properties: {
        title: { type: "string" },
        description: { type: "string" },
        default: {},
        multipleOf: { type: "number", exclusiveMinimum: 0 },
        maximum: { type: "number" },
        exclusiveMaximum: { type: "boolean", default: false },
        minimum: { type: "number" },
        exclusiveMinimum: { type: "boolean", default: false },
        pattern: { type: "string", format: "regex" },
        uniqueItems: { type: "boolean", default: false },
        enum: { type: "array", minItems: 1, uniqueItems: true },
        type: {
            anyOf: [
                { $ref: "#/definitions/simpleTypes" },
                { type: "array", items: { $ref: "#/definitions/simpleTypes" }, minItems: 1, uniqueItems: true },
            ],
        },
    },
};

function newAjv(): Ajv {
    return new Ajv({
        strict: false,
        allErrors: true,
        // The only formats the paconn schemas use; checked here rather than through ajv-formats (no new deps).
        formats: {
            uri: (value: string) => /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]*$/.test(value) && canParseUrl(value),
            email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
            regex: (value: string) => {
                try {
                    new RegExp(value, "u");
                    return true;
                } catch {
                    return false;
                }
            },
        },
    });
}

function canParseUrl(value: string): boolean {
    try {
        new URL(value);
        return true;
    } catch {
        return false;
    }
}

/**
 * Copy of the apiProperties schema accepting exactly the two documented deviations:
 * `oAuthSettings.redirectMode: "GlobalPerConnector"` and, for `identityProvider: aad`,
 * `customParameters.enableOnbehalfOfLogin` as `{ "value": "true" | "false" }`.
 */
export function patchedApiPropertiesSchema(original: Json = loadSchema("paconn-apiProperties.schema.json")): Json {
    const schema = JSON.parse(JSON.stringify(original)) as Json;
    const oAuthSettings = schema.definitions?.oAuthSettings;
    const redirectModes: unknown = oAuthSettings?.properties?.redirectMode?.enum;
    if (!Array.isArray(redirectModes) || !redirectModes.includes("Global")) {
        throw new Error(
            "paconn schema changed: oAuthSettings.properties.redirectMode.enum not found; revisit the patch",
        );
    }
    redirectModes.push("GlobalPerConnector");
    const branches: unknown = oAuthSettings.oneOf;
    const aad = Array.isArray(branches)
        ? (branches as Json[]).find((branch) => branch.description === "identityProvider: aad")
        : undefined;
    const aadCustom = aad?.properties?.customParameters;
    if (aadCustom?.additionalProperties !== false || typeof aadCustom.properties !== "object") {
        throw new Error("paconn schema changed: the aad branch of oAuthSettings.oneOf not found; revisit the patch");
    }
    aadCustom.properties.enableOnbehalfOfLogin = {
        type: "object",
        required: ["value"],
        additionalProperties: false,
        properties: { value: { type: "string", enum: ["true", "false"] } },
    };
    return schema;
}

let apiPropertiesValidator: ValidateFunction | undefined;
let apiPropertiesOriginalValidator: ValidateFunction | undefined;
let apiDefinitionValidator: ValidateFunction | undefined;

function formatErrors(errors: ErrorObject[] | null | undefined): string[] {
    return (errors ?? []).map((error) => {
        const where = error.instancePath === "" ? "/" : error.instancePath;
        const params = error.params as Record<string, unknown>;
        const detail =
            error.keyword === "additionalProperties"
                ? ` (${String(params.additionalProperty)})`
                : error.keyword === "enum"
                  ? ` (${JSON.stringify(params.allowedValues)})`
                  : "";
        return `${where}: ${error.message ?? error.keyword}${detail}`;
    });
}

/** Errors of `apiProperties.json` content against the patched paconn schema (empty = valid). */
export function validateApiProperties(obj: unknown): string[] {
    apiPropertiesValidator ??= newAjv().compile(patchedApiPropertiesSchema());
    return apiPropertiesValidator(obj) ? [] : formatErrors(apiPropertiesValidator.errors);
}

/** Errors of `apiProperties.json` content against the unpatched paconn schema (to prove the patch is minimal). */
export function validateApiPropertiesUnpatched(obj: unknown): string[] {
    apiPropertiesOriginalValidator ??= newAjv().compile(loadSchema("paconn-apiProperties.schema.json"));
    return apiPropertiesOriginalValidator(obj) ? [] : formatErrors(apiPropertiesOriginalValidator.errors);
}

/** Errors of `apiDefinition.swagger.json` content against the paconn swagger schema (empty = valid). */
export function validateApiDefinition(obj: unknown): string[] {
    if (apiDefinitionValidator === undefined) {
        const ajv = newAjv();
        ajv.addSchema(DRAFT04_REFERENCED_PARTS);
        apiDefinitionValidator = ajv.compile(loadSchema("apiDefinition.swagger.schema.json"));
    }
    return apiDefinitionValidator(obj) ? [] : formatErrors(apiDefinitionValidator.errors);
}
