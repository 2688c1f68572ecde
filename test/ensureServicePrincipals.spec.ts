// Microsoft service principals a tenant may lack (Power Platform API, HTTP with Microsoft Entra ID): the stack looks
// them up at deploy time and creates them only when missing, so one config plans in both kinds of tenant.
import * as path from "path";
import { expect } from "chai";
import { Plan, runOffline } from "../offline/plan/runOffline";
import { loadStackConfigFiles } from "../offline/plan/stackFiles";
import { DEFAULT_NOW, EntraSimulator } from "../offline/simulator";
import { parseTenantFixture } from "../offline/simulator/tenantFixture";
import { T } from "./helpers/planQueries";

const ROOT = path.resolve(__dirname, "..");
const HTTP_APP_ID = "d2ebd3a9-1ada-4480-8b2d-eac162716601";
const PP_APP_ID = "8578e004-a5c6-46e7-913e-12f58912df43";
const dev = loadStackConfigFiles(ROOT, "dev").config;
/** The dev stack without createServicePrincipals: a fresh stack that names neither principal. */
const FRESH = { "entra-connectors:createServicePrincipals": [] };
const errors = (p: Plan) => p.findings.filter((f) => f.severity === "error");
const ensured = (p: Plan) => p.findings.filter((f) => f.rule === "ensured-service-principal");
const principals = (p: Plan) =>
    p.resources.filter((r) => r.type === T.sp && [HTTP_APP_ID, PP_APP_ID].includes(String(r.inputs.clientId)));

describe("ensured Microsoft service principals", function () {
    this.timeout(30_000);

    it("the dev stack file itself still lists createServicePrincipals (stacks from before keep working)", () => {
        expect(JSON.parse(dev["entra-connectors:createServicePrincipals"])).to.deep.equal([
            "powerPlatformApi",
            "httpWithEntraId",
        ]);
    });

    it("a fresh stack with grants and Power Platform API clients plans without createServicePrincipals: both principals are created, retained", async () => {
        const p = await runOffline({ projectDir: ROOT, stack: "dev", configOverrides: FRESH });
        expect(errors(p), JSON.stringify(errors(p), null, 2)).to.deep.equal([]);
        const sps = principals(p);
        expect(
            sps.map((r) => [r.name, r.inputs.clientId, r.retainOnDelete, "useExisting" in r.inputs]).sort(),
        ).to.deep.equal([
            ["first-party-sp-httpWithEntraId", HTTP_APP_ID, true, false],
            ["first-party-sp-powerPlatformApi", PP_APP_ID, true, false],
        ]);
        // The plan says which it assumed, once per principal, and how a fixture decides.
        expect(
            ensured(p).map((f) => [
                f.severity,
                f.message.includes("so the stack creates it"),
                f.message.includes("--tenant"),
            ]),
        ).to.deep.equal([
            ["info", true, true],
            ["info", true, true],
        ]);
        // One cause, one message: nothing about grants pointing at a missing principal.
        expect(
            p.findings.filter(
                (f) => f.rule === "service-principal-reference" || f.rule === "service-principal-missing",
            ),
        ).to.deep.equal([]);
    });

    it("with a --tenant fixture that has both principals, they are looked up, never declared (so never reset or created twice)", async () => {
        const tenant = parseTenantFixture({
            servicePrincipals: [
                { appId: HTTP_APP_ID, objectId: "7c5a2e3f-9b4d-4f60-8e1c-2d3b4c5e6f70", accountEnabled: false },
                { appId: PP_APP_ID, objectId: "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6" },
            ],
        });
        const p = await runOffline({ projectDir: ROOT, stack: "dev", configOverrides: FRESH, tenant });
        expect(errors(p), JSON.stringify(errors(p), null, 2)).to.deep.equal([]);
        expect(principals(p)).to.deep.equal([]);
        expect(ensured(p).map((f) => f.message.includes("the tenant has its service principal"))).to.deep.equal([
            true,
            true,
        ]);
        const grant = p.resources.find((r) => r.name === "http-with-entra-id-microsoftgraph-all-users-consent-grant")!;
        expect(grant.inputs.servicePrincipalObjectId).to.equal("7c5a2e3f-9b4d-4f60-8e1c-2d3b4c5e6f70");
    });

    it("getServicePrincipals without ignoreMissing fails like the provider; with it, a missing app is skipped", () => {
        const sim = new EntraSimulator({ tenantId: "3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45", now: DEFAULT_NOW });
        const token = "azuread:index/getServicePrincipals:getServicePrincipals";
        expect(sim.call(token, { clientIds: [PP_APP_ID], ignoreMissing: true }).objectIds).to.deep.equal([]);
        expect(sim.findings.map((f) => `${f.severity} ${f.rule}`)).to.deep.equal(["info ensured-service-principal"]);
        sim.call(token, { clientIds: [PP_APP_ID] });
        expect(sim.findings.map((f) => `${f.severity} ${f.rule}`)).to.deep.equal([
            "info ensured-service-principal",
            "error service-principal-missing",
        ]);
        expect(sim.findings[1]!.message).to.include("Service principal not found with application ID");
    });

    it("a principal the lookup reports missing is one message: the grant that uses its id adds none", () => {
        const sim = new EntraSimulator({ tenantId: "3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45", now: DEFAULT_NOW });
        const missing = sim.call("azuread:index/getServicePrincipal:getServicePrincipal", {
            clientId: "11111111-2222-4333-8444-555555555555",
        });
        const graph = sim.call("azuread:index/getServicePrincipal:getServicePrincipal", {
            clientId: "00000003-0000-0000-c000-000000000000",
        });
        const type = "azuread:index/servicePrincipalDelegatedPermissionGrant:ServicePrincipalDelegatedPermissionGrant";
        const inputs = {
            servicePrincipalObjectId: missing.objectId,
            resourceServicePrincipalObjectId: graph.objectId,
            claimValues: ["User.Read"],
        };
        sim.newResource({ type, name: "g", urn: `urn:pulumi:dev::p::${type}::g`, inputs }, true);
        expect(sim.findings.map((f) => f.rule)).to.deep.equal(["service-principal-missing"]);
    });
});
