// zod issues in the project's words: what the key expects, the value shown, and a corrected example (EXAMPLES).
import { z } from "zod";
import { ConfigProblem, describeValue, keyPath, SECRET_SHOWN } from "./errors";
import { NAMESPACE } from "./keys";
import { stackSchema } from "./schema";
import { closest } from "./suggest";

/** The input's value at a key path, or undefined when the path does not exist. */
function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
    let current: unknown = root;
    for (const part of path) {
        if (current === null || typeof current !== "object") return undefined;
        if (!Object.prototype.hasOwnProperty.call(current, part)) return undefined;
        current = (current as Record<PropertyKey, unknown>)[part];
    }
    return current;
}

// The schema at a key path: what it expects, an example, its keys.

type Schema = z.ZodType;

/** The schema without optional/default/nullable wrappers. */
function unwrap(schema: Schema): Schema {
    let s: Schema = schema;
    for (let i = 0; i < 10; i++) {
        if (
            s instanceof z.ZodOptional ||
            s instanceof z.ZodDefault ||
            s instanceof z.ZodNullable ||
            s instanceof z.ZodPrefault ||
            s instanceof z.ZodReadonly
        ) {
            s = s.unwrap() as Schema;
        } else if (s instanceof z.ZodPipe) {
            s = s.in as Schema;
        } else break;
    }
    return s;
}

/** The schema at `path` (record keys and list indexes match any) and the path's pattern, e.g. `connectors.*.scopes.*`. */
export function schemaAt(
    path: readonly PropertyKey[],
    root: Schema = stackSchema,
): { schema?: Schema; pattern: string } {
    const parts: string[] = [];
    let schema: Schema | undefined = root;
    for (const part of path) {
        const s: Schema | undefined = schema ? unwrap(schema) : undefined;
        if (s instanceof z.ZodObject) {
            parts.push(String(part));
            schema = (s.shape as Record<string, Schema>)[String(part)];
        } else if (s instanceof z.ZodRecord) {
            parts.push("*");
            schema = s.valueType as Schema;
        } else if (s instanceof z.ZodArray) {
            parts.push("*");
            schema = s.element as Schema;
        } else if (s instanceof z.ZodUnion) {
            parts.push(String(part));
            const options = s.options as Schema[];
            schema = options.map((o) => schemaAt([part], o).schema).find((x) => x !== undefined);
        } else {
            parts.push(String(part));
            schema = undefined;
        }
    }
    return { schema, pattern: parts.join(".") };
}

/** The keys a mapping at `path` may have (a union of mappings: every option's keys). */
export function allowedKeysAt(path: readonly PropertyKey[]): string[] {
    const { schema } = schemaAt(path);
    const keysOf = (s: Schema | undefined): string[] => {
        const u = s ? unwrap(s) : undefined;
        if (u instanceof z.ZodObject) return Object.keys(u.shape);
        if (u instanceof z.ZodUnion) return [...new Set((u.options as Schema[]).flatMap(keysOf))];
        return [];
    };
    return keysOf(schema);
}

/** What a schema expects, in words ("a list of text", "one of public, usgovernment, china", ...). */
export function expectedText(schema: Schema | undefined, depth = 0): string {
    if (!schema) return "a value";
    const s = unwrap(schema);
    if (s instanceof z.ZodStringFormat)
        return (s._zod.def as { format?: string }).format === "guid" ? "a GUID" : "text";
    if (s instanceof z.ZodString) return "text";
    if (s instanceof z.ZodNumber) return s.isInt ? "a whole number" : "a number";
    if (s instanceof z.ZodBoolean) return "true or false";
    if (s instanceof z.ZodEnum) return `one of ${(s.options as string[]).join(", ")}`;
    if (s instanceof z.ZodLiteral) return [...s.values].map((v) => JSON.stringify(v)).join(" or ");
    if (s instanceof z.ZodArray)
        return depth > 1 ? "a list" : `a list of ${plural(expectedText(s.element as Schema, depth + 1))}`;
    if (s instanceof z.ZodRecord)
        return depth > 1
            ? "a mapping"
            : `a mapping of names to ${plural(expectedText(s.valueType as Schema, depth + 1))}`;
    if (s instanceof z.ZodObject)
        return depth > 1 ? "a mapping" : `a mapping with the keys ${Object.keys(s.shape).join(", ")}`;
    if (s instanceof z.ZodUnion) return (s.options as Schema[]).map((o) => expectedText(o, depth + 1)).join(", or ");
    return "a value";
}

