// checkResourceInputs / checkInvokeInputs / replaceOnChangeInputs against the generated @pulumi/azuread facts.
import { expect } from "chai";
import {
    UNKNOWN_VALUE,
    checkInvokeInputs,
    checkResourceInputs,
    closestName,
    replaceOnChangeInputs,
} from "../offline/simulator/schemaCheck";

const APP = "azuread:index/application:Application";
const APP_REG = "azuread:index/applicationRegistration:ApplicationRegistration";
const PASSWORD = "azuread:index/applicationPassword:ApplicationPassword";
const APP_ID = "/applications/00000000-0000-0000-0000-000000000001";
const GRAPH = "00000003-0000-0000-c000-000000000000";
const USER_READ = "e1fe6dd8-ba31-4d61-89e7-88639da4683d";

/** Asserts exactly one problem, that it mentions every given fragment, and returns it. */
function only(problems: string[], ...fragments: string[]): string {
    expect(problems, JSON.stringify(problems)).to.have.length(1);
    for (const f of fragments) expect(problems[0]).to.contain(f);
    return problems[0]!;
}

describe("checkResourceInputs", () => {
    describe("unknown token", () => {
        it("accepts a resource token of @pulumi/azuread", () => {
            expect(checkResourceInputs(APP_REG, { displayName: "connector" })).to.deep.equal([]);
        });
        it("rejects an unknown token, naming it and the provider version, with a suggestion", () => {
            only(
                checkResourceInputs("azuread:index/applicationPasword:ApplicationPasword", { applicationId: APP_ID }),
                `"azuread:index/applicationPasword:ApplicationPasword" is not a resource of @pulumi/azuread 6.9.1`,
                `did you mean "${PASSWORD}"?`,
            );
        });
        it("rejects an object-type token (capitalised module) and points at the resource", () => {
            only(
                checkResourceInputs("azuread:index/ApplicationPassword:ApplicationPassword", {}),
                `did you mean "${PASSWORD}"?`,
            );
        });
        it("rejects a token of another package without a suggestion", () => {
            const p = only(
                checkResourceInputs("aws:s3/bucket:Bucket", {}),
                "is not a resource of @pulumi/azuread 6.9.1",
            );
            expect(p).not.to.contain("did you mean");
        });
        it("does not treat Object.prototype members as tokens", () => {
            only(checkResourceInputs("constructor", {}), `"constructor" is not a resource`);
            expect(replaceOnChangeInputs("toString")).to.deep.equal([]);
        });
    });

    describe("missing required input", () => {
        it("accepts the required input when given", () => {
            expect(checkResourceInputs(PASSWORD, { applicationId: APP_ID })).to.deep.equal([]);
        });
        it("reports the missing required input by name", () => {
            only(checkResourceInputs(APP_REG, {}), "displayName: missing required input");
        });
        it("counts undefined (and null) as absent", () => {
            only(checkResourceInputs(APP_REG, { displayName: undefined }), "displayName: missing required input");
            only(checkResourceInputs(APP_REG, { displayName: null }), "displayName: missing required input");
        });
        it("counts an unknown (preview) value as present", () => {
            expect(checkResourceInputs(PASSWORD, { applicationId: UNKNOWN_VALUE })).to.deep.equal([]);
        });
        it("reports a missing required property of a nested object with its path", () => {
            only(
                checkResourceInputs(APP, {
                    displayName: "a",
                    requiredResourceAccesses: [{ resourceAppId: GRAPH, resourceAccesses: [{ id: USER_READ }] }],
                }),
                "requiredResourceAccesses[0].resourceAccesses[0].type: missing required property",
            );
        });
    });

    describe("unknown input name", () => {
        it("accepts known input names", () => {
            expect(
                checkResourceInputs(PASSWORD, {
                    applicationId: APP_ID,
                    displayName: "x",
                    endDate: "2030-01-01T00:00:00Z",
                }),
            ).to.deep.equal([]);
        });
        it("names the unknown input and suggests the closest known one", () => {
            only(
                checkResourceInputs(PASSWORD, { applicationId: APP_ID, applicationObjectId: "x" }),
                "applicationObjectId: unknown input",
                `did you mean "applicationId"?`,
            );
        });
        it("suggests the camelCase name for a snake_case one", () => {
            only(
                checkResourceInputs(APP_REG, { display_name: "x", displayName: "x" }),
                "display_name: unknown input",
                `did you mean "displayName"?`,
            );
        });
        it("makes no suggestion when nothing is close", () => {
            const p = only(checkResourceInputs(PASSWORD, { applicationId: APP_ID, zzz: 1 }), "zzz: unknown input");
            expect(p).not.to.contain("did you mean");
        });
        it("ignores an unknown name whose value is undefined", () => {
            expect(checkResourceInputs(PASSWORD, { applicationId: APP_ID, nope: undefined })).to.deep.equal([]);
        });
        it("reports unknown keys of nested objects with their path", () => {
            only(
                checkResourceInputs(APP, {
                    displayName: "a",
                    api: { requestedAccessTokenVersion: 2, oauth2PermissionScope: [] },
                }),
                "api.oauth2PermissionScope: unknown property of ApplicationApi",
                `did you mean "oauth2PermissionScopes"?`,
            );
        });
    });

    describe("wrong type", () => {
        it("accepts values of the right types", () => {
            expect(
                checkResourceInputs(APP, {
                    displayName: "a",
                    preventDuplicateNames: true,
                    identifierUris: ["api://connector"],
                    api: { requestedAccessTokenVersion: 2, mappedClaimsEnabled: false },
                    requiredResourceAccesses: [
                        { resourceAppId: GRAPH, resourceAccesses: [{ id: USER_READ, type: "Scope" }] },
                    ],
                }),
            ).to.deep.equal([]);
            expect(
                checkResourceInputs(PASSWORD, { applicationId: APP_ID, rotateWhenChanged: { rotation: "2025-01-01" } }),
            ).to.deep.equal([]);
        });
        it("reports a boolean where a string is expected", () => {
            only(checkResourceInputs(APP_REG, { displayName: true }), "displayName: expected string, got boolean true");
        });
        it("reports a string where a boolean is expected", () => {
            only(
                checkResourceInputs(APP, { displayName: "a", preventDuplicateNames: "true" }),
                "preventDuplicateNames: expected boolean",
            );
        });
        it("requires integers to be integral", () => {
            only(
                checkResourceInputs(APP, { displayName: "a", api: { requestedAccessTokenVersion: 1.5 } }),
                "api.requestedAccessTokenVersion: expected integer",
                "1.5",
            );
            only(
                checkResourceInputs(APP, { displayName: "a", api: { requestedAccessTokenVersion: "2" } }),
                "api.requestedAccessTokenVersion: expected integer",
            );
        });
        it("checks arrays element-wise", () => {
            only(
                checkResourceInputs(APP, { displayName: "a", identifierUris: ["api://a", 3] }),
                "identifierUris[1]: expected string, got number 3",
            );
            only(
                checkResourceInputs(APP, { displayName: "a", identifierUris: "api://a" }),
                "identifierUris: expected array of string",
            );
        });
        it("checks maps element-wise", () => {
            only(
                checkResourceInputs(PASSWORD, { applicationId: APP_ID, rotateWhenChanged: { rotation: 1 } }),
                `rotateWhenChanged["rotation"]: expected string, got number 1`,
            );
            only(
                checkResourceInputs(PASSWORD, { applicationId: APP_ID, rotateWhenChanged: ["x"] }),
                "rotateWhenChanged: expected map of string, got array",
            );
        });
        it("checks nested object types", () => {
            only(
                checkResourceInputs(APP, {
                    displayName: "a",
                    requiredResourceAccesses: [
                        { resourceAppId: GRAPH, resourceAccesses: [{ id: USER_READ, type: false }] },
                    ],
                }),
                "requiredResourceAccesses[0].resourceAccesses[0].type: expected string, got boolean false",
            );
            only(
                checkResourceInputs(APP, { displayName: "a", api: "x" }),
                "api: expected object (ApplicationApi), got string",
            );
        });
        it("accepts the unknown sentinel for any type, at any depth", () => {
            expect(
                checkResourceInputs(APP, {
                    displayName: UNKNOWN_VALUE,
                    preventDuplicateNames: UNKNOWN_VALUE,
                    identifierUris: [UNKNOWN_VALUE],
                    api: { requestedAccessTokenVersion: UNKNOWN_VALUE },
                    requiredResourceAccesses: UNKNOWN_VALUE,
                }),
            ).to.deep.equal([]);
            expect(checkResourceInputs(APP, { displayName: { __pulumiUnknown: true } })).to.deep.equal([]);
        });
        it("checks the content of secret-wrapped values", () => {
            const secret = (value: unknown) => ({
                "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
                value,
            });
            expect(
                checkResourceInputs("azuread:index/user:User", {
                    displayName: "u",
                    userPrincipalName: "u@contoso.com",
                    password: secret("pw"),
                }),
            ).to.deep.equal([]);
            only(
                checkResourceInputs("azuread:index/user:User", {
                    displayName: "u",
                    userPrincipalName: "u@contoso.com",
                    password: secret(1),
                }),
                "password: expected string",
            );
        });
    });

    describe("deprecated input", () => {
        it("does not warn for the replacement input", () => {
            expect(
                checkResourceInputs(PASSWORD, { applicationId: APP_ID, endDate: "2030-01-01T00:00:00Z" }),
            ).to.deep.equal([]);
        });
        it("warns with a deprecated: prefix naming the input", () => {
            const p = only(
                checkResourceInputs(PASSWORD, { applicationId: APP_ID, endDateRelative: "240h" }),
                "endDateRelative",
            );
            expect(p.startsWith("deprecated:")).to.equal(true);
        });
        it("still type-checks a deprecated input", () => {
            const problems = checkResourceInputs(PASSWORD, { applicationId: APP_ID, endDateRelative: 240 });
            expect(problems).to.have.length(2);
            expect(problems.filter((p) => p.startsWith("deprecated:"))).to.have.length(1);
            expect(problems.filter((p) => !p.startsWith("deprecated:"))[0]).to.contain(
                "endDateRelative: expected string",
            );
        });
    });
});

