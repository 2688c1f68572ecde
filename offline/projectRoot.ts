// Where the project (Pulumi.yaml) and its program live, whether this code runs from the sources (ts-node) or compiled (dist/).
import * as fs from "fs";
import * as path from "path";

/** True when this module runs as compiled JavaScript (dist/), false under ts-node from the sources. */
export const RUNNING_COMPILED = path.extname(__filename) === ".js";

/** The nearest directory at or above `from` holding Pulumi.yaml (offline/ from the sources, dist/offline/ compiled). */
export function projectRoot(from: string = __dirname): string {
    for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "Pulumi.yaml"))) return dir;
        if (path.dirname(dir) === dir) return path.resolve(from, "..");
    }
}

/**
 * The program module to run: `index.ts` beside Pulumi.yaml from the sources; compiled, its build output
 * (`dist/index.js`, beside this file's folder), so a compiled plan never loads ts-node.
 */
export function defaultProgram(projectDir: string): string {
    return RUNNING_COMPILED ? path.resolve(__dirname, "..", "index.js") : path.join(projectDir, "index.ts");
}
