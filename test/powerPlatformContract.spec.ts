// The connector lifecycle the dynamic provider runs, against a loopback fake of the Power Apps API.
import { expect } from "chai";
import {
    createConnector,
    deleteConnector,
    diffConnector,
    readConnector,
    updateConnector,
    type ConnectorInputs,
    type ProviderDeps,
} from "../powerPlatform";
import { startFakePowerApps, type FakePowerApps } from "./helpers/fakePowerApps";

const SECRET = "renew-me~1234567890abcdef";

function inputs(overrides: Partial<ConnectorInputs> = {}): ConnectorInputs {
    return {
        cloud: "public",
        environment: "env-dev",
        connectorKey: "orders",
        definition: {
            displayName: "Orders (dev)",
            apiProperties: {
                properties: {
                    connectionParameters: {
                        token: {
                            type: "oauthSetting",
                            oAuthSettings: { identityProvider: "aad", clientId: "c1", scopes: [] },
                        },
                    },
                    policyTemplateInstances: [],
                },
            },
            openApiDefinition: {
                swagger: "2.0",
                info: { title: "Orders (dev)", description: "d", version: "1.0" },
                host: "orders.contoso.com",
                basePath: "/",
                schemes: ["https"],
                paths: {},
            },
        },
        clientSecret: SECRET,
        managedIdentity: false,
        ...overrides,
    };
}

