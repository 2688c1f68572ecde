// A connector with `powerPlatform` in stack config: its config rules, the single pass, sovereign clouds, and taking over
// a stack that ran the two-pass flow without re-creating the client app's redirect URIs or federated credential.
import { expect } from "chai";
import { ConfigError, parseStackConfig } from "../config";
import { POWER_PLATFORM_CONNECTOR_TYPE } from "../components/powerPlatformConnectorProvider";
import { connectorFileSets } from "../offline/plan/connectorFiles";
import { diffPlans } from "../offline/plan/planDiff";
import { runOffline } from "../offline/plan/runOffline";
import { devConnectors, devFiles, projectDir } from "./helpers/devStackConfig";
import { parseTenantFixture } from "../offline/simulator/tenantFixture";
import { T } from "./helpers/planQueries";
import { plannedStack } from "./helpers/plannedStacks";

const ENVIRONMENT = "Default-3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45";
/** A US Government stack, its providers pointed at that cloud as config requires. */
const GOV = {
    "entra-connectors:cloud": "usgovernment",
    "azuread:environment": "usgovernmentl4",
    "azure-native:environment": "usgovernment",
};

/** The dev stack's raw config with `connectors` replaced (as strings, the way the CLI passes config). */
function devRawWith(connectors: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, string> {
    const raw = { ...devFiles().config } as Record<string, string>;
    raw["entra-connectors:connectors"] = JSON.stringify(connectors);
    for (const [k, v] of Object.entries(extra)) raw[k] = typeof v === "string" ? v : JSON.stringify(v);
    return raw;
}

function problemsOf(raw: Record<string, string>): string[] {
    try {
        parseStackConfig(raw);
    } catch (err) {
        expect(err).to.be.instanceOf(ConfigError);
        return (err as ConfigError).problems.map((p) => `${p.path}: ${p.message}`);
    }
    return [];
}

describe("stack config: connectors.<key>.powerPlatform", function () {
    this.timeout(60_000);

    describe("config rules", () => {
        /** graph-calendar as a connector made by hand (no powerPlatform). */
        const graphCalendar = () => {
            const { powerPlatform: _created, ...made } = devConnectors()["graph-calendar"];
            return made;
        };

        it("refuses it on a Logic Apps connector, naming the key and both fixes", () => {
            const c = devConnectors();
            c["orders-logic-apps"].powerPlatform = { environment: ENVIRONMENT };
            const problems = problemsOf(devRawWith(c));
            expect(problems.join("\n")).to.include(
                'entra-connectors:connectors.orders-logic-apps.powerPlatform: is set but platform is "logicApps"',
            );
            expect(problems.join("\n")).to.include("Fix: remove powerPlatform, or set platform: powerPlatform.");
        });

        it("refuses a subject timeout on a client-secret connector, and a timeout out of 1..120", () => {
            const c = devConnectors();
            c.orders.powerPlatform = { environment: ENVIRONMENT, subjectTimeoutMinutes: 10 };
            expect(problemsOf(devRawWith(c)).join("\n")).to.include(
                'entra-connectors:connectors.orders.powerPlatform.subjectTimeoutMinutes: is set (10) but authentication is "clientSecret"',
            );
            const mi = devConnectors();
            mi["graph-calendar"] = {
                ...graphCalendar(),
                powerPlatform: { environment: ENVIRONMENT, subjectTimeoutMinutes: 0 },
            };
            expect(problemsOf(devRawWith(mi)).join("\n")).to.include(
                "entra-connectors:connectors.graph-calendar.powerPlatform.subjectTimeoutMinutes: must be a whole number of minutes from 1 to 120 (got 0).",
            );
        });

        it("refuses an environment id that would not fit the API's filter, naming the value's key", () => {
            const c = devConnectors();
            c["graph-calendar"] = { ...graphCalendar(), powerPlatform: { environment: "Default 3f8a' or 1 eq 1" } };
            expect(problemsOf(devRawWith(c)).join("\n")).to.match(
                /connectors\.graph-calendar\.powerPlatform\.environment: .*is not an environment id/,
            );
            // The value is text already: the fix says to correct it, not to "set it to text".
            expect(problemsOf(devRawWith(c)).join("\n")).to.include(
                `(got "Default 3f8a' or 1 eq 1"). Fix: correct it, e.g. environment: Default-3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45`,
            );
        });

        it("in the US Government cloud, needs no redirectUrls for a connector the stack creates, and still does for one made by hand", () => {
            const gov = GOV;
            const made = { "graph-calendar": graphCalendar() };
            expect(problemsOf(devRawWith(made, gov)).join("\n")).to.include(
                'connectors.graph-calendar.redirectUrls: is required for cloud "usgovernment"',
            );
            expect(
                problemsOf(
                    devRawWith(
                        { "graph-calendar": { ...graphCalendar(), powerPlatform: { environment: ENVIRONMENT } } },
                        gov,
                    ),
                ),
            ).to.deep.equal([]);
        });
    });

    it("in the US Government cloud, plans the first pass without an invented redirect URL", async () => {
        const plan = await runOffline({
            projectDir,
            stack: "dev",
            configOverrides: {
                ...GOV,
                "entra-connectors:connectors": {
                    "graph-calendar": {
                        ...devConnectors()["graph-calendar"],
                        powerPlatform: { environment: ENVIRONMENT },
                    },
                },
                "entra-connectors:httpWithEntraId": { grants: [] },
                "entra-connectors:powerPlatformApiClients": {},
                "entra-connectors:createServicePrincipals": [],
            },
        });
        expect(plan.findings.filter((f) => f.severity === "error")).to.deep.equal([]);
        const connector = plan.resources.find((r) => r.type === POWER_PLATFORM_CONNECTOR_TYPE)!;
        expect(connector.inputs.cloud).to.equal("usgovernment");
        const oAuth = (connector.inputs.definition as any).apiProperties.properties.connectionParameters.token
            .oAuthSettings;
        expect(oAuth).to.not.have.property("redirectUrl");
        // Nothing guessed: the redirect URIs wait for the URL the platform assigns.
        const redirect = plan.resources.find(
            (r) => r.name === "connector-graph-calendar-power-platform-redirect-uris",
        )!;
        expect(JSON.stringify(redirect.inputs.redirectUris ?? "")).to.not.include("https://");
    });

    it("names the API's host in a connector without operations: a well-known API's own, never localhost; else the placeholder the plan warns about", async () => {
        const { redirectUrls: _hand, ...arm } = devConnectors().arm;
        const connectors = {
            arm: { ...arm, powerPlatform: { environment: ENVIRONMENT } },
            billing: {
                displayName: "Billing Connector",
                resource: { external: { appId: "7c0a5b8e-1f2d-4e3a-9b4c-5d6e7f8a9b0c", resourceUrl: "api://billing" } },
                scopes: ["user_impersonation"],
                authentication: "clientSecret",
                powerPlatform: { environment: ENVIRONMENT },
            },
        };
        const extra = {
            "entra-connectors:httpWithEntraId": { grants: [] },
            "entra-connectors:powerPlatformApiClients": {},
            "entra-connectors:createServicePrincipals": [],
        };
        const plan = await runOffline({
            projectDir,
            stack: "dev",
            configOverrides: { "entra-connectors:connectors": connectors, ...extra },
        });
        const hostOf = (name: string) =>
            (plan.resources.find((r) => r.name === name)!.inputs.definition as any).openApiDefinition.host;
        // Azure Service Management's resource URL is a token audience; its API is called at the ARM host.
        expect(hostOf("connector-arm-power-platform-connector")).to.equal("management.azure.com");
        expect(hostOf("connector-billing-power-platform-connector")).to.equal("api.contoso.example");
        const { findings } = connectorFileSets(
            parseStackConfig(devRawWith(connectors, extra)),
            plan.outputs.connectors as Parameters<typeof connectorFileSets>[1],
            [],
            { source: { kind: "plan", stack: "dev" } },
        );
        expect(findings.filter((f) => f.rule === "connector-host").map((f) => f.message)).to.deep.equal([
            'connector "billing": apiDefinition.swagger.json uses the placeholder host api.contoso.example; set entra-connectors:connectors.billing.host to the API\'s host name',
        ]);
    });

    it("keeps the connector's client secret masked in plan.json, and makes its renewal visible through the key id", async () => {
        const plan = await plannedStack("dev");
        const connector = plan.resources.find((r) => r.name === "connector-orders-power-platform-connector")!;
        expect(connector.inputs.clientSecret).to.equal("[secret]");
        expect(connector.outputs.clientSecret).to.equal("[secret]");
        const slots = (plan.outputs.connectors as any).orders.secretSlots as Record<string, { keyId: string }> & {
            newest: string;
        };
        expect(connector.inputs.clientSecretVersion)
            .to.equal(slots[slots.newest].keyId)
            .and.match(/^[0-9a-f-]{36}$/);
    });

    it("with an adopted app whose redirect URIs exist, imports them under the connector instead of creating them", async () => {
        const objectId = "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d";
        const c = devConnectors();
        c["graph-calendar"].adopt = { applicationObjectId: objectId, existingParts: ["redirectUris"] };
        const plan = await runOffline({
            projectDir,
            stack: "dev",
            configOverrides: { "entra-connectors:connectors": c },
            tenant: parseTenantFixture({
                applications: [
                    {
                        objectId,
                        clientId: "8e7d6c5b-4a39-4281-b0c9-d8e7f6a5b4c3",
                        displayName: "Graph Calendar (portal)",
                        redirectUris: {
                            Web: ["https://global.consent.azure-apim.net/redirect/graph-20calendar-5f0a1b"],
                        },
                    },
                ],
            }),
        });
        expect(plan.findings.filter((f) => f.severity === "error")).to.deep.equal([]);
        const redirect = plan.resources.find(
            (r) => r.name === "connector-graph-calendar-power-platform-redirect-uris",
        )!;
        expect(redirect.import?.id).to.equal(`/applications/${objectId}/redirectUris/Web`);
        expect(redirect.retainOnDelete).to.equal(true);
    });

    describe("taking over a stack that ran the two-pass flow", () => {
        it("moves graph-me's redirect URIs and federated credential under its connector in place: nothing is deleted or re-created", async () => {
            const before = await plannedStack("dev");
            const c = devConnectors();
            c["graph-me"].powerPlatform = {
                environment: ENVIRONMENT,
                adopt: "shared_graph-20profile-5f3c2a1b9d7e4f60",
            };
            const after = await runOffline({
                projectDir,
                stack: "dev",
                configOverrides: { "entra-connectors:connectors": c },
                previous: before,
            });
            // Components are only names in the state: what counts is every Entra and Power Platform resource.
            const changes = diffPlans(before, after).filter(
                (ch) => ch.kind !== "same" && !ch.type.startsWith("entra-connectors:index:"),
            );
            expect(changes.filter((ch) => ch.kind === "delete" || ch.kind === "replace")).to.deep.equal([]);
            const byName = (name: string) => diffPlans(before, after).find((ch) => ch.name === name);
            expect(byName("connector-graph-me-power-platform-redirect-uris")?.kind).to.equal("update");
            expect(byName("connector-graph-me-power-platform-federated-fic")?.kind).to.equal("same");
            expect(changes.filter((ch) => ch.kind === "create").map((ch) => ch.type)).to.deep.equal([
                POWER_PLATFORM_CONNECTOR_TYPE,
            ]);
            // The adopted connector is never deleted by the stack.
            const adopted = after.resources.find((r) => r.name === "connector-graph-me-power-platform-connector")!;
            expect(adopted.retainOnDelete).to.equal(true);
            expect(adopted.outputs.name).to.equal("shared_graph-20profile-5f3c2a1b9d7e4f60");
            // The pasted subject still wins over the one read from the connector.
            const fic = after.resources.find((r) => r.name === "connector-graph-me-power-platform-federated-fic")!;
            expect(fic.inputs.subject).to.equal(devConnectors()["graph-me"].federatedSubject);
            expect(after.resources.filter((r) => r.type === T.fic)).to.have.length(
                before.resources.filter((r) => r.type === T.fic).length,
            );
        });
    });
});
