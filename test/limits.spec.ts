// Tests for the limits config enforces: the pure rules of entra/entraRules.ts and entra/azureRegions.ts, and their
// wiring into parseStackConfig (each problem at its key, with the value and a fix; warnings for plain credentials).
import { expect } from "chai";
import { ConfigError, ConfigProblem, parseStackConfig } from "../config";
import { AZURE_REGIONS, anyCloudRegionProblem, closestRegions, regionProblem } from "../entra/azureRegions";
import {
    applicationDisplayNameProblem,
    displayTextProblem,
    httpsBaseUrlProblem,
    identifierUriProblem,
    isNilGuid,
    keyVaultNameProblem,
    keyVaultSecretNameProblem,
    MAX_DISPLAY_NAME_LENGTH,
    MAX_IDENTIFIER_URI_LENGTH,
    MAX_PERMISSION_DEFINITIONS_PER_APP,
    MAX_PERMISSION_VALUE_LENGTH,
    MAX_REDIRECT_URI_LENGTH,
    MAX_REDIRECT_URIS_PER_APP,
    NIL_GUID,
    permissionValueProblem,
    POLICY_MAX_SECRET_LIFETIME_DAYS,
    redirectUriProblem,
    resourceGroupNameProblem,
    secretLifetimePolicyProblem,
} from "../entra/entraRules";
import { environmentDisplayName, powerPlatformApiClientComponentName } from "../entra/naming";
import { keyVaultSecretName } from "../components/keyVaultDelivery";
import { DEFAULT_POLICY_CONFIG, RULES } from "../policy/rules";
import { docPage, docSection } from "./helpers/docs";

const NS = "entra-connectors";
const TENANT = "3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45";
type Any = any;

/** A small valid stack: one API and a client-secret connector on it, one Logic Apps connector, one client. */
function values(): Record<string, Any> {
    return {
        "azuread:tenantId": TENANT,
        // The stack has a Logic Apps connector: azure-native needs a subscription (config/rules/azureSubscription.ts).
        "azure-native:subscriptionId": "6d1e4b2a-9c8f-4e7d-a3b5-2f0c9e8d7a61",
        [`${NS}:environment`]: "dev",
        [`${NS}:apis`]: { orders: { displayName: "Orders API", scopes: [{ value: "access_as_user" }] } },
        [`${NS}:connectors`]: {
            orders: {
                displayName: "Orders Connector",
                resource: { api: "orders" },
                scopes: ["access_as_user"],
                authentication: "clientSecret",
                redirectUrls: ["https://global.consent.azure-apim.net/redirect/shared-5forders-5f1c2a3b4d5e6f70"],
            },
            flows: {
                displayName: "Flows",
                platform: "logicApps",
                resource: { api: "orders" },
                scopes: ["access_as_user"],
                authentication: "clientSecret",
                resourceGroupName: "rg-flows",
                location: "westeurope",
                baseUrl: "https://flows.contoso.com/api",
            },
        },
        [`${NS}:powerPlatformApiClients`]: {
            ci: {
                displayName: "CI",
                permissions: ["AppManagement.ApplicationPackages.Read"],
                credential: "clientSecret",
            },
        },
    };
}
const raw = (v: Record<string, Any>) =>
    Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === "string" ? x : JSON.stringify(x)]));

function problems(mutate: (v: Record<string, Any>) => void): readonly ConfigProblem[] {
    const v = values();
    mutate(v);
    try {
        parseStackConfig(raw(v));
    } catch (err) {
        if (err instanceof ConfigError) return err.problems;
        throw err;
    }
    return [];
}

/** The one problem at `path`; it names the value and says how to fix it. */
function problemAt(mutate: (v: Record<string, Any>) => void, path: string, shows: string): string {
    const found = problems(mutate).filter((p) => p.path === path);
    expect(found, JSON.stringify(problems(mutate))).to.have.length(1);
    expect(found[0].message).to.include(shows).and.match(/Fix: /);
    return found[0].message;
}

