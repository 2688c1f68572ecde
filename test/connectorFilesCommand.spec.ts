// `npm run connector-files`: connector files rendered from a real deployment's outputs, never from simulated ids.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import { runConnectorFilesCommand } from "../scripts/connectorFiles";
import { parseStackConfig } from "../config";
import { planCommand } from "../offline/plan/planCli";
import { loadStackConfigFiles } from "../offline/plan/stackFiles";

const PROJECT_DIR = path.resolve(__dirname, "..");
const TENANT = "3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45";
// Ids as a deployment returns them: random v4 GUIDs, not the simulator's derived ones.
const ARM_CLIENT_ID = "6f1d7c3e-2b84-4a9f-b1e7-93c5d0a8e4f2";
const ORDERS_CLIENT_ID = "b7e2a9c4-58d1-4f36-8e0b-1c9a7d3f5e62";
const GRAPH_CLIENT_ID = "0c4f8e1a-9d27-4b53-a6c8-e5f2b1d7c930";
const ORDERS_API_CLIENT_ID = "d93a5f08-6c1e-4b7d-9f24-a8e6c3b0d157";
const SHOWN_SECRET = "Xq8~deployed.secret-value_that-must-never-be-written";

const STACK_FILE = `config:
  azuread:tenantId: ${TENANT}
  azure-native:subscriptionId: 6d1e4b2a-9c8f-4e7d-a3b5-2f0c9e8d7a61
  entra-connectors:environment: live
  entra-connectors:apis:
    orders:
      displayName: Orders API
      scopes:
        - value: access_as_user
  entra-connectors:connectors:
    arm:
      displayName: Azure Resource Manager Connector
      resource: { wellKnown: azureServiceManagement }
      scopes: [user_impersonation]
      authentication: clientSecret
    orders:
      displayName: Orders Connector
      resource: { api: orders }
      scopes: [access_as_user]
      authentication: clientSecret
      host: orders-api.contoso.com
      openApiFile: openapi/orders.json
    graph-me:
      displayName: Graph Profile Connector
      resource: { wellKnown: microsoftGraph }
      scopes: [User.Read]
      authentication: managedIdentity
    flows:
      displayName: Flows Connector
      platform: logicApps
      resource: { api: orders }
      scopes: [access_as_user]
      authentication: clientSecret
      resourceGroupName: rg-flows
      location: westeurope
      baseUrl: https://orders-api.contoso.com/api
`;

const OPENAPI = {
    swagger: "2.0",
    info: { title: "Orders", version: "1.0" },
    host: "orders-api.contoso.com",
    basePath: "/",
    schemes: ["https"],
    paths: {
        "/orders": {
            get: { operationId: "ListOrders", summary: "List orders", responses: { "200": { description: "OK" } } },
        },
    },
    securityDefinitions: { apiKey: { type: "apiKey", name: "x-key", in: "header" } },
};

/** What `pulumi stack output --json --stack live` prints after a real `pulumi up` of STACK_FILE (secrets masked, or shown). */
function deployedOutputs(secret = "[secret]"): Record<string, unknown> {
    const connector = (clientId: string, resourceUrl: string, extra: Record<string, unknown> = {}) => ({
        identityProvider: "Azure Active Directory",
        clientId,
        secretOption: "Use client secret",
        authorizationUrl: "https://login.microsoftonline.com",
        tenantId: TENANT,
        resourceUrl,
        enableOnBehalfOfLogin: false,
        scope: "",
        redirectUrls: ["https://global.consent.azure-apim.net/redirect"],
        resource: "x",
        authentication: "clientSecret",
        platform: "powerPlatform",
        clientSecret: secret,
        ...extra,
    });
    return {
        apis: {
            orders: { clientId: ORDERS_API_CLIENT_ID, identifierUri: `api://${ORDERS_API_CLIENT_ID}`, scopeIds: {} },
        },
        connectors: {
            arm: connector(ARM_CLIENT_ID, "https://management.core.windows.net/"),
            orders: connector(ORDERS_CLIENT_ID, `api://${ORDERS_API_CLIENT_ID}`),
            "graph-me": {
                ...connector(GRAPH_CLIENT_ID, "https://graph.microsoft.com/"),
                authentication: "managedIdentity",
                clientSecret: undefined,
            },
            flows: connector("1e6b0d4f-7a93-4c28-b5e1-f08d2c6a9b37", `api://${ORDERS_API_CLIENT_ID}`, {
                platform: "logicApps",
            }),
        },
        nextSteps: ['Connector "arm": a step of the deployment.'],
        powerPlatformApiClients: {},
        httpWithEntraId: {},
    };
}

