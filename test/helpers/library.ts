// The built package entry, as users get it: builds dist/ once per test run and links the example to the package.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const ROOT = path.join(__dirname, "..", "..");
export const ENTRY = path.join(ROOT, "dist", "components", "index.js");
export const EXAMPLE_TS = path.join(ROOT, "examples", "typescript");
export const EXAMPLE_YAML = path.join(ROOT, "examples", "yaml");

let built = false;

/**
 * `npm run build` (dist/ removed by prebuild, then tsc -p tsconfig.build.json), once: the tests check what
 * `npm ci`/`npm pack` would ship, so a file an older layout left in dist/ cannot ride along.
 */
export function buildLibrary(): void {
    if (built) return;
    execFileSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "pipe" });
    built = true;
}

/**
 * What `npm install` does for the example's `"entra-connectors": "file:../.."`: a symlink in its node_modules,
 * so `import ... from "entra-connectors"` resolves through the package's own `exports`.
 */
export function linkExampleToPackage(): void {
    const modules = path.join(EXAMPLE_TS, "node_modules");
    const link = path.join(modules, "entra-connectors");
    fs.mkdirSync(modules, { recursive: true });
    if (!fs.existsSync(link)) fs.symlinkSync(path.relative(modules, ROOT), link, "dir");
}