describe("limits: pure rules", () => {
    it("knows the nil GUID in any case", () => {
        expect(isNilGuid(NIL_GUID)).to.equal(true);
        expect(isNilGuid("00000000-0000-0000-0000-000000000000".toUpperCase())).to.equal(true);
        expect(isNilGuid(TENANT)).to.equal(false);
    });

    it("scope and role values: exactly Graph's characters, no leading dot, at most 120", () => {
        for (const ok of [
            "access_as_user",
            "Orders.Read.All",
            "a:b/c?d=e",
            "x!#$%&'()*+,-./:;<=>?@[]^_`{|}~",
            "a".repeat(MAX_PERMISSION_VALUE_LENGTH),
        ]) {
            expect(permissionValueProblem(ok), ok).to.equal(undefined);
        }
        expect(permissionValueProblem("a".repeat(MAX_PERMISSION_VALUE_LENGTH + 1)))
            .to.include("121")
            .and.include("120");
        expect(permissionValueProblem('Orders"Read')).to.include(`'"'`);
        expect(permissionValueProblem("Ordérs.Read")).to.include("U+00E9");
        expect(permissionValueProblem("a\\b")).to.include("'\\'");
        expect(permissionValueProblem("Orders Read")).to.include("whitespace (U+0020)");
        expect(permissionValueProblem(".Orders")).to.include("starts with '.'");
        expect(MAX_PERMISSION_VALUE_LENGTH).to.equal(120);
    });

    it("display texts: no control characters, not blank; lengths only where given", () => {
        expect(displayTextProblem("Orders API")).to.equal(undefined);
        expect(displayTextProblem("Orders\nAPI")).to.include("U+000A");
        expect(displayTextProblem("Orders\u0007")).to.include("U+0007");
        expect(displayTextProblem("   ")).to.include("only spaces");
        expect(displayTextProblem("")).to.include("empty");
        expect(displayTextProblem("x".repeat(1000))).to.equal(undefined);
        expect(displayTextProblem("abcd", 3)).to.include("at most 3");
    });

    it("application display names count the environment suffix against 120", () => {
        expect(MAX_DISPLAY_NAME_LENGTH).to.equal(120);
        const fits = "x".repeat(MAX_DISPLAY_NAME_LENGTH - " (dev)".length);
        expect(applicationDisplayNameProblem(environmentDisplayName(fits, "dev"))).to.equal(undefined);
        expect(applicationDisplayNameProblem(environmentDisplayName(fits + "x", "dev")))
            .to.include("121")
            .and.include("by 1");
    });

    it("redirect URIs: http only on exactly localhost, no ! $ ' ( ) , ;", () => {
        expect(redirectUriProblem("http://localhost.evil.com/callback")).to.include(
            "requires https except for localhost",
        );
        expect(redirectUriProblem("http://localhost:5000/cb")).to.equal(undefined);
        expect(redirectUriProblem("https://contoso.com/cb;x")).to.include("';'");
        expect(redirectUriProblem("https://contoso.com/cb?x=1")).to.equal(undefined);
    });

    it("identifier URIs: the policy's rule plus length and trailing slash", () => {
        for (const ok of [
            "api://orders",
            "api://3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45/orders",
            "https://contoso.com/orders",
            "https://orders.contoso.com",
        ]) {
            expect(identifierUriProblem(ok), ok).to.equal(undefined);
        }
        expect(identifierUriProblem("api://")).to.include("neither");
        expect(identifierUriProblem("http://contoso.com/orders")).to.include("neither");
        expect(identifierUriProblem("https://localhost/orders")).to.include("neither");
        expect(identifierUriProblem("api://orders/")).to.include("trailing slash");
        expect(identifierUriProblem("api://orders?x")).to.include("query");
        expect(identifierUriProblem("api://*.orders")).to.include("wildcard");
        expect(identifierUriProblem("api://" + "a".repeat(MAX_IDENTIFIER_URI_LENGTH))).to.include("at most 255");
    });

    it("agrees with the policy pack's identifier-uri-scheme rule on every URI the policy judges", () => {
        const rule = RULES.find((r) => r.name === "identifier-uri-scheme")!;
        const uris = [
            "api://orders",
            "api://",
            "https://contoso.com/x",
            "https://localhost/x",
            "http://contoso.com",
            "api://a b",
            "api://a#b",
            "api://a?b",
            "urn:x",
            "https://nodot/x",
        ];
        for (const uri of uris) {
            const policy = rule.check(
                {
                    type: "azuread:index/applicationIdentifierUri:ApplicationIdentifierUri",
                    name: "u",
                    urn: "u",
                    inputs: { identifierUri: uri },
                } as Any,
                {} as Any,
            );
            if (policy.length > 0) expect(identifierUriProblem(uri), uri).to.be.a("string");
        }
    });

    it("Key Vault names: 3-24, letters/digits/hyphens, letter first, no trailing or double hyphen", () => {
        expect(keyVaultNameProblem("kv-connectors-dev")).to.equal(undefined);
        expect(keyVaultNameProblem("kv--connectors")).to.include("consecutive hyphens");
        expect(keyVaultNameProblem("kv")).to.include("3-24");
        expect(keyVaultNameProblem("k".repeat(25))).to.include("3-24");
        expect(keyVaultNameProblem("1kv")).to.include("start with a letter");
        expect(keyVaultNameProblem("kv-")).to.include("end with a letter or digit");
        expect(keyVaultNameProblem("kv_x")).to.include("letters, digits and hyphens");
    });

    it("the longest Key Vault secret name the stack derives is a valid one", () => {
        const longestKey = "a".repeat(40); // KEY_RE: at most 40 characters
        const name = keyVaultSecretName("e".repeat(16), powerPlatformApiClientComponentName(longestKey));
        expect(keyVaultSecretNameProblem(name)).to.equal(undefined);
        expect(keyVaultSecretNameProblem("a".repeat(128))).to.include("1-127");
        expect(keyVaultSecretNameProblem("a_b")).to.include("1-127");
    });

    it("resource group names: 1-90, Unicode letters and digits, _ - . ( ), not ending in '.'", () => {
        expect(resourceGroupNameProblem("rg-connectors_(dev).1")).to.equal(undefined);
        expect(resourceGroupNameProblem("rg-ünïcode")).to.equal(undefined);
        expect(resourceGroupNameProblem("rg.")).to.include("ends with '.'");
        expect(resourceGroupNameProblem("rg flows")).to.include("U+0020");
        expect(resourceGroupNameProblem("rg/flows")).to.include("'/'");
        expect(resourceGroupNameProblem("r".repeat(91))).to.include("1-90");
    });

    it("https base URLs: no http, query, fragment or credentials", () => {
        expect(httpsBaseUrlProblem("https://flows.contoso.com/api")).to.equal(undefined);
        expect(httpsBaseUrlProblem("http://flows.contoso.com")).to.include("uses http");
        expect(httpsBaseUrlProblem("https://flows.contoso.com/api?x=1")).to.include("query");
        expect(httpsBaseUrlProblem("https://u:p@flows.contoso.com")).to.include("credentials");
        expect(httpsBaseUrlProblem("flows.contoso.com")).to.include("absolute");
    });

    it("the secret lifetime limit is the policy pack's default", () => {
        expect(POLICY_MAX_SECRET_LIFETIME_DAYS).to.equal(DEFAULT_POLICY_CONFIG.maxSecretLifetimeDays);
        expect(secretLifetimePolicyProblem(POLICY_MAX_SECRET_LIFETIME_DAYS)).to.equal(undefined);
        expect(secretLifetimePolicyProblem(POLICY_MAX_SECRET_LIFETIME_DAYS + 1)).to.include(
            "client-secret-max-lifetime",
        );
    });
});

