// PowerPlatformConnector built directly under the offline simulator: the connector, then redirect URIs and credential from its outputs.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import { POWER_PLATFORM_CONNECTOR_TYPE } from "../components/powerPlatformConnectorProvider";
import { connectorDefinitionFiles, mergeOpenApi } from "../entra/connectorDefinition";
import { runOffline } from "../offline/plan/runOffline";
import { planQueries } from "./helpers/planQueries";

const ROOT = path.join(__dirname, "..");
const PROGRAM = path.join(__dirname, "fixtures", "programs", "components.ts");
const plan = (fixtureCase: string) =>
    runOffline({ projectDir: ROOT, stack: "dev", program: PROGRAM, configOverrides: { "fixture:case": fixtureCase } });

describe("PowerPlatformConnector", function () {
    this.timeout(60_000);

    it("creates the connector, then the client's redirect URIs from its redirect URL and the credential from its subject", async () => {
        const p = await plan("power-platform-connector");
        const q = planQueries(() => p);
        expect(p.findings.filter((f) => f.severity === "error")).to.deep.equal([]);
        const result = p.outputs.result as Record<string, string>;
        expect(result.name).to.match(/^shared_orders-[0-9a-f]{16}$/);
        expect(result.redirectUrl).to.equal(
            `https://global.consent.azure-apim.net/redirect/${result.name.replace(/^shared_/, "")}`,
        );
        expect(result.subject).to.match(/^\/eid1\/c\/pub\/t\/[^/]+\/a\/qzXoWDkuqUa3l6zM5mM0Rw\/shared_graph-/);
        const component = q.component("entra-connectors:index:PowerPlatformConnector", "orders-connector");
        const under = q.descendants(component);
        const connector = under.find((r) => r.type === POWER_PLATFORM_CONNECTOR_TYPE)!;
        const redirect = under.find((r) => r.type === "azuread:index/applicationRedirectUris:ApplicationRedirectUris")!;
        expect(redirect.dependencies).to.include(connector.urn);
        expect(redirect.inputs.redirectUris).to.deep.equal([result.redirectUrl]);
        // The connector's secret input and state are Pulumi secrets: never in the plan as text.
        expect(JSON.stringify(connector)).not.to.match(/"clientSecret":"[^[]/);
        const graph = q.descendants(q.component("entra-connectors:index:PowerPlatformConnector", "graph-connector"));
        const fic = graph.find(
            (r) =>
                r.type ===
                "azuread:index/applicationFederatedIdentityCredential:ApplicationFederatedIdentityCredential",
        )!;
        expect(fic.inputs.subject).to.equal(result.subject);
    });

    it("refuses a ConnectorClient that registers its own Web redirect URIs on the connector's app, naming the fix", async () => {
        const p = await plan("power-platform-connector-two-redirect-owners");
        const errors = p.findings.filter((f) => f.severity === "error");
        expect(errors.map((f) => f.rule)).to.deep.equal(["redirect-uris-owned"]);
        expect(errors[0].message).to.match(
            /^graph-connector-redirect-uris: mi-client-redirect-uris already manages the Web redirect URIs of .*Fix: .*pass redirectUrls: \[\] to its ConnectorClient/,
        );
    });

    it("adopts a connector created by hand: its name and redirect URL, kept in the environment when the stack lets go", async () => {
        const p = await plan("adopted-power-platform-connector");
        expect(p.findings.filter((f) => f.severity === "error")).to.deep.equal([]);
        const result = p.outputs.result as Record<string, string>;
        expect(result.name).to.equal("shared_orders-20connector-5fe1d2c3b4a59687");
        expect(result.redirectUrl).to.equal(
            "https://global.consent.azure-apim.net/redirect/orders-20connector-5fe1d2c3b4a59687",
        );
        const connector = p.resources.find((r) => r.type === POWER_PLATFORM_CONNECTOR_TYPE)!;
        expect(connector.inputs.adoptName).to.equal("shared_orders-20connector-5fe1d2c3b4a59687");
        expect(connector.retainOnDelete).to.equal(true);
        // A connector the stack creates is deleted with it.
        const created = (await plan("power-platform-connector")).resources.find(
            (r) => r.type === POWER_PLATFORM_CONNECTOR_TYPE,
        )!;
        expect(created.retainOnDelete ?? false).to.equal(false);
    });

    it("refuses bad Args in one error before creating anything", async () => {
        const p = await plan("bad-power-platform-connector");
        const error = (p.outputs.result as { error: string }).error;
        expect(error).to.contain("environment");
        expect(error).to.contain("clientSecret");
        expect(error).to.contain("subjectTimeoutMinutes");
        expect(error).to.contain("openApiJson");
        expect(error).to.contain('args.adoptConnectorName "Orders connector" is not a connector name');
        expect(p.resources.filter((r) => r.type === POWER_PLATFORM_CONNECTOR_TYPE)).to.deep.equal([]);
    });

    it("from a program in another language (no Node.js @pulumi/pulumi in its directory), fails before any child", async () => {
        const empty = fs.mkdtempSync(path.join(os.tmpdir(), "no-node-modules-"));
        const cwd = process.cwd();
        process.chdir(empty);
        try {
            const p = await plan("managed-identity-power-platform-connector");
            const error = (p.outputs.result as { error: string }).error;
            expect(error).to.match(
                /PowerPlatformConnector "graph-connector" has invalid arguments; nothing was created:\n {2}- the custom connector \(a Node\.js dynamic resource\) needs Node\.js's @pulumi\/pulumi .*Fix: create the connector from a TypeScript or JavaScript program/,
            );
            expect(p.resources.filter((r) => r.type === POWER_PLATFORM_CONNECTOR_TYPE)).to.deep.equal([]);
            // The same program where @pulumi/pulumi resolves creates the connector.
            process.chdir(cwd);
            const ok = await plan("managed-identity-power-platform-connector");
            expect(ok.resources.filter((r) => r.type === POWER_PLATFORM_CONNECTOR_TYPE)).to.have.length(1);
        } finally {
            process.chdir(cwd);
            fs.rmSync(empty, { recursive: true, force: true });
        }
    });

    it("merges the user's operations with the generated sign-in", () => {
        const generated = {
            swagger: "2.0",
            info: { title: "G" },
            securityDefinitions: { oauth2_auth: { type: "oauth2" } },
            security: [{ oauth2_auth: [] }],
        };
        const merged = mergeOpenApi(generated, {
            swagger: "2.0",
            paths: { "/a": {} },
            securityDefinitions: { apiKey: { type: "apiKey" } },
        });
        expect(merged).to.deep.include({
            paths: { "/a": {} },
            securityDefinitions: generated.securityDefinitions,
            security: generated.security,
            info: generated.info,
        });
        // Where the user's document names no host, the generated one's is called; a host it names is kept.
        const target = { ...generated, host: "orders.contoso.com", basePath: "/api", schemes: ["https"] };
        expect(mergeOpenApi(target, { swagger: "2.0", paths: {} })).to.deep.include({
            host: "orders.contoso.com",
            basePath: "/api",
            schemes: ["https"],
        });
        expect(mergeOpenApi(target, { swagger: "2.0", host: "api.example.org", paths: {} })).to.deep.include({
            host: "api.example.org",
            basePath: "/api",
        });
        const files = connectorDefinitionFiles(
            {
                connectorKey: "k",
                displayName: "K",
                loginHost: "https://login.microsoftonline.com",
                tenantId: "3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45",
                clientId: "3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d46",
                resourceUrl: "api://k",
                scopes: [],
                authentication: "clientSecret",
                onBehalfOfLogin: false,
                redirectUrls: [],
            },
            { baseUrl: "https://k.contoso.com/v1" },
        );
        expect(files.openApiDefinition).to.include({ host: "k.contoso.com", basePath: "/v1" });
        expect(JSON.stringify(files)).not.to.contain("clientSecret");
    });
});
