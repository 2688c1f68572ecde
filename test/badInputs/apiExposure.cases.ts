// What an API exposes and how its resources are named: no scope and no role, __proto__ values, API keys whose scope or
// role resources share a name, one previousName claimed twice, scopes of a roles-only API.
import { BadInputCase } from "./badInputCase";

const NS = "entra-connectors";
const apis = (c: Record<string, any>) => c[`${NS}:apis`] as Record<string, any>;
const connectors = (c: Record<string, any>) => c[`${NS}:connectors`] as Record<string, any>;
const ROLE = {
    value: "Jobs.Run",
    displayName: "Run jobs",
    description: "Lets a daemon run jobs.",
    allowedMemberTypes: ["Application"],
};

export const cases: BadInputCase[] = [
    {
        name: "an API with scopes: [] and no app roles",
        category: "references",
        stack: (c) => (apis(c).hr = { displayName: "HR API", scopes: [] }),
        path: `${NS}:apis.hr.scopes`,
        value: "at least one delegated scope or app role",
    },
    {
        name: "an API with scopes: [] and appRoles: []",
        category: "references",
        stack: (c) => (apis(c).hr = { displayName: "HR API", scopes: [], appRoles: [] }),
        path: `${NS}:apis.hr.scopes`,
        value: "is empty",
    },
    {
        name: "a connector asking a roles-only API for a scope",
        category: "references",
        stack: (c) => {
            apis(c).daemon = { displayName: "Daemon API", appRoles: [ROLE] };
            connectors(c).jobs = {
                displayName: "Jobs",
                resource: { api: "daemon" },
                scopes: ["access_as_user"],
                authentication: "managedIdentity",
            };
        },
        path: `${NS}:connectors.jobs.scopes[0]`,
        value: '"access_as_user"',
    },
    {
        name: "a connector scope the API misspells gets a suggestion",
        category: "references",
        stack: (c) => (connectors(c).orders.scopes = ["acces_as_user"]),
        path: `${NS}:connectors.orders.scopes[0]`,
        value: 'Did you mean "access_as_user"',
    },
    {
        name: "a scope value __proto__",
        category: "scope-chars",
        stack: (c) => apis(c).orders.scopes.push({ value: "__proto__" }),
        path: `${NS}:apis.orders.scopes[1].value`,
        value: '"__proto__"',
    },
    {
        name: "an app role value __proto__",
        category: "scope-chars",
        stack: (c) => apis(c).orders.appRoles.push({ ...ROLE, value: "__proto__" }),
        path: `${NS}:apis.orders.appRoles[1].value`,
        value: '"__proto__"',
    },
    {
        name: "two API keys whose scope resources share a name",
        category: "names",
        stack: (c) => {
            apis(c).hr = { displayName: "HR API", scopes: [{ value: "leave-scope-read" }] };
            apis(c)["hr-scope-leave"] = { displayName: "HR leave API", scopes: [{ value: "read" }] };
        },
        path: `${NS}:apis.hr-scope-leave.scopes[0].value`,
        value: '"read"',
    },
    {
        name: "two API keys whose role resources share a name",
        category: "names",
        stack: (c) => {
            apis(c).hr = { displayName: "HR API", appRoles: [{ ...ROLE, value: "x-role-Read" }] };
            apis(c)["hr-role-x"] = { displayName: "HR X API", appRoles: [{ ...ROLE, value: "Read" }] };
        },
        path: `${NS}:apis.hr-role-x.appRoles[0].value`,
        value: '"Read"',
    },
    {
        name: "two connectors renamed from one previousName",
        category: "names",
        stack: (c) => {
            connectors(c)["orders-b"] = { ...connectors(c).orders, previousName: "orders-old" };
            connectors(c).orders.previousName = "orders-old";
        },
        path: `${NS}:connectors.orders-b.previousName`,
        value: '"orders-old"',
    },
    {
        name: "two APIs renamed from one previousName",
        category: "names",
        stack: (c) => {
            apis(c).hr = { displayName: "HR API", previousName: "people" };
            apis(c).staff = { displayName: "Staff API", previousName: "people" };
        },
        path: `${NS}:apis.staff.previousName`,
        value: '"people"',
    },
    {
        name: "two Power Platform API clients renamed from one previousName",
        category: "names",
        stack: (c) => {
            const clients = c[`${NS}:powerPlatformApiClients`] as Record<string, any>;
            const [first] = Object.keys(clients);
            clients["copy-a"] = { ...clients[first!], previousName: "old-client" };
            clients["copy-b"] = { ...clients[first!], previousName: "old-client" };
        },
        path: `${NS}:powerPlatformApiClients.copy-b.previousName`,
        value: '"old-client"',
    },
    {
        name: "a Power Platform API permission misspelt",
        category: "references",
        stack: (c) => {
            const clients = c[`${NS}:powerPlatformApiClients`] as Record<string, any>;
            const [first] = Object.keys(clients);
            clients[first!].permissions = ["AppManagement.ApplicationPackages.Raed"];
        },
        path: `${NS}:powerPlatformApiClients.admin-sdk.permissions[0]`,
        value: 'Did you mean "AppManagement.ApplicationPackages.Read"',
    },
];