function plural(text: string): string {
    if (text.startsWith("one of ")) return `values, each ${text}`;
    if (text === "text") return "text values";
    if (text.startsWith("a mapping")) return text.replace(/^a mapping/, "mappings");
    if (text.startsWith("a list")) return text.replace(/^a list/, "lists");
    if (text.startsWith("a ")) return `${text.slice(2)}s`;
    return text;
}

/** Corrected examples in YAML, by schema path pattern (record keys and list indexes are `*`). */
const EXAMPLES: Readonly<Record<string, string>> = {
    environment: "dev",
    cloud: "public",
    production: "true",
    owners: "[9a1f3c2e-7b6d-4e5f-8a9b-0c1d2e3f4a5b]",
    "owners.*": "9a1f3c2e-7b6d-4e5f-8a9b-0c1d2e3f4a5b",
    apis: "{ orders: { displayName: Orders API } }",
    "apis.*": "{ displayName: Orders API }",
    "apis.*.displayName": "Orders API",
    "apis.*.identifierUri": "api://orders",
    "apis.*.scopes": "[{ value: access_as_user }]",
    "apis.*.scopes.*": "{ value: access_as_user }",
    "apis.*.scopes.*.value": "access_as_user",
    "apis.*.appRoles": "[{ value: Orders.Read.All, displayName: Read all orders, description: Read every order. }]",
    "apis.*.appRoles.*": "{ value: Orders.Read.All, displayName: Read all orders, description: Read every order. }",
    "apis.*.appRoles.*.allowedMemberTypes": "[Application]",
    "apis.*.assignmentRequired": "false",
    "apis.*.accessTokenVersion": "2",
    connectors:
        "{ arm: { displayName: ARM Connector, resource: { wellKnown: azureServiceManagement }, scopes: [user_impersonation], authentication: clientSecret } }",
    "connectors.*":
        "{ displayName: ARM Connector, resource: { wellKnown: azureServiceManagement }, scopes: [user_impersonation], authentication: clientSecret }",
    "connectors.*.displayName": "Orders Connector",
    "connectors.*.resource": "{ wellKnown: microsoftGraph } (or { api: orders })",
    "connectors.*.resource.api": "orders",
    "connectors.*.resource.wellKnown": "microsoftGraph",
    "connectors.*.resource.external":
        "{ appId: 0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0, resourceUrl: https://api.contoso.com/ }",
    "connectors.*.resource.external.resourceUrl": "https://api.contoso.com/",
    "connectors.*.scopes": "[User.Read]",
    "connectors.*.scopes.*": "User.Read",
    "connectors.*.authentication": "clientSecret",
    "connectors.*.secretLifetimeDays": "180",
    "connectors.*.secretRotationDays": "60",
    "connectors.*.redirectUrls": "[https://global.consent.azure-apim.net/redirect]",
    "connectors.*.redirectUrls.*": "https://global.consent.azure-apim.net/redirect",
    "connectors.*.adminConsent": "true",
    "connectors.*.onBehalfOfLogin": "false",
    "connectors.*.host": "orders.contoso.com",
    "connectors.*.platform": "powerPlatform",
    "connectors.*.resourceGroupName": "rg-connectors-dev",
    "connectors.*.location": "westeurope",
    "connectors.*.baseUrl": "https://orders.contoso.com/api",
    "connectors.*.openApiFile": "openapi/orders.json",
    "connectors.*.powerPlatform": "{ environment: Default-3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45 }",
    "connectors.*.powerPlatform.environment": "Default-3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45",
    "connectors.*.powerPlatform.adopt": "shared_orders-20connector-5fe1d2c3b4a59687",
    "connectors.*.powerPlatform.subjectTimeoutMinutes": "15",
    httpWithEntraId: "{ grants: [{ resource: microsoftGraph, scopes: [User.Read] }] }",
    "httpWithEntraId.grants": "[{ resource: microsoftGraph, scopes: [User.Read] }]",
    "httpWithEntraId.grants.*": "{ resource: microsoftGraph, scopes: [User.Read] }",
    "httpWithEntraId.grants.*.resource": "microsoftGraph",
    "httpWithEntraId.grants.*.scopes": "[User.Read]",
    "httpWithEntraId.grants.*.consent": "allUsers",
    powerPlatformApiClients:
        "{ admin-sdk: { displayName: Power Platform Admin SDK, permissions: [AppManagement.ApplicationPackages.Read] } }",
    "powerPlatformApiClients.*":
        "{ displayName: Power Platform Admin SDK, permissions: [AppManagement.ApplicationPackages.Read] }",
    "powerPlatformApiClients.*.permissions": "[AppManagement.ApplicationPackages.Read]",
    "powerPlatformApiClients.*.applicationPermissions": "[]",
    "powerPlatformApiClients.*.publicClient": "{ ropc: false }",
    "powerPlatformApiClients.*.credential": "certificate",
    "powerPlatformApiClients.*.certificateValidityDays": "365",
    "powerPlatformApiClients.*.adminConsent": "true",
    keyVault: "{ resourceGroupName: rg-connectors-dev, vaultName: kv-connectors-dev }",
    "keyVault.resourceGroupName": "rg-connectors-dev",
    "keyVault.vaultName": "kv-connectors-dev",
};

