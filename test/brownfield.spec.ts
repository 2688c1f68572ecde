// Brownfield tenants: the dev stack planned against tenant fixtures (test/fixtures/tenants/) that hold
// existing grants, an auto-owning deployer, admin-changed principals and portal-made apps; plus the adopt keys.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import { planCommand } from "../offline/plan/planCli";
import { planText } from "../offline/plan/planText";
import { RecordedResource } from "../offline/simulator/recordingMonitor";
import { Plan, runOffline } from "../offline/plan/runOffline";
import { loadStackConfigFiles } from "../offline/plan/stackFiles";
import { loadTenantFixture } from "../offline/plan/tenantFile";
import { parseTenantFixture, TenantFixtureError } from "../offline/simulator/tenantFixture";
import { T } from "./helpers/planQueries";
import { plannedStack } from "./helpers/plannedStacks";

const ROOT = path.resolve(__dirname, "..");
const TENANTS = path.join(__dirname, "fixtures", "tenants");
const HTTP_APP_ID = "d2ebd3a9-1ada-4480-8b2d-eac162716601";
const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
const EXISTING_GRANT_ID = "Lh1PazyKX06dCxwqO01ebwwdLj-Km2VHhDIQ_ty6mHY";
const dev = loadStackConfigFiles(ROOT, "dev").config;
const DEV_GRANTS: Array<Record<string, unknown>> = JSON.parse(dev["entra-connectors:httpWithEntraId"]).grants;
const DEV_OWNERS: string[] = JSON.parse(dev["entra-connectors:owners"]);

type Any = Record<string, any>;
const inputs = (r: RecordedResource): Any => r.inputs;

function plan(tenant: string, configOverrides: Record<string, unknown> = {}): Promise<Plan> {
    return runOffline({ projectDir: ROOT, stack: "dev", tenant: path.join(TENANTS, tenant), configOverrides });
}

const errors = (p: Plan) => p.findings.filter((f) => f.severity === "error");
const ofRule = (p: Plan, rule: string) => p.findings.filter((f) => f.rule === rule);

/** The dev stack's HTTP with Entra ID grants, with changes to the first (the merged Graph all-users pair). */
function grantsWith(first: Record<string, unknown>, ...extra: Array<Record<string, unknown>>) {
    return {
        "entra-connectors:httpWithEntraId": {
            grants: [{ ...DEV_GRANTS[0], ...first }, ...DEV_GRANTS.slice(1), ...extra],
        },
    };
}

/** The tenant has the HTTP with Entra ID principal: the stack creates only the Power Platform API one. */
const HTTP_APP_EXISTS = { "entra-connectors:createServicePrincipals": ["powerPlatformApi"] };

