// Config loader hardening: secrets masked on the real program path, provider keys from the providers,
// allowed keys from the schema, no zod wording for any wrong type anywhere, prototype keys, openApiFile limits.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { setAllConfig } from "@pulumi/pulumi/runtime/config";
import { ConfigError, loadStackConfig, parseStackConfig } from "../../config";
import { allowedKeysAt, schemaAt } from "../../config/zodMessages";
import { KNOWN_NAMESPACES } from "../../config/namespaces";
import { MAX_OPENAPI_FILE_BYTES, programProjectRoot, readOpenApiFile } from "../../config/openApiFile";
import { stackSchema } from "../../config/schema";
import { loadStackConfigFiles } from "../../offline/plan/stackFiles";
import { REFERENCE_DIR, skipWithoutReference } from "../helpers/reference";

const projectDir = path.resolve(__dirname, "..", "..");
const NS = "entra-connectors";
const INTERNAL = [
    /Invalid input/,
    /expected \w+, received/,
    /received (string|number|object|array|boolean|null|undefined)/,
    /Too (small|big)/,
    /Unrecognized key/,
    /ZodError/,
    /Maximum call stack/,
    /\n\s+at [\w.<>]+ \(/,
];

/** The dev stack as the engine would pass it: fully qualified key -> text. */
function devRaw(): Record<string, string> {
    return { ...loadStackConfigFiles(projectDir, "dev").config };
}

function configError(fn: () => unknown): ConfigError {
    try {
        fn();
    } catch (err) {
        expect(err).to.be.instanceOf(ConfigError);
        return err as ConfigError;
    }
    return expect.fail("expected a ConfigError");
}

describe("config hardening", () => {
    describe("secrets on the real program path (loadStackConfig)", () => {
        const SECRET_ENV = "Sup3r-Secret-Env";
        const SECRET_VAULT = "vault_Secret_Value_4711!";
        const SECRET_SUBJECT = "/eid1/c/pub/t/SECRET-SUBJECT-0815/a/x/y";

        function secretConfig(): { raw: Record<string, string>; secretKeys: string[] } {
            const raw = devRaw();
            raw[`${NS}:environment`] = SECRET_ENV;
            raw[`${NS}:keyVault`] = JSON.stringify({ resourceGroupName: "rg-connectors-dev", vaultName: SECRET_VAULT });
            return { raw, secretKeys: [`${NS}:environment`, `${NS}:keyVault`] };
        }

        before(() => {
            pulumi.runtime.setMocks(
                { newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }), call: (args) => args.inputs },
                "entra-connectors",
                "dev",
                false,
            );
        });
        after(() => setAllConfig({}, []));

        it("masks decrypted secure values in the error, as the engine marks them (PULUMI_CONFIG_SECRET_KEYS)", () => {
            const { raw, secretKeys } = secretConfig();
            setAllConfig(raw, secretKeys);
            const err = configError(() => loadStackConfig());
            expect(err.message)
                .to.include(`${NS}:environment`)
                .and.include(`${NS}:keyVault.vaultName`)
                .and.include("[secret]");
            expect(err.message).not.to.include(SECRET_ENV);
            expect(err.message).not.to.include(SECRET_VAULT);
        });

        it("masks a secret that a cross-field rule would quote (the last line of defence)", () => {
            const raw = devRaw();
            const connectors = JSON.parse(raw[`${NS}:connectors`]);
            connectors.orders.federatedSubject = SECRET_SUBJECT; // clientSecret + federatedSubject: a rule quotes the subject
            raw[`${NS}:connectors`] = JSON.stringify(connectors);
            setAllConfig(raw, [`${NS}:connectors`]);
            const err = configError(() => loadStackConfig());
            expect(err.message).to.include(`${NS}:connectors.orders.federatedSubject`);
            expect(err.message).not.to.include("SECRET-SUBJECT-0815");
        });

        it("masks a short secret wherever a message quotes it", () => {
            const raw = devRaw();
            const connectors = JSON.parse(raw[`${NS}:connectors`]);
            connectors.orders.resource = { api: "zq9" }; // a reference rule quotes the undeclared name
            raw[`${NS}:connectors`] = JSON.stringify(connectors);
            const err = configError(() => parseStackConfig(raw, [`${NS}:connectors`]));
            expect(err.message).to.include(`${NS}:connectors.orders.resource.api`);
            expect(err.message).not.to.include("zq9");
        });
    });

    describe("provider keys are the providers' own", () => {
        it("azuread keys are the provider schema's config variables (reference data)", function () {
            skipWithoutReference(this);
            const schema = JSON.parse(
                fs.readFileSync(path.join(REFERENCE_DIR, "pulumi-azuread", "schema.json"), "utf8"),
            );
            expect([...(KNOWN_NAMESPACES.azuread as string[])].sort()).to.deep.equal(
                Object.keys(schema.config.variables).sort(),
            );
        });

        it("azure-native and tls keys are the ones their config modules read", () => {
            const read = (pkg: string) =>
                [
                    ...fs
                        .readFileSync(require.resolve(`${pkg}/config/vars.js`), "utf8")
                        .matchAll(/__config\.get\w*\("(\w+)"/g),
                ]
                    .map((m) => m[1])
                    .sort();
            expect([...(KNOWN_NAMESPACES["azure-native"] as string[])].sort()).to.deep.equal(
                read("@pulumi/azure-native"),
            );
            expect([...(KNOWN_NAMESPACES.tls as string[])].sort()).to.deep.equal(read("@pulumi/tls"));
        });

        it("accepts real provider keys and pulumi: keys", () => {
            const raw = {
                ...devRaw(),
                "azuread:clientId": "x",
                "azure-native:location": "westeurope",
                "pulumi:tags": "{}",
                "tls:proxy": "{}",
            };
            expect(parseStackConfig(raw).environment).to.equal("dev");
        });
    });

    describe("allowed keys come from the schema", () => {
        /** Every path (record keys as "x", list indexes as 0) that holds a mapping in the schema. */
        function objectPaths(): (string | number)[][] {
            const paths: (string | number)[][] = [];
            const visit = (p: (string | number)[]) => {
                if (p.length > 6) return;
                const keys = allowedKeysAt(p);
                if (keys.length) paths.push(p);
                const probe = (next: string | number) => schemaAt([...p, next]).schema !== undefined;
                for (const k of keys) visit([...p, k]);
                // Records and lists: one entry stands for all.
                if (!keys.length && probe("x")) visit([...p, "x"]);
                if (!keys.length && probe(0)) visit([...p, 0]);
            };
            visit([]);
            return paths;
        }

        it("finds every mapping of the schema, including union forms", () => {
            const found = objectPaths().map((p) => p.join("."));
            for (const p of [
                "",
                "apis.x",
                "apis.x.scopes.0",
                "apis.x.appRoles.0",
                "connectors.x",
                "connectors.x.resource",
                "connectors.x.resource.external",
                "httpWithEntraId",
                "httpWithEntraId.grants.0",
                "httpWithEntraId.grants.0.resource",
                "httpWithEntraId.grants.0.consent",
                "powerPlatformApiClients.x.publicClient",
                "powerPlatformApiClients.x.adminConsent",
                "keyVault",
            ]) {
                expect(found, p).to.include(p);
            }
        });

        it("an unknown key at every mapping lists that mapping's real keys, never an empty list", () => {
            const paths = objectPaths();
            expect(paths.length).to.be.greaterThan(12);
            for (const p of paths) expect(allowedKeysAt(p).length, p.join(".")).to.be.greaterThan(0);
            // End to end at the deepest mapping of each section.
            const raw = devRaw();
            const connectors = JSON.parse(raw[`${NS}:connectors`]);
            connectors.arm.resource = {
                external: { appId: "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", resourceUrl: "https://x/", zzUnknown: 1 },
            };
            raw[`${NS}:connectors`] = JSON.stringify(connectors);
            const err = configError(() => parseStackConfig(raw));
            expect(err.message).to.include(
                `${NS}:connectors.arm.resource.external.zzUnknown: unknown key "zzUnknown"; allowed here: appId, resourceUrl.`,
            );
        });
    });

    describe("every wrong type anywhere gets a message in the project's words", () => {
        /** Every key path of the dev stack's config values. */
        function leafPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
            const out: (string | number)[][] = prefix.length ? [prefix] : [];
            if (Array.isArray(value)) value.forEach((v, i) => out.push(...leafPaths(v, [...prefix, i])));
            else if (value && typeof value === "object")
                for (const [k, v] of Object.entries(value)) out.push(...leafPaths(v, [...prefix, k]));
            return out;
        }
        const WRONG: unknown[] = ["text", 7, 2.5, true, null, [], ["x"], {}, { a: 1 }];

        it("no zod wording, a full key path, the value and a Fix, for each of 9 wrong values at every key of the dev stack", () => {
            const base = devRaw();
            let checked = 0;
            for (const fullKey of Object.keys(base).filter((k) => k.startsWith(`${NS}:`))) {
                const decoded = (() => {
                    try {
                        return JSON.parse(base[fullKey]);
                    } catch {
                        return base[fullKey];
                    }
                })();
                for (const p of [[], ...leafPaths(decoded)] as (string | number)[][]) {
                    for (const wrong of WRONG) {
                        const copy = structuredClone(decoded);
                        const replaced = p.length ? setAt(copy, p, wrong) : wrong;
                        const raw = {
                            ...base,
                            [fullKey]: typeof replaced === "string" ? replaced : JSON.stringify(replaced),
                        };
                        let err: ConfigError | undefined;
                        try {
                            parseStackConfig(raw);
                        } catch (e) {
                            expect(e, `${fullKey} ${p.join(".")} = ${JSON.stringify(wrong)}`).to.be.instanceOf(
                                ConfigError,
                            );
                            err = e as ConfigError;
                        }
                        if (!err) continue;
                        // Schema problems are this layer's messages; cross-field rules (config/rules) have their own.
                        const schemaFailed = !stackSchema.safeParse(
                            Object.fromEntries(
                                Object.entries(raw)
                                    .filter(([k]) => k.startsWith(`${NS}:`))
                                    .map(([k, v]) => [k.slice(NS.length + 1), decode(v)]),
                            ),
                        ).success;
                        checked++;
                        for (const problem of err.problems) {
                            const where = `${fullKey} ${p.join(".")} = ${JSON.stringify(wrong)}: ${problem.path}: ${problem.message}`;
                            for (const re of INTERNAL) expect(problem.message, where).not.to.match(re);
                            if (schemaFailed) expect(problem.message, where).to.match(/Fix/);
                            expect(problem.path, where).to.match(/^[a-z-]+:[A-Za-z]/);
                        }
                    }
                }
            }
            expect(checked).to.be.greaterThan(500);
        });

        it("lists vs maps, null and text-for-boolean have their exact messages", () => {
            const raw = devRaw();
            const problem = (key: string, text: string) =>
                configError(() => parseStackConfig({ ...raw, [key]: text })).problems[0].message;
            expect(problem(`${NS}:owners`, '{"a":"b"}')).to.match(/^is a mapping .* but must be a list/);
            expect(problem(`${NS}:apis`, "[1]")).to.match(/^is a list .* but must be a mapping/);
            expect(problem(`${NS}:owners`, "null")).to.match(/^is empty \(got null/);
            expect(problem(`${NS}:production`, "yes")).to.equal(
                'must be true or false, not text (got "yes"; in YAML write true or false without quotes). Fix: set it to true or false, e.g. production: true',
            );
        });
    });

    describe("prototype keys", () => {
        it("a __proto__ key in structured config is refused at its path and pollutes nothing", () => {
            const raw = devRaw();
            raw[`${NS}:keyVault`] =
                '{"__proto__": {"production": false, "polluted": true}, "resourceGroupName": "rg", "vaultName": "kv-connectors-dev"}';
            raw[`${NS}:constructor`] = "x";
            const err = configError(() => parseStackConfig(raw));
            expect(err.problems.map((p) => p.path)).to.include.members([
                `${NS}:keyVault.__proto__`,
                `${NS}:constructor`,
            ]);
            expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
        });

        it("no key can stand in for production: true through a prototype", () => {
            const raw = { ...loadStackConfigFiles(projectDir, "prod").config };
            raw[`${NS}:__proto__`] = '{"production": false}';
            const err = configError(() => parseStackConfig(raw));
            expect(err.problems.map((p) => p.path)).to.deep.equal([`${NS}:__proto__`]);
            delete raw[`${NS}:__proto__`];
            expect(parseStackConfig(raw).production).to.equal(true);
        });
    });

    describe("openApiFile", () => {
        let tmp: string;
        before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "openapi-hardening-"))));
        after(() => fs.rmSync(tmp, { recursive: true, force: true }));
        const SWAGGER = JSON.stringify({ swagger: "2.0", info: { title: "x", version: "1" }, paths: {} });

        it("resolves against the project folder, not the working directory", () => {
            const project = path.join(tmp, "project");
            fs.mkdirSync(path.join(project, "openapi"), { recursive: true });
            fs.writeFileSync(path.join(project, "openapi", "api.json"), SWAGGER);
            const cwd = process.cwd();
            process.chdir(os.tmpdir());
            try {
                expect(readOpenApiFile("flows", "openapi/api.json", project).swagger).to.equal("2.0");
            } finally {
                process.chdir(cwd);
            }
        });

        it("the project root is pulumi.getRootDirectory() (what pulumi up passes as --root-directory)", () => {
            const state = require("@pulumi/pulumi/runtime/state");
            const options = state.getStore().settings.options;
            const saved = options.rootDirectory;
            options.rootDirectory = path.join(tmp, "root-from-engine");
            try {
                expect(programProjectRoot()).to.equal(path.join(tmp, "root-from-engine"));
            } finally {
                options.rootDirectory = saved;
            }
        });

        it("refuses a file over 5 MB from its size: an 8 GB sparse file is not read", () => {
            const project = path.join(tmp, "sparse");
            fs.mkdirSync(project);
            const file = path.join(project, "big.json");
            fs.writeFileSync(file, "");
            fs.truncateSync(file, 8 * 1024 * 1024 * 1024);
            const started = Date.now();
            expect(() => readOpenApiFile("flows", "big.json", project)).to.throw(
                ConfigError,
                /is 8192\.0 MB; OpenAPI files are read up to 5 MB/,
            );
            expect(Date.now() - started).to.be.lessThan(2000);
            fs.writeFileSync(file, `{"swagger":"2.0","x":"${"a".repeat(MAX_OPENAPI_FILE_BYTES - 30)}"}`);
            expect(readOpenApiFile("flows", "big.json", project).swagger).to.equal("2.0");
        });

        it("refuses a symlinked folder that leaves the project, and a symlink inside it is fine", () => {
            const project = path.join(tmp, "links");
            fs.mkdirSync(path.join(project, "real"), { recursive: true });
            fs.writeFileSync(path.join(project, "real", "api.json"), SWAGGER);
            fs.writeFileSync(path.join(tmp, "outside.json"), SWAGGER);
            fs.symlinkSync(path.join(project, "real"), path.join(project, "inside-link"));
            fs.symlinkSync(tmp, path.join(project, "outside-link"));
            expect(readOpenApiFile("flows", "inside-link/api.json", project).swagger).to.equal("2.0");
            expect(() => readOpenApiFile("flows", "outside-link/outside.json", project)).to.throw(
                ConfigError,
                /symbolic link to a file outside the project/,
            );
        });
    });
});

function setAt(root: any, p: readonly (string | number)[], value: unknown): any {
    let cur = root;
    for (const part of p.slice(0, -1)) cur = cur[part];
    cur[p[p.length - 1]] = value;
    return root;
}

function decode(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}
