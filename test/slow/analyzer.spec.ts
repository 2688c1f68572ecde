// The package for any Pulumi language: Pulumi's component analyzer infers its schema, and examples/yaml matches it.
import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import { parse } from "yaml";
import { buildLibrary, ENTRY, EXAMPLE_YAML, ROOT } from "../helpers/library";
import { docPage, docSection } from "../helpers/docs";

// The analyzer the Node.js language host runs for a source-based component package (PulumiPlugin.yaml
// runtime: nodejs): cmd/run-plugin finds the exported components, provider/experimental infers the schema.

const { Analyzer } = require("@pulumi/pulumi/provider/experimental/analyzer");

const { generateSchema } = require("@pulumi/pulumi/provider/experimental/schema");

const { getPulumiComponents } = require("@pulumi/pulumi/provider/experimental/provider");

interface Property {
    type?: string;
    $ref?: string;
    items?: Property;
    additionalProperties?: Property;
    description?: string;
    optional?: boolean;
    plain?: boolean;
}
interface Resource {
    description?: string;
    inputProperties: Record<string, Property>;
    requiredInputs: string[];
    properties: Record<string, Property>;
}
interface Schema {
    resources: Record<string, Resource>;
    types: Record<string, { properties: Record<string, Property>; required: string[] }>;
    dependencies: unknown[];
}

const PKG = "entra-connectors";
/** What names an app or a tenant: every component that registers an app has them, each with its own meaning. */
const IDENTITY = ["displayName", "tenantId", "cloud"];
const COMPONENTS = [
    "ClientSecret",
    "ConnectorClient",
    "ConnectorFederatedCredential",
    "DelegatedConsent",
    "HttpWithEntraIdConsent",
    "PowerPlatformApiClient",
    "PowerPlatformConnector",
    "ProtectedApi",
];

