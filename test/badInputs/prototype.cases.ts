// Bad-input corpus: keys JavaScript treats specially (`__proto__`, `constructor`, `prototype`), refused at their path.
import { BadInputCase } from "./badInputCase";

const HEAD =
    "config:\n  azuread:tenantId: 3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45\n  entra-connectors:environment: prod\n  entra-connectors:production: true\n";

export const cases: BadInputCase[] = [
    {
        name: "__proto__ under config: trying to switch production off",
        category: "prototype",
        stack: `${HEAD}  __proto__:\n    production: false\n`,
        path: "entra-connectors:__proto__",
        value: '"__proto__"',
    },
    {
        name: "entra-connectors:__proto__ supplying a required value",
        category: "prototype",
        stack: "config:\n  azuread:tenantId: 3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45\n  entra-connectors:__proto__:\n    environment: dev\n",
        path: "entra-connectors:__proto__",
        value: '"__proto__"',
    },
    {
        name: "entra-connectors:constructor",
        category: "prototype",
        stack: `${HEAD}  entra-connectors:constructor: x\n`,
        path: "entra-connectors:constructor",
        value: '"constructor"',
    },
    {
        name: "__proto__ inside a connector supplying authentication",
        category: "prototype",
        stack: (c) => {
            const arm = c["entra-connectors:connectors"].arm;
            delete arm.authentication;
            Object.defineProperty(arm, "__proto__", {
                value: { authentication: "clientSecret" },
                enumerable: true,
                configurable: true,
                writable: true,
            });
        },
        path: "entra-connectors:connectors.arm.__proto__",
        value: '"__proto__"',
    },
    {
        name: "prototype as an API key",
        category: "prototype",
        stack: `${HEAD}  entra-connectors:apis:\n    prototype:\n      displayName: Proto API\n`,
        path: "entra-connectors:apis.prototype",
        value: '"prototype"',
    },
    {
        name: "constructor inside a grant",
        category: "prototype",
        stack: `${HEAD}  entra-connectors:httpWithEntraId:\n    grants:\n      - resource: microsoftGraph\n        scopes: [User.Read]\n        constructor: x\n`,
        path: "entra-connectors:httpWithEntraId.grants[0].constructor",
        value: '"constructor"',
    },
    {
        name: "__proto__ in a JSON flow mapping with quotes",
        category: "prototype",
        stack: `${HEAD}  entra-connectors:keyVault: {"__proto__": {"vaultName": "kv-evil"}, "resourceGroupName": "rg"}\n`,
        path: "entra-connectors:keyVault.__proto__",
        value: '"__proto__"',
    },
    {
        name: "__proto__ inside a list item",
        category: "prototype",
        stack: `${HEAD}  entra-connectors:apis:\n    orders:\n      displayName: Orders API\n      scopes:\n        - value: access_as_user\n          __proto__: { adminConsentDisplayName: x }\n`,
        path: "entra-connectors:apis.orders.scopes[0].__proto__",
        value: '"__proto__"',
    },
    {
        name: "__proto__ at the root of the stack file",
        category: "prototype",
        stack: `__proto__:\n  config: {}\n${HEAD}`,
        path: "  - __proto__ (",
        value: '"__proto__"',
    },
    {
        name: "__proto__ hidden in an anchor used by an alias",
        category: "prototype",
        stack: `${HEAD}  entra-connectors:owners: []\n  entra-connectors:cloud: public\nanchors:\n  base: &base { __proto__: { production: false } }\n`,
        path: "anchors.base.__proto__",
        value: '"__proto__"',
    },
];
