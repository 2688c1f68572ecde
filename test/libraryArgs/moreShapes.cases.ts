// More JavaScript-shaped arguments and values Pulumi cannot carry, on every component that takes lists or ids.
import * as pulumi from "@pulumi/pulumi";
import {
    ConnectorFederatedCredential,
    DelegatedConsent,
    HttpWithEntraIdConsent,
    PowerPlatformApiClient,
    PowerPlatformConnector,
    ProtectedApi,
} from "../../components";
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
const USER = "9a1f3c2e-7b6d-4e5f-8a9b-0c1d2e3f4a5b";
const loose = (v: unknown) => v as never;

const api = (args: Record<string, unknown>) => (opts: pulumi.ComponentResourceOptions) =>
    new ProtectedApi("api", { displayName: "Orders API", scopes: [SCOPE], ...args } as never, opts);
const ppClient = (args: Record<string, unknown>) => (opts: pulumi.ComponentResourceOptions) =>
    new PowerPlatformApiClient(
        "pp",
        {
            displayName: "PP client",
            tenantId: TEST_TENANT_ID,
            permissions: ["AppManagement.ApplicationPackages.Read"],
            ...args,
        } as never,
        opts,
    );
const httpConsent = (args: Record<string, unknown>) => (opts: pulumi.ComponentResourceOptions) =>
    new HttpWithEntraIdConsent(
        "http",
        { wellKnownApi: "microsoftGraph", scopes: ["Calendars.Read"], ...args } as never,
        opts,
    );
const consent = (args: Record<string, unknown>) => (opts: pulumi.ComponentResourceOptions) =>
    new DelegatedConsent(
        "consent",
        {
            clientServicePrincipalObjectId: USER,
            resourceServicePrincipalObjectId: USER,
            scopes: ["User.Read"],
            ...args,
        } as never,
        opts,
    );

const A = 'ProtectedApi "api"';
const P = 'PowerPlatformApiClient "pp"';
const H = 'HttpWithEntraIdConsent "http"';
const D = 'DelegatedConsent "consent"';

const fic = (args: Record<string, unknown>) => (opts: pulumi.ComponentResourceOptions) =>
    new ConnectorFederatedCredential(
        "fic",
        {
            applicationId: "/applications/x",
            stableKey: "graph",
            tenantId: TEST_TENANT_ID,
            subject: "/eid1/c/pub/t/x/a/y/z",
            ...args,
        } as never,
        opts,
    );
const ppConnector = (args: Record<string, unknown>) => (opts: pulumi.ComponentResourceOptions) =>
    new PowerPlatformConnector(
        "ppc",
        {
            stableKey: "orders",
            environment: "env-dev",
            displayName: "Orders",
            tenantId: TEST_TENANT_ID,
            applicationId: "/applications/x",
            clientId: USER,
            resourceUrl: "api://orders",
            scopes: ["access_as_user"],
            authentication: "managedIdentity",
            ...args,
        } as never,
        opts,
    );

