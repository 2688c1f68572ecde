// Bad-input corpus: Entra's limits across keys (owners per app, requested permissions, one Application ID URI per
// app, an IP address as identifier URI), duplicate list entries and API host names, refused at their key.
import { BadInputCase } from "./badInputCase";

const NS = "entra-connectors";
type Config = Record<string, any>;
const apis = (c: Config) => c[`${NS}:apis`];
const connectors = (c: Config) => c[`${NS}:connectors`];
const clients = (c: Config) => c[`${NS}:powerPlatformApiClients`];
const owner = (i: number) => `9a1f3c2e-7b6d-4e5f-8a9b-${String(i).padStart(12, "0")}`;

export const cases: BadInputCase[] = [
    {
        name: "101 owners, more than Entra's 100 per application",
        category: "entra-limits",
        stack: (c) => (c[`${NS}:owners`] = Array.from({ length: 101 }, (_, i) => owner(i))),
        path: `${NS}:owners`,
        value: "at most 100 owners",
    },
    {
        name: "100 owners plus the deploying identity as explicit owner",
        category: "entra-limits",
        stack: (c) => (c[`${NS}:owners`] = Array.from({ length: 100 }, (_, i) => owner(i))),
        path: `${NS}:owners`,
        value: "101 per app",
    },
    {
        name: "two APIs with one identifier URI",
        category: "entra-limits",
        stack: (c) => {
            apis(c).orders.identifierUri = "api://orders";
            apis(c).billing = { ...apis(c).orders, displayName: "Billing API" };
        },
        path: `${NS}:apis.billing.identifierUri`,
        value: '"api://orders"',
    },
    {
        name: "two APIs with one identifier URI in different case",
        category: "entra-limits",
        stack: (c) => {
            apis(c).orders.identifierUri = "api://Orders";
            apis(c).billing = { ...apis(c).orders, displayName: "Billing API", identifierUri: "api://orders" };
        },
        path: `${NS}:apis.billing.identifierUri`,
        value: "apis.orders",
    },
    {
        name: "an identifier URI on an IPv4 address",
        category: "uris",
        stack: (c) => (apis(c).orders.identifierUri = "https://10.1.2.3/orders"),
        path: `${NS}:apis.orders.identifierUri`,
        value: "IP address 10.1.2.3",
    },
    {
        name: "an identifier URI on an IPv6 address",
        category: "uris",
        stack: (c) => (apis(c).orders.identifierUri = "https://[2001:db8::1]/orders"),
        path: `${NS}:apis.orders.identifierUri`,
        value: "IP address [2001:db8::1]",
    },
    {
        name: "a Power Platform permission listed twice",
        category: "entra-limits",
        stack: (c) =>
            (clients(c)["admin-sdk"].permissions = [
                "AppManagement.ApplicationPackages.Read",
                "AppManagement.ApplicationPackages.Read",
            ]),
        path: `${NS}:powerPlatformApiClients.admin-sdk.permissions[1]`,
        value: '"AppManagement.ApplicationPackages.Read"',
    },
    {
        name: "createServicePrincipals lists a principal twice",
        category: "entra-limits",
        stack: (c) => (c[`${NS}:createServicePrincipals`] = ["powerPlatformApi", "powerPlatformApi"]),
        path: `${NS}:createServicePrincipals[1]`,
        value: '"powerPlatformApi"',
    },
    {
        name: "host of dots only",
        category: "uris",
        stack: (c) => (connectors(c).orders.host = "..."),
        path: `${NS}:connectors.orders.host`,
        value: '"..."',
    },
    {
        name: "host with port 99999",
        category: "uris",
        stack: (c) => (connectors(c).orders.host = "orders.contoso.com:99999"),
        path: `${NS}:connectors.orders.host`,
        value: '"99999"',
    },
    {
        name: "host with port 0",
        category: "uris",
        stack: (c) => (connectors(c).orders.host = "orders.contoso.com:0"),
        path: `${NS}:connectors.orders.host`,
        value: '"0"',
    },
    {
        name: "host label starting with a hyphen",
        category: "uris",
        stack: (c) => (connectors(c).orders.host = "-orders.contoso.com"),
        path: `${NS}:connectors.orders.host`,
        value: '"-orders.contoso.com"',
    },
    {
        name: "host label of 64 characters",
        category: "uris",
        stack: (c) => (connectors(c).orders.host = `${"a".repeat(64)}.contoso.com`),
        path: `${NS}:connectors.orders.host`,
        value: "1-63 letters",
    },
    {
        name: "redirectUrls an empty list in the public cloud",
        category: "uris",
        stack: (c) => (connectors(c).arm.redirectUrls = []),
        path: `${NS}:connectors.arm.redirectUrls`,
        value: "is an empty list",
    },
];