const EXAMPLE_TEXT = Object.values(EXAMPLES).join("\n");

/** True when `text` occurs in this file's own example values: those are ours, not a user's secret. */
export function isExampleText(text: string): boolean {
    return EXAMPLE_TEXT.includes(text);
}

/** An example value for a schema when the table has none. */
function exampleOf(schema: Schema | undefined, pattern: string, depth = 0): string {
    if (EXAMPLES[pattern]) return EXAMPLES[pattern];
    if (!schema || depth > 3) return "<value>";
    const s = unwrap(schema);
    if (s instanceof z.ZodEnum) return String((s.options as string[])[0]);
    if (s instanceof z.ZodLiteral) return String([...s.values][0]);
    if (s instanceof z.ZodBoolean) return "true";
    if (s instanceof z.ZodNumber) return "1";
    if (s instanceof z.ZodStringFormat && (s._zod.def as { format?: string }).format === "guid")
        return "9a1f3c2e-7b6d-4e5f-8a9b-0c1d2e3f4a5b";
    if (s instanceof z.ZodString)
        return /(Uri|Url)$/.test(pattern)
            ? "https://contoso.com/"
            : /(^|\.)(user|appId)$/.test(pattern)
              ? "9a1f3c2e-7b6d-4e5f-8a9b-0c1d2e3f4a5b"
              : "text";
    if (s instanceof z.ZodArray) return `[${exampleOf(s.element as Schema, `${pattern}.*`, depth + 1)}]`;
    if (s instanceof z.ZodRecord) return `{ my-name: ${exampleOf(s.valueType as Schema, `${pattern}.*`, depth + 1)} }`;
    if (s instanceof z.ZodObject) {
        const required = Object.entries(s.shape as Record<string, Schema>).filter(
            ([, v]) => !(v instanceof z.ZodOptional) && !(v instanceof z.ZodDefault),
        );
        return `{ ${required.map(([k, v]) => `${k}: ${exampleOf(v, `${pattern}.${k}`, depth + 1)}`).join(", ")} }`;
    }
    if (s instanceof z.ZodUnion) return exampleOf((s.options as Schema[])[0], pattern, depth + 1);
    return "<value>";
}

