// Tests for config/: the stack-config schema, its defaults, and one clear error listing every problem.
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, ConfigProblem, DEFAULT_SECRET_LIFETIME_DAYS, parseStackConfig } from "../config";
import { powerPlatformSubject } from "../entra/powerPlatformSubject";

const TENANT = "3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45";
const OTHER_TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const OWNER = "9a1f3c2e-7b6d-4e5f-8a9b-0c1d2e3f4a5b";
/** Power Platform's own app id: the a/ segment of every managed-identity subject. */
const PP_APP = "58e835ab-2e39-46a9-b797-accce6633447";
const GLOBAL_REDIRECT = "https://global.consent.azure-apim.net/redirect";
const ORDERS_REDIRECT = "https://global.consent.azure-apim.net/redirect/shared-5forders-5f1c2a3b4d5e6f70";
const GRAPH_SUBJECT = powerPlatformSubject(TENANT, PP_APP, "shared_graph-20profile-5f3c2a1b9d7e4f60");

const NS = "entra-connectors";
const K = {
    tenant: "azuread:tenantId",
    environment: `${NS}:environment`,
    cloud: `${NS}:cloud`,
    owners: `${NS}:owners`,
    apis: `${NS}:apis`,
    connectors: `${NS}:connectors`,
};

// Config values are walked and mutated freely, hence `any`.
type Any = any;
type Values = Record<string, Any>;

/** A valid stack: one own API with a scope and a role, a client-secret connector on it, a managed-identity one on Graph. */
function baseValues(): Values {
    return {
        [K.tenant]: TENANT,
        [K.environment]: "dev",
        [K.owners]: [OWNER],
        [K.apis]: {
            orders: {
                displayName: "Orders API",
                scopes: [
                    {
                        value: "access_as_user",
                        adminConsentDisplayName: "Access Orders API",
                        adminConsentDescription: "Lets the connector call Orders API for the signed-in user.",
                        userConsentDisplayName: "Access Orders API as you",
                        userConsentDescription: "Lets the connector call Orders API on your behalf.",
                    },
                ],
                appRoles: [{ value: "Orders.Read.All", displayName: "Read all orders", description: "Daemon access." }],
            },
        },
        [K.connectors]: {
            orders: {
                displayName: "Orders Connector",
                resource: { api: "orders" },
                scopes: ["access_as_user"],
                authentication: "clientSecret",
                redirectUrls: [ORDERS_REDIRECT],
            },
            graph: {
                displayName: "Graph Connector",
                resource: { wellKnown: "microsoftGraph" },
                scopes: ["User.Read"],
                authentication: "managedIdentity",
                federatedSubject: GRAPH_SUBJECT,
            },
        },
    };
}

/** What Pulumi hands the program: fully qualified key -> string, structured values as JSON text. */
function toRaw(values: Values): Record<string, string> {
    return Object.fromEntries(
        Object.entries(values).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
    );
}

function parse(mutate: (v: Values) => void = () => undefined) {
    const values = baseValues();
    mutate(values);
    return parseStackConfig(toRaw(values));
}

function configError(mutate: (v: Values) => void, secretKeys?: string[]): ConfigError {
    const values = baseValues();
    mutate(values);
    try {
        parseStackConfig(toRaw(values), secretKeys);
    } catch (err) {
        expect(err).to.be.instanceOf(ConfigError);
        return err as ConfigError;
    }
    return expect.fail("expected parseStackConfig to throw a ConfigError");
}

/** Asserts one problem at exactly `path` whose message contains every fragment (strings or patterns). */
function expectProblem(mutate: (v: Values) => void, path: string, ...fragments: (string | RegExp)[]): ConfigProblem {
    const err = configError(mutate);
    const problem = err.problems.find((p) => p.path === path);
    expect(problem, `no problem at ${path}; got ${JSON.stringify(err.problems)}`).to.not.equal(undefined);
    for (const fragment of fragments) {
        if (typeof fragment === "string") expect(problem!.message).to.include(fragment);
        else expect(problem!.message).to.match(fragment);
    }
    // The thrown message lists the problem with its path, so the CLI output alone is enough to fix it.
    expect(err.message).to.include(`${path}: ${problem!.message}`);
    return problem!;
}

const orders = (v: Values): Any => v[K.connectors].orders;
const graph = (v: Values): Any => v[K.connectors].graph;
const ordersApi = (v: Values): Any => v[K.apis].orders;

