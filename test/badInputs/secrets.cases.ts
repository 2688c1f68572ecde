// Bad-input corpus: secure: values in bad places; the message shows [secret], never the ciphertext or the value.
import { BadInputCase } from "./badInputCase";

const CIPHER = "v1:bm90LWEtcmVhbC1jaXBoZXJ0ZXh0LWJ1dC1sb25nLWVub3VnaA==";
const secure = { secure: CIPHER };
const NS = "entra-connectors";
const C = `${NS}:connectors`;
const base = {
    category: "secrets" as const,
    value: "[secret]",
    mustNotContain: [CIPHER, "bm90LWEtcmVhbC1jaXBoZXJ0ZXh0"],
};

export const cases: BadInputCase[] = [
    {
        ...base,
        name: "owners given as a secret where a list belongs",
        stack: (c) => (c[`${NS}:owners`] = secure),
        path: `${NS}:owners`,
    },
    {
        ...base,
        name: "environment given as a secret",
        stack: (c) => (c[`${NS}:environment`] = secure),
        path: `${NS}:environment`,
    },
    {
        ...base,
        name: "tenant id given as a secret",
        stack: (c) => (c["azuread:tenantId"] = secure),
        path: "azuread:tenantId",
    },
    {
        ...base,
        name: "keyVault given as a secret where a mapping belongs",
        stack: (c) => (c[`${NS}:keyVault`] = secure),
        path: `${NS}:keyVault`,
    },
    {
        ...base,
        name: "a secure vault name nested inside keyVault",
        stack: (c) => (c[`${NS}:keyVault`].vaultName = secure),
        path: `${NS}:keyVault.vaultName`,
    },
    {
        ...base,
        name: "a nested secure value makes the whole key secret: another field's bad value is masked too",
        stack: (c) => {
            c[C].arm.displayName = secure;
            c[C].arm.scopes = "user_impersonation-plain";
        },
        path: `${C}.arm.scopes`,
        mustNotContain: [...base.mustNotContain, "user_impersonation-plain"],
    },
    {
        ...base,
        name: "a secure owner inside the owners list",
        stack: (c) => (c[`${NS}:owners`] = [secure]),
        path: `${NS}:owners[0]`,
    },
    {
        ...base,
        name: "a secret under a misspelt namespace",
        stack: (c) => (c["entra-connector:owners"] = secure),
        path: "entra-connector:owners",
    },
    {
        ...base,
        name: "a secret under a misspelt provider key",
        stack: (c) => (c["azuread:clientsecret"] = secure),
        path: "azuread:clientsecret",
    },
    {
        ...base,
        name: "a secure value inside a list of grants, with a bad scope list beside it",
        stack: (c) => {
            c[`${NS}:httpWithEntraId`].grants[0].consent = { user: secure };
            c[`${NS}:httpWithEntraId`].grants[1].scopes = "User.Read-plain";
        },
        path: `${NS}:httpWithEntraId.grants[1].scopes`,
        mustNotContain: [...base.mustNotContain, "User.Read-plain"],
    },
];
