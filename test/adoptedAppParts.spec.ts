// Adopting an existing connector app and an existing API app with their parts: the stack imports every part the
// tenant's apps hold (by the provider's import ids) and creates only what they lack; without the part ids in config
// the offline plan fails where the provider would, naming the config key that adopts each part.
import * as path from "path";
import { expect } from "chai";
import {
    apiAccessImportId,
    identifierUriImportId,
    permissionScopeImportId,
    redirectUrisImportId,
} from "../components/adoption";
import { protectedApiProblems } from "../components/protectedApi";
import { powerPlatformApiClientProblems } from "../components/powerPlatformApiClient";
import { ConfigError, parseStackConfig } from "../config";
import { Plan, runOffline } from "../offline/plan/runOffline";
import { devConnectors, devFiles, projectDir } from "./helpers/devStackConfig";

const TENANT = path.join(__dirname, "fixtures", "tenants", "adoptedApps.yaml");
const ARM_OID = "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d";
const API_OID = "5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f";
const API_CLIENT = "6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b9c";
const SCOPE_ID = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";
const ASM = "797f4846-ba00-4fd7-ba43-dac1f8f63013";
const NS = "entra-connectors";
type Any = Record<string, any>;

function devApis(): Any {
    return JSON.parse(devFiles().config[`${NS}:apis`]);
}

/** The dev stack adopting the ARM connector's app and the Orders API's app, with `armAdopt` / `apiAdopt` extras. */
function adopting(armAdopt: Any, apiAdopt: Any, api: Any = {}): Record<string, unknown> {
    const connectors = devConnectors();
    connectors.arm.adopt = { applicationObjectId: ARM_OID, ...armAdopt };
    const apis = devApis();
    apis.orders = { ...apis.orders, ...api, adopt: { applicationObjectId: API_OID, ...apiAdopt } };
    return { [`${NS}:connectors`]: connectors, [`${NS}:apis`]: apis };
}

const plan = (overrides: Record<string, unknown>): Promise<Plan> =>
    runOffline({ projectDir, stack: "dev", tenant: TENANT, configOverrides: overrides });
const errors = (p: Plan) => p.findings.filter((f) => f.severity === "error");
const named = (p: Plan, name: string) => p.resources.find((r) => r.name === name)!;

