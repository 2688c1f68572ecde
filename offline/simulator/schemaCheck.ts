// Checks resource and invoke inputs against the generated @pulumi/azuread schema facts (pure; used by the offline simulator).
import { nearestNames } from "../../entra/suggest";
import { FUNCTIONS, PROVIDER_VERSION, PropertyFact, RESOURCES, TYPES } from "./providerFacts.generated";
import { REPLACE_ON_CHANGES } from "./replaceFacts.generated";
import { unwrapSecret } from "./secretValues";

/** `pulumi.runtime.unknownValue`: how an input that is not known during a preview is serialised. */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Prefix of problems that are warnings (a deprecated input is accepted by the provider). */
export const DEPRECATED_PREFIX = "deprecated:";

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/**
 * True for a value that is not known yet: the serialised sentinel, or the `pulumi.unknown` object that
 * `deserializeProperties` produces for it under the mock monitor during a dry run.
 */
export function isUnknownValue(v: unknown): boolean {
    return (
        v === UNKNOWN_VALUE ||
        (typeof v === "object" && v !== null && (v as { __pulumiUnknown?: unknown }).__pulumiUnknown === true)
    );
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isAbsent(v: unknown): boolean {
    return v === undefined || v === null;
}

function describe(v: unknown): string {
    if (v === null) return "null";
    if (Array.isArray(v)) return "array";
    switch (typeof v) {
        case "string":
            return `string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v)}`;
        case "number":
        case "boolean":
            return `${typeof v} ${String(v)}`;
        default:
            return typeof v;
    }
}

function expected(fact: PropertyFact): string {
    switch (fact.type) {
        case "array":
            return fact.items ? `array of ${expected(fact.items)}` : "array";
        case "object":
            return fact.additionalProperties ? `map of ${expected(fact.additionalProperties)}` : "map";
        case "ref":
            return `object (${shortType(fact.ref ?? "")})`;
        default:
            return fact.type;
    }
}

/** `azuread:index/ApplicationApi:ApplicationApi` -> `ApplicationApi`. */
function shortType(token: string): string {
    const parts = token.split(":");
    return parts[parts.length - 1] || token;
}

function elementPath(path: string, index: number): string {
    return `${path}[${index}]`;
}

function memberPath(path: string, name: string): string {
    const plain = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
    if (path === "") return plain ? name : JSON.stringify(name);
    return plain ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`;
}

/**
 * The closest candidate by case-insensitive edit distance, when that distance is small relative to the
 * names' length (at most 2, or 40% of the longer name), else undefined. Ties go to the first in code-unit order.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
    // Provider tokens and input names run long (applicationObjectId) and vary widely in length: scale with the
    // longer name, never below 2 so a short one still absorbs a slip or two.
    const within = (n: string, c: string) => Math.max(2, Math.floor(Math.max(n.length, c.length) * 0.4));
    return nearestNames(name, candidates, { within, max: 1 })[0];
}

function didYouMean(name: string, candidates: Iterable<string>): string {
    const s = closestName(name, candidates);
    return s === undefined ? "" : `; did you mean ${JSON.stringify(s)}?`;
}

/** Checks one value against its fact, appending problems (each prefixed with the field path). */
function checkValue(value: unknown, fact: PropertyFact, path: string, problems: string[]): void {
    value = unwrapSecret(value);
    if (isUnknownValue(value)) return;
    const wrong = () => problems.push(`${path}: expected ${expected(fact)}, got ${describe(value)}`);
    switch (fact.type) {
        case "any":
            return;
        case "string":
            if (typeof value !== "string") wrong();
            return;
        case "boolean":
            if (typeof value !== "boolean") wrong();
            return;
        case "number":
            if (typeof value !== "number" || !Number.isFinite(value)) wrong();
            return;
        case "integer":
            if (typeof value !== "number" || !Number.isInteger(value)) {
                if (typeof value === "number")
                    problems.push(`${path}: expected integer, got non-integer number ${String(value)}`);
                else wrong();
            }
            return;
        case "array":
            if (!Array.isArray(value)) return void wrong();
            if (fact.items) {
                const items = fact.items;
                value.forEach((el, i) => checkValue(el, items, elementPath(path, i), problems));
            }
            return;
        case "object":
            if (!isPlainObject(value)) return void wrong();
            if (fact.additionalProperties) {
                const el = fact.additionalProperties;
                for (const k of Object.keys(value).sort())
                    checkValue(value[k], el, `${path}[${JSON.stringify(k)}]`, problems);
            }
            return;
        case "ref": {
            if (!isPlainObject(value)) return void wrong();
            const ref = fact.ref ?? "";
            if (!hasOwn(TYPES, ref)) {
                problems.push(
                    `${path}: type ${ref} is not in the provider facts (regenerate offline/simulator/providerFacts.generated.ts)`,
                );
                return;
            }
            const t = TYPES[ref]!;
            checkObject(value, t.properties, t.required, path, `property of ${shortType(ref)}`, problems);
            return;
        }
    }
}

/**
 * Checks an object's members against known properties: missing required ones, unknown names (with a
 * suggestion), types, and deprecated members (as `deprecated:` problems). `undefined`/`null` members are absent.
 */
function checkObject(
    obj: Record<string, unknown>,
    props: Record<string, PropertyFact>,
    required: readonly string[],
    path: string,
    what: string,
    problems: string[],
): void {
    for (const name of [...required].sort()) {
        const v = hasOwn(obj, name) ? unwrapSecret(obj[name]) : undefined;
        if (isAbsent(v)) {
            const fact = props[name];
            problems.push(`${memberPath(path, name)}: missing required ${what}${fact ? ` (${expected(fact)})` : ""}`);
        }
    }
    for (const name of Object.keys(obj).sort()) {
        const value = obj[name];
        if (isAbsent(unwrapSecret(value))) continue;
        const field = memberPath(path, name);
        if (!hasOwn(props, name)) {
            problems.push(`${field}: unknown ${what}${didYouMean(name, Object.keys(props))}`);
            continue;
        }
        const fact = props[name]!;
        if (fact.deprecated)
            problems.push(
                `${DEPRECATED_PREFIX} ${field}: ${what} is deprecated in @pulumi/azuread ${PROVIDER_VERSION}`,
            );
        checkValue(value, fact, field, problems);
    }
}

/**
 * Problems with a resource's inputs, each naming the field (or the token). Problems starting with
 * `deprecated:` are warnings. Inputs that are `undefined` or `null` count as absent; unknown values
 * (`UNKNOWN_VALUE`) are accepted for any type; secret-wrapped values are checked by their content.
 */
export function checkResourceInputs(token: string, inputs: Record<string, unknown>): string[] {
    if (!hasOwn(RESOURCES, token)) {
        return [
            `${JSON.stringify(token)} is not a resource of @pulumi/azuread ${PROVIDER_VERSION}${didYouMean(token, Object.keys(RESOURCES))}`,
        ];
    }
    const r = RESOURCES[token]!;
    const problems: string[] = [];
    checkObject(inputs, r.inputs, r.requiredInputs, "", `input of ${shortType(token)}`, problems);
    return problems;
}

/** Like checkResourceInputs, for a function (invoke) token. */
export function checkInvokeInputs(token: string, inputs: Record<string, unknown>): string[] {
    if (!hasOwn(FUNCTIONS, token)) {
        return [
            `${JSON.stringify(token)} is not a function of @pulumi/azuread ${PROVIDER_VERSION}${didYouMean(token, Object.keys(FUNCTIONS))}`,
        ];
    }
    const f = FUNCTIONS[token]!;
    const problems: string[] = [];
    checkObject(inputs, f.inputs, f.requiredInputs, "", `input of ${shortType(token)}`, problems);
    return problems;
}

/**
 * Top-level inputs of a resource whose change forces replacement (`willReplaceOnChanges`), sorted.
 * Empty for a token that is not an azuread resource (check it with checkResourceInputs).
 */
export function replaceOnChangeInputs(token: string): string[] {
    if (!hasOwn(RESOURCES, token)) return [];
    const inputs = RESOURCES[token]!.inputs;
    return Object.keys(inputs)
        .filter((k) => inputs[k]!.replaceOnChanges === true)
        .sort();
}

/**
 * Inputs whose change replaces a resource of any provider the stack uses: azuread's from its schema
 * (willReplaceOnChanges), azure-native's and tls's from their generated facts (scripts/generateReplaceFacts.ts).
 */
export function replacingInputs(type: string): readonly string[] {
    const other = Object.prototype.hasOwnProperty.call(REPLACE_ON_CHANGES, type) ? REPLACE_ON_CHANGES[type]! : [];
    return [...replaceOnChangeInputs(type), ...other];
}
