// Logic Apps custom APIs, Key Vault delivery and rotation config: config errors, pure helpers, and the dev plan.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import { ConfigError, parseStackConfig } from "../config";
import { epochSeconds, keyVaultSecretName } from "../components/keyVaultDelivery";
import { customApiOAuthSettings, splitBaseUrl } from "../components/logicAppsCustomApi";
import { readOpenApiFile } from "../config/openApiFile";
import { isLogicAppsConsentHost, logicAppsConsentRedirectUrl } from "../entra/clouds";
import { Plan } from "../offline/plan/runOffline";
import { planQueries, T } from "./helpers/planQueries";
import { plannedStack } from "./helpers/plannedStacks";

const TENANT = "3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45";
const NS = "entra-connectors";
type Any = any;

/** A stack with one Graph connector; `connector` and `extra` override fields. */
function raw(connector: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, string> {
    const values: Record<string, unknown> = {
        "azuread:tenantId": TENANT,
        "azure-native:subscriptionId": "6d1e4b2a-9c8f-4e7d-a3b5-2f0c9e8d7a61",
        [`${NS}:environment`]: "dev",
        [`${NS}:connectors`]: {
            flows: {
                displayName: "Flows Connector",
                resource: { wellKnown: "microsoftGraph" },
                scopes: ["User.Read"],
                authentication: "clientSecret",
                ...connector,
            },
        },
        ...extra,
    };
    return Object.fromEntries(
        Object.entries(values).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
    );
}

function problems(values: Record<string, string>): { path: string; message: string }[] {
    try {
        parseStackConfig(values);
    } catch (err) {
        expect(err).to.be.instanceOf(ConfigError);
        return [...(err as ConfigError).problems];
    }
    throw new Error("config was accepted");
}

const LOGIC_APPS = {
    platform: "logicApps",
    resourceGroupName: "rg-flows",
    location: "westeurope",
    baseUrl: "https://flows.contoso.com/api",
};

describe("Logic Apps, Key Vault and rotation config", () => {
    it("a logicApps connector gets the regional consent redirect and its Azure placement", () => {
        const c = parseStackConfig(raw(LOGIC_APPS)).connectors.flows;
        expect(c.platform).to.equal("logicApps");
        expect(c.logicApps).to.deep.equal({
            resourceGroupName: "rg-flows",
            location: "westeurope",
            baseUrl: "https://flows.contoso.com/api",
            openApiFile: undefined,
        });
        expect(c.redirectUrls).to.deep.equal(["https://logic-apis-westeurope.consent.azure-apim.net/redirect"]);
        expect(parseStackConfig(raw({})).connectors.flows.platform).to.equal("powerPlatform");
    });

    it("platform: logicApps with managedIdentity is an error saying managed identity is Power Platform only", () => {
        const found = problems(raw({ ...LOGIC_APPS, authentication: "managedIdentity" }));
        const p = found.find((x) => x.path === `${NS}:connectors.flows.authentication`);
        expect(p?.message)
            .to.match(/managed identity.*Power Platform custom connectors only/)
            .and.match(/Fix: set authentication: clientSecret/);
    });

    it("a logicApps connector without its placement names each missing key; a powerPlatform one with them is told to remove them", () => {
        const missing = problems(raw({ platform: "logicApps" })).map((p) => p.path);
        expect(missing).to.include.members(
            ["resourceGroupName", "location", "baseUrl"].map((k) => `${NS}:connectors.flows.${k}`),
        );
        const extra = problems(raw({ baseUrl: "https://flows.contoso.com" }));
        expect(extra.map((p) => p.path)).to.deep.equal([`${NS}:connectors.flows.baseUrl`]);
        expect(extra[0].message).to.include('platform is "powerPlatform"');
    });

    it("rejects a location with spaces and an http baseUrl, quoting the value", () => {
        const found = problems(raw({ ...LOGIC_APPS, location: "West Europe", baseUrl: "http://flows.contoso.com" }));
        expect(found.find((p) => p.path.endsWith(".location"))?.message).to.include('"West Europe"');
        expect(found.find((p) => p.path.endsWith(".baseUrl"))?.message).to.include("https://");
    });

    it("secretRotationDays defaults to half the lifetime and may not exceed it", () => {
        expect(parseStackConfig(raw({ secretLifetimeDays: 120 })).connectors.flows.secretRotationDays).to.equal(60);
        expect(
            parseStackConfig(raw({ secretLifetimeDays: 120, secretRotationDays: 30 })).connectors.flows
                .secretRotationDays,
        ).to.equal(30);
        const tooLong = problems(raw({ secretLifetimeDays: 120, secretRotationDays: 61 }));
        expect(tooLong).to.have.length(1);
        expect(tooLong[0].path).to.equal(`${NS}:connectors.flows.secretRotationDays`);
        expect(tooLong[0].message).to.match(/61 days, more than half of secretLifetimeDays \(120\).*at most 60/);
        const noSecret = problems(raw({ authentication: "managedIdentity", secretRotationDays: 30 }));
        expect(noSecret.map((p) => p.path)).to.include(`${NS}:connectors.flows.secretRotationDays`);
    });

    it("keyVault: parses, and rejects unknown keys and bad vault names at their path", () => {
        const kv = { resourceGroupName: "rg-kv", vaultName: "kv-flows" };
        expect(parseStackConfig(raw({}, { [`${NS}:keyVault`]: kv })).keyVault).to.deep.equal(kv);
        const found = problems(raw({}, { [`${NS}:keyVault`]: { ...kv, vaultName: "1-bad", vault: "x" } }));
        expect(found.map((p) => p.path).sort()).to.deep.equal([`${NS}:keyVault.vault`, `${NS}:keyVault.vaultName`]);
        expect(found.find((p) => p.path.endsWith(".vault"))?.message).to.include(
            "allowed here: resourceGroupName, vaultName, subscriptionId",
        );
    });
});

describe("Logic Apps and Key Vault helpers", () => {
    it("names Key Vault secrets per environment and component, within Key Vault's rules", () => {
        expect(keyVaultSecretName("dev", "connector-orders")).to.equal("dev-connector-orders-client-secret");
        expect(() => keyVaultSecretName("dev", "x".repeat(120))).to.throw(/1-127 letters/);
        expect(epochSeconds("2026-04-01T00:00:00Z")).to.equal(1_775_001_600);
    });

    it("derives the Logic Apps redirect only for the public cloud, and recognises regional consent hosts", () => {
        expect(logicAppsConsentRedirectUrl("public", "eastus2")).to.equal(
            "https://logic-apis-eastus2.consent.azure-apim.net/redirect",
        );
        expect(logicAppsConsentRedirectUrl("usgovernment", "usgovvirginia")).to.equal(undefined);
        expect(isLogicAppsConsentHost("logic-apis-westeurope.consent.azure-apim.net")).to.equal(true);
        expect(isLogicAppsConsentHost("logic-apis-westeurope.consent.azure-apim.net.evil.com")).to.equal(false);
    });

    it("splits a base URL into the swagger host and base path", () => {
        expect(splitBaseUrl("https://orders.contoso.com/api/")).to.deep.equal({
            host: "orders.contoso.com",
            basePath: "/api",
        });
        expect(splitBaseUrl("https://orders.contoso.com:8443")).to.deep.equal({
            host: "orders.contoso.com:8443",
            basePath: "/",
        });
    });

    it("builds the custom API's oAuthSettings without redirectMode (no such ARM field) and with the Logic Apps redirect", () => {
        const settings = customApiOAuthSettings({
            connectorKey: "flows",
            displayName: "Flows",
            loginHost: "https://login.microsoftonline.com",
            tenantId: TENANT,
            clientId: "6ff45be5-4b6b-58ea-8451-b18c0f5e04d5",
            resourceUrl: "api://flows",
            scopes: ["access_as_user"],
            authentication: "clientSecret",
            onBehalfOfLogin: false,
            redirectUrls: ["https://logic-apis-westeurope.consent.azure-apim.net/redirect"],
        });
        expect(settings).not.to.have.property("redirectMode");
        expect(settings).not.to.have.property("clientSecret");
        expect(settings).to.include({
            identityProvider: "aad",
            redirectUrl: "https://logic-apis-westeurope.consent.azure-apim.net/redirect",
        });
        expect(settings.customParameters).to.deep.include({
            tenantId: { value: TENANT },
            resourceUri: { value: "api://flows" },
        });
    });

    it("reads an OpenAPI file, and names the config key when it is missing or not Swagger 2.0", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "openapi-"));
        try {
            fs.writeFileSync(
                path.join(dir, "ok.json"),
                JSON.stringify({ swagger: "2.0", info: { title: "x", version: "1" }, paths: {} }),
            );
            fs.writeFileSync(path.join(dir, "v3.json"), JSON.stringify({ openapi: "3.0.0" }));
            expect(readOpenApiFile("flows", "ok.json", dir).swagger).to.equal("2.0");
            expect(() => readOpenApiFile("flows", "missing.json", dir)).to.throw(
                ConfigError,
                /connectors\.flows\.openApiFile: "missing.json" does not exist/,
            );
            expect(() => readOpenApiFile("flows", "v3.json", dir)).to.throw(ConfigError, /Swagger 2\.0/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});

describe("dev stack: the Logic Apps connector and Key Vault", function () {
    this.timeout(60_000);
    let plan: Plan;
    const q = planQueries(() => plan);
    before(async () => {
        plan = await plannedStack("dev");
    });
    const connector = () => q.component("entra-connectors:index:ConnectorClient", "connector-orders-logic-apps");

    it("deploys a CustomApi in the configured group and region with an ARM id, its properties secret in the plan", () => {
        const api = q.one(connector(), T.customApi);
        expect(api.inputs).to.include({
            resourceGroupName: "rg-connectors-dev",
            location: "westeurope",
            apiName: "dev-orders-logic-apps",
        });
        expect(api.inputs.properties).to.equal("[secret]");
        expect(api.outputs.id).to.equal(
            "/subscriptions/6d1e4b2a-9c8f-4e7d-a3b5-2f0c9e8d7a61/resourceGroups/rg-connectors-dev/providers/Microsoft.Web/customApis/dev-orders-logic-apps",
        );
        expect(plan.findings.filter((f) => f.severity === "error")).to.deep.equal([]);
    });

    it("exports the custom API's oauth settings (no secret), whose redirect the client app registers", () => {
        const out = (plan.outputs.connectors as Any)["orders-logic-apps"];
        const app = q.one(connector(), T.app);
        const redirects = q.one(connector(), T.redirectUris);
        expect(out.platform).to.equal("logicApps");
        expect(out.customApi.id).to.equal(q.one(connector(), T.customApi).outputs.id);
        expect(out.customApi.oAuthSettings).to.include({ identityProvider: "aad", clientId: app.outputs.clientId });
        expect(redirects.inputs.redirectUris).to.deep.equal([out.customApi.oAuthSettings.redirectUrl]);
        // The same outputs as a Power Platform connector the stack creates: its name and the redirect URL registered.
        expect(out.customApi.name)
            .to.equal("dev-orders-logic-apps")
            .and.equal(q.one(connector(), T.customApi).inputs.apiName);
        expect(out.customApi.redirectUrl).to.equal("https://logic-apis-westeurope.consent.azure-apim.net/redirect");
        expect(redirects.inputs.redirectUris).to.deep.equal([out.customApi.redirectUrl]);
        expect(out.customApi.oAuthSettings.customParameters.resourceUri.value).to.equal(out.resourceUrl);
        expect(JSON.stringify(out.customApi)).not.to.include("secret");
    });

    it("writes every client secret of the stack to the vault, one Key Vault secret per password pair", () => {
        const kvSecrets = plan.resources.filter((r) => r.type === T.keyVaultSecret);
        const slotStates = plan.resources.filter((r) => r.type === T.secretSlots);
        expect(kvSecrets.length).to.equal(slotStates.length).and.to.be.greaterThan(2);
        for (const kv of kvSecrets) {
            expect(kv.inputs).to.include({ resourceGroupName: "rg-connectors-dev", vaultName: "kv-connectors-dev" });
            expect(kv.inputs.secretName).to.match(/^dev-[a-z0-9-]+-client-secret$/);
        }
    });
});
