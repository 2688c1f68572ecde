// Bad-input corpus: names the catalog checks offline (Graph permissions, tenant-specific resource URLs, clouds).
import { BadInputCase } from "./badInputCase";

export const cases: BadInputCase[] = [
    {
        name: "a misspelled Graph delegated permission",
        category: "references",
        stack: (c) => (c["entra-connectors:connectors"]["graph-me"].scopes = ["Files.ReadAll"]),
        path: "entra-connectors:connectors.graph-me.scopes[0]",
        value: '"Files.ReadAll"',
    },
    {
        name: "a misspelled Graph permission in an HTTP with Entra ID grant",
        category: "references",
        stack: (c) => (c["entra-connectors:httpWithEntraId"].grants[0].scopes = ["Calendar.Read"]),
        path: "entra-connectors:httpWithEntraId.grants[0].scopes[0]",
        value: '"Calendar.Read"',
    },
    {
        name: "SharePoint Online without its tenant-specific resource URL",
        category: "references",
        stack: (c) => (c["entra-connectors:connectors"].arm.resource = { wellKnown: "sharePointOnline" }),
        path: "entra-connectors:connectors.arm.resource.resourceUrl",
        value: "sharePointOnline",
    },
    {
        name: "azure-native:environment of another cloud than the stack's",
        category: "references",
        stack: (c) => (c["azure-native:environment"] = "usgovernment"),
        path: "azure-native:environment",
        value: '"usgovernment"',
    },
    {
        name: "azuread:environment dod on a GCC High (usgovernment) stack",
        category: "references",
        stack: (c) => {
            c["entra-connectors:cloud"] = "usgovernment";
            c["azuread:environment"] = "dod";
        },
        path: "azuread:environment",
        value: '"dod"',
    },
];
