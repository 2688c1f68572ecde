// The package as a library: the built entry loads with no Pulumi config and registers nothing; what npm ships.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import { buildLibrary, ENTRY, ROOT } from "../helpers/library";

const COMPONENTS = [
    "ProtectedApi",
    "ConnectorClient",
    "ConnectorFederatedCredential",
    "DelegatedConsent",
    "PowerPlatformApiClient",
    "HttpWithEntraIdConsent",
    "ClientSecret",
];
const PURE = [
    "connectorSecuritySettings",
    "renderApiProperties",
    "renderApiDefinition",
    "encodeGuid",
    "decodeGuid",
    "parsePowerPlatformSubject",
    "powerPlatformSubject",
];

/** Runs `script` in a fresh Node process in the repository, without any Pulumi config or engine in the environment. */
function freshNode(script: string): string {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("PULUMI_")));
    return execFileSync(process.execPath, ["-e", script], { cwd: ROOT, env, encoding: "utf8" });
}

describe("the package entry (library)", function () {
    this.timeout(120_000);
    before(() => buildLibrary());

    it("package.json points main, types and exports at the built barrel, and Pulumi.yaml at the stack program", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
        expect(pkg.main).to.equal("dist/components/index.js");
        expect(pkg.types).to.equal("dist/components/index.d.ts");
        expect(pkg.exports["."].node).to.equal("./dist/components/index.js");
        expect(pkg.private).to.equal(undefined);
        expect(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")).to.match(/^main: index\.ts$/m);
    });

    it("require('entra-connectors') in a fresh process: no error, no resource registered, no azure-native loaded, components exported", () => {
        // Mocks count every registration; a side effect at load time would register a resource or read config.
        const out = freshNode(`
            const pulumi = require("@pulumi/pulumi");
            let registered = 0;
            pulumi.runtime.setMocks({ newResource: (a) => { registered++; return { id: a.name, state: a.inputs }; }, call: (a) => a.inputs });
            const lib = require("entra-connectors");
            setTimeout(() => {
                const loaded = Object.keys(require.cache).filter((f) => f.includes("@pulumi/azure-native"));
                console.log(JSON.stringify({ registered, loaded: loaded.length, resolved: require.resolve("entra-connectors"),
                    exports: Object.keys(lib), types: Object.fromEntries(Object.entries(lib).filter(([, v]) => typeof v === "function" && v.TYPE).map(([k, v]) => [k, v.TYPE])),
                    graph: lib.WELL_KNOWN_APIS.microsoftGraph.appId }));
            }, 200);
        `);
        const result = JSON.parse(out);
        expect(result.resolved).to.equal(ENTRY);
        expect(result.registered).to.equal(0);
        expect(result.loaded, "azure-native modules loaded by the entry").to.equal(0);
        for (const name of COMPONENTS) expect(result.types[name], name).to.equal(`entra-connectors:index:${name}`);
        expect(result.exports).to.include.members([...PURE, "WELL_KNOWN_APIS", "CLOUDS"]);
        expect(result.graph).to.equal("00000003-0000-0000-c000-000000000000");
    });

    it("loads without the Pulumi engine at all (a plain `node -e require`)", () => {
        expect(freshNode(`require("entra-connectors"); console.log("loaded")`).trim()).to.equal("loaded");
    });

    it("npm pack ships the built library and no tests, fixtures, examples or out/", () => {
        const [packed] = JSON.parse(
            execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8" }),
        );
        const files: string[] = packed.files.map((f: { path: string }) => f.path);
        expect(files).to.include.members([
            "dist/components/index.js",
            "dist/components/index.d.ts",
            "dist/entra/wellKnownApis.js",
            "package.json",
            "PulumiPlugin.yaml",
        ]);
        expect(
            files.filter((f) => /^(test|examples|out|scratch|offline|config|stack)\/|fixtures|\.spec\./.test(f)),
        ).to.deep.equal([]);
        expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).to.deep.equal([]);
    });

    it("no file under components/ imports the config layer or the stack composition", () => {
        const dir = path.join(ROOT, "components");
        for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
            const text = fs.readFileSync(path.join(dir, file), "utf8");
            expect(text, file).to.not.match(/from "\.\.\/(config|stack)(\/[^"]*)?"/);
            expect(text, file).to.not.match(/require\("\.\.\/(config|stack)/);
        }
    });
});
