// Config rules for real tenants: HTTP with Microsoft Entra ID grants to SharePoint and Dataverse carry the tenant's
// URL ({ wellKnown, resourceUrl }, as connectors do), and one existing app is adopted by one entry only.
import { expect } from "chai";
import { ConfigError, ConfigProblem, parseStackConfig } from "../config";
import { runOffline } from "../offline/plan/runOffline";
import { devFiles, projectDir } from "./helpers/devStackConfig";

const NS = "entra-connectors";
type Any = Record<string, any>;

/** The dev stack's config with `change` applied to its decoded values, as raw config. */
function rawWith(change: (c: Any) => void): Record<string, string> {
    const files = devFiles();
    const decoded: Any = {};
    for (const [k, v] of Object.entries(files.config)) {
        try {
            decoded[k] = JSON.parse(v);
        } catch {
            decoded[k] = v;
        }
    }
    change(decoded);
    return Object.fromEntries(
        Object.entries(decoded).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
    );
}

function problemsOf(change: (c: Any) => void): ConfigProblem[] {
    try {
        parseStackConfig(rawWith(change), devFiles().secretKeys);
    } catch (e) {
        if (e instanceof ConfigError) return [...e.problems];
        throw e;
    }
    return [];
}

const grant = (resource: unknown) => (c: Any) =>
    c[`${NS}:httpWithEntraId`].grants.push({ resource, scopes: ["AllSites.Read"], consent: "allUsers" });
const dataverseGrant = (resource: unknown) => (c: Any) =>
    c[`${NS}:httpWithEntraId`].grants.push({ resource, scopes: ["user_impersonation"] });

describe("HTTP with Microsoft Entra ID grants to SharePoint and Dataverse", () => {
    it("accept { wellKnown, resourceUrl } as connectors do", () => {
        expect(
            problemsOf(grant({ wellKnown: "sharePointOnline", resourceUrl: "https://contoso.sharepoint.com" })),
        ).to.deep.equal([]);
        expect(
            problemsOf(dataverseGrant({ wellKnown: "dataverse", resourceUrl: "https://contoso.crm.dynamics.com" })),
        ).to.deep.equal([]);
    });

    it("require the tenant's URL where the API has no fixed one, naming the key, an example and the fix", () => {
        const problems = problemsOf(grant("sharePointOnline"));
        expect(problems.map((p) => p.path)).to.deep.equal([`${NS}:httpWithEntraId.grants[3].resource`]);
        expect(problems[0]!.message).to.include("https://contoso.sharepoint.com").and.include("Fix:");
        expect(problemsOf(dataverseGrant({ wellKnown: "dataverse" })).map((p) => p.path)).to.deep.equal([
            `${NS}:httpWithEntraId.grants[3].resource`,
        ]);
        expect(
            problemsOf(grant({ wellKnown: "sharePointOnline", resourceUrl: "contoso" })).map((p) => p.path),
        ).to.deep.equal([`${NS}:httpWithEntraId.grants[3].resource.resourceUrl`]);
    });

    it("the plan's grant output (and so the next step) carries the URL, never the app id", async function () {
        this.timeout(30_000);
        const raw = rawWith(grant({ wellKnown: "sharePointOnline", resourceUrl: "https://contoso.sharepoint.com" }));
        const overrides = { [`${NS}:httpWithEntraId`]: JSON.parse(raw[`${NS}:httpWithEntraId`]!) };
        const p = await runOffline({ projectDir, stack: "dev", configOverrides: overrides });
        const outputs = Object.values(p.outputs.httpWithEntraId as Any) as Any[];
        const sharePoint = outputs.find((o) => o.resourceName === "Office 365 SharePoint Online")!;
        expect(sharePoint.resourceUri).to.equal("https://contoso.sharepoint.com");
        expect(JSON.stringify(p.outputs.nextSteps)).not.to.include("00000003-0000-0ff1-ce00-000000000000");
    });
});

describe("one existing object, one adopting entry", () => {
    const APP = "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d";
    it("refuses an app registration adopted by two entries at the second adopt.applicationObjectId", () => {
        const problems = problemsOf((c) => {
            c[`${NS}:apis`].orders.adopt = { applicationObjectId: APP };
            c[`${NS}:connectors`].arm.adopt = { applicationObjectId: APP.toUpperCase() };
        });
        expect(problems.map((p) => p.path)).to.deep.equal([`${NS}:connectors.arm.adopt.applicationObjectId`]);
        expect(problems[0]!.message).to.include(`${NS}:apis.orders.adopt.applicationObjectId`).and.include("Fix:");
    });

    it("refuses a service principal adopted twice too", () => {
        const SP = "4d5e6f70-8192-4a3b-9c4d-5e6f708192a3";
        const problems = problemsOf((c) => {
            c[`${NS}:connectors`].arm.adopt = { applicationObjectId: APP, servicePrincipalObjectId: SP };
            c[`${NS}:connectors`].orders.adopt = {
                applicationObjectId: "3b4c5d6e-7f80-4a9b-8c0d-1e2f3a4b5c6e",
                servicePrincipalObjectId: SP,
            };
        });
        expect(problems.map((p) => p.path)).to.deep.equal([`${NS}:connectors.orders.adopt.servicePrincipalObjectId`]);
    });
});

describe("renaming an API keeps its HTTP with Microsoft Entra ID grants", () => {
    it("with previousName the grant keeps its component and resource names (no second grant, no 409)", async function () {
        this.timeout(30_000);
        const raw = rawWith((c) => {
            const apis = c[`${NS}:apis`];
            apis["orders-v2"] = { ...apis.orders, previousName: "orders" };
            delete apis.orders;
            for (const connector of Object.values(c[`${NS}:connectors`]) as Any[]) {
                if (connector.resource?.api === "orders") connector.resource = { api: "orders-v2" };
            }
            for (const g of c[`${NS}:httpWithEntraId`].grants) if (g.resource === "orders") g.resource = "orders-v2";
        });
        const keys = [`${NS}:apis`, `${NS}:connectors`, `${NS}:httpWithEntraId`];
        const overrides = Object.fromEntries(keys.map((k) => [k, JSON.parse(raw[k]!)]));
        const p = await runOffline({ projectDir, stack: "dev", configOverrides: overrides });
        expect(p.findings.filter((f) => f.severity === "error")).to.deep.equal([]);
        const grants = p.resources.filter((r) => r.name.startsWith("http-with-entra-id-orders")).map((r) => r.name);
        expect(grants).to.include("http-with-entra-id-orders-4c2e8f1a-3b5d-4e6f-9a7b-8c9d0e1f2a3b-consent-grant");
        expect(p.resources.filter((r) => r.name.startsWith("http-with-entra-id-orders-v2"))).to.deep.equal([]);
    });
});
