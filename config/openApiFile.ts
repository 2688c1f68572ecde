// Reads a Logic Apps connector's OpenAPI file from inside the project, failing with the config key that names it.
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "./errors";
import { NAMESPACE } from "./keys";
import { FORBIDDEN_KEYS } from "./safeValue";

/** Largest OpenAPI file read; larger files are refused from their size, before a byte is read. */
export const MAX_OPENAPI_FILE_BYTES = 5 * 1024 * 1024;

/**
 * The project root: the directory of Pulumi.yaml. Under `pulumi up` the Node language host passes it as
 * `--root-directory` (pulumi/pulumi sdk/nodejs/cmd/pulumi-language-nodejs/main.go), which the SDK exposes as
 * `pulumi.getRootDirectory()` ("the location of the Pulumi.yaml file"; runtime/settings.js). The offline plan sets
 * the same option to its projectDir. Without either (a bare mocks run), the working directory, if it holds Pulumi.yaml.
 */
export function programProjectRoot(): string {
    const root = pulumi.getRootDirectory();
    if (root && path.isAbsolute(root)) return root;
    const cwd = process.cwd();
    if (fs.existsSync(path.join(cwd, "Pulumi.yaml"))) return cwd;
    throw new ConfigError([
        {
            path: `${NAMESPACE}:connectors`,
            message:
                "the project root (the folder of Pulumi.yaml) is unknown, so openApiFile cannot be resolved. Fix: run the program with pulumi up from the project.",
        },
    ]);
}

/** Why a JSON text cannot be parsed, without quoting any of it (JSON.parse messages can quote the bytes). */
function jsonProblem(text: string, err: unknown): string {
    const at = /position (\d+)/.exec((err as Error).message);
    if (!at) return "is not valid JSON";
    const before = text.slice(0, Number(at[1]));
    const line = before.split("\n").length;
    return `is not valid JSON (at line ${line}, column ${Number(at[1]) - before.lastIndexOf("\n")})`;
}

/** A prototype key (`__proto__`, ...) anywhere in parsed JSON, as a JSON path; iterative, so any depth is fine. */
function forbiddenKeyIn(value: unknown): string | undefined {
    const stack: [unknown, string][] = [[value, "$"]];
    while (stack.length) {
        const [v, at] = stack.pop()!;
        if (!v || typeof v !== "object") continue;
        for (const key of Object.keys(v)) {
            if (FORBIDDEN_KEYS.has(key)) return `${at}.${key}`;
            stack.push([(v as Record<string, unknown>)[key], Array.isArray(v) ? `${at}[${key}]` : `${at}.${key}`]);
        }
    }
    return undefined;
}

/**
 * The OpenAPI (Swagger 2.0) JSON at `file`, relative to `projectDir` (the project root). Refuses absolute paths,
 * paths and symlinks that leave the project, anything but a regular file, and files over MAX_OPENAPI_FILE_BYTES;
 * no message quotes the file's content.
 */
export function readOpenApiFile(connectorKey: string, file: string, projectDir: string): Record<string, unknown> {
    const key = `${NAMESPACE}:connectors.${connectorKey}.openApiFile`;
    const fail = (
        why: string,
        fix = "point it at an OpenAPI 2.0 JSON file inside the project, relative to the folder of Pulumi.yaml (e.g. openapi/orders.json), or remove it for a generated definition",
    ): never => {
        throw new ConfigError([{ path: key, message: `${JSON.stringify(file)} ${why}. Fix: ${fix}.` }]);
    };
    if (file.includes("\0")) return fail("contains a NUL character");
    if (path.isAbsolute(file) || path.win32.isAbsolute(file))
        return fail("is an absolute path; config names files relative to the project");
    const root = path.resolve(projectDir);
    const full = path.resolve(root, file);
    const inside = (parent: string, child: string) => {
        const rel = path.relative(parent, child);
        return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
    };
    if (!inside(root, full)) return fail("leaves the project folder (a '..' path)");
    let real: string;
    try {
        real = fs.realpathSync(full);
    } catch {
        return fail(`does not exist in the project (looked for ${path.relative(root, full)} under ${root})`);
    }
    if (!inside(fs.realpathSync(root), real)) return fail("is a symbolic link to a file outside the project");

    // Open without blocking (a FIFO would wait for a writer) and check the open file itself, so the file
    // checked is the file read.
    let fd: number;
    try {
        fd = fs.openSync(real, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    } catch {
        return fail("cannot be opened");
    }
    try {
        const stat = fs.fstatSync(fd);
        if (!stat.isFile())
            return fail(
                `is not a regular file (it is ${stat.isDirectory() ? "a folder" : stat.isFIFO() ? "a named pipe" : "a device or socket"}); it was not read`,
            );
        if (stat.size > MAX_OPENAPI_FILE_BYTES) {
            return fail(
                `is ${(stat.size / 1024 / 1024).toFixed(1)} MB; OpenAPI files are read up to ${MAX_OPENAPI_FILE_BYTES / 1024 / 1024} MB (the file was not read)`,
                "split the API or remove unused definitions",
            );
        }
        const buffer = Buffer.alloc(stat.size);
        let read = 0;
        while (read < stat.size) {
            const n = fs.readSync(fd, buffer, read, stat.size - read, read);
            if (n === 0) break;
            read += n;
        }
        const text = buffer
            .subarray(0, read)
            .toString("utf8")
            .replace(/^\uFEFF/, "");
        let parsed: unknown;
        try {
            parsed = JSON.parse(text);
        } catch (err) {
            return fail(jsonProblem(text, err));
        }
        const forbidden = forbiddenKeyIn(parsed);
        if (forbidden)
            return fail(
                `has the key ${forbidden.split(".").pop()} (at ${forbidden}), which JavaScript gives a special meaning`,
                "rename or remove that key",
            );
        if (
            !parsed ||
            typeof parsed !== "object" ||
            Array.isArray(parsed) ||
            (parsed as Record<string, unknown>).swagger !== "2.0"
        ) {
            return fail(
                `is not an OpenAPI 2.0 document (it needs "swagger": "2.0"; custom connectors take Swagger 2.0)`,
            );
        }
        return parsed as Record<string, unknown>;
    } finally {
        fs.closeSync(fd);
    }
}
