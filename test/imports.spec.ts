// The layout's one-way data flow: no import cycle (type-only imports included) among the project's own modules.
import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import * as ts from "typescript";

const ROOT = path.join(__dirname, "..");
const FOLDERS = ["components", "entra", "config", "stack", "offline", "policy", "scripts"];

/** Every project .ts file and the project files it imports or re-exports (type-only and `require("./x")` included). */
function importGraph(): Map<string, string[]> {
    const files = [path.join(ROOT, "index.ts"), ...FOLDERS.flatMap((f) => walk(path.join(ROOT, f)))];
    const graph = new Map<string, string[]>();
    const options: ts.CompilerOptions = {
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        resolveJsonModule: true,
    };
    for (const file of files) {
        const info = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
        const targets = info.importedFiles
            .map((ref) => ts.resolveModuleName(ref.fileName, file, options, ts.sys).resolvedModule?.resolvedFileName)
            .filter(
                (f): f is string => !!f && !f.includes("node_modules") && f.endsWith(".ts") && !f.endsWith(".d.ts"),
            );
        graph.set(path.relative(ROOT, file), [...new Set(targets.map((t) => path.relative(ROOT, t)))]);
    }
    return graph;
}

function walk(dir: string): string[] {
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) return e.name === "node_modules" ? [] : walk(full);
        return e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [full] : [];
    });
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
    let index = 0;
    const indices = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const found: string[][] = [];
    const visit = (v: string) => {
        indices.set(v, index);
        low.set(v, index++);
        stack.push(v);
        onStack.add(v);
        for (const w of graph.get(v) ?? []) {
            if (!indices.has(w)) {
                visit(w);
                low.set(v, Math.min(low.get(v)!, low.get(w)!));
            } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
        }
        if (low.get(v) === indices.get(v)) {
            const scc: string[] = [];
            let w: string;
            do {
                w = stack.pop()!;
                onStack.delete(w);
                scc.push(w);
            } while (w !== v);
            if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(scc.sort());
        }
    };
    for (const v of graph.keys()) if (!indices.has(v)) visit(v);
    return found;
}

describe("imports", () => {
    const graph = importGraph();

    it("reads the whole program: the stack program reaches the components through config and composition", () => {
        expect(graph.get("index.ts")).to.include.members([
            path.join("config", "index.ts"),
            path.join("stack", "composeStack.ts"),
        ]);
        expect(graph.size).to.be.greaterThan(40);
    });

    it("has no import cycle, type-only imports included", () => {
        expect(cycles(graph).map((c) => c.join(" <-> "))).to.deep.equal([]);
    });

    it("finds a cycle when there is one (the check is not vacuous)", () => {
        const withCycle = new Map(graph);
        withCycle.set("entra/naming.ts", [...(graph.get("entra/naming.ts") ?? []), "components/protectedApi.ts"]);
        expect(
            cycles(withCycle).some((c) => c.includes("entra/naming.ts") && c.includes("components/protectedApi.ts")),
        ).to.equal(true);
    });

    it("keeps the layer order: entra/ imports no component, config or stack module; components/ no config or stack module", () => {
        const wrong = [...graph].flatMap(([file, targets]) =>
            targets
                .filter(
                    (t) =>
                        (file.startsWith("entra/") && /^(components|config|stack|offline)\//.test(t)) ||
                        (file.startsWith("components/") && /^(config|stack|offline)\//.test(t)),
                )
                .map((t) => `${file} -> ${t}`),
        );
        expect(wrong).to.deep.equal([]);
    });

    it("imports run down CONTRIBUTING.md's layout table, never up", () => {
        const text = fs.readFileSync(path.join(ROOT, "CONTRIBUTING.md"), "utf8");
        const layout = text.slice(text.indexOf("## Layout"), text.indexOf("\n## ", text.indexOf("## Layout") + 1));
        const rooms = [...layout.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]!);
        expect(rooms).to.include.members(["offline/plan/", "offline/simulator/", "config/", "entra/"]);
        const roomOf = (file: string) =>
            rooms.reduce(
                (best, r, i) =>
                    (file === r || file.startsWith(r)) && r.length > (rooms[best]?.length ?? 0) ? i : best,
                -1,
            );
        const up = [...graph].flatMap(([file, targets]) =>
            targets.filter((t) => roomOf(t) < roomOf(file)).map((t) => `${file} -> ${t}`),
        );
        expect(graph.size).to.be.greaterThan(40);
        expect([...graph.keys()].filter((f) => roomOf(f) < 0)).to.deep.equal([]);
        expect(up).to.deep.equal([]);
    });

    it("gives every exported function, type, class and constant its own name across the project", () => {
        const declaration =
            /^export (?:declare )?(?:async )?(?:abstract )?(?:function\*?|const|let|class|interface|type|enum) +([A-Za-z_$][\w$]*)/gm;
        const where = new Map<string, string[]>();
        for (const file of graph.keys()) {
            if (file.startsWith(path.join("policy", "vendor")) || file.endsWith(".generated.ts")) continue;
            for (const [, name] of fs.readFileSync(path.join(ROOT, file), "utf8").matchAll(declaration))
                where.set(name!, [...(where.get(name!) ?? []), file]);
        }
        expect(where.get("ConfigError")).to.deep.equal([path.join("config", "errors.ts")]);
        const shared = [...where].filter(([, files]) => files.length > 1);
        expect(shared.map(([n, files]) => `${n}: ${files.join(", ")}`)).to.deep.equal([]);
    });

    it("keeps offline/'s rooms one way: tools/ -> plan/ -> simulator/, never back, and the product never imports offline/", () => {
        expect(graph.has(path.join("offline", "simulator", "core.ts"))).to.equal(true);
        expect(graph.has(path.join("offline", "plan", "planCli.ts"))).to.equal(true);
        const wrong = [...graph].flatMap(([file, targets]) =>
            targets
                .filter(
                    (t) =>
                        (file.startsWith("offline/simulator/") && /^offline\/(plan|tools)\//.test(t)) ||
                        (file.startsWith("offline/plan/") && t.startsWith("offline/tools/")) ||
                        (/^(components|config|stack|powerPlatform)\//.test(file) && t.startsWith("offline/")),
                )
                .map((t) => `${file} -> ${t}`),
        );
        expect(wrong).to.deep.equal([]);
    });
});
