// The catalog: generated Graph permissions and Microsoft app ids match the reference data; every Graph permission
// plans with its real id; unknown resources plan with a deploy-time warning; sovereign stacks carry no public host.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import { stringify } from "yaml";
import { APPS_OUTPUT, GRAPH_OUTPUT, renderCatalog, renderGraphPermissions, parseCsv } from "../scripts/generateCatalog";
import { GRAPH_APPLICATION_PERMISSION_IDS, GRAPH_DELEGATED_PERMISSION_IDS } from "../entra/graphPermissions.generated";
import { MICROSOFT_APP_NAMES } from "../entra/microsoftApps.generated";
import { closestNames, editDistance } from "../entra/suggest";
import { WELL_KNOWN_API_NAMES, WELL_KNOWN_APIS } from "../entra/wellKnownApis";
import { CLOUD_NAMES, CLOUDS, CloudName } from "../entra/clouds";
import { HIGH_PRIVILEGE_GRAPH_APP_ROLES, HIGH_PRIVILEGE_GRAPH_SCOPES } from "../policy/rules";
import { planCommand } from "../offline/plan/planCli";
import { ProgramError, runOffline } from "../offline/plan/runOffline";
import { defaultTenantServicePrincipals } from "../offline/simulator";
import { REFERENCE_DIR, skipWithoutReference } from "./helpers/reference";
import { docPage } from "./helpers/docs";

const projectDir = path.resolve(__dirname, "..");
const TENANT = "3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45";
const PARTNER_APP = "6b7a1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
// Any;  plan.json is walked freely.

type Any = any;

function readTree(dir: string): Record<string, string> {
    const files: Record<string, string> = {};
    const walk = (d: string) => {
        for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
            const full = path.join(d, entry.name);
            if (entry.isDirectory()) walk(full);
            else files[path.relative(dir, full)] = fs.readFileSync(full, "utf8");
        }
    };
    walk(dir);
    return files;
}

/** Plans a stack file written from `config` into a temp dir; returns the command result and the files written. */
async function planConfig(tmp: string, name: string, config: Record<string, unknown>) {
    const file = path.join(tmp, `Pulumi.${name}.yaml`);
    fs.writeFileSync(file, stringify({ config }));
    const out = path.join(tmp, "out");
    const result = await planCommand(projectDir, { stack: name, configFile: file, out });
    const dir = path.join(out, name);
    return { result, files: fs.existsSync(dir) ? readTree(dir) : {} };
}