describe("checkInvokeInputs", () => {
    it("accepts valid function inputs", () => {
        expect(
            checkInvokeInputs("azuread:index/getServicePrincipal:getServicePrincipal", { clientId: GRAPH }),
        ).to.deep.equal([]);
        expect(checkInvokeInputs("azuread:index/getClientConfig:getClientConfig", {})).to.deep.equal([]);
    });
    it("reports unknown function tokens, unknown inputs, missing required inputs and wrong types", () => {
        only(
            checkInvokeInputs("azuread:index/getServicePrincipal:GetServicePrincipal", {}),
            "is not a function of @pulumi/azuread 6.9.1",
            "did you mean",
        );
        only(
            checkInvokeInputs("azuread:index/getServicePrincipal:getServicePrincipal", { applicationId: GRAPH }),
            "applicationId: unknown input",
        );
        only(
            checkInvokeInputs("azuread:index/getDirectoryObject:getDirectoryObject", {}),
            "objectId: missing required input",
        );
        only(
            checkInvokeInputs("azuread:index/getServicePrincipals:getServicePrincipals", { clientIds: GRAPH }),
            "clientIds: expected array of string",
        );
    });
});

describe("replaceOnChangeInputs", () => {
    it("lists the inputs that force replacement", () => {
        expect(replaceOnChangeInputs(PASSWORD)).to.include.members(["displayName", "endDate", "rotateWhenChanged"]);
        expect(replaceOnChangeInputs("azuread:index/servicePrincipal:ServicePrincipal")).to.deep.equal(["clientId"]);
        expect(replaceOnChangeInputs(APP_REG)).not.to.include("displayName");
    });
    it("is empty for tokens that are not azuread resources", () => {
        expect(replaceOnChangeInputs("time:index/rotating:Rotating")).to.deep.equal([]);
    });
});

describe("closestName", () => {
    it("suggests only close names", () => {
        expect(closestName("applicationObjectId", ["applicationId", "displayName"])).to.equal("applicationId");
        expect(closestName("DisplayName", ["displayName"])).to.equal("displayName");
        expect(closestName("x", ["displayName"])).to.equal(undefined);
    });
});
