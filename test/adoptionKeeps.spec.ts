// What adoption keeps and what it owns: an adopted app registration and service principal keep the fields config
// does not declare (ignoreChanges), the plan's drift findings cover every field an import would update, and an
// adopted grant that leaves the config (it stays in the tenant) is a warning with the step that revokes it.
import { expect } from "chai";
import { ADOPTED_APPLICATION_KEPT_INPUTS, adoptedApplicationIgnoreChanges } from "../components/appRegistration";
import { Plan, runOffline } from "../offline/plan/runOffline";
import { DEFAULT_NOW, EntraSimulator } from "../offline/simulator";
import { parseTenantFixture } from "../offline/simulator/tenantFixture";
import { RESOURCES } from "../offline/simulator/providerFacts.generated";
import { devConnectors, devFiles, projectDir } from "./helpers/devStackConfig";

const APP_OID = "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d";
const APP_CLIENT = "8e7d6c5b-4a39-4281-b0c9-d8e7f6a5b4c3";
const SP_OID = "4d5e6f70-8192-4a3b-9c4d-5e6f708192a3";
const APP_TYPE = "azuread:index/applicationRegistration:ApplicationRegistration";
const SP_TYPE = "azuread:index/servicePrincipal:ServicePrincipal";

/** A connector app an admin registered and configured in the portal: description, notes, claims, URLs, a disabled, gated principal. */
const ADMIN_SET = {
    description: "Registered by hand for the ARM connector",
    notes: "Owner: platform team; ticket 4711",
    groupMembershipClaims: ["SecurityGroup"],
    requestedAccessTokenVersion: 1,
    homepageUrl: "https://contoso.example/arm",
    supportUrl: "https://contoso.example/support",
};
const tenant = parseTenantFixture({
    applications: [
        { objectId: APP_OID, clientId: APP_CLIENT, displayName: "Azure Resource Manager (portal)", ...ADMIN_SET },
    ],
    servicePrincipals: [
        {
            appId: APP_CLIENT,
            objectId: SP_OID,
            accountEnabled: false,
            appRoleAssignmentRequired: true,
            tags: ["HideApp"],
        },
    ],
});

function adoptArm(): Promise<Plan> {
    const connectors = devConnectors();
    connectors.arm.adopt = { applicationObjectId: APP_OID, servicePrincipalObjectId: SP_OID };
    return runOffline({
        projectDir,
        stack: "dev",
        tenant,
        configOverrides: { "entra-connectors:connectors": connectors },
    });
}

describe("adoption keeps what config does not own", function () {
    this.timeout(30_000);

    it("the kept app registration inputs are inputs of the provider's schema, and never what the library always declares", () => {
        const inputs = Object.keys(RESOURCES[APP_TYPE]!.inputs);
        expect(inputs).to.include.members([...ADOPTED_APPLICATION_KEPT_INPUTS]);
        for (const owned of [
            "displayName",
            "signInAudience",
            "implicitAccessTokenIssuanceEnabled",
            "implicitIdTokenIssuanceEnabled",
        ])
            expect(ADOPTED_APPLICATION_KEPT_INPUTS).not.to.include(owned);
        // What a component declares is owned: a Power Platform API client's notes, an API's token version.
        expect(adoptedApplicationIgnoreChanges({ displayName: "x", notes: "why" })).not.to.include("notes");
        expect(adoptedApplicationIgnoreChanges({ displayName: "x", requestedAccessTokenVersion: 2 })).not.to.include(
            "requestedAccessTokenVersion",
        );
        expect(adoptedApplicationIgnoreChanges({ displayName: "x" })).to.deep.equal([
            ...ADOPTED_APPLICATION_KEPT_INPUTS,
        ]);
    });

    it("an adopted connector app keeps the admin's description, notes, claims and URLs; its principal stays disabled and gated", async () => {
        const p = await adoptArm();
        expect(p.findings.filter((f) => f.severity === "error")).to.deep.equal([]);
        const app = p.resources.find((r) => r.name === "connector-arm-app")!;
        const sp = p.resources.find((r) => r.name === "connector-arm-sp")!;
        expect(app.ignoreChanges).to.include.members(Object.keys(ADMIN_SET));
        expect(app.ignoreChanges).not.to.include("displayName");
        expect(app.import).to.deep.equal({ id: `/applications/${APP_OID}`, updates: ["displayName"] });
        expect(sp.ignoreChanges).to.include.members(["accountEnabled", "appRoleAssignmentRequired", "tags", "owners"]);
        expect(sp.import).to.deep.equal({ id: `/servicePrincipals/${SP_OID}`, updates: [] });
        // The one drift is the field config owns.
        const drift = p.findings.filter((f) => f.rule === "adopted-drift");
        expect(drift.map((f) => f.urn)).to.deep.equal([app.urn]);
        expect(drift[0]!.message).to.include(
            'displayName "Azure Resource Manager (portal)" -> "Azure Resource Manager Connector (dev)"',
        );
        // A connector the stack creates keeps nothing: config owns all of it.
        expect(p.resources.find((r) => r.name === "connector-graph-me-app")!.ignoreChanges).to.equal(undefined);
    });

    it("drift findings name every field an import would update, not only the display name", () => {
        const sim = new EntraSimulator({ tenantId: "3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45", now: DEFAULT_NOW, tenant });
        const result = sim.newResource(
            {
                type: APP_TYPE,
                name: "a-app",
                urn: `urn:pulumi:dev::p::${APP_TYPE}::a-app`,
                inputs: {
                    displayName: "Azure Resource Manager (portal)",
                    signInAudience: "AzureADMyOrg",
                    notes: "managed by the stack",
                },
                importId: `/applications/${APP_OID}`,
                ignoreChanges: ["homepageUrl"],
            },
            true,
        );
        expect(result.importUpdates).to.deep.equal([
            "description",
            "notes",
            "groupMembershipClaims",
            "requestedAccessTokenVersion",
            "supportUrl",
        ]);
        expect(sim.findings.map((f) => `${f.severity} ${f.rule}`)).to.deep.equal(["warning adopted-drift"]);
        const message = sim.findings[0]!.message;
        expect(message).to.include(`description "${ADMIN_SET.description}" -> (cleared)`);
        expect(message).to.include(`notes "${ADMIN_SET.notes}" -> "managed by the stack"`);
        expect(message).to.include('groupMembershipClaims ["SecurityGroup"] -> (cleared)');
        expect(message).not.to.include("homepageUrl");
    });

    it("an undeclared input with a provider default is drift to that default (requestedAccessTokenVersion 1 -> 2)", () => {
        const sim = new EntraSimulator({ tenantId: "3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45", now: DEFAULT_NOW, tenant });
        const result = sim.newResource(
            {
                type: APP_TYPE,
                name: "a-app",
                urn: `urn:pulumi:dev::p::${APP_TYPE}::a-app`,
                inputs: { displayName: "Azure Resource Manager (portal)" },
                importId: `/applications/${APP_OID}`,
                ignoreChanges: ["description", "notes", "groupMembershipClaims", "homepageUrl", "supportUrl"],
            },
            true,
        );
        expect(result.importUpdates).to.deep.equal(["requestedAccessTokenVersion"]);
        expect(sim.findings[0]!.message).to.include("requestedAccessTokenVersion 1 -> 2");
    });

    it("an adopted principal's admin settings under ignoreChanges are no drift; without it they are", () => {
        for (const [ignoreChanges, updates] of [
            [["accountEnabled", "appRoleAssignmentRequired", "tags"], []],
            [[], ["accountEnabled", "appRoleAssignmentRequired", "tags"]],
        ] as const) {
            const sim = new EntraSimulator({
                tenantId: "3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45",
                now: DEFAULT_NOW,
                tenant,
            });
            const result = sim.newResource(
                {
                    type: SP_TYPE,
                    name: "a-sp",
                    urn: `urn:pulumi:dev::p::${SP_TYPE}::a-sp`,
                    inputs: { clientId: APP_CLIENT },
                    importId: `/servicePrincipals/${SP_OID}`,
                    ignoreChanges: [...ignoreChanges],
                },
                true,
            );
            expect(result.importUpdates, JSON.stringify(ignoreChanges)).to.deep.equal(updates);
        }
    });
});

