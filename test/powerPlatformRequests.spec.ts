// The Power Apps request builders and read-back, checked without a server (shapes from paconn, coe-cli, a recorded GET).
import { expect } from "chai";
import recorded from "./fixtures/powerApps/get_apis.sharepointonline.json";
import {
    apisUrl,
    backendServiceUrl,
    createPayload,
    powerAppsEndpoint,
    publicRedirectUrl,
    readBack,
    updatePayload,
    withClientSecret,
    type ConnectorDefinition,
} from "../powerPlatform";

const definition: ConnectorDefinition = {
    displayName: "Orders (dev)",
    apiProperties: {
        properties: {
            connectionParameters: {
                token: { type: "oauthSetting", oAuthSettings: { identityProvider: "aad", clientId: "c" } },
            },
            connectionParameterSets: {
                values: [
                    {
                        name: "a",
                        parameters: { token: { type: "oauthSetting", oAuthSettings: { identityProvider: "aad" } } },
                    },
                    { name: "key", parameters: {} },
                ],
            },
            policyTemplateInstances: [],
        },
    },
    openApiDefinition: {
        swagger: "2.0",
        info: { title: "Orders (dev)", description: "Orders API" },
        host: "orders.contoso.com",
        basePath: "/api",
        schemes: ["https"],
    },
};

describe("Power Apps requests", () => {
    it("scopes every URL to the environment with paconn's api-version and quoted $filter", () => {
        expect(apisUrl("https://api.powerapps.com", "Default-1234")).to.equal(
            "https://api.powerapps.com/providers/Microsoft.PowerApps/apis?api-version=2016-11-01&$filter=environment%20eq%20%27Default-1234%27",
        );
        expect(apisUrl("https://api.powerapps.com", "e", "shared_orders-5f1")).to.match(
            /\/apis\/shared_orders-5f1\?api-version=2016-11-01&/,
        );
    });

    it("puts the secret in the token and in every connection parameter set that has one, and nowhere else", () => {
        const props = withClientSecret(definition.apiProperties.properties as Record<string, unknown>, "s3cret");
        const text = JSON.stringify(props);
        expect(text.split("s3cret")).to.have.length(3);
        expect(JSON.stringify(definition.apiProperties)).not.to.contain("s3cret");
    });

    it("creates with displayName, the OpenAPI document, paconn's backend URL and the environment", () => {
        const body = createPayload(definition, "env-1", "s3cret") as { properties: Record<string, unknown> };
        expect(body.properties.displayName).to.equal("Orders (dev)");
        expect(body.properties.backendService).to.deep.equal({ serviceUrl: "https://orders.contoso.com/api" });
        expect(body.properties.environment).to.deep.equal({ name: "env-1" });
        expect(body.properties.description).to.equal("Orders API");
        expect(body.properties.openApiDefinition).to.deep.equal(definition.openApiDefinition);
    });

    it("updates without displayName, keeping the platform's policyTemplateInstances and icon", () => {
        const current = {
            properties: {
                displayName: "Orders (dev)",
                policyTemplateInstances: [{ templateId: "setheader" }],
                iconUri: "https://icons/x.png",
            },
        };
        const body = updatePayload(definition, "env-1", undefined, current) as { properties: Record<string, unknown> };
        expect(body.properties).not.to.have.property("displayName");
        expect(body.properties.policyTemplateInstances).to.deep.equal([{ templateId: "setheader" }]);
        expect(body.properties.iconUri).to.equal("https://icons/x.png");
        expect(JSON.stringify(body)).not.to.contain("clientSecret");
    });

    it("reads name and redirect URL from the recorded GET, and the redirect is the name without shared_", () => {
        const read = readBack(recorded);
        expect(read).to.deep.equal({
            name: "shared_sharepointonline",
            redirectUrl: "https://global.consent.azure-apim.net/redirect/sharepointonline",
            federatedSubject: undefined,
        });
        expect(publicRedirectUrl(read.name)).to.equal(read.redirectUrl);
        expect(() => readBack({ properties: {} })).to.throw(/without a connector name/);
    });

    it("reads the managed-identity subject where the platform fills it", () => {
        const subject = "/eid1/c/pub/t/qzXoWDkuqUa3l6zM5mM0Rw/a/abc/x";
        const answer = {
            name: "n",
            properties: {
                connectionParameters: {
                    token: { oAuthSettings: { properties: { FederatedIdentityCredentials: { Subject: subject } } } },
                },
            },
        };
        expect(readBack(answer).federatedSubject).to.equal(subject);
    });

    it("builds the backend URL like paconn from an OpenAPI file without scheme or host", () => {
        expect(backendServiceUrl({ basePath: "/x" })).to.equal("/x");
        expect(backendServiceUrl({ schemes: ["http", "https"], host: "h:8080" })).to.equal("http://h:8080");
    });

    it("picks each cloud's host and scope, and applies the URL and token overrides", () => {
        expect(powerAppsEndpoint("public", {})).to.deep.equal({
            baseUrl: "https://api.powerapps.com",
            scope: "https://service.powerapps.com/.default",
            token: undefined,
        });
        expect(powerAppsEndpoint("china", {}).baseUrl).to.equal("https://api.powerapps.cn");
        expect(powerAppsEndpoint("usgovernment", {}).baseUrl).to.equal("https://high.api.powerapps.us");
        expect(powerAppsEndpoint("usgovernmentdod", {}).baseUrl).to.equal("https://api.apps.appsplatform.us");
        const env = { ENTRA_CONNECTORS_POWERAPPS_URL: "http://127.0.0.1:9/", ENTRA_CONNECTORS_POWERAPPS_TOKEN: "t" };
        expect(powerAppsEndpoint("public", env)).to.include({ baseUrl: "http://127.0.0.1:9", token: "t" });
        expect(() => powerAppsEndpoint("public", { ENTRA_CONNECTORS_POWERAPPS_URL: "http://example.com" })).to.throw(
            /only https, or http on a loopback/,
        );
        expect(() => powerAppsEndpoint("public", { ENTRA_CONNECTORS_POWERAPPS_URL: "nope" })).to.throw(/not a URL/);
        expect(() => powerAppsEndpoint("mars", {})).to.throw(/cloud "mars" has no known Power Apps API host/);
    });
});
