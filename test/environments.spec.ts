// Environments: the three stacks plan cleanly, production protection, and config changes that never replace an app.
import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import { parse } from "yaml";
import { ConfigError, parseStackConfig } from "../config";
import { diffPlans, ResourceChange } from "../offline/plan/planDiff";
import { Plan, runOffline } from "../offline/plan/runOffline";
import { loadStackConfigFiles } from "../offline/plan/stackFiles";
import { T } from "./helpers/planQueries";
import { plannedStack } from "./helpers/plannedStacks";

const projectDir = path.resolve(__dirname, "..");
const APP: string = T.app;
const SP: string = T.sp;

function stackConfig(stack: string): Record<string, any> {
    return parse(fs.readFileSync(path.join(projectDir, `Pulumi.${stack}.yaml`), "utf8")).config;
}

/** A plan; with `previous`, a deployment that continues from that one's state (like `pulumi up` on a live stack). */
function plan(stack: string, configOverrides?: Record<string, unknown>, previous?: Plan): Promise<Plan> {
    return runOffline({ projectDir, stack, configOverrides, previous });
}

/** Apps and service principals this project owns (first-party principals are the tenant's, never protected or replaced). */
function ownIdentities(p: Plan) {
    return p.resources.filter((r) => (r.type === APP || r.type === SP) && !r.name.startsWith("first-party-sp-"));
}

function destructive(changes: ResourceChange[], types = [APP, SP]): ResourceChange[] {
    return changes.filter((c) => types.includes(c.type) && (c.kind === "replace" || c.kind === "delete"));
}