/** `key: example` (or `- example` for a list item) in YAML, for "Fix:" texts. */
function exampleLine(path: readonly PropertyKey[], example: string): string {
    const last = path.length ? String(path[path.length - 1]) : "";
    return /^\d+$/.test(last) ? `- ${example}` : `${last}: ${example}`;
}

/** What a value is, in YAML words. */
function kindOf(value: unknown): string {
    if (value === undefined) return "missing";
    if (value === null) return "empty (null)";
    if (Array.isArray(value)) return "a list";
    if (typeof value === "object") return "a mapping";
    if (typeof value === "string") return "text";
    if (typeof value === "boolean") return "true/false";
    if (typeof value === "number") return Number.isFinite(value) ? "a number" : "infinite or not a number";
    return typeof value;
}

/** zod's own wording ("Invalid input: expected array, received string"): never shown to a user. */
function isZodWording(message: string): boolean {
    return (
        /^(Invalid|Too (small|big)|Unrecognized|Expected|Required)\b/.test(message) ||
        /\b(expected \w+, received \w+|received \w+)$/.test(message)
    );
}

/** The schema's own (project) message for an issue, or undefined when it is zod's wording. */
function projectWords(issue: z.core.$ZodIssue): string | undefined {
    return isZodWording(issue.message) ? undefined : issue.message;
}

/**
 * Of a union's failed forms, the one a mapping was meant to be: its top-level keys are all known to that form
 * (no unknown key at the form's root) and it has the fewest problems. None when every form rejects the type.
 */
function closestBranch(branches: readonly (readonly z.core.$ZodIssue[])[]): readonly z.core.$ZodIssue[] | undefined {
    const atRoot = (issues: readonly z.core.$ZodIssue[], ...codes: string[]) =>
        issues.some((i) => i.path.length === 0 && codes.includes(i.code));
    // Forms that take a mapping at all; with one such form (consent: { user }), its problems are the answer.
    const mappings = branches.filter((issues) => issues.length > 0 && !atRoot(issues, "invalid_type", "invalid_value"));
    if (mappings.length === 1) return mappings[0];
    // Several: the one whose keys the value uses (no unknown key at its root), with the fewest problems.
    return [...mappings.filter((issues) => !atRoot(issues, "unrecognized_keys"))].sort(
        (a, b) => a.length - b.length,
    )[0];
}

const IS_LIST = "a list (`- item` lines, or [a, b])";
const IS_MAPPING = "a mapping (`key: value` lines, or { key: value })";