describe("component package schema (Pulumi's analyzer)", function () {
    this.timeout(120_000);
    let schema: Schema;
    let entryFile: string;

    before(() => {
        buildLibrary();
        const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

        const names = getPulumiComponents(require(ENTRY)).map((c: { name: string }) => c.name);
        const analyzer = new Analyzer(ROOT, PKG, pkg, new Set(names));
        entryFile = analyzer.findProgramEntryPoint().fileName;
        const { components, typeDefinitions, dependencies } = analyzer.analyze();
        schema = generateSchema(
            PKG,
            pkg.version,
            pkg.description,
            components,
            typeDefinitions,
            dependencies,
            undefined,
        );
    });

    const resource = (name: string) => schema.resources[`${PKG}:index:${name}`];

    it("reads the components from the package's source entry (exports '.' default), the barrel", () => {
        expect(path.relative(ROOT, entryFile)).to.equal(path.join("components", "index.ts"));
    });

    it("infers every exported component, with no resource references to other packages", () => {
        expect(Object.keys(schema.resources).sort()).to.deep.equal(COMPONENTS.map((c) => `${PKG}:index:${c}`));
        expect(schema.dependencies).to.deep.equal([]);
    });

    it("documents every component, input and output, and every property of every type (TSDoc -> description)", () => {
        const missing: string[] = [];
        for (const [token, r] of Object.entries(schema.resources)) {
            if (!r.description) missing.push(token);
            for (const [p, v] of Object.entries(r.inputProperties))
                if (!v.description) missing.push(`${token} input ${p}`);
            for (const [p, v] of Object.entries(r.properties)) if (!v.description) missing.push(`${token} output ${p}`);
        }
        for (const [token, t] of Object.entries(schema.types))
            for (const [p, v] of Object.entries(t.properties)) if (!v.description) missing.push(`${token}.${p}`);
        expect(missing).to.deep.equal([]);
    });

    it("types ConnectorClient's inputs as the other languages see them: strings for enums, plain arrays, one object for the API", () => {
        const c = resource("ConnectorClient");
        expect(c.requiredInputs).to.deep.equal(["authentication", "displayName", "scopes", "tenantId"]);
        expect(c.inputProperties.authentication.type).to.equal("string");
        expect(c.inputProperties.scopes).to.deep.include({ type: "array", items: { type: "string", plain: true } });
        expect(c.inputProperties.adminConsent.type).to.equal("boolean");
        expect(c.inputProperties.api.$ref).to.equal(`#/types/${PKG}:index:ProtectedApiReference`);
        expect(c.inputProperties.displayName.plain).to.equal(undefined); // an Input: outputs of other resources allowed
        expect(Object.keys(schema.types[`${PKG}:index:ProtectedApiReference`].properties).sort()).to.deep.equal([
            "applicationId",
            "clientId",
            "delegatedScopeIds",
            "identifierUri",
            "servicePrincipalObjectId",
        ]);
        expect(c.properties.clientSecret.type).to.equal("string");
        expect(c.properties.federatedCredential.$ref).to.equal(`#/types/${PKG}:index:FederatedCredentialReport`);
    });

    it("gives ConnectorClient the Security tab and the connector files as outputs (what a maker needs, in every language)", () => {
        const c = resource("ConnectorClient");
        expect(c.properties.securityTab?.$ref).to.equal(`#/types/${PKG}:index:SecurityTabSettings`);
        expect(Object.keys(schema.types[`${PKG}:index:SecurityTabSettings`].properties).sort()).to.deep.equal([
            "authorizationUrl",
            "clientId",
            "enableOnBehalfOfLogin",
            "identityProvider",
            "redirectUrls",
            "resourceUrl",
            "scope",
            "secretOption",
            "tenantId",
        ]);
        expect(schema.types[`${PKG}:index:SecurityTabSettings`].properties.enableOnBehalfOfLogin.type).to.equal(
            "boolean",
        );
        expect(c.properties.apiProperties?.type).to.equal("string");
        expect(c.properties.apiDefinition?.type).to.equal("string");
    });

    it("types the brownfield Args as the other languages see them: one Ownership object holding the adoption, deployerOwnership a string", () => {
        for (const name of ["ConnectorClient", "PowerPlatformApiClient", "ProtectedApi"]) {
            const r = resource(name);
            expect(r.inputProperties.ownership.$ref, name).to.equal(`#/types/${PKG}:index:Ownership`);
            expect(r.requiredInputs, name).to.not.include("ownership");
        }
        const ownership = schema.types[`${PKG}:index:Ownership`];
        expect(Object.keys(ownership.properties).sort()).to.deep.equal([
            "adopt",
            "deployerObjectId",
            "deployerOwnership",
            "owners",
            "protect",
        ]);
        expect(ownership.properties.deployerOwnership.type).to.equal("string");
        expect(ownership.properties.deployerObjectId.plain).to.equal(undefined); // wired from another resource
        expect(ownership.properties.adopt.$ref).to.equal(`#/types/${PKG}:index:Adoption`);
        const adopt = schema.types[`${PKG}:index:Adoption`];
        expect(Object.keys(adopt.properties).sort()).to.deep.equal([
            "appRoleIds",
            "applicationObjectId",
            "consentGrantId",
            "existingParts",
            "scopeIds",
            "servicePrincipalObjectId",
        ]);
        // Part adoption as other languages see it: a list of part names, and maps of value -> existing id.
        expect(adopt.properties.existingParts.type).to.equal("array");
        expect(adopt.properties.scopeIds.type).to.equal("object");
        expect(adopt.properties.appRoleIds.additionalProperties).to.deep.include({ type: "string" });
        expect(adopt.required).to.deep.equal([]);
        const http = resource("HttpWithEntraIdConsent");
        expect(http.inputProperties.adopt.$ref).to.equal(`#/types/${PKG}:index:Adoption`);
        expect(http.inputProperties.createConnectorServicePrincipal.type).to.equal("boolean");
        expect(resource("DelegatedConsent").inputProperties.adopt.$ref).to.equal(`#/types/${PKG}:index:Adoption`);
    });

    /** Inputs of a component or type that are not deprecated aliases (kept one release, described "Deprecated: ..."). */
    const current = (props: Record<string, Property>) =>
        Object.entries(props).filter(([, p]) => !p.description?.startsWith("Deprecated:"));
    const everyInput = (): Array<[string, string, Property]> => [
        ...Object.entries(schema.resources).flatMap(([token, r]) =>
            Object.entries(r.inputProperties).map(([k, p]): [string, string, Property] => [token, k, p]),
        ),
        ...Object.entries(schema.types).flatMap(([token, t]) =>
            Object.entries(t.properties).map(([k, p]): [string, string, Property] => [token, k, p]),
        ),
    ];

    it("has no config-layer names in any input: components name their arguments, the stack maps them onto its keys", () => {
        const configNames = everyInput()
            .filter(([, k]) => /config/i.test(k))
            .map(([t, k]) => `${t}.${k}`);
        expect(configNames).to.deep.equal([]);
    });

    it("names nested types as nouns: none ends in Args (other languages' SDKs append Args to input types)", () => {
        expect(Object.keys(schema.types).filter((t) => /Args$/.test(t))).to.deep.equal([]);
    });

    it("one name per concept: the renamed arguments exist only as deprecated aliases, next to their new names", () => {
        const renames: Array<[string, string, string]> = [
            ["ProtectedApi", "apiKey", "stableKey"],
            ["ConnectorClient", "connectorKey", "stableKey"],
            ["ConnectorFederatedCredential", "connectorKey", "stableKey"],
            ["PowerPlatformApiClient", "stableName", "stableKey"],
            ["ClientSecret", "lifetimeDays", "secretLifetimeDays"],
            ["ClientSecret", "rotationDays", "secretRotationDays"],
            ["DelegatedConsent", "userObjectId", "adminConsentUserObjectId"],
            ["DelegatedConsent", "adoptGrantId", "adopt"],
            ["HttpWithEntraIdConsent", "userObjectId", "adminConsentUserObjectId"],
            ["HttpWithEntraIdConsent", "adoptGrantId", "adopt"],
            ...["ProtectedApi", "ConnectorClient", "PowerPlatformApiClient"].flatMap((c) =>
                ["deployerObjectId", "deployerOwnership", "owners", "protect", "adopt"].map(
                    (o): [string, string, string] => [c, o, "ownership"],
                ),
            ),
        ];
        for (const [component, old, now] of renames) {
            const inputs = resource(component).inputProperties;
            expect(inputs[old]?.description, `${component}.${old}`).to.match(/^Deprecated: use `/);
            expect(inputs[now]?.description, `${component}.${now}`).to.not.match(/^Deprecated/);
        }
        // Every current input name means one thing: the same name never comes with a deprecated twin elsewhere.
        const deprecated = new Set(
            everyInput()
                .filter(([, , p]) => p.description?.startsWith("Deprecated:"))
                .map(([, k]) => k),
        );
        const currentNames = new Set(
            Object.values(schema.resources).flatMap((r) => current(r.inputProperties).map(([k]) => k)),
        );
        expect([...currentNames].filter((k) => deprecated.has(k) && !["adopt"].includes(k))).to.deep.equal([]);
    });

    it("no block of Args properties is repeated across components: the ownership options live in one nested type", () => {
        const ownershipOptions = Object.keys(schema.types[`${PKG}:index:Ownership`].properties);
        const repeated: string[] = [];
        for (const [token, r] of Object.entries(schema.resources)) {
            for (const [k] of current(r.inputProperties))
                if (ownershipOptions.includes(k) && k !== "adopt") repeated.push(`${token}.${k}`);
        }
        expect(repeated).to.deep.equal([]);
        // Any three or more inputs with the same names and descriptions in two components are a copied block
        // (a shared nested type, referenced by both, is the fix, so references don't count).
        const tokens = Object.keys(schema.resources);
        const blocks: string[] = [];
        for (const [i, a] of tokens.entries()) {
            for (const b of tokens.slice(i + 1)) {
                const bInputs = schema.resources[b].inputProperties;
                const same = current(schema.resources[a].inputProperties)
                    .filter(
                        ([k, p]) =>
                            !p.$ref && bInputs[k] && bInputs[k].description === p.description && !IDENTITY.includes(k),
                    )
                    .map(([k]) => k);
                if (same.length >= 3) blocks.push(`${a} and ${b}: ${same.join(", ")}`);
            }
        }
        expect(blocks).to.deep.equal([]);
    });

    it("types ProtectedApi's scope maps and PowerPlatformApiClient's credential", () => {
        const api = resource("ProtectedApi");
        expect(api.inputProperties.scopes.items!.$ref).to.equal(`#/types/${PKG}:index:ApiScope`);
        expect(api.inputProperties.accessTokenVersion.type).to.equal("number");
        expect(api.properties.scopeIds).to.deep.include({ type: "object", additionalProperties: { type: "string" } });
        expect(api.properties.delegatedScopeIds.additionalProperties).to.deep.equal({ type: "string" });
        expect(resource("PowerPlatformApiClient").inputProperties.credential.type).to.equal("string");
        expect(resource("ClientSecret").requiredInputs).to.deep.equal(["applicationId"]);
    });

    it("docs/library.md says how to add the package and what each language gets, naming only real components", () => {
        const section = docSection(docPage("library"), "## Any Pulumi language (component package)");
        expect(section).to.contain("`pulumi package add <path or git URL of this repository>`");
        const others = section.split("\n").find((l) => l.startsWith("| Python, Go, C#, Java, YAML |"))!;
        const named = [...others.matchAll(/`([A-Z][A-Za-z]+)`/g)].map((m) => m[1]);
        expect(named.length).to.be.greaterThan(4);
        for (const name of named) expect(Object.keys(schema.resources), name).to.include(`${PKG}:index:${name}`);
        expect(fs.readFileSync(path.join(ROOT, "PulumiPlugin.yaml"), "utf8")).to.match(/^runtime: nodejs$/m);
    });

    describe("examples/yaml/Pulumi.yaml against the inferred schema", () => {
        const program = parse(fs.readFileSync(path.join(EXAMPLE_YAML, "Pulumi.yaml"), "utf8")) as {
            packages: Record<string, string>;
            resources: Record<string, { type: string; properties: Record<string, unknown> }>;
            outputs: Record<string, string>;
        };
        const tokenOf = (type: string) => (type.split(":").length === 2 ? type.replace(":", ":index:") : type);
        const problems: string[] = [];
        const problem = (message: string): void => {
            problems.push(message);
        };
        const referenceProblem = (at: string, text: string): void => {
            const [name, output] = text.slice(2, -1).split(".");
            if (output === undefined) return; // a config value
            const target = program.resources[name];
            if (!target) return problem(`${at}: ${text} names no resource`);
            const outputs = schema.resources[tokenOf(target.type)]?.properties ?? {};
            if (!outputs[output]) problem(`${at}: ${text}: ${target.type} has no output ${output}`);
        };
        const check = (at: string, value: unknown, prop: Property): void => {
            if (typeof value === "string" && /^\$\{[^}]+\}$/.test(value)) return referenceProblem(at, value);
            if (prop.$ref) {
                const type = schema.types[prop.$ref.replace("#/types/", "")];
                if (!type || typeof value !== "object" || value === null || Array.isArray(value))
                    return problem(`${at}: expected an object of ${prop.$ref}`);
                for (const key of type.required) if (!(key in value)) problem(`${at}.${key}: required`);
                for (const [k, v] of Object.entries(value)) {
                    if (!type.properties[k]) problem(`${at}.${k}: not a property of ${prop.$ref}`);
                    else check(`${at}.${k}`, v, type.properties[k]);
                }
                return;
            }
            if (prop.type === "array") {
                if (!Array.isArray(value)) return problem(`${at}: expected an array`);
                return value.forEach((v, i) => check(`${at}[${i}]`, v, prop.items!));
            }
            if (prop.type === "object") {
                if (typeof value !== "object") problem(`${at}: expected an object`);
                return;
            }
            const jsType = prop.type === "integer" ? "number" : prop.type;
            if (typeof value !== jsType) problem(`${at}: expected ${prop.type}, got ${JSON.stringify(value)}`);
        };

        it("uses the package from this repository and only its components", () => {
            expect(path.resolve(EXAMPLE_YAML, program.packages[PKG])).to.equal(ROOT);
            for (const r of Object.values(program.resources))
                expect(Object.keys(schema.resources)).to.include(tokenOf(r.type));
        });

        it("sets only inputs the schema has, every required one, with the schema's types; references name real outputs", () => {
            for (const [name, r] of Object.entries(program.resources)) {
                const s = schema.resources[tokenOf(r.type)];
                for (const key of s.requiredInputs)
                    if (!(key in r.properties)) problems.push(`${name}.${key}: required`);
                for (const [k, v] of Object.entries(r.properties)) {
                    if (!s.inputProperties[k]) problems.push(`${name}.${k}: not an input of ${r.type}`);
                    else check(`${name}.${k}`, v, s.inputProperties[k]);
                }
            }
            for (const [k, v] of Object.entries(program.outputs)) referenceProblem(`outputs.${k}`, v);
            expect(problems).to.deep.equal([]);
        });

        it("exports what a maker needs of a connector: its Security tab and both connector files", () => {
            const exported = Object.values(program.outputs).map((v) => /^\$\{(\w+)\.(\w+)\}$/.exec(v));
            const connectorOutputs = exported
                .filter(
                    (m): m is RegExpExecArray =>
                        m !== null && program.resources[m[1]!]?.type === "entra-connectors:ConnectorClient",
                )
                .map((m) => m[2]);
            expect(connectorOutputs).to.include.members(["securityTab", "apiProperties", "apiDefinition"]);
        });

        it("would catch a misspelt input or a missing required one (the check is not vacuous)", () => {
            const before = problems.length;
            check(
                "x.api",
                { clientId: "a", scopeIds: "${ordersApi.scopeIds}" },
                resource("ConnectorClient").inputProperties.api,
            );
            check("x.scopes", "User.Read", resource("ConnectorClient").inputProperties.scopes);
            expect(problems.slice(before)).to.deep.equal([
                "x.api.applicationId: required",
                "x.api.delegatedScopeIds: required",
                "x.api.identifierUri: required",
                "x.api.servicePrincipalObjectId: required",
                "x.api.scopeIds: not a property of #/types/entra-connectors:index:ProtectedApiReference",
                "x.scopes: expected an array",
            ]);
            problems.splice(before);
        });
    });
});
