// The testing entry (entra-connectors/testing), and how the components fail under mocks that answer too little.
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import {
    ClientSecret,
    ConnectorClient,
    PowerPlatformApiClient,
    PowerPlatformConnector,
    PowerPlatformConnectorArgs,
    ProtectedApi,
    resolveScopeIds,
} from "../components";
import { EntraMocks, outputOf, setEntraMocks, TEST_TENANT_ID } from "../offline/simulator/testing";

const state = require("@pulumi/pulumi/runtime/state");

const T = {
    app: "azuread:index/applicationRegistration:ApplicationRegistration",
    password: "azuread:index/applicationPassword:ApplicationPassword",
    slots: "pulumi-nodejs:dynamic/entra-connectors:SecretSlots",
};
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Rejects when `promise` has not settled within `ms`: a hang is a failure with a name, not a mocha timeout. */
function within<T>(promise: Promise<T>, ms = 5000): Promise<T> {
    return Promise.race([
        promise,
        new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)),
    ]);
}

async function rejection(promise: Promise<unknown>): Promise<string> {
    try {
        await within(promise);
    } catch (err) {
        return (err as Error).message;
    }
    throw new Error("resolved, expected a rejection");
}

/** A PowerPlatformConnector's arguments for a Graph client in the test tenant, with one operation-free definition. */
function connectorArgs(
    stableKey: string,
    displayName: string,
    rest: Pick<PowerPlatformConnectorArgs, "authentication"> & Partial<PowerPlatformConnectorArgs>,
): PowerPlatformConnectorArgs {
    return {
        stableKey,
        environment: `Default-${TEST_TENANT_ID}`,
        displayName,
        tenantId: TEST_TENANT_ID,
        applicationId: "/applications/00000000-0000-4000-8000-000000000001",
        clientId: "00000000-0000-4000-8000-000000000002",
        resourceUrl: "https://graph.microsoft.com/",
        scopes: ["User.Read"],
        openApiJson: JSON.stringify({ swagger: "2.0", info: { title: displayName, version: "1" }, paths: {} }),
        ...rest,
    };
}

describe("PowerPlatformConnector under mocks whose connector answers no redirect URL", function () {
    this.timeout(60_000);
    before(() => {
        pulumi.runtime.setMocks(
            {
                newResource: (args) =>
                    args.type.endsWith("PowerPlatformConnector") && args.custom
                        ? {
                              id: "shared_echo",
                              state: { ...args.inputs, name: "shared_echo", redirectUrl: "", federatedSubject: "" },
                          }
                        : { id: `${args.name}_id`, state: args.inputs },
                call: (args) => args.inputs,
            },
            "project",
            "echo",
            false,
        );
    });
    after(() => {
        state.getStore().leakCandidates = new Set();
    });

    it("stops with the connector, the environment and where to paste the URL, instead of registering none", async () => {
        const connector = new PowerPlatformConnector(
            "no-url",
            connectorArgs("no-url", "No URL", {
                cloud: "china",
                authentication: "clientSecret",
                clientSecret: pulumi.secret("not-a-real-secret"),
            }),
        );
        const message = await rejection(outputOf(connector.redirectUris));
        expect(message).to.contain(
            `connector "no-url" (shared_echo in environment Default-${TEST_TENANT_ID}) answered no redirect URL`,
        );
        expect(message).to.contain("connectors.no-url.redirectUrls").and.not.contain("not-a-real-secret");
    });
});

