// A Pulumi program of your own that uses the entra-connectors components directly: no stack config schema needed.
import * as pulumi from "@pulumi/pulumi";
import { ConnectorClient, ProtectedApi } from "entra-connectors";

const tenantId = new pulumi.Config("azuread").require("tenantId");
const config = new pulumi.Config();

// Your own API, protected by Entra ID: app registration, api://{clientId}, one delegated scope, service principal.
const ordersApi = new ProtectedApi("orders-api", {
    stableKey: "orders",
    displayName: "Orders API",
    scopes: [
        {
            value: "access_as_user",
            adminConsentDisplayName: "Access Orders API as the signed-in user",
            adminConsentDescription: "Lets the connector call Orders API on behalf of the signed-in user.",
        },
    ],
});

// A connector with a client secret, calling that API: scope ids, pre-authorization and ordering come from the API.
const ordersConnector = new ConnectorClient("orders-connector", {
    stableKey: "orders",
    displayName: "Orders Connector",
    tenantId,
    api: ordersApi,
    scopes: ["access_as_user"],
    authentication: "clientSecret",
    secretLifetimeDays: 90,
});

// A secretless connector for Microsoft Graph (managed identity). The subject exists once the connector does:
// set it with `pulumi config set graphSubject /eid1/c/pub/t/...` and run `pulumi up` again.
const graphConnector = new ConnectorClient("graph-connector", {
    stableKey: "graph-me",
    displayName: "Graph Profile Connector",
    tenantId,
    wellKnownApi: "microsoftGraph",
    scopes: ["User.Read"],
    authentication: "managedIdentity",
    federatedSubject: config.get("graphSubject"),
    adminConsent: true,
});

/** What to type into each connector's Security tab. */
export const ordersSettings = ordersConnector.securitySettings();
export const graphSettings = graphConnector.securitySettings();
/** The orders connector's client secret (a Pulumi secret: `pulumi stack output --show-secrets`). */
export const ordersClientSecret = ordersConnector.clientSecret;
