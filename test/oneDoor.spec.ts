// One door: the stack composes only the package's exported components, and one builder makes every connector's security input.
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import * as barrel from "../components";
import { parseStackConfig } from "../config";
import {
    connectorApiHost,
    connectorSecurityInput,
    connectorSecuritySettings,
    renderApiDefinition,
    renderApiProperties,
    toJsonFile,
} from "../entra/connectorSettings";
import { mergeOpenApi } from "../entra/connectorDefinition";
import { readOpenApiFile } from "../config/openApiFile";
import { connectorFileSets } from "../offline/plan/connectorFiles";
import { runOffline } from "../offline/plan/runOffline";
import { loadStackConfigFiles } from "../offline/plan/stackFiles";
import { SECURITY_TAB_FIELDS } from "../stack/composeStack";
import { PROJECT_DIR } from "./helpers/docs";

const STACK_DIR = path.join(PROJECT_DIR, "stack");

/**
 * `new X(...)` in stack code that does not go through the package's door: a namespaced constructor (`new
 * azuread.ServicePrincipal`), or a class that is neither an exported component nor one of `allowed`.
 */
function stackDoorProblems(file: string, source: string, allowed: ReadonlySet<string>): string[] {
    const problems: string[] = [];
    for (const m of source.matchAll(/^import\s[^;]*?from\s+"(\.\.\/components[^"]*)"/gm)) {
        if (m[1] !== "../components")
            problems.push(`${file}: imports ${m[1]}; import from the package barrel "../components"`);
    }
    for (const m of source.matchAll(/\bnew\s+([A-Za-z_$][\w$]*)\s*\.\s*([A-Za-z_$][\w$]*)\s*[(<]/g)) {
        problems.push(`${file}: new ${m[1]}.${m[2]}(...) creates a resource outside the package's components`);
    }
    for (const m of source.matchAll(/\bnew\s+([A-Za-z_$][\w$]*)\s*[(<]/g)) {
        const name = m[1]!;
        if (allowed.has(name)) continue;
        const exported = (barrel as Record<string, unknown>)[name];
        const isComponent =
            typeof exported === "function" &&
            (exported as { prototype: unknown }).prototype instanceof pulumi.ComponentResource;
        if (!isComponent) problems.push(`${file}: new ${name}(...) is not a component the package exports`);
    }
    return problems;
}

/**
 * Not resources of the stack's model: errors and collections, the stack's own look-up cache, and the Key Vault's
 * explicit azure-native provider (a provider is configuration; the secret itself is ConnectorClient's child).
 */
const ALLOWED = new Set(["Error", "Map", "Set", "StackServicePrincipals", "Provider"]);

describe("one door: the stack composes only the package's exported components", () => {
    it("every stack/ file imports components from the barrel and constructs only exported components", () => {
        const files = fs.readdirSync(STACK_DIR).filter((f) => f.endsWith(".ts"));
        expect(files.length).to.be.greaterThan(3);
        const problems = files.flatMap((f) =>
            stackDoorProblems(`stack/${f}`, fs.readFileSync(path.join(STACK_DIR, f), "utf8"), ALLOWED),
        );
        expect(problems).to.deep.equal([]);
        const constructed = files.flatMap((f) =>
            [...fs.readFileSync(path.join(STACK_DIR, f), "utf8").matchAll(/\bnew\s+([A-Z]\w*)\s*\(/g)].map((m) => m[1]),
        );
        expect(constructed).to.include.members([
            "ProtectedApi",
            "ConnectorClient",
            "PowerPlatformApiClient",
            "HttpWithEntraIdConsent",
        ]);
    });

    it("the check catches a deep import, a provider resource and a non-exported component", () => {
        const source = [
            'import { createLogicAppsCustomApi } from "../components/logicAppsCustomApi";',
            'import * as azuread from "@pulumi/azuread";',
            'const sp = new azuread.ServicePrincipal("sp", { clientId });',
            'const c = new DelegatedConsentInternal("x", {});',
            'const ok = new ConnectorClient("c", args);',
        ].join("\n");
        expect(stackDoorProblems("stack/x.ts", source, ALLOWED)).to.deep.equal([
            'stack/x.ts: imports ../components/logicAppsCustomApi; import from the package barrel "../components"',
            "stack/x.ts: new azuread.ServicePrincipal(...) creates a resource outside the package's components",
            "stack/x.ts: new DelegatedConsentInternal(...) is not a component the package exports",
        ]);
    });
});

describe("one builder: the component, the stack and the offline plan agree on every connector's security input", function () {
    this.timeout(60_000);

    it("for the dev stack's connectors, the stack outputs, the plan's files and connectorSecurityInput give the same settings and files", async () => {
        const raw = loadStackConfigFiles(PROJECT_DIR, "dev").config;
        const config = parseStackConfig(raw);
        const plan = await runOffline({ projectDir: PROJECT_DIR, stack: "dev" });
        // Plan outputs are plain JSON walked by key.
        const outputs = plan.outputs.connectors as Record<string, any>;
        const keys = Object.keys(config.connectors).sort();
        expect(keys.length).to.be.greaterThan(1);
        expect(Object.keys(outputs).sort()).to.deep.equal(keys);
        for (const key of keys) {
            const c = config.connectors[key]!;
            const out = outputs[key];
            const input = connectorSecurityInput({
                connectorKey: c.previousName ?? key,
                displayName: c.displayName,
                cloud: config.cloud,
                tenantId: config.tenantId,
                clientId: out.clientId,
                resourceUrl: out.resourceUrl,
                scopes: c.scopes,
                authentication: c.authentication,
                onBehalfOfLogin: c.onBehalfOfLogin,
                // A connector the stack creates registers its own redirect URL first, then config's extras.
                redirectUrls: out.powerPlatformConnector
                    ? [out.powerPlatformConnector.redirectUrl, ...c.redirectUrls]
                    : c.redirectUrls,
            });
            const settings = connectorSecuritySettings(input);
            for (const field of SECURITY_TAB_FIELDS)
                expect(out[field], `${key}.${field}`).to.deep.equal(settings[field]);
            expect(out.apiProperties, `${key}.apiProperties`).to.equal(toJsonFile(renderApiProperties(input)));
            const host = connectorApiHost({
                host: c.host,
                wellKnownApi: "wellKnown" in c.resource ? c.resource.wellKnown : undefined,
                cloud: config.cloud,
                resourceUrl: out.resourceUrl,
                ownApi: "api" in c.resource,
            });
            // The connector's operations (openApiFile) keep the generated sign-in (mergeOpenApi).
            const openApi = c.openApiFile ? readOpenApiFile(key, c.openApiFile, PROJECT_DIR) : undefined;
            expect(out.apiDefinition, `${key}.apiDefinition`).to.equal(
                toJsonFile(mergeOpenApi(renderApiDefinition(input, { host }), openApi)),
            );
        }
        // The plan writes exactly those outputs as the connector files (Logic Apps connectors are deployed, not imported).
        const { sets } = connectorFileSets(config, outputs, [], { source: { kind: "plan", stack: "dev" } });
        expect(sets.map((s) => s.connectorKey)).to.deep.equal(
            keys.filter((k) => config.connectors[k]!.platform !== "logicApps"),
        );
        for (const s of sets) {
            expect(s.files["apiProperties.json"]).to.equal(outputs[s.connectorKey].apiProperties);
            expect(s.files["apiDefinition.swagger.json"]).to.equal(outputs[s.connectorKey].apiDefinition);
        }
    });

    it("no other code assembles a security input: only entra/connectorSettings.ts reads a cloud's login host for it", () => {
        const offenders: string[] = [];
        for (const dir of ["components", "stack", "offline"]) {
            const files = fs.readdirSync(path.join(PROJECT_DIR, dir), { recursive: true }) as string[];
            for (const f of files.filter((n) => n.endsWith(".ts"))) {
                const text = fs.readFileSync(path.join(PROJECT_DIR, dir, f), "utf8");
                if (/\bloginHost\s*:/.test(text)) offenders.push(`${dir}/${f}`);
            }
        }
        expect(offenders).to.deep.equal([]);
    });
});
