// The package.json an installed consumer gets: what Pulumi's closure serializer can capture, and one Pulumi runtime.
import * as fs from "fs";
import * as path from "path";
import { execFileSync } from "child_process";
import { expect } from "chai";
import { buildLibrary, ROOT } from "../helpers/library";

// Pulumi's own mapping from a module file inside node_modules to the specifier the serialized provider requires
// (sdk/nodejs/runtime/closure/package.ts, used by createClosure.ts captureModuleAsync). It throws
// `package.json export path for "..." not found` for a file the `exports` map does not expose (pulumi/pulumi#8893).
const { getModuleFromPath } = require("@pulumi/pulumi/runtime/closure/package") as {
    getModuleFromPath(p: string, pkg: unknown, opts?: { isRequire: boolean }): string;
};

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

/**
 * Every built module that defines a dynamic resource provider object: the serializer captures by value the functions
 * of that object and, by module path, every module those functions reference (the file's own relative requires).
 */
function dynamicProviderModules(): string[] {
    const found: string[] = [];
    const walk = (dir: string): void => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const file = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(file);
            else if (
                entry.name.endsWith(".ts") &&
                /dynamic\.ResourceProvider\s*=/.test(fs.readFileSync(file, "utf8"))
            ) {
                found.push(path.join(ROOT, "dist", path.relative(ROOT, file)).replace(/\.ts$/, ".js"));
            }
        }
    };
    walk(path.join(ROOT, "components"));
    return found;
}

/** The files Node loads for the package's `exports` (the built "node" target of ".") and its `bin`. */
function packageEntries(): string[] {
    return [
        ...Object.entries(pkg.exports as Record<string, string | Record<string, string>>)
            .filter(([k]) => k !== "./package.json")
            .map(([k, v]) => (typeof v === "string" ? v : k === "." ? v.node : v.default)),
        ...Object.values(pkg.bin as Record<string, string>),
    ];
}

/** What `npm pack` puts in the tarball (`files` with its `!` exclusions applied), as paths from the package root. */
function packedFiles(): Set<string> {
    const [report] = JSON.parse(
        execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8" }),
    ) as [{ files: { path: string }[] }];
    return new Set(report.files.map((f) => f.path));
}

/** The built file a relative require of `from` names (`./x` -> x.js or x/index.js), as a path from the root. */
function requiredFile(from: string, request: string, exists: (rel: string) => boolean): string | undefined {
    const base = path.posix.join(path.posix.dirname(from), request);
    return [base, `${base}.js`, `${base}/index.js`].find(exists);
}

/** The package's own modules `file` requires directly (relative requires): what its provider functions can capture. */
function localRequires(file: string): string[] {
    return [...fs.readFileSync(file, "utf8").matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)].map((m) =>
        require.resolve(path.resolve(path.dirname(file), m[1])),
    );
}