export const cases: LibraryArgCase[] = [
    // An Output where a plain tenant id is needed: named, without Pulumi's toString warning quoted as the value.
    {
        name: "ConnectorFederatedCredential tenantId an Output",
        make: fic({ tenantId: pulumi.output(TEST_TENANT_ID) }),
        component: 'ConnectorFederatedCredential "fic"',
        argument: "tenantId",
        includes: ["pulumi Output"],
    },
    {
        name: "ConnectorFederatedCredential subject null",
        make: fic({ subject: null }),
        component: 'ConnectorFederatedCredential "fic"',
        argument: "subject",
    },
    {
        name: "PowerPlatformConnector tenantId an Output",
        make: ppConnector({ tenantId: pulumi.output(TEST_TENANT_ID) }),
        component: 'PowerPlatformConnector "ppc"',
        argument: "tenantId",
        includes: ["pulumi Output"],
    },
    {
        name: "PowerPlatformConnector scopes: [null]",
        make: ppConnector({ scopes: [null] }),
        component: 'PowerPlatformConnector "ppc"',
        argument: "scopes[0]",
    },
    {
        name: "PowerPlatformConnector additionalRedirectUrls a string",
        make: ppConnector({ additionalRedirectUrls: "https://x.contoso.com/cb" }),
        component: 'PowerPlatformConnector "ppc"',
        argument: "additionalRedirectUrls",
    },
    {
        name: "ProtectedApi scope value __proto__",
        make: api({ scopes: [{ ...SCOPE, value: "__proto__" }] }),
        component: A,
        argument: "scopes[0].value",
        includes: ["prototype key"],
    },
    {
        name: "ProtectedApi role value __proto__",
        make: api({ appRoles: [{ ...ROLE, value: "__proto__" }] }),
        component: A,
        argument: "appRoles[0].value",
        includes: ["prototype key"],
    },
    {
        name: "ProtectedApi second scope null",
        make: api({ scopes: [SCOPE, null] }),
        component: A,
        argument: "scopes[1]",
    },
    {
        name: "ProtectedApi scope as a list",
        make: api({ scopes: [[SCOPE]] }),
        component: A,
        argument: "scopes[0]",
        includes: ["is a list"],
    },
    {
        name: "ProtectedApi scope as an Output",
        make: api({ scopes: [pulumi.output(SCOPE)] }),
        component: A,
        argument: "scopes[0]",
        includes: ["pulumi Output"],
    },
    {
        name: "ProtectedApi scopes as an Output",
        make: api({ scopes: pulumi.output([SCOPE]) }),
        component: A,
        argument: "scopes",
        includes: ["not a list"],
    },
    {
        name: "ProtectedApi appRoles as an Output",
        make: api({ appRoles: pulumi.output([ROLE]) }),
        component: A,
        argument: "appRoles",
    },
    {
        name: "ProtectedApi role displayName an Output",
        make: api({ appRoles: [{ ...ROLE, displayName: pulumi.output("Read") }] }),
        component: A,
        argument: "appRoles[0].displayName",
        includes: ["pulumi Output"],
    },
    {
        name: "ProtectedApi role description a number",
        make: api({ appRoles: [{ ...ROLE, description: 1 }] }),
        component: A,
        argument: "appRoles[0].description",
    },
    {
        name: "ProtectedApi role member types []",
        make: api({ appRoles: [{ ...ROLE, allowedMemberTypes: [] }] }),
        component: A,
        argument: "appRoles[0].allowedMemberTypes",
        includes: ["is empty"],
    },
    {
        name: "ProtectedApi role member type Group",
        make: api({ appRoles: [{ ...ROLE, allowedMemberTypes: ["Group"] }] }),
        component: A,
        argument: "appRoles[0].allowedMemberTypes[0]",
    },
    {
        name: "ProtectedApi scope value with a space",
        make: api({ scopes: [{ ...SCOPE, value: "access as user" }] }),
        component: A,
        argument: "scopes[0].value",
        includes: ["whitespace"],
    },
    {
        name: "ProtectedApi scope value and role value the same",
        make: api({ appRoles: [{ ...ROLE, value: "access_as_user" }] }),
        component: A,
        argument: "scopes",
        includes: ["twice"],
    },
    {
        name: "ProtectedApi identifierUri null",
        make: api({ identifierUri: null }),
        component: A,
        argument: "identifierUri",
    },
    {
        name: "ProtectedApi identifierUri on an IP address",
        make: api({ identifierUri: "https://10.0.0.1/orders" }),
        component: A,
        argument: "identifierUri",
        includes: ["IP address"],
    },
    {
        name: "ProtectedApi identifierUri with a trailing slash",
        make: api({ identifierUri: "api://orders/" }),
        component: A,
        argument: "identifierUri",
    },
    {
        name: "PowerPlatformApiClient permissions a string",
        make: ppClient({ permissions: "AppManagement.ApplicationPackages.Read" }),
        component: P,
        argument: "permissions",
        includes: ["not a list"],
    },
    {
        name: "PowerPlatformApiClient permissions missing",
        make: ppClient({ permissions: undefined }),
        component: P,
        argument: "permissions",
        includes: ["is missing"],
    },
    {
        name: "PowerPlatformApiClient tenantId an Output",
        make: ppClient({ tenantId: pulumi.output(TEST_TENANT_ID) }),
        component: P,
        argument: "tenantId",
    },
    {
        name: "PowerPlatformApiClient credential a number",
        make: ppClient({ credential: 1 }),
        component: P,
        argument: "credential",
    },
    {
        name: "PowerPlatformApiClient certificateValidityDays as text",
        make: ppClient({ credential: "certificate", certificateValidityDays: "365" }),
        component: P,
        argument: "certificateValidityDays",
        includes: ['"365"'],
    },
    {
        name: "PowerPlatformApiClient owners a string",
        make: ppClient({ ownership: { owners: USER } }),
        component: P,
        argument: "ownership.owners",
        includes: ["not a list"],
    },
    {
        name: "PowerPlatformApiClient owner not a GUID",
        make: ppClient({ ownership: { owners: ["alice"] } }),
        component: P,
        argument: "ownership.owners[0]",
    },
    {
        name: "HttpWithEntraIdConsent scopes: [null]",
        make: httpConsent({ scopes: [null] }),
        component: H,
        argument: "scopes[0]",
    },
    {
        name: "HttpWithEntraIdConsent scopes a string",
        make: httpConsent({ scopes: "Calendars.Read" }),
        component: H,
        argument: "scopes",
    },
    {
        name: "HttpWithEntraIdConsent wellKnownApi a number",
        make: httpConsent({ wellKnownApi: 3 }),
        component: H,
        argument: "wellKnownApi",
    },
    {
        name: "HttpWithEntraIdConsent api reference without servicePrincipalObjectId",
        make: httpConsent({
            wellKnownApi: undefined,
            api: { applicationId: "/applications/x", clientId: USER, identifierUri: "api://x", delegatedScopeIds: {} },
        }),
        component: H,
        argument: "api",
        includes: ["lacks servicePrincipalObjectId"],
    },
    {
        name: "HttpWithEntraIdConsent consenting user not a GUID",
        make: httpConsent({ adminConsentUserObjectId: "alice" }),
        component: H,
        argument: "adminConsentUserObjectId",
    },
    {
        // Checked by the component, not its DelegatedConsent child: the error names HttpWithEntraIdConsent and its argument.
        name: "HttpWithEntraIdConsent scope with a space on an API by app id",
        make: httpConsent({
            wellKnownApi: undefined,
            apiAppId: USER,
            resourceUrl: "https://api.contoso.com",
            scopes: ["Read All"],
        }),
        component: H,
        argument: "scopes[0]",
        includes: ["whitespace"],
    },
    {
        name: "HttpWithEntraIdConsent scope listed twice on an API by app id",
        make: httpConsent({
            wellKnownApi: undefined,
            apiAppId: USER,
            resourceUrl: "https://api.contoso.com",
            scopes: ["Read", "Read"],
        }),
        component: H,
        argument: "scopes",
        includes: ["twice"],
    },
    { name: "DelegatedConsent scopes: [null]", make: consent({ scopes: [null] }), component: D, argument: "scopes[0]" },
    {
        name: "DelegatedConsent scopes a string",
        make: consent({ scopes: "User.Read" }),
        component: D,
        argument: "scopes",
        includes: ["not a list"],
    },
    {
        name: "DelegatedConsent scopes missing",
        make: consent({ scopes: undefined }),
        component: D,
        argument: "scopes",
        includes: ["is missing"],
    },
].map((c) => ({ ...c, make: loose(c.make) }));