export function zodProblem(
    issue: z.core.$ZodIssue,
    input: unknown,
    secretKeys: ReadonlySet<string>,
): ConfigProblem | ConfigProblem[] {
    const top = String(issue.path[0] ?? "");
    const secret = secretKeys.has(`${NAMESPACE}:${top}`);
    const value = valueAt(input, issue.path);
    const shown = secret ? SECRET_SHOWN : describeValue(value);
    const { schema, pattern } = schemaAt(issue.path);
    const expects = expectedText(schema);
    const example = exampleOf(schema, pattern);
    const setIt = `Fix: set it to ${expects}, e.g. ${exampleLine(issue.path, example)}`;
    const problem = (message: string): ConfigProblem => ({ path: keyPath(issue.path), message });

    if (issue.code === "unrecognized_keys") {
        const allowedList = allowedKeysAt(issue.path);
        const allowed = allowedList.length ? allowedList.join(", ") : expects;
        // One problem per unknown key, at the key's own path (like a top-level typo such as `onwers`).
        return issue.keys.map((key) => {
            const suggestion = closest(key, allowedList);
            const fix = suggestion
                ? `Fix: correct the spelling to ${suggestion}, or remove it.`
                : "Fix: correct the spelling or remove it.";
            return {
                path: keyPath([...issue.path, key]),
                message: `unknown key "${key}"${suggestion ? `; did you mean "${suggestion}"?` : ";"} allowed here: ${allowed}. ${fix}`,
            };
        });
    }
    if (issue.code === "invalid_key") {
        const name = String(issue.path[issue.path.length - 1]);
        const why =
            issue.issues.map((i) => (isZodWording(i.message) ? undefined : i.message)).find((m) => m) ??
            "not a valid name here";
        return problem(`the name "${name}" is not allowed: ${why}. Fix: rename it, e.g. orders-api.`);
    }
    if (value === undefined) {
        return problem(`is required: ${expects}. Fix: add it, e.g. ${exampleLine(issue.path, example)}`);
    }
    if (value === null) {
        return problem(
            `is empty (got null: YAML reads \`key:\` with nothing after it, \`~\` and \`null\` as no value); it must be ${expects}. Fix: give it a value, e.g. ${exampleLine(issue.path, example)}, or remove the key.`,
        );
    }
    const words = projectWords(issue);
    if (issue.code === "invalid_union" && value !== null && typeof value === "object" && !Array.isArray(value)) {
        // A mapping that one of the union's forms nearly matches: report that form's own problems (a misspelt
        // key inside { external: { appId } }, a missing key), not the union as a whole.
        const branch = closestBranch(issue.errors);
        if (branch)
            return branch.flatMap((sub) =>
                zodProblem({ ...sub, path: [...issue.path, ...sub.path] } as z.core.$ZodIssue, input, secretKeys),
            );
    }
    if (issue.code === "invalid_type" || issue.code === "invalid_union") {
        const s = schema ? unwrap(schema) : undefined;
        const wantsMapping = s instanceof z.ZodObject || s instanceof z.ZodRecord;
        if (wantsMapping && Array.isArray(value)) {
            return problem(`is ${IS_LIST} but must be ${IS_MAPPING}: ${expects} (got ${shown}). ${setIt}`);
        }
        if (s instanceof z.ZodArray && typeof value === "object" && !Array.isArray(value)) {
            return problem(`is ${IS_MAPPING} but must be ${IS_LIST}: ${expects} (got ${shown}). ${setIt}`);
        }
        if (s instanceof z.ZodArray && typeof value !== "object") {
            return problem(
                `is ${kindOf(value)} but must be ${IS_LIST}, even for one item: ${expects} (got ${shown}). ${setIt}`,
            );
        }
        if (typeof value === "string" && (s instanceof z.ZodBoolean || s instanceof z.ZodNumber)) {
            return problem(
                `${words ?? `must be ${expects}`}, not text (got ${shown}; in YAML write ${s instanceof z.ZodBoolean ? "true or false" : "the number"} without quotes). ${setIt}`,
            );
        }
        return problem(`${words ?? `is ${kindOf(value)} but must be ${expects}`} (got ${shown}). ${setIt}`);
    }
    if (issue.code === "invalid_value") {
        const options = issue.values.map(String);
        const suggestion = typeof value === "string" ? closest(value, options) : undefined;
        return problem(
            `${words ?? `must be one of ${options.join(", ")}`} (got ${shown})${suggestion ? `; did you mean "${suggestion}"?` : "."} Fix: ${suggestion ? `set it to ${suggestion}` : `use one of ${options.join(", ")}`}.`,
        );
    }
    if (issue.code === "too_small" || issue.code === "too_big") {
        const limit = Number(issue.code === "too_small" ? issue.minimum : issue.maximum);
        const bound = issue.code === "too_small" ? "at least" : "at most";
        const what =
            issue.origin === "string"
                ? issue.code === "too_small" && limit <= 1
                    ? "must not be empty"
                    : `must be ${bound} ${limit} characters`
                : issue.origin === "array"
                  ? `needs ${bound} ${limit} item${limit === 1 ? "" : "s"}`
                  : `must be ${bound} ${limit}`;
        return problem(`${words ?? what} (got ${shown}). ${setIt}`);
    }
    if (issue.code === "invalid_format") {
        return problem(`${words ?? `does not have the expected format (${issue.format})`} (got ${shown}). ${setIt}`);
    }
    return problem(`${words ?? `is not valid: it must be ${expects}`} (got ${shown}). ${setIt}`);
}
