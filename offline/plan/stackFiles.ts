// Reads Pulumi.yaml and Pulumi.<stack>.yaml the way the Pulumi CLI hands config to a program (key -> string),
// refusing what YAML allows but config must not hold: prototype keys, alias cycles and bombs, deep nesting, .inf.
import * as fs from "fs";
import * as path from "path";
import { Alias, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Node, parseDocument } from "yaml";
import { FORBIDDEN_KEY_MESSAGE, FORBIDDEN_KEYS, MAX_DEPTH, TOO_DEEP_MESSAGE } from "../../config/safeValue";

export interface StackConfigFiles {
    readonly project: string;
    /** Fully qualified key -> value text (structured values as JSON), defaults from Pulumi.yaml applied. */
    readonly config: Record<string, string>;
    /** Keys whose value is or contains `secure:`; secure values are a placeholder, never the ciphertext. */
    readonly secretKeys: string[];
}

/** Placeholder for `secure:` values: the offline plan cannot (and must not) decrypt them. */
export const SECRET_PLACEHOLDER = "[secret]";
/** Largest stack or project file read (a 5 MB comment still plans); larger files are refused before reading. */
export const MAX_STACK_FILE_BYTES = 10 * 1024 * 1024;
/**
 * Alias uses allowed per file: the yaml package's own guard against "billion laughs" expansion
 * (`maxAliasCount`, default 100, in yaml's toJS options: https://eemeli.org/yaml/#tojs-options).
 */
export const MAX_ALIAS_COUNT = 100;

export class StackFileError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "StackFileError";
    }
}

interface YamlFile {
    readonly value: Record<string, unknown>;
}

const MIB = 1024 * 1024;

/** Fixes for the yaml package's error codes (https://eemeli.org/yaml/#errors) that have one obvious fix. */
const YAML_FIXES: Readonly<Record<string, string>> = {
    DUPLICATE_KEY: "keep one of the two keys (Pulumi config has one value per key)",
    TAB_AS_INDENT: "indent with spaces, not tabs",
};

