// Tests for entra/connectorSettings.ts: Security-tab settings and the two connector files,
// validated against Microsoft's paconn schemas (patched only for the two documented deviations).
import { expect } from "chai";
import {
    ConnectorSecurityInput,
    connectorSecuritySettings,
    renderApiDefinition,
    renderApiProperties,
    toJsonFile,
} from "../entra/connectorSettings";
import { validateApiDefinition, validateApiProperties, validateApiPropertiesUnpatched } from "./helpers/paconnSchemas";
import { skipWithoutReference } from "./helpers/reference";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const CLIENT = "0f4f3f9c-5d6b-4c1e-9a0e-1a2b3c4d5e6f";
const PER_CONNECTOR = "https://global.consent.azure-apim.net/redirect/shared-ordersconnec-5f1c2a3b4d5e6f70";
const GLOBAL = "https://global.consent.azure-apim.net/redirect";

/** Scenario 1: Azure Resource Manager connector with a client secret. */
const arm: ConnectorSecurityInput = {
    connectorKey: "arm",
    displayName: "ARM Connector (dev)",
    loginHost: "https://login.microsoftonline.com",
    tenantId: TENANT,
    clientId: CLIENT,
    resourceUrl: "https://management.core.windows.net/",
    scopes: ["user_impersonation"],
    authentication: "clientSecret",
    onBehalfOfLogin: false,
    redirectUrls: [PER_CONNECTOR],
};

/** Scenario 2: secretless managed-identity connector on Graph, before its redirect URL exists. */
const graphMi: ConnectorSecurityInput = {
    connectorKey: "graph",
    displayName: "Graph Connector (dev)",
    loginHost: "https://login.microsoftonline.com/",
    tenantId: TENANT,
    clientId: CLIENT,
    resourceUrl: "https://graph.microsoft.com/",
    scopes: ["User.Read"],
    authentication: "managedIdentity",
    onBehalfOfLogin: true,
    redirectUrls: [],
};

// Loose accessors for the rendered objects.
// (`any`: the tests walk rendered JSON by path.)
type Any = any;
const oAuth = (props: Record<string, unknown>): Any =>
    (props as Any).properties.connectionParameters.token.oAuthSettings;
const clone = <T>(value: T): Any => JSON.parse(JSON.stringify(value));