describe("catalog", function () {
    this.timeout(120_000);
    let tmp: string;
    before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-catalog-"))));
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    describe("generated modules against the reference data in ../shared/reference/microsoft-info", function () {
        before(function () {
            skipWithoutReference(this);
        });

        it("are byte-identical to what scripts/generateCatalog.ts renders (npm run gen:catalog)", () => {
            for (const [output, text] of renderCatalog()) {
                expect(
                    fs.readFileSync(output, "utf8") === text,
                    `${path.relative(projectDir, output)} is stale: run \`npm run gen:catalog\``,
                ).to.equal(true);
            }
            expect([...renderCatalog().keys()].sort()).to.deep.equal([APPS_OUTPUT, GRAPH_OUTPUT].sort());
        });

        it("hold every row of GraphDelegateRoles.csv (807) and GraphAppRoles.csv (716) with its id", () => {
            const info = path.join(REFERENCE_DIR, "microsoft-info");
            const delegated = parseCsv(fs.readFileSync(path.join(info, "GraphDelegateRoles.csv"), "utf8"));
            const application = parseCsv(fs.readFileSync(path.join(info, "GraphAppRoles.csv"), "utf8"));
            expect(delegated).to.have.length(807);
            expect(application).to.have.length(716);
            for (const r of delegated)
                expect(GRAPH_DELEGATED_PERMISSION_IDS[r.Value!], r.Value).to.equal(r.Id!.toLowerCase());
            for (const r of application)
                expect(GRAPH_APPLICATION_PERMISSION_IDS[r.Value!], r.Value).to.equal(r.Id!.toLowerCase());
            expect(Object.keys(GRAPH_DELEGATED_PERMISSION_IDS)).to.have.length(807);
            expect(Object.keys(GRAPH_APPLICATION_PERMISSION_IDS)).to.have.length(716);
        });

        it("take every well-known API's app id from MicrosoftApps.csv", () => {
            const apps = parseCsv(
                fs.readFileSync(path.join(REFERENCE_DIR, "microsoft-info", "MicrosoftApps.csv"), "utf8"),
            );
            const ids = new Set(apps.map((a) => a.AppId!.toLowerCase()));
            for (const name of WELL_KNOWN_API_NAMES) expect(ids.has(WELL_KNOWN_APIS[name].appId), name).to.equal(true);
        });

        it("renders deterministically, and a changed id makes the check fail", () => {
            const info = path.join(REFERENCE_DIR, "microsoft-info");
            const d = fs.readFileSync(path.join(info, "GraphDelegateRoles.csv"), "utf8");
            const a = fs.readFileSync(path.join(info, "GraphAppRoles.csv"), "utf8");
            expect(renderGraphPermissions(d, a)).to.equal(renderGraphPermissions(d, a));
            const changed = d.replace("e1fe6dd8-ba31-4d61-89e7-88639da4683d", "e1fe6dd8-ba31-4d61-89e7-88639da4683e");
            expect(renderGraphPermissions(changed, a)).to.not.equal(fs.readFileSync(GRAPH_OUTPUT, "utf8"));
        });
    });

    describe("the catalog's facts", () => {
        it("knows Graph's documented ids (User.Read, Files.Read.All) and the first-party names", () => {
            expect(GRAPH_DELEGATED_PERMISSION_IDS["User.Read"]).to.equal("e1fe6dd8-ba31-4d61-89e7-88639da4683d");
            expect(WELL_KNOWN_APIS.microsoftGraph.documentedScopeIds["Files.Read.All"]).to.equal(
                "df85f4d6-205c-4ac5-a5ea-6bf408dba283",
            );
            expect(WELL_KNOWN_APIS.sharePointOnline.appId).to.equal("00000003-0000-0ff1-ce00-000000000000");
            expect(MICROSOFT_APP_NAMES["00000003-0000-0ff1-ce00-000000000000"]).to.equal(
                "Office 365 SharePoint Online",
            );
        });

        it("has at least the ten well-known APIs the catalog promises", () => {
            expect(WELL_KNOWN_API_NAMES).to.include.members([
                "microsoftGraph",
                "azureServiceManagement",
                "powerPlatformApi",
                "sharePointOnline",
                "exchangeOnline",
                "dataverse",
                "azureKeyVault",
                "azureStorage",
                "azureDevOps",
                "powerBi",
            ]);
            for (const name of WELL_KNOWN_API_NAMES)
                expect(WELL_KNOWN_APIS[name].sources.length, name).to.be.greaterThan(0);
        });

        it("gives the policy pack the real ids of the high-privilege Graph permissions", () => {
            expect(
                HIGH_PRIVILEGE_GRAPH_APP_ROLES[GRAPH_APPLICATION_PERMISSION_IDS["Directory.ReadWrite.All"]!],
            ).to.equal("Directory.ReadWrite.All");
            expect(HIGH_PRIVILEGE_GRAPH_APP_ROLES["19dbc75e-c2e2-444c-a770-ec69d8559fc7"]).to.equal(
                "Directory.ReadWrite.All",
            );
            expect(HIGH_PRIVILEGE_GRAPH_SCOPES["0e263e50-5827-48a4-b97c-d940288653c7"]).to.equal(
                "Directory.AccessAsUser.All",
            );
        });

        it("suggests by edit distance (at most 3), closest first, never the whole list", () => {
            expect(editDistance("Files.ReadAll", "Files.Read.All")).to.equal(1);
            expect(editDistance("Mial.Read", "Mail.Read")).to.equal(1); // a transposition is one edit
            const graph = Object.keys(GRAPH_DELEGATED_PERMISSION_IDS);
            expect(closestNames("Files.ReadAll", graph)[0]).to.equal("Files.Read.All");
            expect(closestNames("Completely.Different.Thing", graph)).to.deep.equal([]);
            expect(closestNames("User.Rea", graph).length).to.be.at.most(3);
        });

        it("is listed in the well-known API table of docs/connectors.md, every name", () => {
            const readme = docPage("connectors");
            for (const name of WELL_KNOWN_API_NAMES) {
                expect(readme, name).to.match(new RegExp(`^\\| \`${name}\` \\| .*${WELL_KNOWN_APIS[name].appId}`, "m"));
            }
            expect(readme).to.include(
                `${Object.keys(GRAPH_DELEGATED_PERMISSION_IDS).length} delegated permissions Graph publishes`,
            );
        });

        it("has one row per cloud, DoD its own: Graph L5 and the Power Platform API differ from GCC High", () => {
            expect(CLOUD_NAMES).to.include.members(["public", "usgovernment", "usgovernmentdod", "china"]);
            expect(CLOUDS.usgovernmentdod.graphResourceUrl).to.equal("https://dod-graph.microsoft.us/");
            expect(CLOUDS.usgovernment.powerPlatformApiHost).to.equal("api.high.powerplatform.microsoft.us");
            expect(CLOUDS.usgovernmentdod.powerPlatformApiHost).to.equal("api.appsplatform.us");
            expect(CLOUDS.china.powerPlatformApiHost).to.equal("api.powerplatform.partner.microsoftonline.cn");
            expect(CLOUDS.usgovernment.azureadEnvironments).to.not.include("dod");
        });
    });

    describe("plans", () => {
        const base = {
            "azuread:tenantId": TENANT,
            "entra-connectors:environment": "dev",
        };

        it("a Graph connector with Files.Read.All, User.Read.All and Sites.ReadWrite.All plans with the real permission ids", async () => {
            const { result } = await planConfig(tmp, "graphfiles", {
                ...base,
                "entra-connectors:connectors": {
                    files: {
                        displayName: "Files Connector",
                        resource: { wellKnown: "microsoftGraph" },
                        scopes: ["Files.Read.All", "User.Read.All", "Sites.ReadWrite.All"],
                        authentication: "clientSecret",
                    },
                },
            });
            expect(result.exitCode, result.text).to.equal(0);
            const access = result.plan!.resources.find(
                (r) => r.type === "azuread:index/applicationApiAccess:ApplicationApiAccess",
            )!;
            expect(access.inputs.apiClientId).to.equal("00000003-0000-0000-c000-000000000000");
            expect(access.inputs.scopeIds).to.deep.equal([
                "df85f4d6-205c-4ac5-a5ea-6bf408dba283",
                "a154be20-db9c-4678-8ab7-66f6cc099a59",
                "89fe6a52-be36-487e-b7d8-d061c450a026",
            ]);
        });

        it("Files.ReadAll is rejected with the suggestion Files.Read.All, and nothing is written", async () => {
            const { result, files } = await planConfig(tmp, "graphtypo", {
                ...base,
                "entra-connectors:connectors": {
                    files: {
                        displayName: "Files Connector",
                        resource: { wellKnown: "microsoftGraph" },
                        scopes: ["Files.ReadAll"],
                        authentication: "clientSecret",
                    },
                },
            });
            expect(result.exitCode).to.equal(1);
            expect(result.text)
                .to.include("entra-connectors:connectors.files.scopes[0]")
                .and.include('Did you mean "Files.Read.All"');
            expect(result.text).to.not.include("external");
            expect(files).to.deep.equal({});
        });

        it("an HTTP with Entra ID grant to SharePoint Online and a connector to an external partner API plan offline, with the warning and the resource's name", async () => {
            const { result, files } = await planConfig(tmp, "external", {
                ...base,
                "entra-connectors:connectors": {
                    partner: {
                        displayName: "Partner Connector",
                        resource: { external: { appId: PARTNER_APP, resourceUrl: "api://partner.example/orders" } },
                        scopes: ["Orders.Read"],
                        authentication: "clientSecret",
                        host: "orders.partner.example",
                    },
                },
                "entra-connectors:httpWithEntraId": {
                    grants: [
                        { resource: "sharePointOnline", scopes: ["AllSites.Read"] },
                        // The same resource by app id, with its tenant's URL: merged into the one grant, URL kept.
                        {
                            resource: {
                                appId: "00000003-0000-0ff1-ce00-000000000000",
                                resourceUrl: "https://contoso.sharepoint.com",
                            },
                            scopes: ["AllSites.Read"],
                        },
                    ],
                },
                // The simulated tenant lacks the HTTP with Microsoft Entra ID app's principal: created (brownfield).
                "entra-connectors:createServicePrincipals": ["httpWithEntraId"],
            });
            expect(result.exitCode, result.text).to.equal(0);
            const warnings = result.plan!.findings.filter((f) => f.rule === "resolved-at-deploy-time");
            expect(warnings.map((w) => w.severity)).to.deep.equal(["warning", "warning"]);
            const text = warnings.map((w) => w.message).join("\n");
            expect(text)
                .to.include("entra-connectors:connectors.partner.resource")
                .and.include(`the API with app id ${PARTNER_APP}`);
            expect(text)
                .to.include("entra-connectors:httpWithEntraId.grants[0].resource")
                .and.include("Office 365 SharePoint Online");
            expect(result.text)
                .to.include("resolved at deploy time")
                .and.include("Office 365 SharePoint Online")
                .and.include(PARTNER_APP);
            const plan = JSON.parse(files["plan.json"]!);
            expect(plan.outputs.connectors.partner.resource).to.equal(`the API with app id ${PARTNER_APP}`);
            expect(Object.values(plan.outputs.httpWithEntraId as Any).map((g: Any) => g.resourceName)).to.deep.equal([
                "Office 365 SharePoint Online",
            ]);
            expect(Object.values(plan.outputs.httpWithEntraId as Any).map((g: Any) => g.resourceUri)).to.deep.equal([
                "https://contoso.sharepoint.com",
            ]);
            const grant = result.plan!.resources.find(
                (r) =>
                    r.type ===
                    "azuread:index/servicePrincipalDelegatedPermissionGrant:ServicePrincipalDelegatedPermissionGrant",
            )!;
            expect(grant.inputs.claimValues).to.deep.equal(["AllSites.Read"]);
        });
    });

    describe("at deploy time", () => {
        it("a scope the tenant's service principal lacks fails naming the config key and the resource, not `input scopeIds:`", async () => {
            const overrides = {
                "entra-connectors:apis": {},
                "entra-connectors:powerPlatformApiClients": {},
                "entra-connectors:httpWithEntraId": { grants: [] },
                "entra-connectors:connectors": {
                    partner: {
                        displayName: "Partner Connector",
                        resource: { external: { appId: PARTNER_APP, resourceUrl: "api://partner.example/orders" } },
                        scopes: ["Orders.Read", "Orders.Writ"],
                        authentication: "clientSecret",
                    },
                },
            };
            // The tenant has the partner's service principal, with other scopes than the config asks for.
            const tenantServicePrincipals = [
                ...defaultTenantServicePrincipals(),
                {
                    appId: PARTNER_APP,
                    displayName: "Partner API",
                    scopes: {
                        "Orders.Read": "0a0a0a0a-0000-4000-8000-000000000001",
                        "Orders.Write": "0a0a0a0a-0000-4000-8000-000000000002",
                    },
                },
            ];
            try {
                await runOffline({
                    projectDir,
                    stack: "dev",
                    configOverrides: overrides,
                    configRemovals: ["entra-connectors:keyVault"],
                    tenantServicePrincipals,
                });
                expect.fail("expected the program to fail");
            } catch (err) {
                expect(err).to.be.instanceOf(ProgramError);
                const message = (err as Error).message;
                expect(message).to.match(
                    /^entra-connectors:connectors\.partner\.scopes: the API with app id 6b7a1c2d-[^ ]+ has no delegated permission named "Orders\.Writ"/,
                );
                expect(message).to.include('Did you mean "Orders.Write"');
                expect(message).to.not.include("input scopeIds");
            }
        });
    });

    describe("sovereign clouds: no public-cloud host in a usgovernment, usgovernmentdod or china stack's files and outputs", () => {
        /** Public-cloud hosts of every cloud-dependent value whose `cloud` value exists and differs. */
        function publicHostsReplacedIn(cloud: CloudName): string[] {
            const hosts = new Set<string>();
            const hostOf = (v: string | undefined) => (v && /^https:\/\//.test(v) ? new URL(v).host : v);
            const pairs: Array<[string | undefined, string | undefined]> = [
                [CLOUDS.public.loginHost, CLOUDS[cloud].loginHost],
                [CLOUDS.public.federatedIssuerHost, CLOUDS[cloud].federatedIssuerHost],
                [CLOUDS.public.graphResourceUrl, CLOUDS[cloud].graphResourceUrl],
                [CLOUDS.public.serviceManagementResourceUrl, CLOUDS[cloud].serviceManagementResourceUrl],
                [CLOUDS.public.armHost, CLOUDS[cloud].armHost],
                [CLOUDS.public.powerPlatformApiHost, CLOUDS[cloud].powerPlatformApiHost],
                // Undocumented in this cloud: config gives the redirect, so the public one must not appear either.
                [CLOUDS.public.connectorConsentHost, CLOUDS[cloud].connectorConsentHost ?? "(config)"],
                ...WELL_KNOWN_API_NAMES.flatMap((n): Array<[string | undefined, string | undefined]> => [
                    [WELL_KNOWN_APIS[n].resourceUrl.public, WELL_KNOWN_APIS[n].resourceUrl[cloud]],
                    [WELL_KNOWN_APIS[n].apiHost.public, WELL_KNOWN_APIS[n].apiHost[cloud]],
                ]),
            ];
            for (const [pub, other] of pairs) {
                const p = hostOf(pub);
                if (p && other !== undefined && hostOf(other) !== p && p.includes(".")) hosts.add(p);
            }
            return [...hosts].sort();
        }

        function strings(value: unknown, out: string[] = []): string[] {
            if (typeof value === "string") out.push(value);
            else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
            else if (value && typeof value === "object")
                Object.entries(value).forEach(([k, v]) => (out.push(k), strings(v, out)));
            return out;
        }

        function sovereignStack(cloud: "usgovernment" | "usgovernmentdod" | "china"): Record<string, unknown> {
            const { powerPlatformSubject } =
                require("../entra/powerPlatformSubject") as typeof import("../entra/powerPlatformSubject");
            const segment = CLOUDS[cloud].subjectCloudSegment;
            const consent =
                cloud === "china"
                    ? "https://consent.example.cn/redirect/conn"
                    : "https://consent.example.us/redirect/conn";
            const connector = (resource: unknown, scopes: string[], extra: Record<string, unknown> = {}) => ({
                displayName: "Connector",
                resource,
                scopes,
                authentication: "clientSecret",
                redirectUrls: [consent],
                adminConsent: true,
                ...extra,
            });
            return {
                "azuread:tenantId": TENANT,
                "azuread:environment": CLOUDS[cloud].azureadEnvironments[0],
                "azure-native:environment": CLOUDS[cloud].azureNativeEnvironment,
                "entra-connectors:environment": "dev",
                "entra-connectors:cloud": cloud,
                "entra-connectors:apis": { orders: { displayName: "Orders API" } },
                "entra-connectors:connectors": {
                    graph: connector({ wellKnown: "microsoftGraph" }, ["User.Read", "Files.Read.All"]),
                    arm: connector({ wellKnown: "azureServiceManagement" }, ["user_impersonation"]),
                    powerbi: connector({ wellKnown: "powerBi" }, ["Report.Read.All"]),
                    vault: connector({ wellKnown: "azureKeyVault" }, ["user_impersonation"], {
                        host: cloud === "china" ? "kv.vault.azure.cn" : "kv.vault.usgovcloudapi.net",
                    }),
                    orders: connector({ api: "orders" }, ["access_as_user"], { host: "orders.example.us" }),
                    graphmi: {
                        displayName: "Graph MI",
                        resource: { wellKnown: "microsoftGraph" },
                        scopes: ["User.Read"],
                        authentication: "managedIdentity",
                        federatedSubject: powerPlatformSubject(
                            TENANT,
                            "58e835ab-2e39-46a9-b797-accce6633447",
                            "shared_graph-mi",
                            segment,
                        ),
                        redirectUrls: [consent],
                    },
                },
                "entra-connectors:httpWithEntraId": { grants: [{ resource: "microsoftGraph", scopes: ["User.Read"] }] },
                "azure-native:subscriptionId": "6d1e4b2a-9c8f-4e7d-a3b5-2f0c9e8d7a61",
                "entra-connectors:keyVault": {
                    resourceGroupName: "rg-secrets",
                    vaultName: "kv-gov-secrets",
                    subscriptionId: "7e2f5c3b-0d9a-4f8e-b4c6-3a1d0f9e8b72",
                },
                "entra-connectors:powerPlatformApiClients": {
                    sdk: {
                        displayName: "SDK",
                        permissions: ["AppManagement.ApplicationPackages.Read"],
                        publicClient: { ropc: false },
                    },
                },
                // The simulated tenant lacks both principals, as many real ones do: the stack creates them.
                "entra-connectors:createServicePrincipals": ["powerPlatformApi", "httpWithEntraId"],
            };
        }

        for (const cloud of ["usgovernment", "usgovernmentdod", "china"] as const) {
            it(`${cloud}: every string of the printed plan, plan.json and the connector files is free of public-cloud hosts`, async () => {
                const forbidden = publicHostsReplacedIn(cloud);
                expect(forbidden).to.include.members([
                    "login.microsoftonline.com",
                    "graph.microsoft.com",
                    "global.consent.azure-apim.net",
                    "api.powerplatform.com",
                ]);
                const { result, files } = await planConfig(tmp, `sovereign${cloud}`, sovereignStack(cloud));
                expect(result.exitCode, result.text).to.equal(0);
                expect(Object.keys(files).filter((f) => f.endsWith("apiProperties.json")).length).to.equal(6);
                const all = [
                    result.text,
                    ...Object.entries(files).flatMap(([name, text]) =>
                        name.endsWith(".json") ? strings(JSON.parse(text)) : [text],
                    ),
                ];
                const hits = all.flatMap((s) =>
                    forbidden.filter((h) => s.includes(h)).map((h) => `${h} in ${JSON.stringify(s.slice(0, 160))}`),
                );
                expect(hits).to.deep.equal([]);
                if (cloud === "usgovernmentdod") {
                    // DoD is not GCC High: none of GCC High's own Graph, Power Platform API or Power BI hosts either.
                    const gccHigh = [
                        /(?<![\w-])graph\.microsoft\.us/,
                        /api\.high\.powerplatform\.microsoft\.us/,
                        /high\.analysis\.usgovcloudapi\.net/,
                        /api\.high\.powerbigov\.us/,
                    ];
                    expect(
                        all.filter((s) => gccHigh.some((re) => re.test(s))).map((s) => s.slice(0, 160)),
                    ).to.deep.equal([]);
                }
                // And the cloud's own hosts are there instead.
                const plan = JSON.parse(files["plan.json"]!);
                expect(plan.outputs.connectors.graph.resourceUrl).to.equal(CLOUDS[cloud].graphResourceUrl);
                expect(plan.outputs.powerPlatformApiClients.sdk.scope).to.equal(
                    `https://${CLOUDS[cloud].powerPlatformApiHost}/.default`,
                );
                const props = JSON.parse(files[path.join("connectors", "graph", "apiProperties.json")]!);
                expect(props.properties.connectionParameters.token.oAuthSettings.redirectUrl).to.equal(
                    cloud === "china"
                        ? "https://consent.example.cn/redirect/conn"
                        : "https://consent.example.us/redirect/conn",
                );
                const swagger = JSON.parse(files[path.join("connectors", "graph", "apiDefinition.swagger.json")]!);
                expect(swagger.host).to.equal(CLOUDS[cloud].graphHost);
                // The explicit azure-native provider (the vault's subscription) targets the stack's cloud too: the
                // simulator's azure-environment rule would otherwise have failed the plan.
                expect(result.plan!.findings.filter((f) => f.rule === "azure-environment")).to.deep.equal([]);
                expect(result.plan!.resources.some((r) => r.type === "azure-native:keyvault:Secret")).to.equal(true);
            });
        }
    });
});
