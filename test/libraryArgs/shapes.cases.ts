// Arguments as JavaScript and other languages can pass them (null entries, Outputs, missing outputs of a reference):
// each is named, never a TypeError, and nothing is created.
import * as pulumi from "@pulumi/pulumi";
import { ConnectorClient, ProtectedApi } from "../../components";
import { TEST_TENANT_ID } from "../../offline/simulator/testing";
import { LibraryArgCase } from "./libraryArgCase";

const SCOPE = {
    value: "access_as_user",
    adminConsentDisplayName: "Access the API",
    adminConsentDescription: "Lets the app call the API as you.",
};
const ROLE = {
    value: "Orders.Read.All",
    displayName: "Read orders",
    description: "Read all orders.",
    allowedMemberTypes: ["Application"],
};
const loose = (v: unknown) => v as never;

const api = (args: Record<string, unknown>) => (opts: pulumi.ComponentResourceOptions) =>
    new ProtectedApi("api", { displayName: "Orders API", scopes: [SCOPE], ...args } as never, opts);

/** A ProtectedApi's outputs as another language passes them. */
const reference = {
    applicationId: "/applications/9a1f3c2e-7b6d-4e5f-8a9b-0c1d2e3f4a5b",
    clientId: "1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7a8b",
    identifierUri: "api://orders",
    servicePrincipalObjectId: "2c3d4e5f-6071-4829-8b3c-4d5e6f7a8b9c",
    delegatedScopeIds: { access_as_user: "3d4e5f60-7182-4930-9c4d-5e6f7a8b9c0d" },
};
const connector = (args: Record<string, unknown>) => (opts: pulumi.ComponentResourceOptions) =>
    new ConnectorClient(
        "connector",
        {
            displayName: "Orders Connector",
            tenantId: TEST_TENANT_ID,
            api: reference,
            scopes: ["access_as_user"],
            authentication: "managedIdentity",
            ...args,
        } as never,
        opts,
    );

const A = 'ProtectedApi "api"';
const C = 'ConnectorClient "connector"';

