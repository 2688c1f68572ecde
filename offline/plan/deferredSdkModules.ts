// Starts the plan command without the modules @pulumi/pulumi loads eagerly for closure serialization only.
//
// `@pulumi/pulumi`'s index loads its closure serializer, which requires `typescript` (through its
// `typescript-shim.js`, to parse a function's text) and `@npmcli/arborist` with `normalize-package-data` (through
// `runtime/closure/codePaths.js`, to package a function's dependencies): about two thirds of the SDK's load time,
// for code a stack plan never runs (it replaces the dynamic providers' serialization by a placeholder,
// runProgram.ts). Each stays a stand-in until its first use, when it loads and answers as the real module does.
// Installed only when the plan command (planCli) is the process's entry: it runs this project's own program, which
// never closes over these modules. The package's command (`npx entra-connectors plan --program`), a library user's
// process, `pulumi up` and test runners load the SDK exactly as it comes, since a user's program may serialize a
// closure over one of them, and a stand-in is not the module object itself to Pulumi's closure serializer.
import * as fs from "fs";
import * as path from "path";
import { Module } from "module";

/** What a stand-in's real module exports: an object (a namespace of functions) or a function (a class). */
export type ExportsShape = "object" | "function";

/**
 * Puts a stand-in for the CommonJS module at `file` into the require cache: `require(file)` then returns an object
 * that loads the real module on first use (a property read, a call, `new`, key listing) and from then on forwards
 * to it. TypeScript's import helpers see an ES module: `__importStar` keeps the stand-in and `__importDefault`'s
 * `.default` is the real module, as their copies would give. Returns false, touching nothing, when the module is
 * already loaded or the file does not exist.
 */
export function deferModule(file: string, shape: ExportsShape): boolean {
    if (require.cache[file] !== undefined || !fs.existsSync(file)) return false;
    const standIn = new Module(file);
    let real: unknown;
    const load = (): object => {
        if (real === undefined) {
            delete require.cache[file];
            // eslint-disable-next-line @typescript-eslint/no-require-imports -- the deferred module itself, by path.
            real = require(file);
            standIn.exports = real;
            require.cache[file] = standIn;
        }
        return real as object;
    };
    // A strict function as the target lets `new` and calls through; an object target keeps `typeof` an object's.
    const target = shape === "function" ? function deferred() {} : {};
    const proxy: object = new Proxy(target, {
        get: (_, key) => {
            if (key === "__esModule") return true;
            const module = load();
            if (key === "default" && !Object.prototype.hasOwnProperty.call(module, "default")) return module;
            return Reflect.get(module, key);
        },
        set: (_, key, value) => Reflect.set(load(), key, value),
        has: (_, key) => Reflect.has(load(), key),
        ownKeys: () => {
            const keys = new Set(Reflect.ownKeys(load()));
            // A proxy must list its target's fixed keys (a function's `prototype`).
            for (const key of Reflect.ownKeys(target))
                if (Reflect.getOwnPropertyDescriptor(target, key)?.configurable === false) keys.add(key);
            return [...keys];
        },
        getOwnPropertyDescriptor: (_, key) => {
            const fixed = Reflect.getOwnPropertyDescriptor(target, key);
            if (fixed?.configurable === false) return fixed;
            const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
            return descriptor && { ...descriptor, configurable: true };
        },
        getPrototypeOf: () => Reflect.getPrototypeOf(load()),
        apply: (_, self, args) => Reflect.apply(load() as (...a: unknown[]) => unknown, self, args),
        // A subclass (`class Mine extends Real`) constructs with its own new.target.
        construct: (_, args, newTarget) => {
            const Real = load() as new (...a: unknown[]) => object;
            return Reflect.construct(Real, args, newTarget === proxy ? Real : newTarget);
        },
    });
    standIn.exports = proxy;
    standIn.filename = file;
    standIn.loaded = true;
    require.cache[file] = standIn;
    return true;
}

/**
 * The files of the SDK's closure serializer dependencies, as `@pulumi/pulumi` resolves them, with their shapes;
 * those not installed are left out (the SDK then loads what it falls back to, as it comes).
 */
export function closureSerializerModules(): { file: string; shape: ExportsShape }[] {
    const found: { file: string; shape: ExportsShape }[] = [];
    let sdk: string;
    try {
        sdk = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
    } catch {
        return found;
    }
    found.push({ file: path.join(sdk, "typescript-shim.js"), shape: "object" });
    const closure = path.join(sdk, "runtime", "closure");
    for (const [request, shape] of [
        ["@npmcli/arborist", "function"],
        ["normalize-package-data", "function"],
    ] as const) {
        try {
            found.push({ file: require.resolve(request, { paths: [closure] }), shape });
        } catch {
            // Not a dependency of this SDK version: nothing to defer.
        }
    }
    return found.filter((m) => fs.existsSync(m.file));
}

/** Whether `entry` (the process's main module) is the plan command of this folder, compiled or run from source. */
export function isPlanCommandEntry(entry: string | undefined): boolean {
    return entry !== undefined && path.dirname(entry) === __dirname && /^planCli\.[jt]s$/.test(path.basename(entry));
}

if (isPlanCommandEntry(require.main?.filename)) {
    for (const { file, shape } of closureSerializerModules()) deferModule(file, shape);
}
