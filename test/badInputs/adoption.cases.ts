// Bad-input corpus: keys that adopt existing Entra objects and say which Microsoft principals exist.
import { BadInputCase } from "./badInputCase";

const grants = (c: Record<string, any>) =>
    c["entra-connectors:httpWithEntraId"].grants as Array<Record<string, unknown>>;

export const cases: BadInputCase[] = [
    {
        name: "an adopted grant id that is a GUID (an object id pasted for the grant id)",
        category: "guids",
        stack: (c) => (grants(c)[0].adopt = { grantId: "6b4f1d2e-8a3c-4e5f-9d0b-1c2a3b4d5e6f" }),
        path: "entra-connectors:httpWithEntraId.grants[0].adopt.grantId",
        value: '"6b4f1d2e-8a3c-4e5f-9d0b-1c2a3b4d5e6f"',
    },
    {
        name: "an adopted grant id with the provider's /oauth2PermissionGrants/ prefix",
        category: "references",
        stack: (c) =>
            (grants(c)[0].adopt = { grantId: "/oauth2PermissionGrants/Lh1PazyKX06dCxwqO01ebwwdLj-Km2VHhDIQ_ty6mHY" }),
        path: "entra-connectors:httpWithEntraId.grants[0].adopt.grantId",
        value: "/oauth2PermissionGrants/",
    },
    {
        name: "two merged grant entries that adopt different existing grants",
        category: "references",
        stack: (c) => {
            grants(c)[0].adopt = { grantId: "Lh1PazyKX06dCxwqO01ebwwdLj-Km2VHhDIQ_ty6mHY" };
            grants(c)[1].adopt = { grantId: "qIVZsiud3k-fp2xOQ6jd7InI76O38TJFngGR4y0QOfQ" };
        },
        path: "entra-connectors:httpWithEntraId.grants[1].adopt.grantId",
        value: "qIVZsiud3k-fp2xOQ6jd7InI76O38TJFngGR4y0QOfQ",
    },
    {
        name: "deployerOwnership that is neither explicit nor automatic",
        category: "types",
        stack: (c) => (c["entra-connectors:deployerOwnership"] = "ownedBy"),
        path: "entra-connectors:deployerOwnership",
        value: '"ownedBy"',
    },
    {
        name: "createServicePrincipals naming Microsoft Graph (always in a tenant, looked up)",
        category: "names",
        stack: (c) => (c["entra-connectors:createServicePrincipals"] = ["powerPlatformApi", "microsoftGraph"]),
        path: "entra-connectors:createServicePrincipals[1]",
        value: '"microsoftGraph"',
    },
];
cases.push({
    name: "a misspelt key under connectors.<key>.adopt",
    category: "unknown-keys",
    stack: (c) =>
        (c["entra-connectors:connectors"].arm.adopt = { applicationObjectID: "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d" }),
    path: "entra-connectors:connectors.arm.adopt.applicationObjectID",
    value: "applicationObjectId",
});
cases.push({
    name: "an adopted consent grant on a connector without adminConsent (the components adopt a grant only with its consent)",
    category: "references",
    stack: (c) =>
        (c["entra-connectors:connectors"].arm.adopt = {
            applicationObjectId: "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d",
            consentGrantId: "qIVZsiud3k-fp2xOQ6jd7InI76O38TJFngGR4y0QOfQ",
        }),
    path: "entra-connectors:connectors.arm.adopt.consentGrantId",
    value: "qIVZsiud3k-fp2xOQ6jd7InI76O38TJFngGR4y0QOfQ",
});