describe("package.json as installed (exports, peer dependencies)", function () {
    this.timeout(120_000);
    before(() => buildLibrary());

    it("the dynamic providers exist to check (SecretSlots, PowerPlatformConnector)", () => {
        const found = dynamicProviderModules().map((f) => path.relative(ROOT, f));
        expect(found).to.include.members([
            path.join("dist", "components", "secretSlots.js"),
            path.join("dist", "components", "powerPlatformConnectorProvider.js"),
        ]);
    });

    it("every module a dynamic provider's closure can reference maps through `exports`, as the serializer maps it", () => {
        const modules = new Set(dynamicProviderModules().flatMap((f) => localRequires(f)));
        // The provider functions capture these by reference (require) once the package sits in node_modules.
        for (const file of modules) {
            const installedName = `${pkg.name}/${path.relative(ROOT, file).split(path.sep).join("/")}`;
            const specifier = getModuleFromPath(installedName, pkg);
            // The specifier the deployment engine will require resolves to the same file through the package's exports.
            expect(require.resolve(specifier, { paths: [ROOT] }), installedName).to.equal(file);
        }
        expect(getModuleFromPath(`${pkg.name}/dist/entra/secretRotation.js`, pkg)).to.equal(`${pkg.name}/rotation`);
    });

    it("the file path the serializer falls back to also resolves through `exports` (a project folder whose path contains the package name)", () => {
        // getPackageDefinition locates package.json with indexOf(name) on the resolved path: under
        // /home/me/entra-connectors-demo/node_modules/entra-connectors/ it finds the first folder, misses package.json
        // and returns the file path unchanged, which the deployment then requires.
        const modules = new Set(dynamicProviderModules().flatMap((f) => localRequires(f)));
        expect(modules).to.include(path.join(ROOT, "dist", "entra", "secretRotation.js"));
        for (const file of modules) {
            const fallback = `${pkg.name}/${path.relative(ROOT, file).split(path.sep).join("/")}`;
            expect(() => require.resolve(fallback, { paths: [ROOT] }), fallback).to.not.throw();
            expect(require.resolve(fallback, { paths: [ROOT] }), fallback).to.equal(file);
        }
    });

    it("every `exports` target Node resolves is a built file that `files` ships (no entry points at a file the package lacks)", () => {
        const targets = (v: unknown): string[] =>
            typeof v === "string" ? [v] : Object.values(v as object).flatMap(targets);
        const packed = packedFiles();
        const shipped = (rel: string) => packed.has(rel);
        // "." default is the TypeScript source entry Pulumi's analyzer reads (exports["."].default, analyzer.ts
        // findProgramEntryPoint) when another language adds this repository as a component package; Node takes "node" first.
        const { default: sourceEntry, ...built } = pkg.exports["."];
        expect(sourceEntry).to.equal("./components/index.ts");
        expect(Object.keys(pkg.exports["."]).indexOf("node")).to.be.lessThan(
            Object.keys(pkg.exports["."]).indexOf("default"),
        );
        for (const target of [
            ...targets(built),
            ...Object.entries(pkg.exports)
                .filter(([k]) => k !== ".")
                .flatMap(([, v]) => targets(v)),
        ]) {
            const rel = target.replace(/^\.\//, "");
            expect(fs.existsSync(path.join(ROOT, rel)), `${target} exists after the build`).to.equal(true);
            expect(shipped(rel), `${target} is in "files"`).to.equal(true);
        }
    });

    it("everything the exports and the bin load is shipped, and every shipped folder is loaded by one of them", () => {
        const packed = packedFiles();
        const shipped = (rel: string) => packed.has(rel);
        const entries = packageEntries().map((t) => path.join(ROOT, t));
        const loaded = new Set<string>();
        const walk = (file: string): void => {
            if (loaded.has(file)) return;
            loaded.add(file);
            for (const m of fs.readFileSync(file, "utf8").matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g))
                walk(require.resolve(path.resolve(path.dirname(file), m[1])));
        };
        entries.forEach(walk);
        const rel = [...loaded].map((f) => path.relative(ROOT, f).split(path.sep).join("/"));
        expect(
            rel.filter((f) => !shipped(f)),
            "loaded but not in files",
        ).to.deep.equal([]);
        // Nothing shipped for nothing: each "files" entry under dist/ holds a module an entry loads.
        for (const f of (pkg.files as string[]).filter((f) => f.startsWith("dist/") && f.endsWith(".js")))
            expect(rel, f).to.include(f);
        for (const f of (pkg.files as string[]).filter((f) => f.startsWith("dist/") && f.endsWith("/")))
            expect(
                rel.some((r) => r.startsWith(f)),
                f,
            ).to.equal(true);
        expect(rel).to.not.include.members(["dist/stack/composeStack.js", "dist/config/index.js", "dist/index.js"]);
        // Every package those modules require is installed with this one: a dependency, a peer, or Node's own.
        const packages = new Set<string>();
        for (const file of loaded) {
            for (const m of fs.readFileSync(file, "utf8").matchAll(/require\("([^".][^"]*)"\)/g)) {
                packages.add(m[1].startsWith("@") ? m[1].split("/").slice(0, 2).join("/") : m[1].split("/")[0]);
            }
        }
        const installed = new Set([
            ...Object.keys(pkg.dependencies),
            ...Object.keys(pkg.peerDependencies),
            ...require("module").builtinModules,
            pkg.name,
        ]);
        // google-protobuf: the mock monitor builds its answers with @pulumi/pulumi's own copy (the peer's dependency), on purpose.
        expect(
            [...packages].filter((p) => !installed.has(p) && p !== "google-protobuf").sort(),
            "required but not a dependency",
        ).to.deep.equal([]);
    });

    it("every JavaScript file the tarball holds loads from the tarball alone, and an entry loads each of them", () => {
        const packed = packedFiles();
        const entries = packageEntries().map((t) => path.posix.normalize(t));
        const js = [...packed].filter((f) => f.endsWith(".js"));
        const dangling: string[] = [];
        const reached = new Set<string>();
        for (const file of js) {
            for (const m of fs.readFileSync(path.join(ROOT, file), "utf8").matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g))
                if (requiredFile(file, m[1], (rel) => packed.has(rel)) === undefined)
                    dangling.push(`${file} -> ${m[1]}`);
        }
        const walk = (file: string): void => {
            if (reached.has(file)) return;
            reached.add(file);
            for (const m of fs.readFileSync(path.join(ROOT, file), "utf8").matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
                const next = requiredFile(file, m[1], (rel) => packed.has(rel));
                if (next !== undefined) walk(next);
            }
        };
        entries.forEach(walk);
        // A file whose require is not in the tarball throws "Cannot find module" where a user runs it.
        expect(dangling, "requires what the tarball lacks").to.deep.equal([]);
        // The plan command and the maintenance tools plan this project's stacks: they stay out of the package.
        expect(
            js.filter((f) => !reached.has(f)),
            "shipped but loaded by no entry",
        ).to.deep.equal([]);
    });

    it("every relative link of the packed README and docs points at a file the tarball holds (read in node_modules)", () => {
        const packed = packedFiles();
        const pages = [...packed].filter((f) => f === "README.md" || (f.startsWith("docs/") && f.endsWith(".md")));
        expect(pages).to.include.members(["README.md", "docs/configuration.md", "docs/library.md"]);
        const broken: string[] = [];
        for (const page of pages) {
            for (const m of fs.readFileSync(path.join(ROOT, page), "utf8").matchAll(/\]\(([^)\s]+)\)/g)) {
                const target = m[1].split("#")[0];
                if (target === "" || /^[a-z]+:/i.test(target)) continue;
                const file = path.posix.normalize(path.posix.join(path.posix.dirname(page), target));
                if (!packed.has(file)) broken.push(`${page} -> ${m[1]}`);
            }
        }
        expect(broken, "links to what the package lacks").to.deep.equal([]);
    });

    it("@pulumi/pulumi and the provider SDKs are peer dependencies with a range (one runtime per program), kept as devDependencies here", () => {
        for (const name of ["@pulumi/pulumi", "@pulumi/azuread", "@pulumi/azure-native"]) {
            expect(pkg.dependencies[name], `${name} in dependencies`).to.equal(undefined);
            expect(pkg.peerDependencies[name], name).to.match(/^\^\d+\.\d+\.\d+$/);
            expect(pkg.devDependencies[name], name).to.match(/^\d+\.\d+\.\d+$/);
            // The range admits the version this repository tests with.
            expect(pkg.peerDependencies[name].slice(1).split(".")[0], name).to.equal(
                pkg.devDependencies[name].split(".")[0],
            );
        }
        // Loaded only for Key Vault delivery and the Logic Apps custom API: optional, so most programs skip ~140 MB.
        expect(pkg.peerDependenciesMeta["@pulumi/azure-native"]).to.deep.equal({ optional: true });
    });
});