/** The key path (`entra-connectors:connectors.orders`) of the innermost key a line of the text lies in. */
function keyPathNear(lines: readonly string[], line: number): string {
    const keys: { indent: number; key: string }[] = [];
    for (let i = 0; i < Math.min(line, lines.length); i++) {
        const m = /^(\s*)(?:-\s+)?([^\s#'"[\]{}-][^#]*?|"[^"]*"|'[^']*'):(\s|$)/.exec(lines[i]);
        if (!m) continue;
        const indent = m[1].length;
        while (keys.length && keys[keys.length - 1].indent >= indent) keys.pop();
        keys.push({ indent, key: m[2].replace(/^["']|["']$/g, "") });
    }
    const parts = keys.map((k) => k.key);
    if (parts[0] === "config") parts.shift();
    return parts.join(".");
}

function readText(file: string): string {
    let stat: fs.Stats;
    try {
        stat = fs.statSync(file);
    } catch {
        throw new StackFileError(
            `cannot read ${file}: the file does not exist or is not readable. Fix: check the path.`,
        );
    }
    if (!stat.isFile())
        throw new StackFileError(
            `${file} is not a regular file (a folder, pipe or device); it was not read. Fix: name a YAML file.`,
        );
    if (stat.size > MAX_STACK_FILE_BYTES) {
        throw new StackFileError(
            `${file} is ${(stat.size / MIB).toFixed(1)} MB; stack and project files are read up to ${MAX_STACK_FILE_BYTES / MIB} MB. Fix: remove what does not belong in config.`,
        );
    }
    return fs.readFileSync(file, "utf8");
}

/** Parses a YAML file into plain data, or throws StackFileError naming the file, the line and the key. */
function readYaml(file: string, qualify: (key: string) => string = (k) => k): YamlFile {
    const text = readText(file);
    const lineCounter = new LineCounter();
    let doc: ReturnType<typeof parseDocument>;
    try {
        doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
    } catch (err) {
        // The parser reports its errors in doc.errors; a throw would be its bug. Still a config error, not a crash.
        throw new StackFileError(
            `  - ${file} (line ${lineCounter.lineStarts.length || 1}): the YAML cannot be read (${(err as Error).name}). Fix: simplify the file around that line.`,
        );
    }
    const lines = text.split("\n");
    const lineOf = (offset: number) => lineCounter.linePos(offset).line;
    const where = (line: number) => {
        const key = keyPathNear(lines, line);
        return `${key ? `${qualifyPath(key, qualify)} ` : ""}(${file} line ${line})`;
    };
    if (doc.errors.length > 0) {
        const err = doc.errors[0];
        const line = err.linePos?.[0].line ?? 1;
        if (err.code === "RESOURCE_EXHAUSTION") {
            throw new StackFileError(
                `  - ${where(line)}: the YAML nests too deeply to be config. Fix: remove the extra nesting (config keys nest a few levels only).`,
            );
        }
        // The parser's message ends with a code excerpt that points at the error: keep it, indented under the line.
        const [first, ...excerpt] = err.message.split("\n");
        const fix = /compact mappings/.test(first)
            ? "quote a value that contains ': ', e.g. displayName: \"Orders: API\""
            : (YAML_FIXES[err.code] ??
              "correct the YAML at that line (indent with spaces, close every [ and {, quote text that holds ': ' or ' #')");
        throw new StackFileError(
            `  - ${where(line)}: not valid YAML: ${first.replace(/:$/, ".")} Fix: ${fix}.\n` +
                excerpt
                    .map((l) => (l.trim() ? `      ${l}` : ""))
                    .join("\n")
                    .replace(/\n+$/, ""),
        );
    }

    // Walk the syntax tree (not the JS value) so every problem gets its line; aliases are checked, not followed.
    const problems: string[] = [];
    const ancestors = new Set<Node>();
    const walk = (node: unknown, keyPath: string, depth: number) => {
        if (!node || typeof node !== "object") return;
        const n = node as Node;
        const line = n.range ? lineOf(n.range[0]) : 1;
        if (depth > MAX_DEPTH + 1) {
            problems.push(`  - ${keyPath || "(top)"} (${file} line ${line}): ${TOO_DEEP_MESSAGE}`);
            return;
        }
        if (isAlias(n)) {
            const target = (n as Alias).resolve(doc);
            if (target && ancestors.has(target)) {
                problems.push(
                    `  - ${keyPath} (${file} line ${line}): the alias *${n.source} refers to a mapping or list that contains it (an alias cycle), which has no value. Fix: copy the values instead of the alias.`,
                );
            }
            return;
        }
        if (isScalar(n)) {
            if (typeof n.value === "number" && !Number.isFinite(n.value)) {
                const source =
                    lines[line - 1]?.slice(
                        lineCounter.linePos(n.range![0]).col - 1,
                        lineCounter.linePos(n.range![1]).col - 1,
                    ) || String(n.value);
                problems.push(
                    `  - ${keyPath} (${file} line ${line}): ${JSON.stringify(source)} is YAML for ${Number.isNaN(n.value) ? "not-a-number" : "infinity"}, which no config key accepts (Pulumi config holds finite numbers). Fix: write a number such as 180, or quote it if you mean text.`,
                );
            }
            return;
        }
        ancestors.add(n);
        if (isMap(n)) {
            for (const pair of n.items) {
                if (!isPair(pair)) continue;
                const keyNode = pair.key as Node | null;
                const keyLine = keyNode?.range ? lineOf(keyNode.range[0]) : line;
                if (keyNode && !isScalar(keyNode)) {
                    problems.push(
                        `  - ${keyPath || "config"} (${file} line ${keyLine}): a key must be a plain name, not a list or mapping. Fix: use a name such as orders.`,
                    );
                    continue;
                }
                const key = String(keyNode?.value ?? "");
                const shownPath = depth === 1 ? qualify(key) : `${keyPath}.${key}`;
                if (FORBIDDEN_KEYS.has(key)) {
                    problems.push(`  - ${shownPath} (${file} line ${keyLine}): ${FORBIDDEN_KEY_MESSAGE(key)}`);
                    continue;
                }
                walk(pair.value, shownPath, depth + 1);
            }
        } else if (isSeq(n)) {
            n.items.forEach((item, i) => walk(item, `${keyPath}[${i}]`, depth + 1));
        }
        ancestors.delete(n);
    };
    // Depth 0 is the document's mapping (config:, name:, ...); depth 1 the mapping of config keys.
    const root = doc.contents;
    if (isMap(root)) {
        for (const pair of root.items) {
            const key = isScalar(pair.key) ? String(pair.key.value) : "";
            if (FORBIDDEN_KEYS.has(key))
                problems.push(
                    `  - ${key} (${file} line ${lineOf((pair.key as Node).range![0])}): ${FORBIDDEN_KEY_MESSAGE(key)}`,
                );
            else if (key === "config") walk(pair.value, "", 1);
            else walk(pair.value, key, 2);
        }
    }
    if (problems.length > 0) throw new StackFileError(problems.join("\n"));

    let value: unknown;
    try {
        value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
        const firstAlias = /(^|[\s[{,:-])\*[^\s,\]}]+/m.exec(text);
        const line = firstAlias ? text.slice(0, firstAlias.index + 1).split("\n").length : 1;
        const reason = /alias count/i.test((err as Error).message)
            ? `its aliases (*name) expand to more than ${MAX_ALIAS_COUNT} copies, the yaml reader's guard against an alias bomb`
            : `the YAML cannot be resolved: ${(err as Error).message.split("\n")[0]}`;
        throw new StackFileError(`  - ${where(line)}: ${reason}. Fix: write the values out instead of using aliases.`);
    }
    if (value === null || value === undefined) return { value: {} };
    if (typeof value !== "object" || Array.isArray(value)) {
        throw new StackFileError(
            `  - ${file}: the file must be a YAML mapping (config: ...), but it is ${Array.isArray(value) ? "a list" : `a single value (${JSON.stringify(String(value).slice(0, 40))})`}. Fix: start it with "config:" and indent the keys under it.`,
        );
    }
    return { value: value as Record<string, unknown> };
}

function qualifyPath(keyPathText: string, qualify: (key: string) => string): string {
    const [first, ...rest] = keyPathText.split(".");
    return [qualify(first), ...rest].join(".");
}

function qualifier(project: string): (key: string) => string {
    return (key) => (key.includes(":") ? key : `${project}:${key}`);
}

/** The CLI passes strings as they are and everything else as JSON. */
function configText(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

function isSecure(value: unknown): boolean {
    return (
        !!value &&
        typeof value === "object" &&
        !Array.isArray(value) &&
        "secure" in value &&
        Object.keys(value).length === 1
    );
}

/** The value with every nested `secure:` replaced by the placeholder, and whether there was one. */
function maskNestedSecure(value: unknown): { value: unknown; secure: boolean } {
    if (isSecure(value)) return { value: SECRET_PLACEHOLDER, secure: true };
    if (!value || typeof value !== "object") return { value, secure: false };
    let secure = false;
    const mask = (v: unknown) => {
        const m = maskNestedSecure(v);
        secure ||= m.secure;
        return m.value;
    };
    const masked = Array.isArray(value)
        ? value.map(mask)
        : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mask(v)]));
    return { value: masked, secure };
}

/** `config:` of a file as a mapping, or a StackFileError saying what it is instead. */
function configMapping(yaml: Record<string, unknown>, file: string): Record<string, unknown> {
    const config = yaml.config;
    if (config === undefined || config === null) return {};
    if (typeof config !== "object" || Array.isArray(config)) {
        throw new StackFileError(
            `  - config (${file}): must be a mapping of config keys to values (entra-connectors:environment: dev), but it is ${Array.isArray(config) ? "a list" : `a single value (${JSON.stringify(config).slice(0, 40)})`}. Fix: indent the keys under "config:" as "key: value" lines, without "- ".`,
        );
    }
    return config as Record<string, unknown>;
}

/**
 * Loads the project's config defaults and one stack's config. `configFile` overrides the default
 * `Pulumi.<stack>.yaml` beside Pulumi.yaml.
 */
export function loadStackConfigFiles(projectDir: string, stack: string, configFile?: string): StackConfigFiles {
    const projectFile = path.join(projectDir, "Pulumi.yaml");
    const projectYaml = readYaml(projectFile).value;
    const project = typeof projectYaml.name === "string" ? projectYaml.name : "";
    if (!project) throw new StackFileError(`${projectFile} has no project name`);
    const qualify = qualifier(project);

    const config: Record<string, string> = Object.create(null);
    const secretKeys: string[] = [];
    for (const [key, spec] of Object.entries(configMapping(projectYaml, projectFile))) {
        if (spec && typeof spec === "object" && "default" in spec) {
            config[qualify(key)] = configText((spec as { default: unknown }).default);
        }
    }

    const stackFile = configFile ?? path.join(projectDir, `Pulumi.${stack}.yaml`);
    const stackYaml = readYaml(stackFile, qualify).value;
    for (const [key, value] of Object.entries(configMapping(stackYaml, stackFile))) {
        const full = qualify(key);
        // A `secure:` anywhere inside makes the whole key secret, as the Pulumi CLI does for a secure object value.
        const masked = maskNestedSecure(value);
        config[full] = configText(masked.value);
        if (masked.secure) secretKeys.push(full);
    }
    return { project, config: { ...config }, secretKeys };
}
