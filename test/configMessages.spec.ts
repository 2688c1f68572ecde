// Every problem the config layer's cross-field rules report ends with a concrete "Fix: ...".
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { ConfigError, ConfigProblem, parseStackConfig } from "../config";
import { devFiles, projectDir } from "./helpers/devStackConfig";

const NS = "entra-connectors";

interface MessageCase {
    readonly name: string;
    /** The config/rules file whose rule the case reaches. */
    readonly rule: string;
    readonly change: (config: Record<string, any>) => void;
    /** The key path one of the problems must name (proves the case reached its rule). */
    readonly path: string;
}

const cases: MessageCase[] = [
    {
        name: "connector scope not exposed by its API",
        rule: "connectors.ts",
        change: (c) => (c[`${NS}:connectors`].orders.scopes = ["nope"]),
        path: `${NS}:connectors.orders.scopes[0]`,
    },
    {
        name: "connector scope listed twice",
        rule: "connectors.ts",
        change: (c) => (c[`${NS}:connectors`].orders.scopes = ["access_as_user", "access_as_user"]),
        path: `${NS}:connectors.orders.scopes[1]`,
    },
    {
        name: "connector API not declared",
        rule: "connectors.ts",
        change: (c) => (c[`${NS}:connectors`].orders.resource = { api: "ordrs" }),
        path: `${NS}:connectors.orders.resource.api`,
    },
    {
        name: "redirect URL listed twice",
        rule: "connectors.ts",
        change: (c) => {
            const arm = c[`${NS}:connectors`].arm;
            arm.redirectUrls = [arm.redirectUrls[0], arm.redirectUrls[0]];
        },
        path: `${NS}:connectors.arm.redirectUrls[1]`,
    },
    {
        name: "logicApps connector without its Azure placement",
        rule: "connectors.ts",
        change: (c) => (c[`${NS}:connectors`].orders.platform = "logicApps"),
        path: `${NS}:connectors.orders.resourceGroupName`,
    },
    {
        name: "external resource URL not https",
        rule: "connectors.ts",
        change: (c) =>
            (c[`${NS}:connectors`].orders.resource = {
                external: { appId: "0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e", resourceUrl: "ftp://orders" },
            }),
        path: `${NS}:connectors.orders.resource.external.resourceUrl`,
    },
    {
        name: "wellKnown scope unknown",
        rule: "connectors.ts",
        change: (c) => (c[`${NS}:connectors`].arm.scopes = ["user_impersonaton"]),
        path: `${NS}:connectors.arm.scopes[0]`,
    },
    {
        name: "wellKnown resource URL malformed",
        rule: "wellKnownScopes.ts",
        change: (c) =>
            (c[`${NS}:connectors`].arm.resource = { wellKnown: "azureServiceManagement", resourceUrl: "management" }),
        path: `${NS}:connectors.arm.resource.resourceUrl`,
    },
    {
        name: "API scope value used twice",
        rule: "apis.ts",
        change: (c) => c[`${NS}:apis`].orders.scopes.push({ ...c[`${NS}:apis`].orders.scopes[0], id: undefined }),
        path: `${NS}:apis.orders.scopes[1].value`,
    },
    {
        name: "httpWithEntraId resource neither wellKnown nor declared",
        rule: "httpWithEntraId.ts",
        change: (c) => (c[`${NS}:httpWithEntraId`].grants[2].resource = "ordrs"),
        path: `${NS}:httpWithEntraId.grants[2].resource`,
    },
    {
        name: "httpWithEntraId scope not of its API",
        rule: "httpWithEntraId.ts",
        change: (c) => (c[`${NS}:httpWithEntraId`].grants[2].scopes = ["nope"]),
        path: `${NS}:httpWithEntraId.grants[2].scopes[0]`,
    },
    {
        name: "Power Platform API permission unknown",
        rule: "powerPlatformApiClients.ts",
        change: (c) => (c[`${NS}:powerPlatformApiClients`]["admin-sdk"].permissions = ["Bogus.Permission"]),
        path: `${NS}:powerPlatformApiClients.admin-sdk.permissions[0]`,
    },
    {
        name: "previousName is the entry's own key",
        rule: "index.ts",
        change: (c) => (c[`${NS}:connectors`].orders.previousName = "orders"),
        path: `${NS}:connectors.orders.previousName`,
    },
    {
        name: "display name too long",
        rule: "limits.ts",
        change: (c) => (c[`${NS}:connectors`].orders.displayName = "x".repeat(200)),
        path: `${NS}:connectors.orders.displayName`,
    },
    {
        name: "subscription id missing for a logicApps connector",
        rule: "azureSubscription.ts",
        change: (c) => delete c["azure-native:subscriptionId"],
        path: "azure-native:subscriptionId",
    },
    {
        name: "one app registration adopted by two entries",
        rule: "adoption.ts",
        change: (c) => {
            c[`${NS}:connectors`].arm.adopt = { applicationObjectId: "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d" };
            c[`${NS}:connectors`].orders.adopt = { applicationObjectId: "2A3B4C5D-6E7F-4A8B-9C0D-1E2F3A4B5C6D" };
        },
        path: `${NS}:connectors.orders.adopt.applicationObjectId`,
    },
    {
        name: "SharePoint grant without the tenant's SharePoint URL",
        rule: "httpWithEntraId.ts",
        change: (c) =>
            c[`${NS}:httpWithEntraId`].grants.push({ resource: "sharePointOnline", scopes: ["AllSites.Read"] }),
        path: `${NS}:httpWithEntraId.grants[3].resource`,
    },
];

/** The dev stack's raw config with `change` applied to its decoded structured values. */
function problemsOf(change: MessageCase["change"]): ConfigProblem[] {
    const files = devFiles();
    const decoded: Record<string, any> = {};
    for (const [k, v] of Object.entries(files.config)) {
        try {
            decoded[k] = JSON.parse(v);
        } catch {
            decoded[k] = v;
        }
    }
    change(decoded);
    const raw: Record<string, string> = {};
    for (const [k, v] of Object.entries(decoded)) raw[k] = typeof v === "string" ? v : JSON.stringify(v);
    try {
        parseStackConfig(raw, files.secretKeys);
    } catch (e) {
        if (e instanceof ConfigError) return [...e.problems];
        throw e;
    }
    return [];
}

describe("config messages: every cross-field problem says how to fix it", () => {
    for (const c of cases) {
        it(`${c.name}: each message ends with "Fix: ..."`, () => {
            const problems = problemsOf(c.change);
            expect(problems.map((p) => p.path)).to.include(c.path);
            for (const p of problems) expect(p.message, `${p.path}: ${p.message}`).to.match(/Fix: \S/);
        });
    }

    it("reaches every rule file of config/rules that reports a problem", () => {
        const dir = path.join(projectDir, "config", "rules");
        const reporting = fs
            .readdirSync(dir)
            .filter((f) => f.endsWith(".ts"))
            .filter((f) =>
                /\b(add|problems\.push)\(|message:|return `/.test(fs.readFileSync(path.join(dir, f), "utf8")),
            );
        expect(reporting.length).to.be.greaterThan(5);
        expect(new Set(cases.map((c) => c.rule))).to.have.keys(...reporting);
    });
});