describe("Power Apps connector lifecycle against the loopback fake", () => {
    let fake: FakePowerApps;
    let deps: ProviderDeps;
    beforeEach(async () => {
        fake = await startFakePowerApps({
            subjectAfterReads: 2,
            subjectFor: (n) => `/eid1/c/pub/t/qzXoWDkuqUa3l6zM5mM0Rw/a/app/${n}`,
        });
        deps = {
            env: { ENTRA_CONNECTORS_POWERAPPS_URL: fake.url, ENTRA_CONNECTORS_POWERAPPS_TOKEN: fake.token },
            retry: { maxRetries: 2, retryDelayInMs: 1, maxRetryDelayInMs: 5 },
            sleep: async () => undefined,
            firstPollMs: 1,
        };
    });
    afterEach(() => fake.close());

    const verbs = () => fake.requests.map((r) => r.method);

    it("creates through the endpoint and token from the environment variables, secret delivered, redirect URL read back", async () => {
        const { id, outs } = await createConnector(inputs(), deps);
        expect(fake.requests[0]!.authorization).to.equal(`Bearer ${fake.token}`);
        expect(fake.connectors.get(id)!.clientSecret).to.equal(SECRET);
        expect(outs.name).to.equal(id);
        expect(outs.redirectUrl).to.equal(
            `https://global.consent.azure-apim.net/redirect/${id.replace(/^shared_/, "")}`,
        );
        expect(outs.federatedSubject).to.equal("");
        expect(verbs()).to.deep.equal(["POST"]);
    });

    it("a second deployment with nothing changed sends no PATCH", async () => {
        const { id, outs } = await createConnector(inputs(), deps);
        expect(diffConnector(outs, inputs()).changes).to.equal(false);
        fake.requests.length = 0;
        await updateConnector(id, outs, inputs(), deps);
        expect(verbs()).to.deep.equal(["GET"]);
    });

    it("a definition change reads, merges and PATCHes the whole definition, never displayName, keeping policyTemplateInstances", async () => {
        const { id, outs } = await createConnector(inputs(), deps);
        fake.connectors.get(id)!.properties.policyTemplateInstances = [{ templateId: "setheader", title: "x" }];
        const changed = inputs();
        const next = {
            ...changed,
            definition: {
                ...changed.definition,
                openApiDefinition: { ...changed.definition.openApiDefinition, paths: { "/orders": {} } },
            },
        };
        expect(diffConnector(outs, next)).to.deep.include({ changes: true, replaces: [] });
        fake.requests.length = 0;
        await updateConnector(id, outs, next, deps);
        expect(verbs()).to.deep.equal(["GET", "PATCH"]);
        const patch = fake.requests[1]!.body as { properties: Record<string, unknown> };
        expect(patch.properties).not.to.have.property("displayName");
        expect(patch.properties.policyTemplateInstances).to.deep.equal([{ templateId: "setheader", title: "x" }]);
        expect((patch.properties.openApiDefinition as { paths: object }).paths).to.have.property("/orders");
    });

    it("a renewed secret is PATCHed into the connector in the same deployment", async () => {
        const { id, outs } = await createConnector(inputs(), deps);
        const renewed = inputs({ clientSecret: "the-newer-slot~abcdef" });
        expect(diffConnector(outs, renewed).changes).to.equal(true);
        const { outs: after } = await updateConnector(id, outs, renewed, deps);
        expect(fake.connectors.get(id)!.clientSecret).to.equal("the-newer-slot~abcdef");
        expect(diffConnector(after, renewed).changes).to.equal(false);
    });

    it("adopts a connector created by hand: GET and PATCH, never a POST; its name, display name and connections stay", async () => {
        // The maker's connector, made before the stack owned it (same API, another display name and an old secret).
        const { id: handMade } = await createConnector(
            inputs({
                clientSecret: "typed-by-hand~1",
                definition: { ...inputs().definition, displayName: "Orders (by hand)" },
            }),
            deps,
        );
        fake.requests.length = 0;
        const { id, outs } = await createConnector(inputs({ adoptName: handMade }), deps);
        expect(id).to.equal(handMade);
        expect(verbs()).to.deep.equal(["GET", "PATCH"]);
        expect(fake.connectors.size).to.equal(1);
        expect(fake.connectors.get(id)!.clientSecret).to.equal(SECRET);
        expect(fake.connectors.get(id)!.properties.displayName).to.equal("Orders (by hand)");
        expect(outs.redirectUrl).to.equal(
            `https://global.consent.azure-apim.net/redirect/${handMade.replace(/^shared_/, "")}`,
        );
        // The next deployment with nothing changed sends no PATCH.
        expect(diffConnector(outs, inputs({ adoptName: handMade })).changes).to.equal(false);
    });

    it("adopting a connector that does not exist fails naming the key, the environment and the fix, without creating one", async () => {
        const error = await createConnector(inputs({ adoptName: "shared_orders-20nowhere-5f0123" }), deps).catch(
            (e: Error) => e,
        );
        expect(error).to.be.instanceOf(Error);
        expect((error as Error).message)
            .to.include('connector "orders" in environment "env-dev"')
            .and.include('no connector named "shared_orders-20nowhere-5f0123"')
            .and.include("connectors.orders.powerPlatform.adopt")
            .and.not.include(SECRET);
        expect(verbs()).to.deep.equal(["GET"]);
        expect(fake.connectors.size).to.equal(0);
    });

    it("another environment replaces the connector, deleting the old one first", () => {
        const state = { ...inputs(), name: "n", redirectUrl: "r", federatedSubject: "" };
        expect(diffConnector(state, inputs({ environment: "env-prod" }))).to.deep.equal({
            changes: true,
            replaces: ["environment"],
            deleteBeforeReplace: true,
        });
    });

    it("deletes, and a connector already gone counts as deleted; refresh reports it gone", async () => {
        const { id, outs } = await createConnector(inputs(), deps);
        await deleteConnector(id, outs, deps);
        expect(fake.connectors.has(id)).to.equal(false);
        await deleteConnector(id, outs, deps);
        expect(await readConnector(id, outs, deps)).to.deep.equal({});
    });

    it("waits for a managed-identity subject that appears late", async () => {
        const { id, outs } = await createConnector(inputs({ clientSecret: undefined, managedIdentity: true }), deps);
        expect(outs.federatedSubject).to.equal(`/eid1/c/pub/t/qzXoWDkuqUa3l6zM5mM0Rw/a/app/${id}`);
        expect(verbs()).to.deep.equal(["POST", "GET", "GET", "GET"]);
        expect(diffConnector(outs, inputs({ clientSecret: undefined, managedIdentity: true })).changes).to.equal(false);
    });

    it("gives up on the subject at the timeout with the connector kept in state, and the next deployment reads again", async () => {
        let clock = 0;
        const slow = {
            ...deps,
            now: () => clock,
            sleep: async (ms: number) => void (clock += ms),
            firstPollMs: 10_000,
        };
        fake.close();
        fake = await startFakePowerApps({ subjectAfterReads: 1000 });
        slow.env = { ENTRA_CONNECTORS_POWERAPPS_URL: fake.url, ENTRA_CONNECTORS_POWERAPPS_TOKEN: fake.token };
        const mi = inputs({ clientSecret: undefined, managedIdentity: true, subjectTimeoutSeconds: 60 });
        const { outs } = await createConnector(mi, slow);
        expect(outs.federatedSubject).to.equal("");
        expect(clock).to.equal(60_000);
        expect(diffConnector(outs, mi).changes).to.equal(true);
    });

    const failures: Array<[number, string, RegExp]> = [
        [400, "create", /refused the connector's definition: check the OpenAPI file/],
        [401, "create", /token was refused: sign in again \(az login\)/],
        [403, "create", /Environment Maker role/],
        [409, "create", /conflicting connector/],
        [429, "create", /kept throttling after every retry/],
        [500, "create", /failed after retries: run pulumi up again later/],
    ];
    for (const [status, operation, advice] of failures) {
        it(`HTTP ${status} fails naming the connector, the environment and what to do, without the secret`, async () => {
            fake.fail({
                method: "POST",
                status,
                times: 10,
                message: `echo ${SECRET}`,
                headers: status === 429 ? { "Retry-After": "0" } : {},
            });
            const error = await createConnector(inputs(), deps).then(
                () => undefined,
                (e: Error) => e,
            );
            expect(error, `HTTP ${status}`).to.be.instanceOf(Error);
            expect(error!.message).to.contain(
                `Power Platform connector "orders" in environment "env-dev": ${operation} answered HTTP ${status}`,
            );
            expect(error!.message).to.match(advice);
            expect(error!.message).not.to.contain(SECRET);
        });
    }

    it("HTTP 404 on create names the environment key; on update it says the connector is gone", async () => {
        const missingEnv = await createConnector(inputs({ environment: "env-nowhere" }), deps).catch((e: Error) => e);
        expect((missingEnv as Error).message).to.match(
            /environment "env-nowhere": create answered HTTP 404.*connectors\.<key>\.powerPlatform\.environment/,
        );
        const { id, outs } = await createConnector(inputs(), deps);
        fake.connectors.delete(id);
        const gone = await updateConnector(id, outs, inputs({ clientSecret: "x-newer" }), deps).catch((e: Error) => e);
        expect((gone as Error).message).to.match(/read answered HTTP 404.*run pulumi refresh/);
        expect((gone as Error).message).not.to.contain("x-newer");
    });

    it("retries 429 (Retry-After) and 500 through the pipeline, then succeeds", async () => {
        fake.fail({ method: "POST", status: 429, headers: { "Retry-After": "0" } });
        fake.fail({ method: "GET", status: 500 });
        const { outs } = await createConnector(inputs({ clientSecret: undefined, managedIdentity: true }), deps);
        expect(outs.federatedSubject).not.to.equal("");
        expect(verbs().slice(0, 2)).to.deep.equal(["POST", "POST"]);
    });
});