describe("environments", function () {
    this.timeout(60_000);
    const plans: Record<string, Plan> = {};

    before(async () => {
        for (const stack of ["dev", "test", "prod"]) plans[stack] = await plannedStack(stack);
    });

    for (const stack of ["dev", "test", "prod"]) {
        it(`plans the ${stack} stack with no error finding`, () => {
            expect(plans[stack].resources.length).to.be.greaterThan(10);
            expect(plans[stack].findings.filter((f) => f.severity === "error")).to.deep.equal([]);
        });
    }

    it("protects every app registration and service principal of prod, and none of dev", () => {
        const prod = ownIdentities(plans.prod);
        expect(prod.length).to.be.greaterThan(3);
        for (const r of prod) expect(r.protect, r.urn).to.equal(true);
        for (const r of ownIdentities(plans.dev)) expect(r.protect, r.urn).to.equal(false);
    });

    it("follows entra-connectors:production over the environment's default", async () => {
        const devProduction = await plan("dev", { "entra-connectors:production": true });
        expect(ownIdentities(devProduction).every((r) => r.protect)).to.equal(true);
        const prodNot = await plan("prod", { "entra-connectors:production": false });
        expect(ownIdentities(prodNot).some((r) => r.protect)).to.equal(false);
    });

    it("keeps prod free of localhost and global redirect URLs and of client secrets", () => {
        const redirects = plans.prod.resources.filter(
            (r) => r.type === "azuread:index/applicationRedirectUris:ApplicationRedirectUris",
        );
        expect(redirects.length, "prod redirect URI resources").to.be.greaterThan(0);
        for (const r of redirects) {
            expect(r.inputs.redirectUris as string[], r.urn).to.not.be.empty;
            for (const uri of r.inputs.redirectUris as string[]) {
                expect(uri).not.to.match(/localhost|127\.0\.0\.1/);
                expect(uri).to.match(/\/redirect\/.+/);
            }
        }
        expect(
            plans.prod.resources.filter((r) => r.type === "azuread:index/applicationPassword:ApplicationPassword"),
        ).to.deep.equal([]);
    });

    describe("config changes update in place", () => {
        const dev = stackConfig("dev");
        const connectors = dev["entra-connectors:connectors"];
        const apis = dev["entra-connectors:apis"];

        async function changesFor(overrides: Record<string, unknown>): Promise<ResourceChange[]> {
            return diffPlans(plans.dev, await plan("dev", overrides, plans.dev));
        }

        it("a display name change updates the app registration, nothing is replaced", async () => {
            const changes = await changesFor({
                "entra-connectors:connectors": {
                    ...connectors,
                    arm: { ...connectors.arm, displayName: "ARM Connector" },
                },
            });
            const app = changes.find((c) => c.name === "connector-arm-app")!;
            expect(app.kind).to.equal("update");
            expect(app.changedInputs).to.deep.equal(["displayName"]);
            expect(changes.filter((c) => c.kind === "replace" || c.kind === "delete")).to.deep.equal([]);
        });

        it("a scope change updates API access and consent without replacing an app or service principal", async () => {
            const changes = await changesFor({
                "entra-connectors:connectors": {
                    ...connectors,
                    "graph-me": { ...connectors["graph-me"], scopes: ["User.Read", "Calendars.Read"] },
                },
            });
            expect(changes.find((c) => c.name === "connector-graph-me-api-access")!.kind).to.equal("update");
            expect(changes.find((c) => c.name === "connector-graph-me-consent-grant")!.kind).to.equal("update");
            expect(destructive(changes)).to.deep.equal([]);
        });

        it("a new API scope adds a permission scope and replaces no app", async () => {
            const orders = apis.orders;
            const changes = await changesFor({
                "entra-connectors:apis": {
                    orders: { ...orders, scopes: [...orders.scopes, { value: "Orders.Write" }] },
                },
            });
            expect(changes.filter((c) => c.kind === "create").map((c) => c.name)).to.include(
                "api-orders-scope-Orders.Write",
            );
            expect(destructive(changes)).to.deep.equal([]);
        });

        it("a redirect URL change updates the redirect URIs in place", async () => {
            const changes = await changesFor({
                "entra-connectors:connectors": {
                    ...connectors,
                    arm: {
                        ...connectors.arm,
                        redirectUrls: ["https://global.consent.azure-apim.net/redirect/arm-5f1234"],
                    },
                },
            });
            const uris = changes.find((c) => c.name === "connector-arm-redirect-uris")!;
            expect(uris.kind).to.equal("update");
            expect(uris.changedInputs).to.deep.equal(["redirectUris"]);
            expect(destructive(changes)).to.deep.equal([]);
        });

        it("an extra owner adds owner resources and lists it on each service principal, nothing else", async () => {
            const changes = await changesFor({
                "entra-connectors:owners": [...dev["entra-connectors:owners"], "0d1c2b3a-4f5e-4d6c-8b7a-9f8e7d6c5b4a"],
            });
            const notSame = changes.filter((c) => c.kind !== "same");
            expect(notSame.length).to.be.greaterThan(0);
            const ownerCreate = (c: (typeof notSame)[number]) =>
                c.kind === "create" && c.type === "azuread:index/applicationOwner:ApplicationOwner";
            // The provider treats a service principal's owners as the whole list, so the new owner is added there too.
            const principalOwners = (c: (typeof notSame)[number]) =>
                c.kind === "update" &&
                c.type === "azuread:index/servicePrincipal:ServicePrincipal" &&
                JSON.stringify(c.changedInputs) === '["owners"]';
            expect(notSame.filter((c) => !ownerCreate(c) && !principalOwners(c))).to.deep.equal([]);
            expect(notSame.some(ownerCreate)).to.equal(true);
        });

        it("a secret lifetime change replaces no password: it applies as each slot is next renewed", async () => {
            const changes = await changesFor({
                "entra-connectors:connectors": { ...connectors, arm: { ...connectors.arm, secretLifetimeDays: 120 } },
            });
            expect(changes.filter((c) => c.kind === "replace")).to.deep.equal([]);
            const slots = changes.find((c) => c.name === "connector-arm-secret-slots")!;
            expect(slots.kind).to.equal("update");
            expect(slots.changedInputs).to.deep.equal(["lifetimeDays"]);
            expect(
                changes.filter((c) => c.name.startsWith("connector-arm-secret-")).map((c) => [c.name, c.kind]),
            ).to.deep.include.members([
                ["connector-arm-secret-a", "same"],
                ["connector-arm-secret-b", "same"],
            ]);
            expect(destructive(changes)).to.deep.equal([]);
        });

        it("a rename with previousName keeps every resource; without it the app would be deleted and re-created", async () => {
            const { orders, ...others } = connectors;
            const renamed = await changesFor({
                "entra-connectors:connectors": { ...others, "orders-v2": { ...orders, previousName: "orders" } },
            });
            expect(renamed.filter((c) => c.kind !== "same")).to.deep.equal([]);

            const notAliased = await changesFor({ "entra-connectors:connectors": { ...others, "orders-v2": orders } });
            expect(destructive(notAliased).map((c) => c.name)).to.include.members([
                "connector-orders-app",
                "connector-orders-sp",
            ]);
        });

        it("a renamed API keeps its scope ids", async () => {
            const { orders } = apis;
            const changes = await changesFor({
                "entra-connectors:apis": { "orders-api": { ...orders, previousName: "orders" } },
                "entra-connectors:connectors": {
                    ...connectors,
                    orders: { ...connectors.orders, resource: { api: "orders-api" } },
                    "orders-logic-apps": { ...connectors["orders-logic-apps"], resource: { api: "orders-api" } },
                },
                "entra-connectors:httpWithEntraId": {
                    grants: dev["entra-connectors:httpWithEntraId"].grants.map((g: { resource: unknown }) =>
                        g.resource === "orders" ? { ...g, resource: "orders-api" } : g,
                    ),
                },
            });
            const scopes = changes.filter(
                (c) => c.type === "azuread:index/applicationPermissionScope:ApplicationPermissionScope",
            );
            expect(scopes.map((c) => c.kind)).to.deep.equal(["same"]);
            expect(destructive(changes)).to.deep.equal([]);
        });
    });

    for (const stack of ["test", "prod"]) {
        it(`${stack}: display name, scope, redirect URL and credential changes replace no app or service principal`, async () => {
            const config = stackConfig(stack);
            const connectors = config["entra-connectors:connectors"];
            const changed = Object.fromEntries(
                Object.entries(connectors).map(([key, c]: [string, any]) => [
                    key,
                    {
                        ...c,
                        displayName: `${c.displayName} v2`,
                        redirectUrls: [
                            ...c.redirectUrls,
                            `https://global.consent.azure-apim.net/redirect/shared-5f${key}-v2`,
                        ],
                        ...(c.resource.wellKnown === "microsoftGraph"
                            ? { scopes: [...c.scopes, "offline_access"] }
                            : {}),
                        ...(c.authentication === "clientSecret"
                            ? { secretLifetimeDays: (c.secretLifetimeDays ?? 180) - 1 }
                            : { federatedSubject: c.federatedSubject.replace(/[^/]+$/, "renamed-connector") }),
                    },
                ]),
            );
            const changes = diffPlans(plans[stack], await plan(stack, { "entra-connectors:connectors": changed }));
            expect(changes.filter((c) => c.kind === "update").length).to.be.greaterThan(Object.keys(connectors).length);
            expect(destructive(changes)).to.deep.equal([]);
            expect(changes.filter((c) => c.blockedByProtect)).to.deep.equal([]);
        });
    }

    it("plans a US Government stack with that cloud's endpoints and no error finding", async () => {
        const tenant = stackConfig("dev")["azuread:tenantId"];
        const { powerPlatformSubject } = await import("../entra/powerPlatformSubject");
        const subject = powerPlatformSubject(
            tenant,
            "58e835ab-2e39-46a9-b797-accce6633447",
            "shared_graph-20gov",
            "usg",
        );
        const gov = await plan("dev", {
            "entra-connectors:cloud": "usgovernment",
            "azuread:environment": "usgovernment",
            "azure-native:environment": "usgovernment",
            "entra-connectors:apis": {},
            "entra-connectors:powerPlatformApiClients": {},
            "entra-connectors:httpWithEntraId": { grants: [] },
            "entra-connectors:connectors": {
                "graph-gov": {
                    displayName: "Graph Gov",
                    resource: { wellKnown: "microsoftGraph" },
                    scopes: ["User.Read"],
                    authentication: "managedIdentity",
                    federatedSubject: subject,
                    redirectUrls: ["https://global.consent.azure-apim.us/redirect/shared-5fgraph-20gov"],
                },
            },
        });
        expect(gov.findings.filter((f) => f.severity === "error")).to.deep.equal([]);
        const fic = gov.resources.find(
            (r) =>
                r.type ===
                "azuread:index/applicationFederatedIdentityCredential:ApplicationFederatedIdentityCredential",
        )!;
        expect(fic.inputs.audiences).to.deep.equal(["api://AzureADTokenExchangeUSGov"]);
        expect(fic.inputs.issuer).to.equal(`https://login.microsoftonline.us/${tenant}/v2.0`);
        const settings = (gov.outputs.connectors as Record<string, Record<string, unknown>>)["graph-gov"];
        expect(settings.resourceUrl).to.equal("https://graph.microsoft.us/");
        expect(settings.authorizationUrl).to.equal("https://login.microsoftonline.us");
    });

    it("reports deleting a protected prod app as blocked", async () => {
        const { orders, ...others } = stackConfig("prod")["entra-connectors:connectors"];
        expect(orders).to.not.equal(undefined);
        const changes = diffPlans(plans.prod, await plan("prod", { "entra-connectors:connectors": others }));
        const app = changes.find((c) => c.name === "connector-orders-app")!;
        expect(app.kind).to.equal("delete");
        expect(app.blockedByProtect).to.equal(true);
    });

    it("rejects a previousName that is the key of another entry", () => {
        const files = loadStackConfigFiles(projectDir, "dev");
        const connectors = JSON.parse(files.config["entra-connectors:connectors"]);
        connectors.arm.previousName = "orders";
        try {
            parseStackConfig({ ...files.config, "entra-connectors:connectors": JSON.stringify(connectors) });
            expect.fail("expected a ConfigError");
        } catch (err) {
            expect(err).to.be.instanceOf(ConfigError);
            const problem = (err as ConfigError).problems.find(
                (p) => p.path === "entra-connectors:connectors.arm.previousName",
            );
            expect(problem?.message).to.include("another entry");
        }
    });
});
