// A scratch copy of the project compiled to JavaScript the way tsconfig.build.json does (no type check, no ts-node),
// so tests run the compiled plan command without depending on a possibly stale dist/.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";

const projectDir = path.resolve(__dirname, "..", "..");

let shared: string | undefined;

/**
 * The compiled plan command of one scratch project shared by every spec of this mocha run (compiling is the
 * slow part); the project is removed when the process exits. Returns its dist/offline/plan/planCli.js.
 */
export function compiledPlanCli(): string {
    if (shared === undefined) {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-compiled-"));
        process.on("exit", () => fs.rmSync(root, { recursive: true, force: true }));
        shared = compiledProject(root);
    }
    return shared;
}

/** The OpenAPI files the shipped stack files name (`openApiFile`), which a copy of the project needs beside them. */
export function copyOpenApiFiles(root: string): void {
    fs.cpSync(path.join(projectDir, "openapi"), path.join(root, "openapi"), { recursive: true });
}

/** Writes <root>/{Pulumi.yaml, Pulumi.<stack>.yaml..., node_modules -> project's, dist/**.js}; returns dist/offline/plan/planCli.js. */
export function compiledProject(root: string): string {
    const parsed = ts.getParsedCommandLineOfConfigFile(
        path.join(projectDir, "tsconfig.build.json"),
        {},
        { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
    );
    if (!parsed || parsed.fileNames.length < 20) throw new Error("tsconfig.build.json lists no sources");
    for (const file of parsed.fileNames) {
        const js = ts.transpileModule(fs.readFileSync(file, "utf8"), {
            compilerOptions: { ...parsed.options, declaration: false },
            fileName: file,
        }).outputText;
        const target = path.join(root, "dist", path.relative(projectDir, file)).replace(/\.ts$/, ".js");
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, js);
    }
    for (const f of fs.readdirSync(projectDir).filter((f) => /^Pulumi\..*yaml$/.test(f)))
        fs.copyFileSync(path.join(projectDir, f), path.join(root, f));
    copyOpenApiFiles(root);
    fs.symlinkSync(path.join(projectDir, "node_modules"), path.join(root, "node_modules"), "dir");
    return path.join(root, "dist", "offline", "plan", "planCli.js");
}