describe("parseStackConfig", () => {
    describe("a valid stack", () => {
        it("production defaults to true for environment prod and false otherwise, when the stack file does not set it", () => {
            expect(parse((v) => (v[K.environment] = "prod")).production).to.equal(true);
            expect(parse((v) => (v[K.environment] = "dev")).production).to.equal(false);
            expect(parse((v) => (v[K.environment] = "prod-emea")).production).to.equal(false);
            expect(
                parse((v) => ((v[K.environment] = "prod"), (v["entra-connectors:production"] = false))).production,
            ).to.equal(false);
            expect(parse((v) => (v["entra-connectors:production"] = true)).production).to.equal(true);
        });

        it("parses the base config into the typed model", () => {
            const config = parse();
            expect(config.tenantId).to.equal(TENANT);
            expect(config.environment).to.equal("dev");
            expect(config.owners).to.deep.equal([OWNER]);
            expect(Object.keys(config.apis)).to.deep.equal(["orders"]);
            expect(Object.keys(config.connectors)).to.have.members(["orders", "graph"]);
            expect(config.connectors.orders.resource).to.deep.equal({ api: "orders" });
            expect(config.connectors.graph.federatedSubject).to.equal(GRAPH_SUBJECT);
            expect(config.connectors.orders.redirectUrls).to.deep.equal([ORDERS_REDIRECT]);
        });

        it("ignores other namespaces' keys (provider config)", () => {
            const config = parse((v) => {
                v["azuread:clientId"] = "not validated here";
            });
            expect(config.tenantId).to.equal(TENANT);
        });

        it("applies defaults: cloud public, 180-day secrets, the global consent redirect, access_as_user scopes", () => {
            const config = parse((v) => {
                delete v[K.owners];
                delete orders(v).redirectUrls;
                v[K.apis].billing = { displayName: "Billing API" };
            });
            expect(config.cloud).to.equal("public");
            expect(config.owners).to.deep.equal([]);
            expect(DEFAULT_SECRET_LIFETIME_DAYS).to.equal(180);
            expect(config.connectors.orders.secretLifetimeDays).to.equal(180);
            expect(config.connectors.orders.adminConsent).to.equal(false);
            expect(config.connectors.orders.onBehalfOfLogin).to.equal(false);
            expect(config.connectors.orders.redirectUrls).to.deep.equal([GLOBAL_REDIRECT]);
            expect(config.connectors.graph.redirectUrls).to.deep.equal([GLOBAL_REDIRECT]);
            // A managed-identity connector has no secret, so no default lifetime either.
            expect(config.connectors.graph.secretLifetimeDays).to.equal(undefined);

            const billing = config.apis.billing;
            expect(billing.scopes.map((s) => s.value)).to.deep.equal(["access_as_user"]);
            expect(billing.scopes[0].adminConsentDisplayName).to.be.a("string").and.include("Billing API");
            expect(billing.scopes[0].adminConsentDescription).to.be.a("string").and.include("Billing API");
            expect(billing.scopes[0].adminConsentDescription).to.include("access_as_user");
            expect(billing.appRoles).to.deep.equal([]);
            expect(billing.assignmentRequired).to.equal(false);
            expect(billing.accessTokenVersion).to.equal(2);
        });

        it("keeps a configured secret lifetime and consent texts", () => {
            const config = parse((v) => {
                orders(v).secretLifetimeDays = 90;
            });
            expect(config.connectors.orders.secretLifetimeDays).to.equal(90);
            expect(config.apis.orders.scopes[0].adminConsentDisplayName).to.equal("Access Orders API");
            expect(config.apis.orders.scopes[0].userConsentDisplayName).to.equal("Access Orders API as you");
        });

        it("accepts the boundary secret lifetimes 1 and 730", () => {
            expect(parse((v) => (orders(v).secretLifetimeDays = 1)).connectors.orders.secretLifetimeDays).to.equal(1);
            expect(parse((v) => (orders(v).secretLifetimeDays = 730)).connectors.orders.secretLifetimeDays).to.equal(
                730,
            );
        });
    });

    describe("ConfigError", () => {
        it("is a pulumi.RunError, so the CLI prints the message without a stack trace", () => {
            const err = configError((v) => {
                v[K.tenant] = "not-a-guid";
                delete graph(v).federatedSubject; // it encodes the real tenant: a second problem
            });
            expect(err).to.be.instanceOf(pulumi.RunError);
            expect(pulumi.RunError.isInstance(err)).to.equal(true);
            expect(err.name).to.equal("ConfigError");
            expect(err.message).to.include("1 problem");
        });

        it("reports every problem together in one error", () => {
            // Four independent cross-field problems plus a bad tenant: all in one throw.
            const err = configError((v) => {
                v[K.tenant] = "contoso.onmicrosoft.com";
                delete graph(v).federatedSubject; // its tenant check would add a sixth problem
                orders(v).redirectUrls = ["http://orders.contoso.com/callback"];
                orders(v).federatedSubject = GRAPH_SUBJECT;
                graph(v).scopes = ["User.Read", "Nope.Read"];
                ordersApi(v).appRoles[0].value = "access_as_user";
            });
            expect(err.problems.map((p) => p.path)).to.have.members([
                "azuread:tenantId",
                `${NS}:connectors.orders.redirectUrls[0]`,
                `${NS}:connectors.orders.federatedSubject`,
                `${NS}:connectors.graph.scopes[1]`,
                `${NS}:apis.orders.appRoles[0].value`,
            ]);
            expect(err.problems).to.have.length(5);
            expect(err.message).to.include("(5 problems)");
        });

        it("reports schema problems together too, with a missing environment", () => {
            const err = configError((v) => {
                delete v[K.environment];
                v[K.owners] = ["not-an-object-id"];
                v[`${NS}:onwers`] = [OWNER];
                orders(v).secretLifetimeDays = 0;
            });
            expect(err.problems.map((p) => p.path)).to.have.members([
                `${NS}:environment`,
                `${NS}:owners[0]`,
                `${NS}:onwers`,
                `${NS}:connectors.orders.secretLifetimeDays`,
            ]);
            expect(err.problems).to.have.length(4);
            expect(err.message).to.include("(4 problems)");
        });

        it("does not show the value of a secret config key", () => {
            const err = configError((v) => (orders(v).secretLifetimeDays = 987654), [K.connectors]);
            const problem = err.problems.find((p) => p.path === `${NS}:connectors.orders.secretLifetimeDays`);
            expect(problem).to.not.equal(undefined);
            expect(problem!.message).to.include("[secret]");
            expect(err.message).to.not.include("987654");
        });

        it("does not show the start of a long secret value that a message would shorten", () => {
            // A shortened value ("abc...") is no longer the secret's text, so only the rule's own masking hides it.
            const secret = `s3cr3t-${"q".repeat(20)}-${"7".repeat(200)}`;
            const err = configError((v) => (orders(v).secretLifetimeDays = secret), [K.connectors]);
            const problem = err.problems.find((p) => p.path === `${NS}:connectors.orders.secretLifetimeDays`);
            expect(problem!.message).to.include("[secret]");
            expect(err.message).to.not.include(secret.slice(0, 20));
        });

        it("does not show the start of a secret key's long display name that a limit rule would shorten", () => {
            const secret = `S3cr3t ${"Q".repeat(20)} ${"7".repeat(130)}`;
            const err = configError((v) => (orders(v).displayName = secret), [K.connectors]);
            const problem = err.problems.find((p) => p.path === `${NS}:connectors.orders.displayName`);
            expect(problem!.message).to.include("[secret]");
            expect(err.message).to.not.include(secret.slice(0, 20));
        });

        it("masks a secret key's value that a rule quotes without masking it itself (the last line of defence)", () => {
            // The platform rule shows a Logic Apps field set on a Power Platform connector as it is.
            const err = configError((v) => (orders(v).resourceGroupName = "rg-s3cr3t-orders-77"), [K.connectors]);
            const problem = err.problems.find((p) => p.path === `${NS}:connectors.orders.resourceGroupName`);
            expect(problem!.message).to.include("is set ([secret])");
            expect(err.message).to.not.include("s3cr3t");
        });
    });

    describe("GUIDs", () => {
        it("rejects a non-GUID tenant", () => {
            expectProblem(
                (v) => (v[K.tenant] = "contoso.onmicrosoft.com"),
                "azuread:tenantId",
                "contoso.onmicrosoft.com",
                "GUID",
            );
        });

        it("rejects a non-GUID owner", () => {
            expectProblem(
                (v) => (v[K.owners] = [OWNER, "alice@contoso.com"]),
                `${NS}:owners[1]`,
                "alice@contoso.com",
                "GUID",
                "object id",
            );
        });

        it("rejects a non-GUID external appId", () => {
            expectProblem(
                (v) =>
                    (orders(v).resource = {
                        external: { appId: "orders-api", resourceUrl: "https://orders.contoso.com/" },
                    }),
                `${NS}:connectors.orders.resource.external.appId`,
                "orders-api",
                "GUID",
            );
        });
    });

    describe("unknown keys", () => {
        it("rejects an unknown top-level key (typo onwers) and lists the allowed keys", () => {
            expectProblem(
                (v) => (v[`${NS}:onwers`] = [OWNER]),
                `${NS}:onwers`,
                '"onwers"',
                "owners",
                /spelling|remove/,
            );
        });

        it("suggests the key for two swapped letters in a short name (hsot: host), a transposition being one edit", () => {
            expectProblem(
                (v) => (orders(v).hsot = "orders.contoso.com"),
                `${NS}:connectors.orders.hsot`,
                'did you mean "host"?',
            );
        });

        it("rejects an unknown key in a connector (scope instead of scopes)", () => {
            expectProblem(
                (v) => {
                    orders(v).scope = orders(v).scopes;
                    delete orders(v).scopes;
                },
                `${NS}:connectors.orders.scope`,
                '"scope"',
                "scopes",
                /spelling|remove/,
            );
        });

        it("rejects an unknown key inside an API scope", () => {
            expectProblem(
                (v) => (ordersApi(v).scopes[0].adminConsentDisplayname = "Typo"),
                `${NS}:apis.orders.scopes[0].adminConsentDisplayname`,
                '"adminConsentDisplayname"',
                "adminConsentDisplayName",
            );
        });

        it("reports each of several unknown keys in one object at its own path", () => {
            const err = configError((v) => {
                orders(v).scope = ["access_as_user"];
                orders(v).redirectUrl = ORDERS_REDIRECT;
            });
            const paths = err.problems.map((p) => p.path);
            expect(paths).to.include(`${NS}:connectors.orders.scope`);
            expect(paths).to.include(`${NS}:connectors.orders.redirectUrl`);
            expect(paths).to.have.length(2);
        });
    });

    describe("references and scope names", () => {
        it("rejects a connector pointing at an undeclared api", () => {
            expectProblem(
                (v) => (orders(v).resource = { api: "billing" }),
                `${NS}:connectors.orders.resource.api`,
                '"billing"',
                "orders", // the declared APIs
                /Fix/,
            );
        });

        it("rejects an api key that reads as a wellKnown API name", () => {
            expectProblem(
                (v) => (v[K.apis].microsoftgraph = { displayName: "Shadow Graph" }),
                `${NS}:apis.microsoftgraph`,
                "microsoftGraph",
                /Fix/,
            );
        });

        it("rejects an unknown scope name of the connector's own api", () => {
            expectProblem(
                (v) => (orders(v).scopes = ["access_as_admin"]),
                `${NS}:connectors.orders.scopes[0]`,
                '"access_as_admin"',
                "access_as_user", // what the API offers
            );
        });

        it("rejects an unknown well-known Graph scope name", () => {
            expectProblem(
                (v) => (graph(v).scopes = ["User.Read", "User.Reed"]),
                `${NS}:connectors.graph.scopes[1]`,
                '"User.Reed"',
                'Did you mean "User.Read"',
            );
        });

        it("does not suggest external for a misspelled Graph permission, nor list all of Graph's names", () => {
            const problem = expectProblem(
                (v) => (graph(v).scopes = ["Files.ReadAll"]),
                `${NS}:connectors.graph.scopes[0]`,
                '"Files.ReadAll"',
                'Did you mean "Files.Read.All"',
            );
            expect(problem.message).to.not.include("external");
            expect(problem.message).to.not.include("Calendars.Read");
            expect(problem.message.length).to.be.lessThan(400);
        });

        it("checks the names of Microsoft Graph named as an external resource by its app id too", () => {
            expectProblem(
                (v) => {
                    graph(v).resource = {
                        external: {
                            appId: "00000003-0000-0000-c000-000000000000",
                            resourceUrl: "https://graph.microsoft.com/",
                        },
                    };
                    graph(v).scopes = ["Mail.Sedn"];
                },
                `${NS}:connectors.graph.scopes[0]`,
                'Did you mean "Mail.Send"',
            );
        });

        it("accepts every Graph delegated permission by name (not only a hand-picked few)", () => {
            const config = parse((v) => (graph(v).scopes = ["Files.Read.All", "User.Read.All", "Sites.ReadWrite.All"]));
            expect(config.connectors.graph!.scopes).to.deep.equal([
                "Files.Read.All",
                "User.Read.All",
                "Sites.ReadWrite.All",
            ]);
        });

        it("leaves undocumented scope lists to deploy time, and asks for a tenant-specific resource URL", () => {
            const config = parse(
                (v) => (
                    (graph(v).resource = {
                        wellKnown: "sharePointOnline",
                        resourceUrl: "https://contoso.sharepoint.com",
                    }),
                    (graph(v).scopes = ["AllSites.Read"])
                ),
            );
            expect(config.connectors.graph!.scopes).to.deep.equal(["AllSites.Read"]);
            expectProblem(
                (v) => (graph(v).resource = { wellKnown: "sharePointOnline" }),
                `${NS}:connectors.graph.resource.resourceUrl`,
                "https://contoso.sharepoint.com",
                "Fix:",
            );
        });

        it("requires azuread:environment in a national cloud: unset, the provider signs in to the public cloud", () => {
            expectProblem(
                (v) => (v["entra-connectors:cloud"] = "china"),
                "azuread:environment",
                "is not set",
                "Fix: pulumi config set azuread:environment china",
            );
        });

        it("rejects an azure-native or azuread environment of another cloud than the stack's, DoD included", () => {
            expectProblem(
                (v) => ((v["entra-connectors:cloud"] = "usgovernment"), (v["azuread:environment"] = "dod")),
                "azuread:environment",
                '"dod"',
                "usgovernmentdod",
                "Fix:",
            );
            expectProblem(
                (v) => (v["azure-native:environment"] = "usgovernment"),
                "azure-native:environment",
                '"usgovernment"',
                "Fix:",
            );
            const dod = configError(
                (v) => (
                    (v["entra-connectors:cloud"] = "usgovernmentdod"),
                    (v["azuread:environment"] = "dod"),
                    (v["azure-native:environment"] = "usgovernment")
                ),
            );
            expect(dod.problems.map((p) => p.path)).to.not.include.members([
                "azuread:environment",
                "azure-native:environment",
            ]);
        });
    });

    describe("scope and role values of an API", () => {
        it("rejects a scope value with spaces", () => {
            expectProblem(
                (v) => {
                    ordersApi(v).scopes[0].value = "access as user";
                    orders(v).scopes = ["access as user"];
                },
                `${NS}:apis.orders.scopes[0].value`,
                '"access as user"',
                /spaces|whitespace/,
                "access_as_user",
            );
        });

        it("rejects a scope value starting with '.'", () => {
            expectProblem(
                (v) => ordersApi(v).scopes.push({ value: ".read" }),
                `${NS}:apis.orders.scopes[1].value`,
                '".read"',
                "dot",
                "Fix",
            );
        });

        it("rejects duplicate scope values within one api", () => {
            expectProblem(
                (v) => ordersApi(v).scopes.push({ value: "access_as_user" }),
                `${NS}:apis.orders.scopes[1].value`,
                '"access_as_user"',
                `${NS}:apis.orders.scopes[0].value`,
                "unique",
            );
        });

        it("rejects an app role value that clashes with a scope value", () => {
            expectProblem(
                (v) => (ordersApi(v).appRoles[0].value = "access_as_user"),
                `${NS}:apis.orders.appRoles[0].value`,
                '"access_as_user"',
                `${NS}:apis.orders.scopes[0].value`,
                "unique",
            );
        });
    });

    describe("federated subjects", () => {
        it("rejects federatedSubject on a clientSecret connector", () => {
            expectProblem(
                (v) => (orders(v).federatedSubject = GRAPH_SUBJECT),
                `${NS}:connectors.orders.federatedSubject`,
                GRAPH_SUBJECT,
                "managedIdentity",
                "remove federatedSubject",
            );
        });

        it("rejects a subject whose t/ segment encodes another tenant", () => {
            const foreign = powerPlatformSubject(OTHER_TENANT, PP_APP, "shared_graph-20profile-5f3c2a1b9d7e4f60");
            expectProblem(
                (v) => (graph(v).federatedSubject = foreign),
                `${NS}:connectors.graph.federatedSubject`,
                foreign,
                OTHER_TENANT,
                TENANT,
                "another tenant",
            );
        });

        it("rejects a malformed subject", () => {
            expectProblem(
                (v) => (graph(v).federatedSubject = "shared_graph-20profile-5f3c2a1b9d7e4f60"),
                `${NS}:connectors.graph.federatedSubject`,
                '"shared_graph-20profile-5f3c2a1b9d7e4f60"',
                "/eid1/c/pub/t/",
            );
        });

        it("rejects a subject whose t/ segment is not an encoded GUID", () => {
            expectProblem(
                (v) => (graph(v).federatedSubject = `/eid1/c/pub/t/short/a/qzXoWDkuqUa3l6zM5mM0Rw/shared_graph`),
                `${NS}:connectors.graph.federatedSubject`,
                '"short"',
                "22 base64url",
            );
        });
    });

    describe("redirect URLs", () => {
        it("rejects a non-https redirect URL", () => {
            expectProblem(
                (v) => (orders(v).redirectUrls = ["http://orders.contoso.com/callback"]),
                `${NS}:connectors.orders.redirectUrls[0]`,
                "http://orders.contoso.com/callback",
                "https",
            );
        });

        it("rejects a wildcard redirect URL", () => {
            expectProblem(
                (v) => (orders(v).redirectUrls = [ORDERS_REDIRECT, "https://*.consent.azure-apim.net/redirect"]),
                `${NS}:connectors.orders.redirectUrls[1]`,
                "https://*.consent.azure-apim.net/redirect",
                "wildcard",
            );
        });

        it("rejects a redirect URL with a fragment", () => {
            expectProblem(
                (v) => (orders(v).redirectUrls = [`${ORDERS_REDIRECT}#done`]),
                `${NS}:connectors.orders.redirectUrls[0]`,
                `${ORDERS_REDIRECT}#done`,
                "fragment",
            );
        });
    });

    describe("secret lifetime", () => {
        it("rejects 0 days", () => {
            expectProblem(
                (v) => (orders(v).secretLifetimeDays = 0),
                `${NS}:connectors.orders.secretLifetimeDays`,
                "got 0",
                "between 1 and 730",
            );
        });

        it("rejects 731 days", () => {
            expectProblem(
                (v) => (orders(v).secretLifetimeDays = 731),
                `${NS}:connectors.orders.secretLifetimeDays`,
                "731",
                "between 1 and 730",
            );
        });

        it("rejects secretLifetimeDays on a managedIdentity connector", () => {
            expectProblem(
                (v) => (graph(v).secretLifetimeDays = 90),
                `${NS}:connectors.graph.secretLifetimeDays`,
                "90",
                "managedIdentity",
                "remove secretLifetimeDays",
            );
        });
    });

    describe("required keys and the cloud", () => {
        it("requires the environment", () => {
            expectProblem(
                (v) => delete v[K.environment],
                `${NS}:environment`,
                "required",
                `pulumi config set ${NS}:environment`,
            );
        });

        it("requires the tenant", () => {
            expectProblem(
                (v) => delete v[K.tenant],
                "azuread:tenantId",
                "required",
                "pulumi config set azuread:tenantId",
            );
        });

        it("rejects an invalid cloud and lists the valid ones", () => {
            expectProblem(
                (v) => (v[K.cloud] = "azurecloud"),
                `${NS}:cloud`,
                '"azurecloud"',
                "public",
                "usgovernment",
                "china",
            );
        });

        it("requires redirectUrls for usgovernment, which has no documented consent redirect", () => {
            const err = configError((v) => {
                v[K.cloud] = "usgovernment";
                v["azuread:environment"] = "usgovernment";
                delete graph(v).federatedSubject;
            });
            // orders has redirectUrls; graph does not.
            expect(err.problems.map((p) => p.path)).to.deep.equal([`${NS}:connectors.graph.redirectUrls`]);
            expect(err.problems[0].message)
                .to.include("usgovernment")
                .and.match(/required/)
                .and.include("redirectUrls");
        });

        it("accepts a usg subject for usgovernment and rejects a pub one", () => {
            const usgovernment = (subject: string) => (v: Values) => {
                v[K.cloud] = "usgovernment";
                v["azuread:environment"] = "usgovernment";
                graph(v).redirectUrls = ["https://consent.example.us/redirect/graph"];
                graph(v).federatedSubject = subject;
            };
            const usg = powerPlatformSubject(TENANT, PP_APP, "shared_graph-5f1", "usg");
            const config = parse(usgovernment(usg));
            expect(config.cloud).to.equal("usgovernment");
            expect(config.connectors.graph.federatedSubject).to.equal(usg);

            const pub = powerPlatformSubject(TENANT, PP_APP, "shared_graph-5f1", "pub");
            expectProblem(usgovernment(pub), `${NS}:connectors.graph.federatedSubject`, pub, '"pub"', "/eid1/c/usg/");
        });
    });
});
