// Bad-input corpus: files the config names (openApiFile) outside the project, not regular, too large or not
// JSON, and stack files too large to read; no message quotes a refused file's bytes.
import * as fs from "fs";
import * as path from "path";
import { execFileSync } from "child_process";
import { BadInputCase } from "./badInputCase";

const KEY = "entra-connectors:connectors.orders-logic-apps.openApiFile";
const openApi = (file: string) => (c: Record<string, any>) =>
    (c["entra-connectors:connectors"]["orders-logic-apps"].openApiFile = file);
const S = "scratch/bad-inputs";
const CONTENT = "TOP-SECRET-FILE-BYTES";

export const cases: BadInputCase[] = [
    {
        name: "openApiFile is an absolute path",
        category: "file-paths",
        stack: openApi("/etc/passwd"),
        path: KEY,
        value: '"/etc/passwd"',
        mustNotContain: ["root:"],
    },
    {
        name: "openApiFile is /dev/zero",
        category: "file-paths",
        stack: openApi("/dev/zero"),
        path: KEY,
        value: '"/dev/zero"',
    },
    {
        name: "openApiFile escapes the project with ..",
        category: "file-paths",
        stack: openApi("../../../../etc/hostname"),
        path: KEY,
        value: '"../../../../etc/hostname"',
    },
    {
        name: "openApiFile goes up and back into the project's parent",
        category: "file-paths",
        stack: openApi(`${S}/../../../outside.json`),
        path: KEY,
        value: "leaves the project",
    },
    {
        name: "openApiFile is a symlink to a file outside the project",
        category: "file-paths",
        stack: openApi(`${S}/link-out.json`),
        setup: (dir) => {
            fs.rmSync(path.join(dir, "link-out.json"), { force: true });
            fs.symlinkSync("/etc/hostname", path.join(dir, "link-out.json"));
        },
        path: KEY,
        value: "symbolic link to a file outside the project",
    },
    {
        name: "openApiFile is a symlink to /dev/zero",
        category: "file-paths",
        stack: openApi(`${S}/zero.json`),
        setup: (dir) => {
            fs.rmSync(path.join(dir, "zero.json"), { force: true });
            fs.symlinkSync("/dev/zero", path.join(dir, "zero.json"));
        },
        path: KEY,
        value: '"scratch/bad-inputs/zero.json"',
    },
    {
        name: "openApiFile is a named pipe (FIFO): refused without blocking",
        category: "file-paths",
        stack: openApi(`${S}/pipe.json`),
        setup: (dir) => {
            fs.rmSync(path.join(dir, "pipe.json"), { force: true });
            execFileSync("mkfifo", [path.join(dir, "pipe.json")]);
        },
        path: KEY,
        value: "named pipe",
    },
    {
        name: "openApiFile is a folder",
        category: "file-paths",
        stack: openApi(S),
        files: { "folder-marker.txt": "x" },
        path: KEY,
        value: "a folder",
    },
    {
        name: "openApiFile does not exist",
        category: "file-paths",
        stack: openApi(`${S}/missing.json`),
        path: KEY,
        value: '"scratch/bad-inputs/missing.json"',
    },
    {
        name: "openApiFile is not JSON: the error gives a position, never the bytes",
        category: "file-paths",
        stack: openApi(`${S}/broken.json`),
        files: { "broken.json": `{"swagger": "2.0", ${CONTENT}: 1}` },
        path: KEY,
        value: "is not valid JSON (at line 1",
        mustNotContain: [CONTENT, "TOP-SECRET"],
    },
    {
        name: "openApiFile is binary",
        category: "file-paths",
        stack: openApi(`${S}/binary.json`),
        files: { "binary.json": Buffer.from([0x00, 0xff, 0x13, 0x37, 0x54, 0x4f, 0x50]) },
        path: KEY,
        value: "is not valid JSON",
        mustNotContain: ["\u0000", "TOP"],
    },
    {
        name: "openApiFile is OpenAPI 3, not Swagger 2.0",
        category: "file-paths",
        stack: openApi(`${S}/v3.json`),
        files: { "v3.json": JSON.stringify({ openapi: "3.0.0", info: { title: CONTENT } }) },
        path: KEY,
        value: "Swagger 2.0",
        mustNotContain: [CONTENT],
    },
    {
        name: "openApiFile has a __proto__ key",
        category: "file-paths",
        stack: openApi(`${S}/proto.json`),
        files: { "proto.json": '{"swagger": "2.0", "info": {"__proto__": {"x": 1}}}' },
        path: KEY,
        value: "__proto__",
    },
    {
        name: "openApiFile over 5 MB is refused from its size, unread",
        category: "large-files",
        stack: openApi(`${S}/huge.json`),
        files: { "huge.json": `{"swagger": "2.0", "x": "${CONTENT}${"a".repeat(6 * 1024 * 1024)}"}` },
        path: KEY,
        value: "6.0 MB",
        mustNotContain: [CONTENT],
    },
    {
        name: "a stack file over 10 MB is refused before reading",
        category: "large-files",
        stack: `config:\n  entra-connectors:environment: dev\n# ${"x".repeat(11 * 1024 * 1024)}\n`,
        path: "Pulumi.bad.yaml is 11.0 MB",
        value: "10 MB",
    },
    {
        name: "a long line of nested lists",
        category: "large-files",
        stack: `config:\n  azuread:tenantId: 3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45\n  entra-connectors:environment: dev\n  entra-connectors:apis: ${"[".repeat(200000)}\n`,
        path: "entra-connectors:apis",
        value: "nests too deeply",
    },
];