describe("limits: Azure regions", () => {
    it("ships public, US Government and China regions, each name lowercase without spaces and unique", () => {
        expect(AZURE_REGIONS.public).to.include.members(["westeurope", "eastus", "swedencentral", "westus3"]);
        expect(AZURE_REGIONS.usgovernment).to.include.members(["usgovvirginia", "usdodeast"]);
        expect(AZURE_REGIONS.china).to.include.members(["chinanorth3", "chinaeast2"]);
        // DoD shares Azure Government's regions (one ARM cloud, AzureUSGovernment): the same list, counted once.
        expect(AZURE_REGIONS.usgovernmentdod).to.deep.equal(AZURE_REGIONS.usgovernment);
        const all = [...new Set(Object.values(AZURE_REGIONS))].flat();
        expect(new Set(all).size).to.equal(all.length);
        for (const name of all) expect(name).to.match(/^[a-z][a-z0-9]+$/);
    });

    it("suggests the closest name on a typo or a display name", () => {
        expect(closestRegions("westeurpoe", "public")[0]).to.equal("westeurope");
        expect(closestRegions("West Europe", "public")[0]).to.equal("westeurope");
        expect(regionProblem("westeurpoe", "public")).to.include('did you mean "westeurope"');
        expect(anyCloudRegionProblem("usgovvirgina")).to.include('"usgovvirginia"');
        expect(regionProblem("westeurope", "public")).to.equal(undefined);
    });

    it("refuses a real region of another cloud", () => {
        expect(regionProblem("westeurope", "usgovernment")).to.include("public cloud");
        expect(regionProblem("chinanorth3", "public")).to.include("china");
    });
});