describe("testing your program: the components under mocks", function () {
    this.timeout(60_000);

    describe("Pulumi's documented mocks (newResource returns args.inputs): a precise error, never a hang", () => {
        const unhandled: string[] = [];
        const onRejection = (reason: unknown) => unhandled.push(String((reason as Error)?.message ?? reason));
        before(() => {
            process.on("unhandledRejection", onRejection);
            pulumi.runtime.setMocks(
                { newResource: (args) => ({ id: `${args.name}_id`, state: args.inputs }), call: (args) => args.inputs },
                "project",
                "echo",
                false,
            );
        });
        after(async () => {
            await new Promise((resolve) => setTimeout(resolve, 50));
            process.off("unhandledRejection", onRejection);
            // The failed registrations stay pending by design; the runtime's exit-time leak report would only be noise.
            state.getStore().leakCandidates = new Set();
        });

        it("ConnectorClient: the client id that is not a GUID is named, with what came back", async () => {
            const connector = new ConnectorClient("echo-graph", {
                connectorKey: "echo-graph",
                displayName: "Echo Graph",
                tenantId: TEST_TENANT_ID,
                wellKnownApi: "microsoftGraph",
                scopes: ["User.Read"],
                authentication: "managedIdentity",
            });
            const message = await rejection(outputOf(connector.clientId));
            expect(message).to.contain(
                'the app registration "echo-graph-app" (output clientId) came back as undefined, not a GUID',
            );
            expect(message).to.contain('setEntraMocks() from "entra-connectors/testing"');
        });

        it("ConnectorClient: a service principal without oauth2PermissionScopeIds is named with the argument (scopes)", async () => {
            await new Promise((resolve) => setTimeout(resolve, 200));
            const scopeErrors = unhandled.filter((m) => m.includes("oauth2PermissionScopeIds"));
            expect(scopeErrors, unhandled.join("\n")).to.not.deep.equal([]);
            expect(scopeErrors[0]).to.contain(
                "args.scopes: the service principal of Microsoft Graph (output oauth2PermissionScopeIds) came back as undefined",
            );
            expect(unhandled.join("\n")).to.not.match(/Cannot (read properties|convert undefined)/);
        });

        it("ClientSecret: SecretSlots without its rotation state is named; the secret rejects instead of waiting forever", async () => {
            const secret = new ClientSecret("echo-secret", {
                applicationId: "/applications/00000000-0000-4000-8000-000000000001",
            });
            const message = await rejection(outputOf(secret.clientSecret));
            expect(message).to.contain(
                'SecretSlots "echo-secret-secret-slots" (rotation state, output "state") came back as undefined, without a, b, newest',
            );
        });

        it("PowerPlatformConnector: a connector without its name is named, not reported as a subject the platform never showed", async () => {
            const connector = new PowerPlatformConnector(
                "echo-pp",
                connectorArgs("echo-pp", "Echo", { authentication: "managedIdentity" }),
            );
            const named = "the custom connector echo-pp-connector's name came back as undefined, not its name";
            expect(await rejection(outputOf(connector.connectorName))).to.contain(named);
            const subject = await rejection(outputOf(connector.federatedSubject!));
            expect(subject).to.contain(named);
            expect(subject).to.not.contain("within 15 minutes");
        });

        it("resolveScopeIds on a missing map names it (no 'Cannot convert undefined or null to object')", () => {
            expect(() =>
                resolveScopeIds("Microsoft Graph", undefined as unknown as Record<string, string>, ["User.Read"]),
            ).to.throw(
                "the service principal of Microsoft Graph (output oauth2PermissionScopeIds) came back as undefined, not a map of permission names to ids",
            );
        });
    });

    describe("setEntraMocks(): realistic answers, and a component's children", () => {
        let entra: EntraMocks;
        let api: ProtectedApi;
        let connector: ConnectorClient;
        before(() => {
            entra = setEntraMocks({ stack: "unit" });
            api = new ProtectedApi("unit-api", {
                apiKey: "unit",
                displayName: "Unit API",
                scopes: [
                    {
                        value: "access_as_user",
                        adminConsentDisplayName: "Access",
                        adminConsentDescription: "Access the Unit API",
                    },
                ],
            });
            connector = new ConnectorClient("unit-connector", {
                connectorKey: "unit",
                displayName: "Unit Connector",
                tenantId: TEST_TENANT_ID,
                api,
                scopes: ["access_as_user"],
                authentication: "clientSecret",
            });
        });

        it("answers with GUID client ids and a secret from the newest slot", async () => {
            expect(await within(outputOf(connector.clientId))).to.match(GUID);
            expect(await within(outputOf(api.clientId))).to.match(GUID);
            expect(await within(outputOf(connector.clientSecret!)))
                .to.be.a("string")
                .and.not.equal("");
        });

        it("finds a component's children and descendants", async () => {
            const children = await within(entra.childrenOf(api));
            expect(entra.ofType(children, T.app).map((r) => r.name)).to.deep.equal(["unit-api-app"]);
            const under = await within(entra.descendantsOf(connector));
            expect(entra.ofType(under, T.password).map((r) => r.name)).to.deep.equal([
                "unit-connector-secret-a",
                "unit-connector-secret-b",
            ]);
            expect(entra.ofType(under, T.slots)).to.have.length(1);
            expect(under.every((r) => r.urn.includes("unit-connector"))).to.equal(true);
        });

        it("keeps the serialized rotation provider (__provider) apart from the recorded inputs", async () => {
            const [slots] = entra.ofType(await within(entra.descendantsOf(connector)), T.slots);
            expect(slots.inputs.__provider).to.equal("[dynamic provider code]");
            expect(entra.providerCodeOf(slots)).to.be.a("string").and.contain("plannedRotationState");
            const [app] = entra.ofType(await within(entra.childrenOf(api)), T.app);
            expect(entra.providerCodeOf(app)).to.equal(undefined);
        });

        it("reports no error finding for a valid program", async () => {
            expect((await within(entra.findings())).filter((f) => f.severity === "error")).to.deep.equal([]);
        });
    });

    describe("setEntraMocks() in two spec files of one mocha run", () => {
        it("each file's handle finds the program's components, whichever file's call they registered under", async () => {
            // mocha loads both files (each calls setEntraMocks at its top) before the first file's test runs.
            const first = setEntraMocks({ stack: "files" });
            const second = setEntraMocks({ stack: "files" });
            const connector = new ConnectorClient("two-files-connector", {
                stableKey: "twofiles",
                displayName: "Two Files Connector",
                tenantId: TEST_TENANT_ID,
                wellKnownApi: "microsoftGraph",
                scopes: ["User.Read"],
                authentication: "clientSecret",
            });
            const seen = async (entra: EntraMocks) =>
                entra.ofType(await within(entra.descendantsOf(connector)), T.password).map((r) => r.name);
            const names = ["two-files-connector-secret-a", "two-files-connector-secret-b"];
            expect(await seen(first)).to.deep.equal(names);
            expect(await seen(second)).to.deep.equal(names);
            // Under --parallel a worker runs the files in turn, the program loaded once under the first file's call:
            // the next file's handle still finds the component; its list of everything starts at its own call.
            const later = setEntraMocks({ stack: "files" });
            expect(await seen(later)).to.deep.equal(names);
            expect(await within(later.resources())).to.deep.equal([]);
            expect(await within(later.findings())).to.deep.equal([]);
        });
    });

    describe("setEntraMocks({ alsoServicePrincipals }): Microsoft apps a tenant may lack", () => {
        it("a PowerPlatformApiClient finds the Power Platform API's principal and its permission ids", async () => {
            const entra = setEntraMocks({ stack: "also", alsoServicePrincipals: ["powerPlatformApi"] });
            const client = new PowerPlatformApiClient("also-pp", {
                displayName: "Automation",
                tenantId: TEST_TENANT_ID,
                permissions: ["EnvironmentManagement.Environments.Read"],
            });
            expect(await within(outputOf(client.clientId))).to.match(GUID);
            expect((await within(entra.findings())).filter((f) => f.severity === "error")).to.deep.equal([]);
        });

        it("an unknown name is refused with the names allowed", () => {
            expect(() => setEntraMocks({ alsoServicePrincipals: ["powerPlatformAPI" as "powerPlatformApi"] })).to.throw(
                'alsoServicePrincipals: "powerPlatformAPI" is not a well-known API name or "httpWithEntraId"',
            );
        });
    });
});
