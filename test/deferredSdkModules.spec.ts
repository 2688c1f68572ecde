// The plan command's stand-ins for modules it does not run: nothing loads until first use, then the real module
// answers (properties, calls, `new`, keys, TypeScript's import helpers), and the list matches what the SDK loads.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { closureSerializerModules, deferModule, isPlanCommandEntry } from "../offline/plan/deferredSdkModules";

type Loads = { loads: Record<string, number> };
const counter = globalThis as unknown as Loads;

describe("deferred SDK modules (the plan command's stand-ins)", () => {
    let dir: string;
    const write = (name: string, body: string) => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, `globalThis.loads["${name}"] = (globalThis.loads["${name}"] || 0) + 1;\n${body}`);
        return file;
    };
    const load = (file: string) => require(file);

    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-deferred-"));
        counter.loads = {};
    });
    afterEach(() => {
        for (const f of Object.keys(require.cache)) if (f.startsWith(dir)) delete require.cache[f];
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("an object module loads on its first property read, once, and then the require cache holds the real exports", () => {
        const file = write("namespace.js", "exports.answer = 42; exports.twice = function (n) { return 2 * n; };");
        expect(deferModule(file, "object")).to.equal(true);
        const standIn = load(file);
        expect(counter.loads["namespace.js"], "loaded before any use").to.equal(undefined);
        expect(typeof standIn).to.equal("object");
        expect(standIn.answer).to.equal(42);
        expect(standIn.twice(4)).to.equal(8);
        expect(counter.loads["namespace.js"]).to.equal(1);
        const real = load(file);
        expect(real).to.not.equal(standIn);
        expect(real.answer).to.equal(42);
        expect(Object.keys(standIn)).to.deep.equal(["answer", "twice"]);
        expect("twice" in standIn).to.equal(true);
        expect(counter.loads["namespace.js"], "loaded twice").to.equal(1);
    });

    it("a class module constructs real instances through `new`, and calls go through", () => {
        const file = write(
            "klass.js",
            "class Tree { constructor(path) { this.path = path; } }\nmodule.exports = Tree;\nmodule.exports.Tree = Tree;",
        );
        const fn = write(
            "fn.js",
            "module.exports = function normalize(data) { return { ...data, normalized: true }; };",
        );
        deferModule(file, "function");
        deferModule(fn, "function");
        const Tree = load(file);
        const normalize = load(fn);
        expect(counter.loads["klass.js"]).to.equal(undefined);
        const tree = new Tree.Tree("/work");
        expect(tree.path).to.equal("/work");
        expect(tree).to.be.instanceOf(load(file));
        expect(new Tree("/x").path).to.equal("/x");
        expect(normalize({ a: 1 })).to.deep.equal({ a: 1, normalized: true });
        // A subclass keeps its own prototype: new.target passes through the stand-in.
        class Mine extends (Tree as new (path: string) => { path: string }) {
            hello() {
                return `hello ${this.path}`;
            }
        }
        const mine = new Mine("/mine");
        expect(mine).to.be.instanceOf(Mine);
        expect(mine.hello()).to.equal("hello /mine");
        expect(counter.loads).to.deep.equal({ "klass.js": 1, "fn.js": 1 });
    });

    it("TypeScript's import helpers: __importStar keeps the stand-in without loading, __importDefault's default is the real module", () => {
        const file = write(
            "helpers.js",
            "module.exports = function named() { return 'real'; }; module.exports.extra = 1;",
        );
        deferModule(file, "function");
        const standIn = load(file);
        // What tsc emits for `import * as m` and `import m from`: an ES module is used as it is.
        expect(standIn.__esModule).to.equal(true);
        expect(counter.loads["helpers.js"], "__esModule loaded the module").to.equal(undefined);
        expect(standIn.default).to.equal(load(file));
        expect(standIn.default()).to.equal("real");
        expect(standIn.extra).to.equal(1);
    });

    it("touches nothing for a module already loaded or a file that does not exist", () => {
        const file = write("loaded.js", "exports.x = 1;");
        const real = load(file);
        expect(deferModule(file, "object")).to.equal(false);
        expect(load(file)).to.equal(real);
        const missing = path.join(dir, "missing.js");
        expect(deferModule(missing, "object")).to.equal(false);
        expect(require.cache[missing]).to.equal(undefined);
    });

    it("is installed only when the plan command is the process's entry, not the package's command or anything else", () => {
        const here = path.join(__dirname, "..", "offline", "plan");
        expect(isPlanCommandEntry(path.join(here, "planCli.js"))).to.equal(true);
        expect(isPlanCommandEntry(path.join(here, "planCli.ts"))).to.equal(true);
        // `npx entra-connectors plan --program` runs a user's program, which may close over these modules.
        expect(isPlanCommandEntry(path.join(here, "cli.js"))).to.equal(false);
        expect(isPlanCommandEntry(path.join(here, "..", "planCli.js"))).to.equal(false);
        expect(isPlanCommandEntry(undefined)).to.equal(false);
    });

    it("defers the files @pulumi/pulumi loads for its closure serializer: the SDK loaded each of them in this process", () => {
        expect(pulumi.runtime.isDryRun).to.be.a("function"); // the SDK is loaded, as a program loads it
        const modules = closureSerializerModules();
        expect(modules.map((m) => path.basename(path.dirname(m.file)) + "/" + path.basename(m.file))).to.deep.equal([
            "pulumi/typescript-shim.js",
            "lib/index.js",
            "lib/normalize.js",
        ]);
        expect(modules.map((m) => m.shape)).to.deep.equal(["object", "function", "function"]);
        // If an SDK upgrade stops loading one, the deferral is dead code: this fails and the list is updated.
        for (const m of modules) expect(require.cache[m.file], m.file).to.not.equal(undefined);
    });
});