describe("limits: config rejects at the key", () => {
    it("the nil GUID for the tenant, owners, consent users, app ids and subscriptions", () => {
        problemAt((v) => (v["azuread:tenantId"] = NIL_GUID), "azuread:tenantId", NIL_GUID);
        problemAt((v) => (v[`${NS}:owners`] = [NIL_GUID]), `${NS}:owners[0]`, NIL_GUID);
        problemAt(
            (v) => (v[`${NS}:connectors`].orders.adminConsent = { user: NIL_GUID }),
            `${NS}:connectors.orders.adminConsent.user`,
            NIL_GUID,
        );
        problemAt((v) => (v["azure-native:subscriptionId"] = NIL_GUID), "azure-native:subscriptionId", NIL_GUID);
        problemAt(
            (v) => (v["azure-native:subscriptionId"] = "my-subscription"),
            "azure-native:subscriptionId",
            '"my-subscription"',
        );
    });

    it("display names over 120 with the suffix, and blank or control-character texts", () => {
        problemAt(
            (v) => (v[`${NS}:apis`].orders.displayName = "x".repeat(115)),
            `${NS}:apis.orders.displayName`,
            "121 characters",
        );
        problemAt(
            (v) => (v[`${NS}:connectors`].orders.displayName = "  "),
            `${NS}:connectors.orders.displayName`,
            "only spaces",
        );
        problemAt(
            (v) => (v[`${NS}:apis`].orders.scopes[0].userConsentDescription = "a\tb"),
            `${NS}:apis.orders.scopes[0].userConsentDescription`,
            "U+0009",
        );
    });

    it("more redirect URLs than Entra allows, at connectors.<key>.redirectUrls", () => {
        const urls = Array.from({ length: 257 }, (_, i) => `https://global.consent.azure-apim.net/redirect/c${i}`);
        problemAt(
            (v) => (v[`${NS}:connectors`].orders.redirectUrls = urls),
            `${NS}:connectors.orders.redirectUrls`,
            "257 redirect URLs",
        );
    });

    it("an identifier URI the policy would refuse, at apis.<key>.identifierUri", () => {
        problemAt(
            (v) => (v[`${NS}:apis`].orders.identifierUri = "https://localhost/orders"),
            `${NS}:apis.orders.identifierUri`,
            '"https://localhost/orders"',
        );
    });

    it("a misspelt or other-cloud location, with the closest name", () => {
        expect(
            problemAt(
                (v) => (v[`${NS}:connectors`].flows.location = "westeurpoe"),
                `${NS}:connectors.flows.location`,
                '"westeurpoe"',
            ),
        ).to.include("westeurope");
        problemAt(
            (v) => (v[`${NS}:connectors`].flows.location = "usgovvirginia"),
            `${NS}:connectors.flows.location`,
            "usgovernment cloud",
        );
    });

    it("never echoes the value of a secret key, field-level or cross-field", () => {
        const rejected = (mutate: (v: Record<string, Any>) => void, secretKeys: string[]): ConfigError => {
            const v = values();
            mutate(v);
            try {
                parseStackConfig(raw(v), secretKeys);
            } catch (err) {
                if (err instanceof ConfigError) return err;
                throw err;
            }
            throw new Error("expected a ConfigError");
        };
        const crossField = rejected(
            (v) => (v[`${NS}:apis`].orders.identifierUri = "https://localhost/hunter2"),
            [`${NS}:apis`],
        );
        const problem = crossField.problems.find((p) => p.path === `${NS}:apis.orders.identifierUri`);
        expect(problem?.message).to.match(/^\[secret\] is neither/);
        expect(crossField.message).not.to.include("hunter2");
        const fieldLevel = rejected(
            (v) => (v[`${NS}:keyVault`] = { resourceGroupName: "rg", vaultName: "kv--hunter2" }),
            [`${NS}:keyVault`],
        );
        expect(fieldLevel.problems.map((p) => p.path)).to.deep.equal([`${NS}:keyVault.vaultName`]);
        expect(fieldLevel.message).to.include("consecutive hyphens").and.not.include("hunter2");
    });

    it("the dev stack's values pass every limit", () => {
        expect(problems(() => undefined)).to.deep.equal([]);
    });
});