describe("adopting an existing connector app and API app with their parts", function () {
    this.timeout(60_000);

    it("imports every part the tenant's apps hold by its provider import id, and creates only what they lack", async () => {
        const p = await plan(
            adopting(
                { existingParts: ["redirectUris", "apiAccess"] },
                { existingParts: ["identifierUri"], scopeIds: { access_as_user: SCOPE_ID } },
                { identifierUri: `api://${API_CLIENT}` },
            ),
        );
        expect(errors(p), JSON.stringify(errors(p), null, 2)).to.deep.equal([]);
        const imports = Object.fromEntries(p.resources.filter((r) => r.import).map((r) => [r.name, r.import!.id]));
        expect(imports).to.deep.equal({
            "connector-arm-app": `/applications/${ARM_OID}`,
            "connector-arm-redirect-uris": `/applications/${ARM_OID}/redirectUris/Web`,
            "connector-arm-api-access": `/applications/${ARM_OID}/apiAccess/${ASM}`,
            "api-orders-app": `/applications/${API_OID}`,
            "api-orders-identifier-uri": `/applications/${API_OID}/identifierUris/${Buffer.from(`api://${API_CLIENT}`).toString("base64")}`,
            "api-orders-scope-access_as_user": `/applications/${API_OID}/permissionScopes/${SCOPE_ID}`,
        });
        // Each imported part matches the tenant's: no update; adopted parts stay in the tenant on destroy.
        for (const name of Object.keys(imports).filter((n) => !n.endsWith("-app"))) {
            expect(named(p, name).import!.updates, name).to.deep.equal([]);
            expect(named(p, name).retainOnDelete, name).to.equal(true);
        }
        // What the API lacks (its role) and the principals are created; the scope keeps its id everywhere.
        expect(named(p, "api-orders-role-Orders.Read.All").import).to.equal(undefined);
        expect(named(p, "api-orders-sp").import).to.equal(undefined);
        expect((p.outputs.apis as Any).orders.scopeIds).to.deep.equal({ access_as_user: SCOPE_ID });
        expect(named(p, "connector-orders-api-access").inputs.scopeIds).to.deep.equal([SCOPE_ID]);
    });

    it("without the part ids, the plan fails where the provider would and names the key that adopts each part", async () => {
        const p = await plan(adopting({}, {}));
        const byName = Object.fromEntries(errors(p).map((f) => [f.urn.split("::").pop(), `${f.rule}: ${f.message}`]));
        expect(Object.keys(byName).sort()).to.deep.equal([
            "api-orders-identifier-uri",
            "api-orders-scope-access_as_user",
            "connector-arm-api-access",
            "connector-arm-redirect-uris",
        ]);
        expect(byName["connector-arm-redirect-uris"])
            .to.match(/^part-requires-import: /)
            .and.include(`Fix: add redirectUris to ${NS}:connectors.arm.adopt.existingParts`);
        expect(byName["connector-arm-api-access"]).to.include(
            `Fix: add apiAccess to ${NS}:connectors.arm.adopt.existingParts`,
        );
        expect(byName["api-orders-identifier-uri"]).to.include(
            `Fix: add identifierUri to ${NS}:apis.orders.adopt.existingParts`,
        );
        expect(byName["api-orders-scope-access_as_user"])
            .to.match(/^permission-value-unique: /)
            .and.include(`Fix: set ${NS}:apis.orders.adopt.scopeIds.access_as_user to ${SCOPE_ID}`);
    });

    it("naming a part the app lacks is the provider's failed import, naming the key", async () => {
        const p = await plan(
            adopting(
                { existingParts: ["redirectUris", "apiAccess"] },
                { appRoleIds: { "Orders.Read.All": "1c2d3e4f-5061-4728-93a4-b5c6d7e8f901" } },
            ),
        );
        const missing = errors(p).filter((f) => f.rule === "import-missing");
        expect(missing.map((f) => f.urn.split("::").pop())).to.deep.equal(["api-orders-role-Orders.Read.All"]);
        expect(missing[0]!.message).to.include(`${NS}:apis.orders.adopt.appRoleIds.Orders.Read.All`);
    });

    it("config refuses part adoptions that cannot work, each at its key", () => {
        const { config, secretKeys } = devFiles();
        const problemPaths = (connectors: Any, apis: Any): string[] => {
            try {
                parseStackConfig(
                    {
                        ...config,
                        [`${NS}:connectors`]: JSON.stringify(connectors),
                        [`${NS}:apis`]: JSON.stringify(apis),
                    },
                    secretKeys,
                );
            } catch (e) {
                expect(e).to.be.instanceOf(ConfigError);
                return (e as ConfigError).problems.map((p) => p.path).sort();
            }
            return [];
        };
        const connectors = devConnectors();
        connectors.orders.adopt = {
            applicationObjectId: "7d8e9fa0-1b2c-4d3e-8f4a-5b6c7d8e9fa0",
            existingParts: ["apiAccess", "identifierUri"],
        };
        const apis = devApis();
        apis.orders.adopt = {
            applicationObjectId: API_OID,
            existingParts: ["identifierUri"],
            scopeIds: { nope: SCOPE_ID },
        };
        expect(problemPaths(connectors, apis)).to.deep.equal([
            `${NS}:apis.orders.adopt.scopeIds.nope`,
            `${NS}:apis.orders.identifierUri`,
            `${NS}:connectors.orders.adopt.existingParts[0]`,
            `${NS}:connectors.orders.adopt.existingParts[1]`,
        ]);
        // The shapes: a part name, a GUID per id, no ids on a connector.
        apis.orders.adopt = {
            applicationObjectId: API_OID,
            existingParts: ["scopes"],
            scopeIds: { access_as_user: "x" },
        };
        connectors.orders.adopt = { applicationObjectId: "7d8e9fa0-1b2c-4d3e-8f4a-5b6c7d8e9fa0", scopeIds: {} };
        expect(problemPaths(connectors, apis)).to.deep.equal([
            `${NS}:apis.orders.adopt.existingParts[0]`,
            `${NS}:apis.orders.adopt.scopeIds.access_as_user`,
            `${NS}:connectors.orders.adopt.scopeIds`,
        ]);
    });

    it("the components take the same adoption: import ids in the provider's formats, and problems at argument paths", () => {
        // terraform-provider-azuread v3.8.0 internal/services/applications/parse/*.go, ID().
        expect(redirectUrisImportId(ARM_OID, "PublicClient")).to.equal(
            `/applications/${ARM_OID}/redirectUris/PublicClient`,
        );
        expect(apiAccessImportId(ARM_OID, ASM)).to.equal(`/applications/${ARM_OID}/apiAccess/${ASM}`);
        expect(identifierUriImportId(API_OID, "https://contoso.com/orders")).to.equal(
            `/applications/${API_OID}/identifierUris/aHR0cHM6Ly9jb250b3NvLmNvbS9vcmRlcnM=`,
        );
        expect(permissionScopeImportId(API_OID, SCOPE_ID)).to.equal(
            `/applications/${API_OID}/permissionScopes/${SCOPE_ID}`,
        );
        const api = protectedApiProblems("orders", {
            displayName: "Orders API",
            scopes: [{ value: "access_as_user", adminConsentDisplayName: "a", adminConsentDescription: "a" }],
            ownership: {
                adopt: {
                    applicationObjectId: API_OID,
                    existingParts: ["identifierUri", "redirectUris"],
                    appRoleIds: { Orders: SCOPE_ID },
                },
            },
        });
        expect(api.messages.map((m) => m.split(" ")[0])).to.deep.equal([
            "args.ownership.adopt.existingParts[1]",
            "args.ownership.adopt.appRoleIds.Orders",
            "args.identifierUri",
        ]);
        const client = powerPlatformApiClientProblems("ops", {
            displayName: "Ops",
            tenantId: "3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45",
            permissions: ["AppManagement.ApplicationPackages.Read"],
            adopt: { applicationObjectId: ARM_OID, existingParts: ["redirectUris"], scopeIds: {} },
        });
        expect(client.messages.map((m) => m.split(" ")[0])).to.deep.equal([
            "args.adopt.existingParts[0]",
            "args.adopt.scopeIds",
        ]);
    });
});
