// Bad-input corpus: references between config sections that point nowhere.
import { BadInputCase } from "./badInputCase";

export const cases: BadInputCase[] = [
    {
        name: "connector resource names an API that is not declared",
        category: "references",
        stack: (c) => (c["entra-connectors:connectors"].orders.resource = { api: "ordrs" }),
        path: "entra-connectors:connectors.orders.resource.api",
        value: '"ordrs"',
    },
];