describe("limits: warnings", () => {
    it("a secretLifetimeDays the mandatory policy fails by default is a warning at its key, for connectors and clients", () => {
        const v = values();
        v[`${NS}:connectors`].orders.secretLifetimeDays = 365;
        v[`${NS}:powerPlatformApiClients`].ci.secretLifetimeDays = 181;
        v[`${NS}:connectors`].flows.secretLifetimeDays = 180;
        const warnings = parseStackConfig(raw(v)).warnings ?? [];
        expect(warnings.map((w) => w.path)).to.deep.equal([
            `${NS}:connectors.orders.secretLifetimeDays`,
            `${NS}:powerPlatformApiClients.ci.secretLifetimeDays`,
        ]);
        expect(warnings[0].message)
            .to.include("365 days")
            .and.include("client-secret-max-lifetime")
            .and.match(/Fix: set it to 180 or less/);
    });

    it("warns about a plain azuread:clientSecret without showing it, and not about a secure one", () => {
        const v = raw({ ...values(), "azuread:clientSecret": "s3cr3t-value" });
        const plain = parseStackConfig(v).warnings ?? [];
        expect(plain.map((w) => w.path)).to.deep.equal(["azuread:clientSecret"]);
        expect(plain[0].message)
            .to.match(/Fix: pulumi config set --secret azuread:clientSecret/)
            .and.not.include("s3cr3t-value");
        expect(parseStackConfig(v, ["azuread:clientSecret"]).warnings).to.deep.equal([]);
    });

    it("warns per credential key, and never about a client id", () => {
        const v = raw({
            ...values(),
            "azuread:clientCertificatePassword": "p",
            "azure-native:clientSecret": "q",
            "azuread:clientId": "3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d46",
        });
        expect((parseStackConfig(v).warnings ?? []).map((w) => w.path)).to.deep.equal([
            "azuread:clientCertificatePassword",
            "azure-native:clientSecret",
        ]);
    });
});

describe("limits: the table in docs/configuration.md", () => {
    const table = docSection(docPage("configuration"), "## Limits config enforces");

    it("states the numbers the rules enforce", () => {
        expect(table).to.include(`display name at most ${MAX_DISPLAY_NAME_LENGTH} characters`);
        expect(table).to.include(`at most ${MAX_PERMISSION_VALUE_LENGTH} characters | \`apis.<key>.scopes[].value\``);
        expect(table).to.include(`at most ${MAX_IDENTIFIER_URI_LENGTH} characters | \`apis.<key>.identifierUri\``);
        expect(table).to.include(
            `(${AZURE_REGIONS.public.length} public, ${AZURE_REGIONS.usgovernment.length} US Government, ${AZURE_REGIONS.china.length} China names`,
        );
        expect(table).to.include(`\`secretLifetimeDays\` over ${POLICY_MAX_SECRET_LIFETIME_DAYS}`);
        expect(table).to.include(`at most ${MAX_PERMISSION_DEFINITIONS_PER_APP} scopes and app roles`);
        expect(table).to.include(
            `at most ${MAX_REDIRECT_URI_LENGTH} characters each, at most ${MAX_REDIRECT_URIS_PER_APP} per app`,
        );
    });
});
