// Generates offline/simulator/replaceFacts.generated.ts: the inputs whose change replaces a resource, for the providers besides azuread
// (azure-native from its npm package's typings, tls from a committed extract of upstream sources); `--check` verifies it.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const REPO_ROOT = path.resolve(__dirname, "..");
const OUTPUT_PATH = path.resolve(REPO_ROOT, "offline", "simulator", "replaceFacts.generated.ts");
/**
 * The tls facts, extracted from upstream checkouts by `--extract-tls` and committed: neither the pulumi-tls schema nor
 * terraform-provider-tls's Go sources ship in @pulumi/tls or in ../shared/reference, so `--check` works from a clone.
 */
export const TLS_EXTRACT_PATH = path.resolve(REPO_ROOT, "scripts", "sources", "tlsReplaceInputs.json");
const AZURE_NATIVE_DIR = path.resolve(REPO_ROOT, "node_modules", "@pulumi", "azure-native");

/**
 * azure-native resources the stack creates: token, SDK module and class. The provider replaces a resource when
 * an input that is a path parameter of its ARM id changes (pulumi-azure-native provider/pkg/provider/diff.go,
 * calculateDetailedDiff: "All the parameters that are part of the resource path cause a replacement"). The SDK's
 * `get<Resource>` function takes exactly those path parameters, so its Args name them.
 */
const AZURE_NATIVE_RESOURCES: readonly { token: string; module: string; name: string }[] = [
    { token: "azure-native:keyvault:Secret", module: "keyvault", name: "Secret" },
    { token: "azure-native:web:CustomApi", module: "web", name: "CustomApi" },
];

/** Upstream terraform-provider-tls resource files (internal/provider/) and the TF type each declares. */
const TLS_SOURCES: readonly string[] = [
    "resource_cert_request.go",
    "resource_locally_signed_cert.go",
    "resource_private_key.go",
    "resource_self_signed_cert.go",
];

export interface ReplaceSources {
    /** `<module>/<file>.d.ts` text of @pulumi/azure-native, by relative path. */
    readonly azureNative: (relativePath: string) => string;
    readonly azureNativeVersion: string;
    /** The committed tls extract (see TlsExtract). */
    readonly tls: TlsExtract;
}

/** Upstream sources of the tls facts: the pulumi-tls schema and bridge renames, and terraform-provider-tls Go files. */
export interface TlsUpstream {
    readonly tlsSchema: string;
    readonly tlsBridgeMetadata: string;
    /** Go source of a terraform-provider-tls resource file, by file name. */
    readonly tlsResource: (file: string) => string;
}

/** What `--extract-tls` records: where the facts came from, and the replacing inputs per tls token. */
export interface TlsExtract {
    readonly sources: Readonly<Record<string, string>>;
    readonly replaceOnChanges: Readonly<Record<string, readonly string[]>>;
}

