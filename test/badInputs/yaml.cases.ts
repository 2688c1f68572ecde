// Bad-input corpus: YAML the parser refuses or config must not hold (syntax, aliases, nesting, shape of config:).
import { BadInputCase } from "./badInputCase";

const HEAD = "config:\n  azuread:tenantId: 3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45\n  entra-connectors:environment: dev\n";
const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

export const cases: BadInputCase[] = [
    {
        name: "unclosed flow sequence keeps the parser's code excerpt",
        category: "yaml",
        stack: `${HEAD}  entra-connectors:owners: [9a1f3c2e-7b6d-4e5f-8a9b-0c1d2e3f4a5b\n  entra-connectors:cloud: public\n`,
        path: "entra-connectors:cloud",
        value: "line 5",
        mustNotContain: ["Maximum call stack"],
    },
    {
        name: "tab used as indentation",
        category: "yaml",
        stack: `${HEAD}  entra-connectors:owners:\n\t- 9a1f3c2e-7b6d-4e5f-8a9b-0c1d2e3f4a5b\n`,
        path: "entra-connectors:owners",
        value: "line 5",
    },
    {
        name: "the same key twice",
        category: "yaml",
        stack: `${HEAD}  entra-connectors:environment: test\n`,
        path: "entra-connectors:environment",
        value: "Map keys must be unique",
    },
    {
        name: "a value with ': ' inside, unquoted",
        category: "yaml",
        stack: `${HEAD}  entra-connectors:apis:\n    orders:\n      displayName: Orders: API\n`,
        path: "entra-connectors:apis.orders.displayName",
        value: "line 6",
    },
    {
        name: "alias cycle: an anchor's mapping contains its own alias",
        category: "yaml",
        stack: `${HEAD}  entra-connectors:apis: &apis\n    orders: *apis\n`,
        path: "entra-connectors:apis.orders",
        value: "*apis",
    },
    {
        name: "alias bomb: nested aliases that expand exponentially",
        category: "yaml",
        stack:
            `${HEAD}  entra-connectors:owners:\n` +
            "    - &a [x, x, x, x, x, x, x, x, x, x]\n    - &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n    - &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n    - [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
        path: "entra-connectors:owners",
        value: "more than 100",
    },
    {
        name: "alias to an anchor that is not defined",
        category: "yaml",
        stack: `${HEAD}  entra-connectors:cloud: *cloud\n`,
        path: "entra-connectors:cloud",
        value: "Unresolved alias",
    },
    {
        name: "flow nesting thousands deep (the parser's own stack limit)",
        category: "yaml",
        stack: `${HEAD}  entra-connectors:owners: ${nested(20000)}\n`,
        path: "entra-connectors:owners",
        value: "nests too deeply",
        mustNotContain: ["Maximum call stack", "RangeError"],
    },
    {
        name: "nesting deeper than any config key",
        category: "yaml",
        stack: `${HEAD}  entra-connectors:owners: ${nested(40)}\n`,
        path: "entra-connectors:owners[0]",
        value: "deeper than 32 levels",
    },
    {
        name: "config: is a list, not a mapping",
        category: "yaml",
        stack: "config:\n  - entra-connectors:environment: dev\n  - azuread:tenantId: 3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45\n",
        path: "  - config (",
        value: "it is a list",
    },
    {
        name: "config: is a single value",
        category: "yaml",
        stack: "config: entra-connectors:environment=dev\n",
        path: "  - config (",
        value: '"entra-connectors:environment=dev"',
    },
    {
        name: "the file is a single value, not a mapping",
        category: "yaml",
        stack: "entra-connectors:environment dev\n",
        path: "Pulumi.bad.yaml: the file must be a YAML mapping",
        value: '"entra-connectors:environment dev"',
    },
    {
        name: "a key that is a list (complex YAML key)",
        category: "yaml",
        stack: `${HEAD}  ? [entra-connectors:cloud]\n  : public\n`,
        path: "  - config (",
        value: "line 4",
    },
    {
        name: "a list item where a mapping key belongs",
        category: "yaml",
        stack: `${HEAD}  entra-connectors:connectors:\n    arm:\n      displayName: ARM\n      - scopes: [x]\n`,
        path: "entra-connectors:connectors.arm",
        value: "line 7",
    },
];