describe("connector files from a deployment (npm run connector-files)", function () {
    this.timeout(60_000);
    let project: string;
    const read = (...parts: string[]) =>
        fs.readFileSync(path.join(project, "out", "live", "connectors", ...parts), "utf8");
    const allWritten = (): string =>
        (fs.readdirSync(path.join(project, "out"), { recursive: true }) as string[])
            .map((f) => path.join(project, "out", f))
            .filter((f) => fs.statSync(f).isFile())
            .map((f) => fs.readFileSync(f, "utf8"))
            .join("\n");

    beforeEach(() => {
        project = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-files-"));
        fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(project, "Pulumi.yaml"));
        fs.writeFileSync(path.join(project, "Pulumi.live.yaml"), STACK_FILE);
        fs.mkdirSync(path.join(project, "openapi"));
        fs.writeFileSync(path.join(project, "openapi", "orders.json"), JSON.stringify(OPENAPI));
    });
    afterEach(() => fs.rmSync(project, { recursive: true, force: true }));

    it("writes each Power Platform connector's files with the deployed client id and resource URL (from --outputs <file>)", async () => {
        const file = path.join(project, "outputs.json");
        fs.writeFileSync(file, JSON.stringify(deployedOutputs()));
        const result = await runConnectorFilesCommand(project, { stack: "live", outputs: file });
        expect(result.exitCode, result.text).to.equal(0);
        expect(result.text).to.include("arm, graph-me, orders");
        const arm = JSON.parse(read("arm", "apiProperties.json"));
        expect(arm.properties.connectionParameters.token.oAuthSettings.clientId).to.equal(ARM_CLIENT_ID);
        expect(arm.properties.connectionParameters.token.oAuthSettings.customParameters.resourceUri.value).to.equal(
            "https://management.core.windows.net/",
        );
        const orders = JSON.parse(read("orders", "apiProperties.json"));
        expect(orders.properties.connectionParameters.token.oAuthSettings.clientId).to.equal(ORDERS_CLIENT_ID);
        expect(orders.properties.connectionParameters.token.oAuthSettings.customParameters.resourceUri.value).to.equal(
            `api://${ORDERS_API_CLIENT_ID}`,
        );
        expect(
            JSON.parse(read("graph-me", "apiProperties.json")).properties.connectionParameters.token.oAuthSettings
                .clientId,
        ).to.equal(GRAPH_CLIENT_ID);
        // The Logic Apps connector is deployed by the stack: nothing to import.
        expect(fs.existsSync(path.join(project, "out", "live", "connectors", "flows"))).to.equal(false);
        expect(read("arm", "README.md"))
            .to.include("npm run connector-files -- --stack live")
            .and.include("the deployed ones")
            .and.not.include("simulated");
        expect(read("README.md")).to.include("from its deployment");
        // The deployment's next steps reach the README.
        expect(read("arm", "README.md")).to.include('Connector "arm": a step of the deployment.');
    });

    it("carries none of the offline plan's simulated ids, whose README says they are simulated", async () => {
        // The plan of the same stack (without openApiFile, which resolves against the repository's folder here).
        const planStack = path.join(project, "plan-stack.yaml");
        fs.writeFileSync(planStack, STACK_FILE.replace("      openApiFile: openapi/orders.json\n", ""));
        const plan = await planCommand(PROJECT_DIR, {
            stack: "live",
            configFile: planStack,
            out: path.join(project, "out"),
        });
        expect(plan.exitCode, plan.text).to.equal(0);
        const simulatedIds = Object.values(plan.plan!.outputs.connectors as Record<string, { clientId: string }>).map(
            (c) => c.clientId,
        );
        expect(simulatedIds).to.have.length(4);
        expect(read("arm", "README.md"))
            .to.include("**The ids in these files are simulated**")
            .and.include("npm run connector-files -- --stack live");
        expect(read("graph-me", "README.md")).to.include("**The ids in these files are simulated**");
        expect(read("arm", "apiProperties.json")).to.include(simulatedIds[0]);

        const result = await runConnectorFilesCommand(project, {
            stack: "live",
            outputs: "-",
            stdin: () => JSON.stringify(deployedOutputs()),
        });
        expect(result.exitCode, result.text).to.equal(0);
        const written = fs
            .readdirSync(path.join(project, "out", "live", "connectors"), { recursive: true })
            .map((f) => path.join(project, "out", "live", "connectors", String(f)))
            .filter((f) => fs.statSync(f).isFile())
            .map((f) => fs.readFileSync(f, "utf8"))
            .join("\n");
        for (const id of simulatedIds) expect(written).to.not.include(id);
        for (const id of [ARM_CLIENT_ID, ORDERS_CLIENT_ID, GRAPH_CLIENT_ID]) expect(written).to.include(id);
        // The plan's plan.json stays; a later plan may replace the folder again.
        expect(fs.existsSync(path.join(project, "out", "live", "plan.json"))).to.equal(true);
        const again = await planCommand(PROJECT_DIR, {
            stack: "live",
            configFile: planStack,
            out: path.join(project, "out"),
        });
        expect(again.exitCode, again.text).to.equal(0);
    });

    it("merges the connector's openApiFile operations with the generated sign-in (its own security definitions replaced)", async () => {
        const result = await runConnectorFilesCommand(project, {
            stack: "live",
            outputs: "-",
            stdin: () => JSON.stringify(deployedOutputs()),
        });
        expect(result.exitCode, result.text).to.equal(0);
        const def = JSON.parse(read("orders", "apiDefinition.swagger.json"));
        expect(Object.keys(def.paths)).to.deep.equal(["/orders"]);
        expect(def.paths["/orders"].get.operationId).to.equal("ListOrders");
        expect(Object.keys(def.securityDefinitions)).to.not.include("apiKey");
        expect(Object.values(def.securityDefinitions as Record<string, { type: string; flow: string }>)[0]).to.include({
            type: "oauth2",
            flow: "accessCode",
        });
        // Without a file: the generated definition, no operations.
        expect(JSON.parse(read("arm", "apiDefinition.swagger.json")).paths).to.deep.equal({});
    });

    it("writes the connector files a deployment's outputs carry (ConnectorClient's apiProperties, apiDefinition) as they are, and refuses one that is not JSON", async () => {
        const outputs = deployedOutputs() as { connectors: Record<string, Record<string, unknown>> };
        const properties = `${JSON.stringify({ properties: { marker: "rendered by the component" } }, null, 2)}\n`;
        const definition = `${JSON.stringify({ swagger: "2.0", host: "arm.example", paths: {} }, null, 2)}\n`;
        outputs.connectors.arm = { ...outputs.connectors.arm, apiProperties: properties, apiDefinition: definition };
        const result = await runConnectorFilesCommand(project, {
            stack: "live",
            outputs: "-",
            stdin: () => JSON.stringify(outputs),
        });
        expect(result.exitCode, result.text).to.equal(0);
        expect(read("arm", "apiProperties.json")).to.equal(properties);
        expect(read("arm", "apiDefinition.swagger.json")).to.equal(definition);
        // A connector whose outputs lack them (deployed before they existed) is rendered from its ids.
        expect(
            JSON.parse(read("orders", "apiProperties.json")).properties.connectionParameters.token.oAuthSettings
                .clientId,
        ).to.equal(ORDERS_CLIENT_ID);

        outputs.connectors.arm.apiDefinition = "[secret]";
        const bad = await runConnectorFilesCommand(project, {
            stack: "live",
            outputs: "-",
            stdin: () => JSON.stringify(outputs),
        });
        expect(bad.exitCode).to.equal(1);
        expect(bad.text).to.include('connectors["arm"].apiDefinition is not the JSON text of a connector file');
    });

    it("never writes a client secret, even when given outputs printed with --show-secrets", async () => {
        const result = await runConnectorFilesCommand(project, {
            stack: "live",
            outputs: "-",
            stdin: () => JSON.stringify(deployedOutputs(SHOWN_SECRET)),
        });
        expect(result.exitCode, result.text).to.equal(0);
        expect(allWritten()).to.not.include(SHOWN_SECRET);
        expect(result.text).to.not.include(SHOWN_SECRET);
    });

    it("runs `pulumi stack output --json --stack <name>` by default, and keeps the plan's plan.json beside the files", async () => {
        fs.mkdirSync(path.join(project, "out", "live", "connectors", "old"), { recursive: true });
        fs.writeFileSync(path.join(project, "out", "live", "plan.json"), "{}\n");
        const calls: string[] = [];
        const result = await runConnectorFilesCommand(project, {
            stack: "live",
            pulumiStackOutput: (stack, cwd) => {
                calls.push(`${stack} ${cwd}`);
                return JSON.stringify(deployedOutputs());
            },
        });
        expect(result.exitCode, result.text).to.equal(0);
        expect(calls).to.deep.equal([`live ${project}`]);
        expect(fs.readFileSync(path.join(project, "out", "live", "plan.json"), "utf8")).to.equal("{}\n");
        expect(fs.existsSync(path.join(project, "out", "live", "connectors", "old"))).to.equal(false);
    });

    it("refuses outputs that cannot give the files, naming the output key and the fix, and writes nothing", async () => {
        const run = (text: string) =>
            runConnectorFilesCommand(project, { stack: "live", outputs: "-", stdin: () => text });
        const notJson = await run("Current stack outputs (2):");
        expect(notJson.exitCode).to.equal(1);
        expect(notJson.text).to.include("stdin is not JSON").and.include("pulumi stack output --json --stack live");
        const never = await run(JSON.stringify({}));
        expect(never.text).to.include('no "connectors" output').and.include("pulumi up --stack live");
        const outputs = deployedOutputs() as { connectors: Record<string, Record<string, unknown>> };
        delete outputs.connectors.orders;
        outputs.connectors.arm.clientId = "[secret]";
        const partial = await run(JSON.stringify(outputs));
        expect(partial.exitCode).to.equal(1);
        expect(partial.text)
            .to.include('connectors["orders"] is missing')
            .and.include('connectors["arm"].clientId is "[secret]", not a client id');
        expect(fs.existsSync(path.join(project, "out"))).to.equal(false);
    });

    it("refuses a connector the stack is to create that the deployment has not created yet (no powerPlatformConnector output)", async () => {
        fs.writeFileSync(
            path.join(project, "Pulumi.live.yaml"),
            STACK_FILE.replace(
                "      openApiFile: openapi/orders.json\n",
                "      openApiFile: openapi/orders.json\n      powerPlatform: { environment: Default-" +
                    TENANT +
                    " }\n",
            ),
        );
        const run = (outputs: unknown) =>
            runConnectorFilesCommand(project, { stack: "live", outputs: "-", stdin: () => JSON.stringify(outputs) });
        const before = await run(deployedOutputs());
        expect(before.exitCode).to.equal(1);
        expect(before.text).to.include(
            'connectors["orders"].powerPlatformConnector is missing: the stack config has entra-connectors:connectors.orders.powerPlatform but the deployment has not created the connector yet. Fix: run `pulumi up --stack live`',
        );
        expect(fs.existsSync(path.join(project, "out"))).to.equal(false);
        const outputs = deployedOutputs() as { connectors: Record<string, Record<string, unknown>> };
        outputs.connectors.orders.powerPlatformConnector = {
            environment: `Default-${TENANT}`,
            name: "shared_orders-20connector-5fe1d2c3b4a59687",
            redirectUrl: "https://global.consent.azure-apim.net/redirect/orders-20connector-5fe1d2c3b4a59687",
        };
        const after = await run(outputs);
        expect(after.exitCode, after.text).to.equal(0);
        expect(read("orders", "README.md")).to.include("The stack creates this connector itself");
    });

    it("refuses a bad --outputs file, a bad stack name and a folder that is not its own, touching nothing", async () => {
        const missing = await runConnectorFilesCommand(project, {
            stack: "live",
            outputs: path.join(project, "nope.json"),
        });
        expect(missing.exitCode).to.equal(1);
        expect(missing.text).to.include("does not exist");
        expect(
            (await runConnectorFilesCommand(project, { stack: "../x", outputs: "-", stdin: () => "{}" })).exitCode,
        ).to.equal(2);
        fs.mkdirSync(path.join(project, "out", "live"), { recursive: true });
        fs.writeFileSync(path.join(project, "out", "live", "mine.txt"), "keep");
        const foreign = await runConnectorFilesCommand(project, {
            stack: "live",
            outputs: "-",
            stdin: () => JSON.stringify(deployedOutputs()),
        });
        expect(foreign.exitCode).to.equal(2);
        expect(foreign.text).to.include("not a plan folder");
        expect(fs.readdirSync(path.join(project, "out", "live"))).to.deep.equal(["mine.txt"]);
    });

    it("says when the Pulumi CLI is missing, with the --outputs alternative", async () => {
        const emptyPath = path.join(project, "no-bin");
        fs.mkdirSync(emptyPath);
        const saved = process.env.PATH;
        process.env.PATH = emptyPath;
        try {
            const result = await runConnectorFilesCommand(project, { stack: "live" });
            expect(result.exitCode).to.equal(1);
            expect(result.text)
                .to.include("the Pulumi CLI (pulumi) is not on PATH")
                .and.include("--outputs <file>")
                .and.include("Nothing was written");
        } finally {
            process.env.PATH = saved;
        }
        expect(fs.existsSync(path.join(project, "out"))).to.equal(false);
    });
});