function byCodeUnit(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** Property names of `export interface <name> { ... }` in a .d.ts file (top level only). */
export function interfaceMembers(dts: string, name: string): string[] {
    const start = dts.indexOf(`export interface ${name} {`);
    if (start < 0) throw new Error(`interface ${name} not found`);
    const end = dts.indexOf("\n}", start);
    const body = dts.slice(start, end);
    return [...body.matchAll(/^ {4}(?:readonly )?([A-Za-z_$][A-Za-z0-9_$]*)\??:/gm)].map((m) => m[1]!);
}

/** The replacing inputs of one azure-native resource: its ARM path parameters that are inputs, and `location`. */
export function azureNativeReplaceInputs(
    read: (relativePath: string) => string,
    module: string,
    name: string,
): string[] {
    const args = interfaceMembers(read(`${module}/${lowerFirst(name)}.d.ts`), `${name}Args`);
    const pathParameters = interfaceMembers(read(`${module}/get${name}.d.ts`), `Get${name}Args`);
    const replacing = pathParameters.filter((p) => args.includes(p));
    // ARM keeps a tracked resource in the region it was created in: a PUT naming another region is refused
    // ("The resource ... already exists in location ..."; pulumi/pulumi-azure-native#3053), so a new location
    // means deleting and re-creating it. The review gate counts it as the replacement it has to become.
    if (args.includes("location")) replacing.push("location");
    return [...new Set(replacing)].sort(byCodeUnit);
}

function lowerFirst(s: string): string {
    return s.charAt(0).toLowerCase() + s.slice(1);
}

/**
 * Top-level attributes and blocks of a terraform-plugin-framework resource schema whose plan modifiers require
 * replacement (`RequiresReplace()`, or a `requireReplaceIf...` modifier), from the Go source of the resource.
 */
export function tfRequiresReplace(goSource: string): { typeName: string; attributes: string[] } {
    const typeName = /resp\.TypeName = req\.ProviderTypeName \+ "(_[a-z0-9_]+)"/.exec(goSource)?.[1];
    if (!typeName) throw new Error("resource TypeName not found");
    const lines = goSource.split("\n");
    const attributes: string[] = [];
    for (let i = 0; i < lines.length; i++) {
        const m = /^\t{3}"([a-z0-9_]+)": schema\.\w+\{$/.exec(lines[i]!);
        if (!m) continue;
        let j = i + 1;
        while (j < lines.length && !/^\t{3}\},?$/.test(lines[j]!)) j++;
        const body = lines.slice(i + 1, j).join("\n");
        if (/\bRequiresReplace\(\)|\brequireReplaceIf\w*\(/.test(body)) attributes.push(m[1]!);
        i = j;
    }
    return { typeName: `tls${typeName}`, attributes };
}

/** The bridge's default Pulumi name of a Terraform attribute (`max_path_length` -> `maxPathLength`). */
function camelCase(tfName: string): string {
    return tfName.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** The replacing inputs of each tls resource, under their Pulumi names (bridge renames), limited to schema inputs. */
export function tlsReplaceInputs(sources: TlsUpstream): Record<string, string[]> {
    const schema = JSON.parse(sources.tlsSchema) as {
        resources: Record<string, { inputProperties?: Record<string, unknown> }>;
    };
    const metadata = JSON.parse(sources.tlsBridgeMetadata) as {
        renames: { resources: Record<string, string>; renamedProperties: Record<string, Record<string, string>> };
    };
    const tokenOf = new Map(Object.entries(metadata.renames.resources).map(([token, tf]) => [tf, token]));
    const out: Record<string, string[]> = {};
    for (const file of TLS_SOURCES) {
        const { typeName, attributes } = tfRequiresReplace(sources.tlsResource(file));
        const token = tokenOf.get(typeName);
        if (!token) throw new Error(`${file}: ${typeName} has no Pulumi token in bridge-metadata.json`);
        const renamed = new Map(
            Object.entries(metadata.renames.renamedProperties[token] ?? {}).map(([pulumiName, tf]) => [tf, pulumiName]),
        );
        const inputs = Object.keys(schema.resources[token]?.inputProperties ?? {});
        out[token] = attributes
            .map((a) => renamed.get(a) ?? camelCase(a))
            .filter((a) => inputs.includes(a))
            .sort(byCodeUnit);
    }
    return out;
}

/** The text of offline/simulator/replaceFacts.generated.ts. */
export function renderReplaceFacts(sources: ReplaceSources): string {
    const facts: Record<string, string[]> = {};
    for (const r of AZURE_NATIVE_RESOURCES)
        facts[r.token] = azureNativeReplaceInputs(sources.azureNative, r.module, r.name);
    for (const [token, inputs] of Object.entries(sources.tls.replaceOnChanges)) facts[token] = [...inputs];
    const out = [
        `// GENERATED by scripts/generateReplaceFacts.ts from @pulumi/azure-native ${sources.azureNativeVersion} and scripts/sources/tlsReplaceInputs.json`,
        "// (upstream tls plan modifiers); do not edit. `npm run gen:replace-facts -- --check` fails when it is stale.",
        "",
        "/** Inputs whose change makes the provider replace the resource (delete and re-create it), per resource token. */",
        "export const REPLACE_ON_CHANGES: Readonly<Record<string, readonly string[]>> = {",
        ...Object.keys(facts)
            .sort(byCodeUnit)
            .map((t) => `    ${JSON.stringify(t)}: [${facts[t]!.map((i) => JSON.stringify(i)).join(", ")}],`),
        "};",
        "",
    ];
    return out.join("\n");
}

/** The sources as this checkout holds them: the installed azure-native package and the committed tls extract. */
export function readSources(): ReplaceSources {
    return {
        azureNative: (rel) => fs.readFileSync(path.join(AZURE_NATIVE_DIR, rel), "utf8"),
        azureNativeVersion: (
            JSON.parse(fs.readFileSync(path.join(AZURE_NATIVE_DIR, "package.json"), "utf8")) as { version: string }
        ).version,
        tls: JSON.parse(fs.readFileSync(TLS_EXTRACT_PATH, "utf8")) as TlsExtract,
    };
}

/**
 * Reads the upstream tls sources from checkouts of github.com/pulumi/pulumi-tls (the release @pulumi/tls is built
 * from) and github.com/hashicorp/terraform-provider-tls (the version that release bridges), and the text of the extract.
 */
export function extractTls(
    pulumiTlsDir: string,
    terraformTlsDir: string,
    sources: Readonly<Record<string, string>>,
): string {
    const read = (...p: string[]) => fs.readFileSync(path.join(...p), "utf8");
    const cmd = path.join(pulumiTlsDir, "provider", "cmd", "pulumi-resource-tls");
    const replaceOnChanges = tlsReplaceInputs({
        tlsSchema: read(cmd, "schema.json"),
        tlsBridgeMetadata: read(cmd, "bridge-metadata.json"),
        tlsResource: (file) => read(terraformTlsDir, "internal", "provider", file),
    });
    const extract: TlsExtract = { sources, replaceOnChanges };
    return `${JSON.stringify(extract, null, 4)}\n`;
}

/** The commit a checkout is at, recorded in the extract so a reviewer can find the exact upstream files. */
function commitOf(dir: string): string {
    try {
        return execFileSync("git", ["-C", dir, "rev-parse", "HEAD"], { encoding: "utf8" }).trim();
    } catch {
        return "unknown (not a git checkout)";
    }
}

function main(argv: readonly string[]): number {
    const usage =
        "usage: generateReplaceFacts.ts [--check] | --extract-tls <pulumi-tls checkout> <terraform-provider-tls checkout>";
    if (argv[0] === "--extract-tls") {
        const [pulumiTls, terraformTls] = argv.slice(1);
        if (!pulumiTls || !terraformTls || argv.length !== 3) {
            console.error(usage);
            return 2;
        }
        const sources = {
            "github.com/pulumi/pulumi-tls": commitOf(pulumiTls),
            "github.com/hashicorp/terraform-provider-tls": commitOf(terraformTls),
        };
        fs.mkdirSync(path.dirname(TLS_EXTRACT_PATH), { recursive: true });
        fs.writeFileSync(TLS_EXTRACT_PATH, extractTls(pulumiTls, terraformTls, sources));
        console.log(`wrote ${path.relative(REPO_ROOT, TLS_EXTRACT_PATH)}; now run \`npm run gen:replace-facts\``);
        return 0;
    }
    const check = argv.includes("--check");
    const unknown = argv.filter((a) => a !== "--check");
    if (unknown.length > 0) {
        console.error(`${usage} (unknown argument ${unknown[0]})`);
        return 2;
    }
    const text = renderReplaceFacts(readSources());
    const rel = path.relative(REPO_ROOT, OUTPUT_PATH);
    if (check) {
        const committed = fs.existsSync(OUTPUT_PATH) ? fs.readFileSync(OUTPUT_PATH, "utf8") : undefined;
        if (committed === text) {
            console.log(`${rel} is up to date`);
            return 0;
        }
        console.error(
            `${rel} ${committed === undefined ? "is missing" : "is stale"}; run \`npm run gen:replace-facts\` and commit the result.`,
        );
        return 1;
    }
    fs.writeFileSync(OUTPUT_PATH, text);
    console.log(`wrote ${rel} (${text.length} bytes)`);
    return 0;
}

if (require.main === module) {
    process.exitCode = main(process.argv.slice(2));
}