describe("brownfield tenants", function () {
    this.timeout(30_000);

    describe("(a) ManagePermissionGrant.ps1 already granted Graph scopes to the HTTP with Entra ID app", () => {
        it("without adoption the plan fails like Graph (409) and names the grant and the config key that adopts it", async () => {
            const p = await plan("managePermissionGrant.yaml", HTTP_APP_EXISTS);
            const found = ofRule(p, "grant-exists");
            expect(errors(p), JSON.stringify(p.findings, null, 2)).to.deep.equal(found);
            expect(found).to.have.length(1);
            expect(found[0].urn).to.match(/::http-with-entra-id-microsoftgraph-all-users-consent-grant$/);
            expect(found[0].message).to.include("409").and.include(EXISTING_GRANT_ID);
            expect(found[0].message).to.include(
                `Fix: set entra-connectors:httpWithEntraId.grants[0].adopt.grantId to "${EXISTING_GRANT_ID}"`,
            );
        });

        it("with the grant's id in config it plans an import with the union of scopes, retained on destroy", async () => {
            const p = await plan("managePermissionGrant.yaml", {
                ...HTTP_APP_EXISTS,
                // The scopes the script granted are listed too (a third entry, merged into the same grant).
                ...grantsWith(
                    { adopt: { grantId: EXISTING_GRANT_ID } },
                    { resource: "microsoftGraph", scopes: ["Mail.Read"], consent: "allUsers" },
                ),
            });
            expect(errors(p), JSON.stringify(p.findings, null, 2)).to.deep.equal([]);
            const grant = p.resources.find(
                (r) => r.name === "http-with-entra-id-microsoftgraph-all-users-consent-grant",
            )!;
            expect(grant.import).to.deep.equal({
                id: `/oauth2PermissionGrants/${EXISTING_GRANT_ID}`,
                updates: ["claimValues"],
            });
            expect(inputs(grant).claimValues).to.deep.equal(["Calendars.Read", "Mail.Read", "User.Read"]);
            expect(grant.retainOnDelete).to.equal(true);
            expect(grant.outputs.id).to.equal(`/oauth2PermissionGrants/${EXISTING_GRANT_ID}`);
            // Nothing is revoked; what the import adds is an info finding.
            expect(
                ofRule(p, "adopted-drift").map((f) => [f.severity, f.message.includes("adds Calendars.Read")]),
            ).to.deep.equal([["info", true]]);
            expect(planText(p)).to.match(
                new RegExp(
                    `\\n {6}= ServicePrincipalDelegatedPermissionGrant http-with-entra-id-microsoftgraph-all-users-consent-grant \\(import /oauth2PermissionGrants/${EXISTING_GRANT_ID}\\) \\[retainOnDelete\\]`,
                ),
            );
            // The client is the tenant's principal, looked up, not a managed (and resettable) resource.
            expect(inputs(grant).servicePrincipalObjectId).to.equal("6b4f1d2e-8a3c-4e5f-9d0b-1c2a3b4d5e6f");
        });

        it("the next up (continuing from the first's state) manages the adopted grant: no second import, same id", async () => {
            const overrides = {
                ...HTTP_APP_EXISTS,
                ...grantsWith(
                    { adopt: { grantId: EXISTING_GRANT_ID } },
                    { resource: "microsoftGraph", scopes: ["Mail.Read"], consent: "allUsers" },
                ),
            };
            const first = await plan("managePermissionGrant.yaml", overrides);
            const second = await runOffline({
                projectDir: ROOT,
                stack: "dev",
                tenant: path.join(TENANTS, "managePermissionGrant.yaml"),
                configOverrides: overrides,
                previous: first,
            });
            const name = "http-with-entra-id-microsoftgraph-all-users-consent-grant";
            expect(first.resources.find((r) => r.name === name)!.import).not.to.equal(undefined);
            const again = second.resources.find((r) => r.name === name)!;
            expect(again.import).to.equal(undefined);
            expect(again.outputs.id).to.equal(`/oauth2PermissionGrants/${EXISTING_GRANT_ID}`);
            expect(again.retainOnDelete).to.equal(true);
        });

        it("warns when adopting would revoke scopes granted outside the stack that config leaves out", async () => {
            const p = await plan("managePermissionGrant.yaml", {
                ...HTTP_APP_EXISTS,
                ...grantsWith({ adopt: { grantId: EXISTING_GRANT_ID } }),
            });
            expect(errors(p)).to.deep.equal([]);
            const revoke = ofRule(p, "adopted-drift").filter((f) => f.severity === "warning");
            expect(revoke).to.have.length(1);
            expect(revoke[0].message).to.include("revokes Mail.Read");
        });

        it("an import id the tenant does not have is an error naming the key", async () => {
            const p = await plan("managePermissionGrant.yaml", {
                ...HTTP_APP_EXISTS,
                ...grantsWith({ adopt: { grantId: "NoSuchGrantAAAAAAAAAAAAAAAAAAAAAA" } }),
            });
            const missing = ofRule(p, "import-missing");
            expect(missing).to.have.length(1);
            expect(missing[0].message)
                .to.include("NoSuchGrant")
                .and.include("entra-connectors:httpWithEntraId.grants[0].adopt.grantId");
        });

        it("listing a principal the tenant has in createServicePrincipals is the provider's 'already exists', naming the key", async () => {
            const p = await plan("managePermissionGrant.yaml");
            const exists = ofRule(p, "service-principal-exists");
            expect(exists).to.have.length(1);
            expect(exists[0].urn).to.match(/::first-party-sp-httpWithEntraId$/);
            expect(exists[0].message).to.include("remove it from entra-connectors:createServicePrincipals");
        });

        it("only an adopted HTTP with Entra ID grant is retained: consent the stack created leaves with the config that asked for it", async () => {
            const p = await plannedStack("dev");
            const grants = p.resources.filter((r) => r.type === T.grant && r.name.startsWith("http-with-entra-id-"));
            expect(grants).to.have.length(2);
            for (const g of grants) expect(g.retainOnDelete, g.name).to.equal(false);
            const adopted = await plan("managePermissionGrant.yaml", {
                ...HTTP_APP_EXISTS,
                ...grantsWith({ adopt: { grantId: EXISTING_GRANT_ID } }),
            });
            const kept = adopted.resources.filter(
                (r) => r.type === T.grant && r.name.startsWith("http-with-entra-id-") && r.retainOnDelete,
            );
            expect(kept.map((r) => r.name)).to.deep.equal([
                "http-with-entra-id-microsoftgraph-all-users-consent-grant",
            ]);
            // A connector's own consent goes with its app (its service principal is deleted too).
            const own = p.resources.filter((r) => r.type === T.grant && r.name.startsWith("connector-"));
            expect(own.length).to.be.greaterThan(0);
            for (const g of own) expect(g.retainOnDelete, g.name).to.equal(false);
        });
    });

    describe("(b) an Application.ReadWrite.OwnedBy deployer that Entra auto-owns", () => {
        it("with the default (explicit) ownership every deployer ApplicationOwner is the provider's 'already exists', naming deployerOwnership", async () => {
            const p = await plan("ownedByDeployer.yaml");
            const conflicts = ofRule(p, "owner-exists");
            const deployerOwners = p.resources.filter((r) => r.type === T.owner && r.name.endsWith("-owner-deployer"));
            expect(deployerOwners.length).to.be.greaterThan(0);
            expect(conflicts.map((f) => f.urn).sort()).to.deep.equal(deployerOwners.map((r) => r.urn).sort());
            expect(conflicts[0].message).to.include(
                "already exists - to be managed via Terraform this resource needs to be imported",
            );
            expect(conflicts[0].message).to.include('Fix: set entra-connectors:deployerOwnership to "automatic"');
        });

        it("with deployerOwnership: automatic there is no deployer owner conflict, but every extra owner is an error at owners (Graph answers 403)", async () => {
            const p = await plan("ownedByDeployer.yaml", { "entra-connectors:deployerOwnership": "automatic" });
            const owners = p.resources.filter((r) => r.type === T.owner);
            expect(owners.filter((r) => r.name.endsWith("-owner-deployer"))).to.deep.equal([]);
            const apps = p.resources.filter((r) => r.type === T.app);
            expect(owners).to.have.length(apps.length * DEV_OWNERS.length);
            expect(errors(p), JSON.stringify(errors(p), null, 2)).to.deep.equal(ofRule(p, "owner-needs-readwrite-all"));
            expect(errors(p)).to.have.length(owners.length);
            for (const f of errors(p))
                expect(f.message)
                    .to.match(/^entra-connectors:owners: /)
                    .and.include("403")
                    .and.include("Fix: remove");
            for (const o of owners) expect(DEV_OWNERS).to.include(inputs(o).ownerObjectId);
        });

        it("with deployerOwnership: automatic and no extra owners an OwnedBy deployer plans cleanly", async () => {
            const p = await plan("ownedByDeployer.yaml", {
                "entra-connectors:deployerOwnership": "automatic",
                "entra-connectors:owners": [],
            });
            expect(errors(p), JSON.stringify(errors(p), null, 2)).to.deep.equal([]);
        });

        it("an Application.ReadWrite.All deployer (empty tenant) keeps its explicit owner and gets no warning", async () => {
            const p = await plannedStack("dev");
            expect(p.resources.filter((r) => r.type === T.owner && r.name.endsWith("-owner-deployer")).length).to.equal(
                p.resources.filter((r) => r.type === T.app).length,
            );
            expect(ofRule(p, "owner-exists")).to.deep.equal([]);
            expect(ofRule(p, "owner-needs-readwrite-all")).to.deep.equal([]);
        });
    });

    describe("(c) an admin disabled the HTTP with Entra ID principal and required assignment", () => {
        it("the plan looks the principal up and never manages (so never re-enables) it", async () => {
            const p = await plan("disabledHttpApp.yaml", HTTP_APP_EXISTS);
            expect(errors(p)).to.deep.equal([]);
            expect(p.findings.filter((f) => /accountEnabled|useExisting/.test(f.message))).to.deep.equal([]);
            expect(p.resources.filter((r) => r.type === T.sp && inputs(r).clientId === HTTP_APP_ID)).to.deep.equal([]);
            expect(p.resources.filter((r) => inputs(r).useExisting !== undefined)).to.deep.equal([]);
            const grants = p.resources.filter((r) => r.type === T.grant && r.name.startsWith("http-with-entra-id-"));
            expect(grants).to.have.length(2);
            for (const g of grants)
                expect(inputs(g).servicePrincipalObjectId).to.equal("7c5a2e3f-9b4d-4f60-8e1c-2d3b4c5e6f70");
        });

        it("the Graph principal (always in a tenant) is looked up, not managed", async () => {
            const p = await plan("disabledHttpApp.yaml", HTTP_APP_EXISTS);
            expect(p.resources.filter((r) => r.type === T.sp && inputs(r).clientId === GRAPH_APP_ID)).to.deep.equal([]);
        });
    });

    describe("adopting a portal-made connector app", () => {
        const adopt = (extra: Record<string, unknown> = {}) => {
            const connectors = JSON.parse(dev["entra-connectors:connectors"]);
            connectors.arm.adopt = {
                applicationObjectId: "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d",
                servicePrincipalObjectId: "4d5e6f70-8192-4a3b-9c4d-5e6f708192a3",
                ...extra,
            };
            return { "entra-connectors:connectors": connectors };
        };

        it("imports the registration and its service principal, keeps the client id, shows the display name drift", async () => {
            const p = await plan("adoptedConnector.yaml", adopt());
            expect(errors(p), JSON.stringify(errors(p), null, 2)).to.deep.equal([]);
            const app = p.resources.find((r) => r.name === "connector-arm-app")!;
            const sp = p.resources.find((r) => r.name === "connector-arm-sp")!;
            expect(app.import).to.deep.equal({
                id: "/applications/2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d",
                updates: ["displayName"],
            });
            expect(sp.import).to.deep.equal({
                id: "/servicePrincipals/4d5e6f70-8192-4a3b-9c4d-5e6f708192a3",
                updates: [],
            });
            expect(app.retainOnDelete && sp.retainOnDelete).to.equal(true);
            expect(app.outputs.clientId).to.equal("8e7d6c5b-4a39-4281-b0c9-d8e7f6a5b4c3");
            expect((p.outputs.connectors as Any).arm.clientId).to.equal("8e7d6c5b-4a39-4281-b0c9-d8e7f6a5b4c3");
            expect(ofRule(p, "adopted-drift").map((f) => f.urn)).to.deep.equal([app.urn]);
        });

        it("without adopting the service principal, creating it is the provider's 'already exists', naming the key and the id", async () => {
            const connectors = adopt()["entra-connectors:connectors"] as Any;
            delete connectors.arm.adopt.servicePrincipalObjectId;
            const p = await plan("adoptedConnector.yaml", { "entra-connectors:connectors": connectors });
            const exists = ofRule(p, "service-principal-exists");
            expect(exists).to.have.length(1);
            expect(exists[0].message).to.include(
                "Fix: set entra-connectors:connectors.arm.adopt.servicePrincipalObjectId to 4d5e6f70-8192-4a3b-9c4d-5e6f708192a3",
            );
        });

        it("an app object id the tenant does not have is an error naming the key", async () => {
            const connectors = adopt()["entra-connectors:connectors"] as Any;
            connectors.arm.adopt = { applicationObjectId: "11111111-2222-4333-8444-555555555555" };
            const p = await plan("adoptedConnector.yaml", { "entra-connectors:connectors": connectors });
            const missing = ofRule(p, "import-missing");
            expect(missing.map((f) => f.urn.split("::").pop())).to.deep.equal(["connector-arm-app"]);
            expect(missing[0].message).to.include("entra-connectors:connectors.arm.adopt.applicationObjectId");
        });
    });

    describe("a brownfield stack without a fixture (CI)", () => {
        it("adopted ids are assumed to exist: the plan imports them with a warning per object naming --tenant, and no error", async () => {
            const connectors = JSON.parse(dev["entra-connectors:connectors"]);
            connectors.arm.adopt = {
                applicationObjectId: "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d",
                servicePrincipalObjectId: "4d5e6f70-8192-4a3b-9c4d-5e6f708192a3",
            };
            const p = await runOffline({
                projectDir: ROOT,
                stack: "dev",
                configOverrides: {
                    "entra-connectors:connectors": connectors,
                    ...grantsWith({ adopt: { grantId: EXISTING_GRANT_ID } }),
                },
            });
            expect(errors(p), JSON.stringify(errors(p), null, 2)).to.deep.equal([]);
            const assumed = ofRule(p, "adopted-assumed");
            expect(assumed.map((f) => f.urn.split("::").pop()).sort()).to.deep.equal([
                "connector-arm-app",
                "connector-arm-sp",
                "http-with-entra-id-microsoftgraph-all-users-consent-grant",
            ]);
            for (const f of assumed)
                (expect(f.severity).to.equal("warning"),
                    expect(f.message).to.include("simulated tenant is empty").and.include("--tenant"));
            expect(assumed.find((f) => f.urn.endsWith("connector-arm-app"))!.message).to.match(
                /^entra-connectors:connectors\.arm\.adopt\.applicationObjectId: /,
            );
            const app = p.resources.find((r) => r.name === "connector-arm-app")!;
            expect(app.import).to.deep.equal({ id: "/applications/2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d", updates: [] });
        });

        it("with a fixture, an id it lacks is still an error, which does not call the id wrong", async () => {
            const connectors = JSON.parse(dev["entra-connectors:connectors"]);
            connectors.arm.adopt = { applicationObjectId: "11111111-2222-4333-8444-555555555555" };
            const p = await plan("managePermissionGrant.yaml", {
                "entra-connectors:connectors": connectors,
                ...HTTP_APP_EXISTS,
            });
            const missing = ofRule(p, "import-missing");
            expect(missing).to.have.length(1);
            expect(missing[0].message)
                .to.include("add the app to the fixture's applications")
                .and.not.include("not the client id");
        });
    });

    describe("tenant fixtures and the plan command", () => {
        it("without a fixture the tenant is empty (Graph and Service Management only), as before", async () => {
            const p = await plannedStack("dev");
            expect(errors(p)).to.deep.equal([]);
            expect(p.resources.filter((r) => r.import !== undefined)).to.deep.equal([]);
        });

        it("`--tenant` plans against the file and fails, naming the config key; nothing is written", async () => {
            const out = fs.mkdtempSync(path.join(os.tmpdir(), "brownfield-"));
            const result = await planCommand(ROOT, {
                stack: "dev",
                out,
                tenant: path.join(TENANTS, "managePermissionGrant.yaml"),
            });
            expect(result.exitCode).to.equal(1);
            expect(result.text).to.include("entra-connectors:createServicePrincipals");
            expect(fs.readdirSync(out)).to.deep.equal([]);
            fs.rmSync(out, { recursive: true, force: true });
        });

        it("a fixture that is not valid is a clear error naming the path in the file", async () => {
            expect(() => parseTenantFixture({ grants: [{ id: "x" }] }, "t.yaml")).to.throw(
                TenantFixtureError,
                /grants\.0\.id/,
            );
            expect(() =>
                parseTenantFixture({
                    grants: [
                        {
                            id: EXISTING_GRANT_ID,
                            clientAppId: HTTP_APP_ID,
                            resourceAppId: GRAPH_APP_ID,
                            scopes: ["User.Read"],
                        },
                    ],
                }),
            ).to.throw(
                TenantFixtureError,
                /clientAppId d2ebd3a9-1ada-4480-8b2d-eac162716601 has no entry under servicePrincipals/,
            );
            const out = fs.mkdtempSync(path.join(os.tmpdir(), "brownfield-"));
            const result = await planCommand(ROOT, { stack: "dev", out, tenant: path.join(TENANTS, "missing.yaml") });
            fs.rmSync(out, { recursive: true, force: true });
            expect(result.exitCode).to.equal(1);
            expect(result.text).to.match(/--tenant ".*missing\.yaml": the file does not exist/);
        });

        it("every fixture under test/fixtures/tenants parses", () => {
            const files = fs.readdirSync(TENANTS).filter((f) => f.endsWith(".yaml"));
            expect(files.length).to.be.greaterThan(3);
            for (const f of files) expect(() => loadTenantFixture(path.join(TENANTS, f)), f).not.to.throw();
        });
    });
});