describe("an adopted grant that leaves the config", function () {
    this.timeout(60_000);
    const GRANT_ID = "Lh1PazyKX06dCxwqO01ebwwdLj-Km2VHhDIQ_ty6mHY";
    const PILOT = "4c2e8f1a-3b5d-4e6f-9a7b-8c9d0e1f2a3b";
    const grants = JSON.parse(devFiles().config["entra-connectors:httpWithEntraId"]).grants as Array<
        Record<string, unknown>
    >;
    const fixture = parseTenantFixture({
        servicePrincipals: [
            { appId: "d2ebd3a9-1ada-4480-8b2d-eac162716601", objectId: "6b4f1d2e-8a3c-4e5f-9d0b-1c2a3b4d5e6f" },
        ],
        grants: [
            {
                id: GRANT_ID,
                clientAppId: "d2ebd3a9-1ada-4480-8b2d-eac162716601",
                resourceAppId: "00000003-0000-0000-c000-000000000000",
                scopes: ["Calendars.Read", "User.Read"],
            },
        ],
    });
    const run = (list: Array<Record<string, unknown>>, previous?: Plan) =>
        runOffline({
            projectDir,
            stack: "dev",
            tenant: fixture,
            previous,
            configOverrides: {
                "entra-connectors:httpWithEntraId": { grants: list },
                "entra-connectors:createServicePrincipals": [],
            },
        });

    it("narrowing the adopted all-users grant to one user warns that the tenant-wide consent stays, with its id and the revoke step", async () => {
        const first = await run([{ ...grants[0], adopt: { grantId: GRANT_ID } }, ...grants.slice(1)]);
        expect(first.findings.filter((f) => f.severity === "error")).to.deep.equal([]);
        const narrowed = grants.map((g) => (g.resource === "microsoftGraph" ? { ...g, consent: { user: PILOT } } : g));
        const second = await run(narrowed, first);
        const left = second.findings.filter((f) => f.rule === "adopted-grant-left");
        expect(left.map((f) => [f.severity, f.urn.split("::").pop()])).to.deep.equal([
            ["warning", "http-with-entra-id-microsoftgraph-all-users-consent-grant"],
        ]);
        expect(left[0]!.message)
            .to.include(`the adopted grant ${GRANT_ID} left the config`)
            .and.include("Calendars.Read User.Read for all users");
        expect(left[0]!.message).to.include(
            `az rest --method DELETE --url https://graph.microsoft.com/v1.0/oauth2PermissionGrants/${GRANT_ID}`,
        );
        // The plan also runs from the installed package, which ships no docs/: the warning cites Learn instead.
        expect(left[0]!.message).to.not.match(/docs\//);
        expect(left[0]!.message).to.include("https://learn.microsoft.com/en-us/graph/api/oauth2permissiongrant-delete");
    });

    it("a grant the stack created that leaves the config is revoked by pulumi up: no warning", async () => {
        const first = await run(grants);
        const second = await run(
            grants.filter((g) => g.resource !== "orders"),
            first,
        );
        expect(second.findings.filter((f) => f.rule === "adopted-grant-left")).to.deep.equal([]);
    });
});
