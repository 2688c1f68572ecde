// Arguments config refuses are refused by the components too, by the same rules (entra/), before any child exists.
import * as pulumi from "@pulumi/pulumi";
import {
    ConnectorClient,
    DelegatedConsent,
    HttpWithEntraIdConsent,
    PowerPlatformApiClient,
    ProtectedApi,
} from "../../components";
import { NIL_GUID } from "../../entra/entraRules";
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
/** A ProtectedApi built outside the case (a valid one), passed to the connector as `api`. */
let target: ProtectedApi | undefined;
const ordersApi = () =>
    (target ??= new ProtectedApi("orders", {
        displayName: "Orders API",
        scopes: [SCOPE, { ...SCOPE, value: "Orders.Read" }],
    }));
const connector = (args: Record<string, unknown>) => (opts: pulumi.ComponentResourceOptions) =>
    new ConnectorClient(
        "connector",
        {
            displayName: "Orders Connector",
            tenantId: TEST_TENANT_ID,
            api: ordersApi(),
            scopes: ["access_as_user"],
            authentication: "managedIdentity",
            ...args,
        } as never,
        opts,
    );
const graphConnector = (args: Record<string, unknown>) => (opts: pulumi.ComponentResourceOptions) =>
    new ConnectorClient(
        "graph",
        {
            displayName: "Graph Connector",
            tenantId: TEST_TENANT_ID,
            wellKnownApi: "microsoftGraph",
            scopes: ["User.Read"],
            authentication: "managedIdentity",
            ...args,
        } as never,
        opts,
    );
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
const C = 'ConnectorClient "connector"';
const G = 'ConnectorClient "graph"';
const P = 'PowerPlatformApiClient "pp"';
const H = 'HttpWithEntraIdConsent "http"';
const D = 'DelegatedConsent "consent"';