describe("connectorSettings", () => {
    describe("connectorSecuritySettings", () => {
        it("fills the Security tab for a client-secret connector", () => {
            expect(connectorSecuritySettings(arm)).to.deep.equal({
                identityProvider: "Azure Active Directory",
                clientId: CLIENT,
                secretOption: "Use client secret",
                authorizationUrl: "https://login.microsoftonline.com",
                tenantId: TENANT,
                resourceUrl: "https://management.core.windows.net/",
                scope: "user_impersonation",
                enableOnBehalfOfLogin: false,
                redirectUrls: [PER_CONNECTOR],
            });
        });

        it("chooses 'Use managed identity' for a managed-identity connector and drops the login host's trailing slash", () => {
            const settings = connectorSecuritySettings(graphMi);
            expect(settings.secretOption).to.equal("Use managed identity");
            expect(settings.authorizationUrl).to.equal("https://login.microsoftonline.com");
            expect(settings.resourceUrl).to.equal("https://graph.microsoft.com/");
        });

        it("joins scopes with single spaces, and gives an empty Scope box when there are none", () => {
            expect(
                connectorSecuritySettings({ ...arm, scopes: ["Files.Read", "User.Read", "offline_access"] }).scope,
            ).to.equal("Files.Read User.Read offline_access");
            expect(connectorSecuritySettings({ ...arm, scopes: [] }).scope).to.equal("");
        });

        it("copies the redirect URLs instead of sharing the caller's array", () => {
            const redirectUrls = [PER_CONNECTOR];
            const settings = connectorSecuritySettings({ ...arm, redirectUrls });
            redirectUrls.push("https://example.com/other");
            expect(settings.redirectUrls).to.deep.equal([PER_CONNECTOR]);
        });

        it("rejects invalid input with every problem in one message", () => {
            const bad = {
                ...arm,
                loginHost: "http://login.microsoftonline.com/common",
                tenantId: "contoso.onmicrosoft.com",
                scopes: ["user_impersonation", "two words", "user_impersonation"],
                redirectUrls: ["not a url"],
            };
            expect(() => connectorSecuritySettings(bad))
                .to.throw(Error)
                .that.satisfies((error: Error) =>
                    ['connector "arm"', "loginHost", "tenantId", '"two words"', "listed twice", '"not a url"'].every(
                        (part) => error.message.includes(part),
                    ),
                );
        });
    });

    describe("renderApiProperties", () => {
        it("renders the aad oauthSetting in the certified-connector shape", () => {
            const props = renderApiProperties(arm);
            expect(props).to.deep.equal({
                properties: {
                    connectionParameters: {
                        token: {
                            type: "oauthSetting",
                            oAuthSettings: {
                                identityProvider: "aad",
                                clientId: CLIENT,
                                scopes: ["user_impersonation"],
                                redirectMode: "GlobalPerConnector",
                                redirectUrl: PER_CONNECTOR,
                                properties: {
                                    IsFirstParty: "False",
                                    AzureActiveDirectoryResourceId: "https://management.core.windows.net/",
                                    IsOnbehalfofLoginSupported: true,
                                },
                                customParameters: {
                                    loginUri: { value: "https://login.microsoftonline.com" },
                                    tenantId: { value: TENANT },
                                    resourceUri: { value: "https://management.core.windows.net/" },
                                    enableOnbehalfOfLogin: { value: "false" },
                                },
                            },
                            uiDefinition: {
                                displayName: "Sign in with Microsoft Entra ID",
                                description: "Sign in with your Microsoft Entra ID account",
                                tooltip: "Provide your Microsoft Entra ID credentials",
                                constraints: { required: "true" },
                            },
                        },
                        "token:TenantId": {
                            type: "string",
                            metadata: { sourceType: "AzureActiveDirectoryTenant" },
                            uiDefinition: { constraints: { required: "false", hidden: "true" } },
                        },
                    },
                    iconBrandColor: "#007ee5",
                    capabilities: [],
                    policyTemplateInstances: [],
                },
            });
        });

        it("writes the Scope box as one space-separated entry, or none", () => {
            expect(oAuth(renderApiProperties({ ...arm, scopes: ["a.Read", "b.Write"] })).scopes).to.deep.equal([
                "a.Read b.Write",
            ]);
            expect(oAuth(renderApiProperties({ ...arm, scopes: [] })).scopes).to.deep.equal([]);
        });

        it("carries the on-behalf-of switch into enableOnbehalfOfLogin, as in the settings", () => {
            for (const onBehalfOfLogin of [true, false]) {
                const input = { ...arm, onBehalfOfLogin };
                expect(connectorSecuritySettings(input).enableOnBehalfOfLogin).to.equal(onBehalfOfLogin);
                const settings = oAuth(renderApiProperties(input));
                expect(settings.customParameters.enableOnbehalfOfLogin).to.deep.equal({
                    value: String(onBehalfOfLogin),
                });
                expect(settings.properties.IsOnbehalfofLoginSupported).to.equal(true);
            }
        });

        it("uses the first per-connector redirect URL among the registered ones", () => {
            const other = "https://global.consent.azure-apim.net/redirect/shared-otherconnect-0123456789abcdef";
            const redirectUrls = [GLOBAL, "https://oauth.pstmn.io/v1/callback", PER_CONNECTOR, other];
            expect(oAuth(renderApiProperties({ ...arm, redirectUrls })).redirectUrl).to.equal(PER_CONNECTOR);
        });

        it("falls back to the global redirect URL when no per-connector one is registered yet", () => {
            expect(oAuth(renderApiProperties({ ...arm, redirectUrls: [] })).redirectUrl).to.equal(GLOBAL);
            const lookalikes = [
                GLOBAL,
                `${GLOBAL}/`,
                "http://global.consent.azure-apim.net/redirect/shared-x",
                "https://evil.example.com/redirect/shared-x",
                "https://global.consent.azure-apim.net/redirect/shared-x/extra",
            ];
            expect(oAuth(renderApiProperties({ ...arm, redirectUrls: lookalikes })).redirectUrl).to.equal(GLOBAL);
        });

        it("keeps the same oauthSetting for managed identity (no secret either way)", () => {
            const secret = renderApiProperties({ ...graphMi, authentication: "clientSecret" });
            const managed = renderApiProperties(graphMi);
            expect(managed).to.deep.equal(secret);
        });

        it("takes iconBrandColor, then brandColor, then the default, and rejects a non-colour", () => {
            expect((renderApiProperties(arm, { brandColor: "#112233" }) as Any).properties.iconBrandColor).to.equal(
                "#112233",
            );
            expect(
                (renderApiProperties(arm, { brandColor: "#112233", iconBrandColor: "#445566" }) as Any).properties
                    .iconBrandColor,
            ).to.equal("#445566");
            expect(() => renderApiProperties(arm, { iconBrandColor: "blue" })).to.throw(/iconBrandColor "blue"/);
        });

        it("never writes a client secret, even when the caller's object carries one", () => {
            const secretValue = "s3cr3t~VALUE.that-must-not-leak";
            const withSecret = { ...arm, clientSecret: secretValue, secret: secretValue } as ConnectorSecurityInput;
            const text =
                toJsonFile(renderApiProperties(withSecret)) +
                toJsonFile(renderApiDefinition(withSecret, { host: "management.azure.com" }));
            expect(text).not.to.include(secretValue);
            expect(text.toLowerCase()).not.to.include("clientsecret");
            expect(JSON.stringify(connectorSecuritySettings(withSecret))).not.to.include(secretValue);
        });
    });

    describe("renderApiDefinition", () => {
        it("renders OpenAPI 2.0 with one oauth2 accessCode scheme referenced by the top-level security", () => {
            const swagger = renderApiDefinition(arm, { host: "management.azure.com" }) as Any;
            expect(swagger.swagger).to.equal("2.0");
            expect(swagger.info).to.deep.include({ title: "ARM Connector (dev)", version: "1.0" });
            expect(swagger.info.description).to.be.a("string").and.not.equal("");
            expect(swagger.host).to.equal("management.azure.com");
            expect(swagger.basePath).to.equal("/");
            expect(swagger.schemes).to.deep.equal(["https"]);
            expect(swagger.paths).to.deep.equal({});
            expect(swagger.securityDefinitions).to.deep.equal({
                oauth2_auth: {
                    type: "oauth2",
                    flow: "accessCode",
                    authorizationUrl: "https://login.microsoftonline.com/common/oauth2/authorize",
                    tokenUrl: "https://login.microsoftonline.com/common/oauth2/authorize",
                    scopes: {},
                },
            });
            expect(swagger.security).to.deep.equal([{ oauth2_auth: [] }]);
            for (const requirement of swagger.security) {
                for (const name of Object.keys(requirement)) {
                    expect(swagger.securityDefinitions).to.have.property(name);
                }
            }
        });

        it("uses the given basePath and description, and the cloud's login host", () => {
            const swagger = renderApiDefinition(
                { ...arm, loginHost: "https://login.microsoftonline.us" },
                { host: "orders.contoso.com:8443", basePath: "/api/v1", description: "Orders API." },
            ) as Any;
            expect(swagger.host).to.equal("orders.contoso.com:8443");
            expect(swagger.basePath).to.equal("/api/v1");
            expect(swagger.info.description).to.equal("Orders API.");
            expect(swagger.securityDefinitions.oauth2_auth.authorizationUrl).to.equal(
                "https://login.microsoftonline.us/common/oauth2/authorize",
            );
        });

        it("rejects a host with a scheme or path and a basePath without a leading slash", () => {
            expect(() => renderApiDefinition(arm, { host: "https://orders.contoso.com/api", basePath: "api" }))
                .to.throw(Error)
                .that.satisfies((error: Error) => error.message.includes("host") && error.message.includes("basePath"));
        });
    });

    describe("paconn schemas (reference data)", function () {
        before(function () {
            skipWithoutReference(this);
        });
        const variants: Array<[string, ConnectorSecurityInput]> = [];
        for (const base of [arm, graphMi]) {
            for (const authentication of ["clientSecret", "managedIdentity"] as const) {
                for (const onBehalfOfLogin of [true, false]) {
                    for (const redirectUrls of [[], [PER_CONNECTOR]]) {
                        variants.push([
                            `${base.connectorKey} ${authentication} obo=${onBehalfOfLogin} redirects=${redirectUrls.length}`,
                            { ...base, authentication, onBehalfOfLogin, redirectUrls },
                        ]);
                    }
                }
            }
        }
        variants.push(["no scopes", { ...arm, scopes: [] }]);
        variants.push([
            "api:// resource",
            { ...arm, resourceUrl: "api://orders.contoso.com", scopes: ["access_as_user"] },
        ]);

        for (const [name, input] of variants) {
            it(`apiProperties.json validates (${name})`, () => {
                expect(validateApiProperties(renderApiProperties(input))).to.deep.equal([]);
            });
        }

        it("apiProperties.json validates after a round trip through the file text", () => {
            expect(
                validateApiProperties(JSON.parse(toJsonFile(renderApiProperties(arm, { iconBrandColor: "#0078D4" })))),
            ).to.deep.equal([]);
        });

        it("apiDefinition.swagger.json validates, with and without options", () => {
            expect(validateApiDefinition(renderApiDefinition(arm, { host: "management.azure.com" }))).to.deep.equal([]);
            expect(
                validateApiDefinition(
                    renderApiDefinition(graphMi, {
                        host: "orders.contoso.com:8443",
                        basePath: "/api",
                        description: "Orders.",
                    }),
                ),
            ).to.deep.equal([]);
        });

        it("the unpatched schema rejects the file for exactly the two documented deviations", () => {
            const oAuthPath = "/properties/connectionParameters/token/oAuthSettings";
            const errors = validateApiPropertiesUnpatched(renderApiProperties(arm));
            expect(errors.some((e) => e.startsWith(`${oAuthPath}/redirectMode:`))).to.equal(true);
            expect(
                errors.some(
                    (e) => e.startsWith(`${oAuthPath}/customParameters:`) && e.includes("(enableOnbehalfOfLogin)"),
                ),
            ).to.equal(true);

            const undoRedirectMode = (doc: Any): void => {
                oAuth(doc).redirectMode = "Global";
            };
            const undoEnableOnbehalfOfLogin = (doc: Any): void => {
                delete oAuth(doc).customParameters.enableOnbehalfOfLogin;
            };
            const variant = (...undo: Array<(doc: Any) => void>): Any => {
                const doc = clone(renderApiProperties(arm));
                undo.forEach((step) => step(doc));
                return doc;
            };
            // Each deviation alone is enough for the original schema to reject the file...
            expect(validateApiPropertiesUnpatched(variant(undoRedirectMode))).to.not.deep.equal([]);
            expect(validateApiPropertiesUnpatched(variant(undoEnableOnbehalfOfLogin))).to.not.deep.equal([]);
            // ...and with both undone, the original schema accepts the rest of the file as is.
            expect(validateApiPropertiesUnpatched(variant(undoRedirectMode, undoEnableOnbehalfOfLogin))).to.deep.equal(
                [],
            );
        });

        it("the patched schema still rejects any other deviation, at the deviating field", () => {
            const o = "/properties/connectionParameters/token/oAuthSettings";
            const mutations: Record<string, [(doc: Any) => void, string]> = {
                "unknown aad customParameter": [
                    (doc) => {
                        oAuth(doc).customParameters.bogus = { value: "x" };
                    },
                    `${o}/customParameters: must NOT have additional properties (bogus)`,
                ],
                "redirectMode Bogus": [
                    (doc) => {
                        oAuth(doc).redirectMode = "Bogus";
                    },
                    `${o}/redirectMode: must be equal to one of the allowed values`,
                ],
                "enableOnbehalfOfLogin not true/false": [
                    (doc) => {
                        oAuth(doc).customParameters.enableOnbehalfOfLogin = { value: "yes" };
                    },
                    `${o}/customParameters/enableOnbehalfOfLogin/value: must be equal to one of the allowed values`,
                ],
                "enableOnbehalfOfLogin without value": [
                    (doc) => {
                        oAuth(doc).customParameters.enableOnbehalfOfLogin = {};
                    },
                    `${o}/customParameters/enableOnbehalfOfLogin: must have required property 'value'`,
                ],
                "missing resourceUri": [
                    (doc) => {
                        delete oAuth(doc).customParameters.resourceUri;
                    },
                    `${o}/customParameters: must have required property 'resourceUri'`,
                ],
                "redirectUrl not a URI": [
                    (doc) => {
                        oAuth(doc).redirectUrl = "not a uri";
                    },
                    `${o}/redirectUrl: must match format "uri"`,
                ],
                "missing iconBrandColor": [
                    (doc) => {
                        delete doc.properties.iconBrandColor;
                    },
                    "/properties: must have required property 'iconBrandColor'",
                ],
                "unknown top-level property": [
                    (doc) => {
                        doc.properties.clientSecret = "x";
                    },
                    "/properties: must NOT have additional properties (clientSecret)",
                ],
                "token:TenantId not hidden": [
                    (doc) => {
                        doc.properties.connectionParameters["token:TenantId"].uiDefinition.constraints.hidden = "false";
                    },
                    "/properties/connectionParameters/token:TenantId/uiDefinition/constraints: must be equal to one of the allowed values",
                ],
            };
            for (const [name, [mutate, expected]] of Object.entries(mutations)) {
                const doc = clone(renderApiProperties(arm));
                mutate(doc);
                const errors = validateApiProperties(doc);
                expect(
                    errors.some((e) => e.startsWith(expected)),
                    `${name}: expected an error starting with ${expected}, got ${JSON.stringify(errors)}`,
                ).to.equal(true);
            }
        });

        it("the swagger schema rejects a broken security definition or host", () => {
            const mutations: Record<string, (doc: Any) => void> = {
                "accessCode without tokenUrl": (doc) => {
                    delete doc.securityDefinitions.oauth2_auth.tokenUrl;
                },
                "unknown flow": (doc) => {
                    doc.securityDefinitions.oauth2_auth.flow = "authorizationCode";
                },
                "authorizationUrl not a URI": (doc) => {
                    doc.securityDefinitions.oauth2_auth.authorizationUrl =
                        "login.microsoftonline.com/common/oauth2/authorize";
                },
                "host with scheme": (doc) => {
                    doc.host = "https://management.azure.com";
                },
                "missing paths": (doc) => {
                    delete doc.paths;
                },
            };
            for (const [name, mutate] of Object.entries(mutations)) {
                const doc = clone(renderApiDefinition(arm, { host: "management.azure.com" }));
                mutate(doc);
                expect(validateApiDefinition(doc), name).to.not.deep.equal([]);
            }
        });
    });

    describe("toJsonFile", () => {
        it("writes 2-space indented JSON with a trailing newline", () => {
            expect(toJsonFile({ a: 1, b: [true, "x"] })).to.equal(
                '{\n  "a": 1,\n  "b": [\n    true,\n    "x"\n  ]\n}\n',
            );
        });

        it("gives the same bytes for the same input", () => {
            expect(toJsonFile(renderApiProperties(arm))).to.equal(toJsonFile(renderApiProperties({ ...arm })));
        });

        it("refuses values without a JSON representation", () => {
            expect(() => toJsonFile(undefined)).to.throw(TypeError);
        });
    });
});