export const cases: LibraryArgCase[] = [
    {
        name: "ProtectedApi scopes: [null]",
        make: api({ scopes: [null] }),
        component: A,
        argument: "scopes[0]",
        includes: ["is null"],
    },
    {
        name: "ProtectedApi scopes: [a string]",
        make: api({ scopes: ["access_as_user"] }),
        component: A,
        argument: "scopes[0]",
        includes: ['"access_as_user"'],
    },
    {
        name: "ProtectedApi scopes: a string, not a list",
        make: api({ scopes: "access_as_user" }),
        component: A,
        argument: "scopes",
        includes: ["not a list"],
    },
    {
        name: "ProtectedApi scopes: null",
        make: api({ scopes: null }),
        component: A,
        argument: "scopes",
        includes: ["is null"],
    },
    {
        name: "ProtectedApi appRoles: [null]",
        make: api({ appRoles: [null] }),
        component: A,
        argument: "appRoles[0]",
        includes: ["is null"],
    },
    {
        name: "ProtectedApi appRoles: [42]",
        make: api({ appRoles: [42] }),
        component: A,
        argument: "appRoles[0]",
        includes: ["42 (a number)"],
    },
    {
        name: "ProtectedApi appRoles: an object, not a list",
        make: api({ appRoles: ROLE }),
        component: A,
        argument: "appRoles",
        includes: ["not a list"],
    },
    {
        name: "ProtectedApi identifierUri as an Output",
        make: api({ identifierUri: pulumi.output("api://orders") }),
        component: A,
        argument: "identifierUri",
        includes: ["pulumi Output", "plain string"],
    },
    {
        name: "ProtectedApi identifierUri as a number",
        make: api({ identifierUri: 42 }),
        component: A,
        argument: "identifierUri",
        includes: ["42 (a number)"],
    },
    {
        name: "ProtectedApi scope without consent texts (JavaScript)",
        make: api({ scopes: [{ value: "access_as_user" }] }),
        component: A,
        argument: "scopes[0].adminConsentDisplayName",
        includes: ["args.scopes[0].adminConsentDescription is missing"],
    },
    {
        name: "ProtectedApi scope without a value",
        make: api({ scopes: [{ ...SCOPE, value: undefined }] }),
        component: A,
        argument: "scopes[0].value",
        includes: ["is missing"],
    },
    {
        name: "ProtectedApi scope value null",
        make: api({ scopes: [{ ...SCOPE, value: null }] }),
        component: A,
        argument: "scopes[0].value",
        includes: ["is null"],
    },
    {
        name: "ProtectedApi scope value as an Output",
        make: api({ scopes: [{ ...SCOPE, value: pulumi.output("x") }] }),
        component: A,
        argument: "scopes[0].value",
    },
    {
        name: "ProtectedApi scope consent title a number",
        make: api({ scopes: [{ ...SCOPE, adminConsentDisplayName: 7 }] }),
        component: A,
        argument: "scopes[0].adminConsentDisplayName",
    },
    {
        name: "ProtectedApi user consent title null",
        make: api({ scopes: [{ ...SCOPE, userConsentDisplayName: null }] }),
        component: A,
        argument: "scopes[0].userConsentDisplayName",
    },
    {
        name: "ProtectedApi role without a value",
        make: api({ appRoles: [{ ...ROLE, value: undefined }] }),
        component: A,
        argument: "appRoles[0].value",
    },
    {
        name: "ProtectedApi role without texts",
        make: api({ appRoles: [{ value: "R", allowedMemberTypes: ["Application"] }] }),
        component: A,
        argument: "appRoles[0].displayName",
    },
    {
        name: "ProtectedApi role member types missing",
        make: api({ appRoles: [{ ...ROLE, allowedMemberTypes: undefined }] }),
        component: A,
        argument: "appRoles[0].allowedMemberTypes",
    },
    {
        name: "ProtectedApi role member types a string",
        make: api({ appRoles: [{ ...ROLE, allowedMemberTypes: "Application" }] }),
        component: A,
        argument: "appRoles[0].allowedMemberTypes",
    },
    {
        name: "ProtectedApi role member type null",
        make: api({ appRoles: [{ ...ROLE, allowedMemberTypes: [null] }] }),
        component: A,
        argument: "appRoles[0].allowedMemberTypes[0]",
    },
    {
        name: "ConnectorClient api reference without delegatedScopeIds",
        make: connector({ api: { ...reference, delegatedScopeIds: undefined } }),
        component: C,
        argument: "api",
        includes: ["lacks delegatedScopeIds"],
    },
    {
        name: "ConnectorClient api reference with scopeIds instead of delegatedScopeIds",
        make: connector({ api: { ...reference, delegatedScopeIds: undefined, scopeIds: reference.delegatedScopeIds } }),
        component: C,
        argument: "api",
        includes: ["not scopeIds"],
    },
    {
        name: "ConnectorClient api reference without clientId",
        make: connector({ api: { ...reference, clientId: undefined } }),
        component: C,
        argument: "api",
        includes: ["lacks clientId"],
    },
    {
        name: "ConnectorClient api: null",
        make: connector({ api: null }),
        component: C,
        argument: "api",
        includes: ["is null"],
    },
    { name: "ConnectorClient api: a string", make: connector({ api: "orders" }), component: C, argument: "api" },
    {
        name: "ConnectorClient scopes: [null]",
        make: connector({ scopes: [null] }),
        component: C,
        argument: "scopes[0]",
        includes: ["is null"],
    },
    {
        name: "ConnectorClient scopes: a string",
        make: connector({ scopes: "access_as_user" }),
        component: C,
        argument: "scopes",
        includes: ["not a list"],
    },
    {
        name: "ConnectorClient scopes missing",
        make: connector({ scopes: undefined }),
        component: C,
        argument: "scopes",
        includes: ["is missing"],
    },
    {
        name: "ConnectorClient tenantId as an Output",
        make: connector({ tenantId: pulumi.output(TEST_TENANT_ID) }),
        component: C,
        argument: "tenantId",
        includes: ["pulumi Output"],
    },
    {
        name: "ConnectorClient tenantId missing",
        make: connector({ tenantId: undefined }),
        component: C,
        argument: "tenantId",
    },
    {
        name: "ConnectorClient authentication null",
        make: connector({ authentication: null }),
        component: C,
        argument: "authentication",
    },
    {
        name: "ConnectorClient redirectUrls: [null]",
        make: connector({ redirectUrls: [null] }),
        component: C,
        argument: "redirectUrls[0]",
    },
    {
        name: "ConnectorClient redirectUrls: a string",
        make: connector({ redirectUrls: "https://example.com/cb" }),
        component: C,
        argument: "redirectUrls",
    },
    {
        name: "ConnectorClient owners: [42]",
        make: connector({ ownership: { owners: [42] } }),
        component: C,
        argument: "ownership.owners[0]",
    },
    {
        name: "ConnectorClient adminConsent as text",
        make: connector({ adminConsent: "yes" }),
        component: C,
        argument: "adminConsent",
        includes: ["give a boolean"],
    },
    {
        name: "ConnectorClient secretLifetimeDays as text",
        make: connector({ authentication: "clientSecret", secretLifetimeDays: "90" }),
        component: C,
        argument: "secretLifetimeDays",
        includes: ['"90"', "give a number"],
    },
].map((c) => ({ ...c, make: loose(c.make) }));
