// Where the project (Pulumi.yaml) and its program live, whether this code runs from the sources (ts-node) or compiled (dist/).
import * as fs from "fs";
import * as path from "path";

/** True when this module runs as compiled JavaScript (dist/), false under ts-node from the sources. */
export const RUNNING_COMPILED = path.extname(__filename) === ".js";

/** The nearest directory at or above `from` holding Pulumi.yaml (offline/plan/ from the sources, dist/offline/plan/ compiled). */
export function findProjectRoot(from: string = __dirname): string {
    for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "Pulumi.yaml"))) return dir;
        if (path.dirname(dir) === dir) return path.resolve(from, "..");
    }
}

/** Folders (and the program) the build compiles (tsconfig.build.json `include`). */
const SOURCE_ROOTS = ["index.ts", "components", "config", "entra", "stack", "offline", "policy"];

/** The newest modification time of the TypeScript sources under `projectDir` (0 when there are none). */
export function newestSourceMtime(projectDir: string): number {
    const newest = (p: string): number => {
        let stat: fs.Stats;
        try {
            stat = fs.statSync(p);
        } catch {
            return 0;
        }
        // policy/ may hold its own node_modules (`npm install --prefix policy`): not sources.
        if (stat.isDirectory())
            return fs
                .readdirSync(p)
                .filter((e) => e !== "node_modules")
                .reduce((m, e) => Math.max(m, newest(path.join(p, e))), 0);
        return p.endsWith(".ts") ? stat.mtimeMs : 0;
    };
    return Math.max(0, ...SOURCE_ROOTS.map((r) => newest(path.join(projectDir, r))));
}

let warnedStale = false;

/**
 * The program module to run: `index.ts` beside Pulumi.yaml from the sources; compiled, its build output
 * (`dist/index.js`, two folders up from this file), so a compiled plan never loads ts-node. A build older than the
 * sources would plan yesterday's code without a word: say so on stderr (the plan's files stay as they are).
 */
export function defaultProgram(projectDir: string): string {
    if (!RUNNING_COMPILED) return path.join(projectDir, "index.ts");
    const program = path.resolve(__dirname, "..", "..", "index.js");
    if (!warnedStale && fs.existsSync(program) && newestSourceMtime(projectDir) > fs.statSync(__filename).mtimeMs) {
        warnedStale = true;
        process.stderr.write(
            `warning: ${path.relative(process.cwd(), path.dirname(program)) || "dist"}/ is older than the sources; run \`npm run build\` to plan the current code.\n`,
        );
    }
    return program;
}
