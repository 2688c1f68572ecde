// What an API may expose: app roles only (a daemon API), the default scope kept for existing stacks, values Pulumi
// cannot carry, and API keys whose scope or role resources would get one name.
import { expect } from "chai";
import { ConfigError, parseStackConfig } from "../config";
import { runOffline } from "../offline/plan/runOffline";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";

const NS = "entra-connectors";
const TENANT = "3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45";
const ROLE = {
    value: "Jobs.Run",
    displayName: "Run jobs",
    description: "Lets a daemon run jobs.",
    allowedMemberTypes: ["Application"],
};

const raw = (apis: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    "azuread:tenantId": TENANT,
    [`${NS}:environment`]: "dev",
    [`${NS}:apis`]: JSON.stringify(apis),
    ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [`${NS}:${k}`, JSON.stringify(v)])),
});

function problems(
    apis: Record<string, unknown>,
    extra: Record<string, unknown> = {},
): { path: string; message: string }[] {
    try {
        parseStackConfig(raw(apis, extra));
    } catch (err) {
        expect(err).to.be.instanceOf(ConfigError);
        return [...(err as ConfigError).problems];
    }
    return [];
}

describe("what an API exposes", () => {
    it("an API with app roles only is valid and gets no scope it did not ask for", () => {
        const config = parseStackConfig(raw({ daemon: { displayName: "Daemon API", appRoles: [ROLE] } }));
        expect(config.apis.daemon!.scopes).to.deep.equal([]);
        expect(config.apis.daemon!.appRoles.map((r) => r.value)).to.deep.equal(["Jobs.Run"]);
    });

    it("an API with app roles and scopes: [] is valid too", () => {
        expect(problems({ daemon: { displayName: "Daemon API", scopes: [], appRoles: [ROLE] } })).to.deep.equal([]);
    });

    it("an API that leaves scopes out and has no app roles keeps access_as_user (existing stacks keep their scope)", () => {
        const config = parseStackConfig(raw({ orders: { displayName: "Orders API" } }));
        expect(config.apis.orders!.scopes.map((s) => s.value)).to.deep.equal(["access_as_user"]);
    });

    it("an API with neither scopes nor app roles is refused at its scopes key, with the fix", () => {
        const found = problems({ orders: { displayName: "Orders API", scopes: [] } });
        expect(found.map((p) => p.path)).to.deep.equal([`${NS}:apis.orders.scopes`]);
        expect(found[0]!.message).to.include("at least one delegated scope or app role").and.include("Fix:");
    });

    it("a connector asking a roles-only API for a scope is told the API defines none", () => {
        const found = problems(
            { daemon: { displayName: "Daemon API", appRoles: [ROLE] } },
            {
                connectors: {
                    jobs: {
                        displayName: "Jobs",
                        resource: { api: "daemon" },
                        scopes: ["access_as_user"],
                        authentication: "managedIdentity",
                    },
                },
            },
        );
        expect(found.map((p) => p.path)).to.deep.equal([`${NS}:connectors.jobs.scopes[0]`]);
        expect(found[0]!.message).to.include("defines no delegated scopes");
        expect(found[0]!.message).not.to.include("its scopes: )");
    });

    it("the stack plans a roles-only API with its role and no scope", async function () {
        this.timeout(60_000);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-roles-"));
        try {
            const file = path.join(dir, "Pulumi.roles.yaml");
            fs.writeFileSync(
                file,
                stringify({
                    config: {
                        "azuread:tenantId": TENANT,
                        [`${NS}:environment`]: "dev",
                        [`${NS}:apis`]: { daemon: { displayName: "Daemon API", appRoles: [ROLE] } },
                    },
                }),
            );
            const plan = await runOffline({
                projectDir: path.resolve(__dirname, ".."),
                stack: "roles",
                configFile: file,
            });
            const types = plan.resources.map((r) => r.type);
            expect(types).to.include("azuread:index/applicationAppRole:ApplicationAppRole");
            expect(types).not.to.include("azuread:index/applicationPermissionScope:ApplicationPermissionScope");
            expect(plan.findings.filter((f) => f.severity === "error")).to.deep.equal([]);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("a scope value __proto__ is refused at its key instead of failing at deployment", () => {
        const found = problems({ hr: { displayName: "HR API", scopes: [{ value: "__proto__" }] } });
        expect(found.map((p) => p.path)).to.deep.equal([`${NS}:apis.hr.scopes[0].value`]);
        expect(found[0]!.message).to.include("prototype key").and.include("Fix:");
    });

    it("two API keys whose scope resources would get one name are named, both of them", () => {
        const found = problems({
            hr: { displayName: "HR API", scopes: [{ value: "leave-scope-read" }] },
            "hr-scope-leave": { displayName: "HR leave API", scopes: [{ value: "read" }] },
        });
        expect(found.map((p) => p.path)).to.deep.equal([`${NS}:apis.hr-scope-leave.scopes[0].value`]);
        expect(found[0]!.message)
            .to.include('APIs "hr" and "hr-scope-leave" clash')
            .and.include(`${NS}:apis.hr.scopes[0].value`)
            .and.include("Fix:");
    });

    it("two API keys whose role resources would get one name are named", () => {
        const role = (value: string) => ({ ...ROLE, value });
        const found = problems({
            hr: { displayName: "HR API", appRoles: [role("x-role-Read")] },
            "hr-role-x": { displayName: "HR X", appRoles: [role("Read")] },
        });
        expect(found.map((p) => p.path)).to.deep.equal([`${NS}:apis.hr-role-x.appRoles[0].value`]);
    });

    it("a scope and a role with one name in two APIs do not clash (different resource types)", () => {
        expect(
            problems({
                hr: { displayName: "HR API", scopes: [{ value: "leave-scope-read" }] },
                "hr-scope-leave": { displayName: "HR X", appRoles: [{ ...ROLE, value: "read" }] },
            }),
        ).to.deep.equal([]);
    });
});