export const cases: LibraryArgCase[] = [
    // Blank or unreadable texts (config: displayText in config/schema.ts; both use entraRules displayTextProblem).
    {
        name: "ProtectedApi role displayName blank",
        make: api({ appRoles: [{ ...ROLE, displayName: "  " }] }),
        component: A,
        argument: "appRoles[0].displayName",
        includes: ["has only spaces"],
    },
    {
        name: "ProtectedApi role displayName empty",
        make: api({ appRoles: [{ ...ROLE, displayName: "" }] }),
        component: A,
        argument: "appRoles[0].displayName",
        includes: ["is empty"],
    },
    {
        name: "ProtectedApi role description empty",
        make: api({ appRoles: [{ ...ROLE, description: "" }] }),
        component: A,
        argument: "appRoles[0].description",
        includes: ["is empty"],
    },
    {
        name: "ProtectedApi role description with a tab",
        make: api({ appRoles: [{ ...ROLE, description: "Read\torders" }] }),
        component: A,
        argument: "appRoles[0].description",
        includes: ["U+0009"],
    },
    {
        name: "ProtectedApi role description with a newline",
        make: api({ appRoles: [{ ...ROLE, description: "Read\norders" }] }),
        component: A,
        argument: "appRoles[0].description",
        includes: ["U+000A"],
    },
    {
        name: "ProtectedApi scope consent title blank",
        make: api({ scopes: [{ ...SCOPE, adminConsentDisplayName: " " }] }),
        component: A,
        argument: "scopes[0].adminConsentDisplayName",
    },
    {
        name: "ProtectedApi scope consent text empty",
        make: api({ scopes: [{ ...SCOPE, adminConsentDescription: "" }] }),
        component: A,
        argument: "scopes[0].adminConsentDescription",
    },
    {
        name: "ProtectedApi user consent title blank",
        make: api({ scopes: [{ ...SCOPE, userConsentDisplayName: "\t" }] }),
        component: A,
        argument: "scopes[0].userConsentDisplayName",
    },
    {
        name: "ProtectedApi user consent text with an escape",
        make: api({ scopes: [{ ...SCOPE, userConsentDisplayName: "Read", userConsentDescription: "a\u001bb" }] }),
        component: A,
        argument: "scopes[0].userConsentDescription",
        includes: ["U+001B"],
    },
    {
        name: "ProtectedApi neither scopes nor roles",
        make: api({ scopes: [] }),
        component: A,
        argument: "scopes",
        includes: ["at least one delegated scope or app role"],
    },
    {
        name: "ProtectedApi scopes left out and no roles",
        make: api({ scopes: undefined }),
        component: A,
        argument: "scopes",
        includes: ["at least one delegated scope or app role"],
    },
    // Owners and user ids: GUIDs, never the nil GUID (config: guid() in config/schema.ts).
    {
        name: "ProtectedApi owner not a GUID",
        make: api({ ownership: { owners: ["alice@contoso.com"] } }),
        component: A,
        argument: "ownership.owners[0]",
        includes: ['"alice@contoso.com" is not a GUID'],
    },
    {
        name: "ProtectedApi owner the nil GUID",
        make: api({ ownership: { owners: [NIL_GUID] } }),
        component: A,
        argument: "ownership.owners[0]",
        includes: ["nil GUID"],
    },
    {
        name: "ProtectedApi deprecated owners the nil GUID",
        make: api({ owners: [NIL_GUID] }),
        component: A,
        argument: "owners[0]",
        includes: ["nil GUID"],
    },
    {
        name: "ProtectedApi second owner in braces",
        make: api({ ownership: { owners: [USER, `{${USER}}`] } }),
        component: A,
        argument: "ownership.owners[1]",
    },
    {
        name: "ConnectorClient owner the nil GUID",
        make: connector({ ownership: { owners: [NIL_GUID] } }),
        component: C,
        argument: "ownership.owners[0]",
        includes: ["nil GUID"],
    },
    {
        name: "ConnectorClient owner not a GUID",
        make: connector({ ownership: { owners: ["bob"] } }),
        component: C,
        argument: "ownership.owners[0]",
    },
    {
        name: "ConnectorClient consenting user the nil GUID",
        make: connector({ adminConsentUserObjectId: NIL_GUID }),
        component: C,
        argument: "adminConsentUserObjectId",
        includes: ["nil GUID"],
    },
    {
        name: "ConnectorClient consenting user not a GUID",
        make: connector({ adminConsentUserObjectId: "bob" }),
        component: C,
        argument: "adminConsentUserObjectId",
    },
    {
        name: "PowerPlatformApiClient owner the nil GUID",
        make: ppClient({ ownership: { owners: [NIL_GUID] } }),
        component: P,
        argument: "ownership.owners[0]",
    },
    {
        name: "PowerPlatformApiClient consenting user the nil GUID",
        make: ppClient({ adminConsentUserObjectId: NIL_GUID }),
        component: P,
        argument: "adminConsentUserObjectId",
        includes: ["nil GUID"],
    },
    {
        name: "HttpWithEntraIdConsent user the nil GUID",
        make: httpConsent({ adminConsentUserObjectId: NIL_GUID }),
        component: H,
        argument: "adminConsentUserObjectId",
        includes: ["nil GUID"],
    },
    {
        name: "HttpWithEntraIdConsent deprecated userObjectId the nil GUID",
        make: httpConsent({ userObjectId: NIL_GUID }),
        component: H,
        argument: "userObjectId",
    },
    {
        name: "DelegatedConsent user the nil GUID",
        make: consent({ adminConsentUserObjectId: NIL_GUID }),
        component: D,
        argument: "adminConsentUserObjectId",
    },
    {
        name: "DelegatedConsent user not a GUID",
        make: consent({ adminConsentUserObjectId: "someone" }),
        component: D,
        argument: "adminConsentUserObjectId",
    },
    // Redirect URLs: none in a cloud without a documented consent redirect (config: rules/connectors.ts).
    {
        name: "ConnectorClient redirectUrls left out in usgovernment",
        make: connector({ cloud: "usgovernment" }),
        component: C,
        argument: "redirectUrls",
        includes: ['is required for cloud "usgovernment"'],
    },
    {
        name: "ConnectorClient redirectUrls left out in usgovernmentdod",
        make: connector({ cloud: "usgovernmentdod" }),
        component: C,
        argument: "redirectUrls",
        includes: ['is required for cloud "usgovernmentdod"'],
    },
    // Power Platform API permission names (config: rules/powerPlatformApiClients.ts; both use wellKnownScopeProblem).
    {
        name: "PowerPlatformApiClient unknown permission",
        make: ppClient({ permissions: ["Bogus.Things.Read"] }),
        component: P,
        argument: "permissions[0]",
        includes: ["is not a delegated permission"],
    },
    {
        name: "PowerPlatformApiClient misspelt permission",
        make: ppClient({ permissions: ["AppManagement.ApplicationPackages.Raed"] }),
        component: P,
        argument: "permissions[0]",
        includes: ['Did you mean "AppManagement.ApplicationPackages.Read"'],
    },
    {
        name: "PowerPlatformApiClient permission in the wrong case",
        make: ppClient({ permissions: ["appmanagement.applicationpackages.read"] }),
        component: P,
        argument: "permissions[0]",
    },
    {
        name: "PowerPlatformApiClient second permission unknown",
        make: ppClient({ permissions: ["AppManagement.ApplicationPackages.Read", "User.Read"] }),
        component: P,
        argument: "permissions[1]",
    },
    {
        name: "PowerPlatformApiClient permissions: [null]",
        make: ppClient({ permissions: [null] }),
        component: P,
        argument: "permissions[0]",
    },
    // Scopes the API passed as `api` does not define (config: rules/connectors.ts; both use ownApiScopeProblem).
    {
        name: "ConnectorClient scope the ProtectedApi does not define",
        make: connector({ scopes: ["Orders.Write"] }),
        component: C,
        argument: "scopes[0]",
        includes: ["its scopes: access_as_user, Orders.Read"],
    },
    {
        name: "ConnectorClient misspelt scope of the ProtectedApi",
        make: connector({ scopes: ["acess_as_user"] }),
        component: C,
        argument: "scopes[0]",
        includes: ['Did you mean "access_as_user"'],
    },
    {
        name: "ConnectorClient second scope the ProtectedApi does not define",
        make: connector({ scopes: ["access_as_user", "nope"] }),
        component: C,
        argument: "scopes[1]",
    },
    {
        name: "ConnectorClient scope not in a reference's plain delegatedScopeIds",
        make: connector({
            api: {
                applicationId: "/applications/x",
                clientId: USER,
                identifierUri: "api://orders",
                servicePrincipalObjectId: USER,
                delegatedScopeIds: { "Orders.Read": USER },
            },
        }),
        component: C,
        argument: "scopes[0]",
        includes: ["its scopes: Orders.Read"],
    },
    {
        name: "ConnectorClient scope of a roles-only ProtectedApi",
        make: (opts: pulumi.ComponentResourceOptions) => {
            const daemon = new ProtectedApi("daemon", { displayName: "Daemon API", appRoles: [ROLE] });
            return connector({ api: daemon })(opts);
        },
        component: C,
        argument: "scopes[0]",
        includes: ["defines no delegated scopes"],
    },
    {
        name: "HttpWithEntraIdConsent scope the ProtectedApi does not define",
        make: httpConsent({ wellKnownApi: undefined, api: ordersApi(), scopes: ["nope"] }),
        component: H,
        argument: "scopes[0]",
    },
    // Well-known scopes stay checked.
    {
        name: "ConnectorClient Graph scope misspelt",
        make: graphConnector({ scopes: ["User.Raed"] }),
        component: G,
        argument: "scopes[0]",
        includes: ['Did you mean "User.Read"'],
    },
].map((c) => ({ ...c, make: loose(c.make) }));