describe("openApiFile on a Power Platform connector", function () {
    this.timeout(60_000);
    let dir: string;
    beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-openapi-"))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("is accepted by config (no longer Logic Apps only) and kept on the connector", () => {
        fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
        fs.writeFileSync(path.join(dir, "Pulumi.live.yaml"), STACK_FILE);
        const files = loadStackConfigFiles(dir, "live");
        const config = parseStackConfig(files.config, files.secretKeys);
        expect(config.connectors.orders.platform).to.equal("powerPlatform");
        expect(config.connectors.orders.openApiFile).to.equal("openapi/orders.json");
    });

    it("the plan reads it from the project: a missing file is one error naming the key, and nothing is written", async () => {
        const stackFile = path.join(dir, "stack.yaml");
        fs.writeFileSync(stackFile, STACK_FILE.replace("openapi/orders.json", "openapi/no-such-file.json"));
        const result = await planCommand(PROJECT_DIR, {
            stack: "live",
            configFile: stackFile,
            out: path.join(dir, "out"),
        });
        expect(result.exitCode).to.equal(1);
        expect(result.text)
            .to.include("entra-connectors:connectors.orders.openApiFile")
            .and.include("does not exist in the project");
        expect(fs.existsSync(path.join(dir, "out"))).to.equal(false);
    });
});
