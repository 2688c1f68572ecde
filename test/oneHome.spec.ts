// One home per Entra fact: vocabularies, clouds, creatable principals and the GUID rule are defined once in entra/,
// and everything that restates them (config enums, the policy pack, docs, Args docs) is derived or checked here.
import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import * as fc from "fast-check";
import { z } from "zod";
import { ConfigError, parseStackConfig } from "../config";
import { connectorSchema, powerPlatformApiClientSchema, stackSchema } from "../config/schema";
import { CLOUD_NAMES, CLOUDS } from "../entra/clouds";
import { CONNECTOR_AUTHENTICATIONS } from "../entra/connectorSettings";
import { DEPLOYER_OWNERSHIPS } from "../entra/deployerOwnership";
import { isGuid } from "../entra/guid";
import { POWER_PLATFORM_API_CREDENTIALS } from "../entra/powerPlatformRegistration";
import {
    CREATABLE_SERVICE_PRINCIPAL_NAMES,
    CREATABLE_SERVICE_PRINCIPALS,
    HTTP_WITH_ENTRA_ID_APP_ID,
    WELL_KNOWN_API_NAMES,
    WELL_KNOWN_APIS,
} from "../entra/wellKnownApis";
import { PROVIDER_ENVIRONMENT_CLOUD } from "../policy/policies";
import { docPage, productFiles, PROJECT_DIR } from "./helpers/docs";
import { connectorClientProblems } from "../components/connectorClient";
import { delegatedConsentProblems } from "../components/consent";

/** The allowed values of a zod enum, through any `.default()` / `.optional()` around it. */
function enumOptions(schema: z.ZodType): readonly string[] {
    let s: z.ZodType = schema;
    while (s instanceof z.ZodDefault || s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
    expect(s).to.be.instanceOf(z.ZodEnum);
    return (s as z.ZodEnum).options as readonly string[];
}

const TENANT = "3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45";
const stack = (extra: Record<string, unknown>) =>
    Object.fromEntries(
        Object.entries({ "azuread:tenantId": TENANT, "entra-connectors:environment": "dev", ...extra }).map(
            ([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)],
        ),
    );

describe("one home: vocabularies defined in entra/", () => {
    it("config's enums are the entra/ vocabularies: authentication, credential, deployer ownership, cloud, creatable principals", () => {
        expect(enumOptions(connectorSchema.shape.authentication)).to.deep.equal(CONNECTOR_AUTHENTICATIONS);
        expect(enumOptions(powerPlatformApiClientSchema.shape.credential)).to.deep.equal(
            POWER_PLATFORM_API_CREDENTIALS,
        );
        expect(enumOptions(stackSchema.shape.deployerOwnership)).to.deep.equal(DEPLOYER_OWNERSHIPS);
        expect(enumOptions(stackSchema.shape.cloud)).to.deep.equal(CLOUD_NAMES);
        const creatable = stackSchema.shape.createServicePrincipals.unwrap() as unknown as z.ZodArray<z.ZodType>;
        expect(enumOptions(creatable.element)).to.deep.equal(CREATABLE_SERVICE_PRINCIPAL_NAMES);
    });

    it("a bad value's message lists exactly the vocabulary", () => {
        let err: unknown;
        try {
            parseStackConfig(stack({ "entra-connectors:deployerOwnership": "sometimes" }));
        } catch (e) {
            err = e;
        }
        expect(err).to.be.instanceOf(ConfigError);
        expect((err as Error).message).to.include(`must be ${DEPLOYER_OWNERSHIPS.map((v) => `"${v}"`).join(" or ")}`);
    });
});

describe("one home: creatable service principals come from the catalog", () => {
    it("are the well-known APIs a tenant may lack, plus the HTTP with Microsoft Entra ID app", () => {
        const mayBeMissing = WELL_KNOWN_API_NAMES.filter((n) => WELL_KNOWN_APIS[n].mayBeMissingFromTenant);
        expect(mayBeMissing).to.include("powerPlatformApi");
        expect(CREATABLE_SERVICE_PRINCIPALS).to.deep.equal([
            ...mayBeMissing.map((n) => ({ name: n, appId: WELL_KNOWN_APIS[n].appId })),
            { name: "httpWithEntraId", appId: HTTP_WITH_ENTRA_ID_APP_ID },
        ]);
    });

    it("config accepts each of them and refuses a principal every tenant has", () => {
        expect(
            parseStackConfig(stack({ "entra-connectors:createServicePrincipals": CREATABLE_SERVICE_PRINCIPAL_NAMES }))
                .createServicePrincipals,
        ).to.deep.equal(CREATABLE_SERVICE_PRINCIPAL_NAMES);
        expect(() =>
            parseStackConfig(stack({ "entra-connectors:createServicePrincipals": ["microsoftGraph"] })),
        ).to.throw(ConfigError, /createServicePrincipals/);
    });
});

describe("one home: the policy pack's clouds come from CLOUDS", () => {
    it("maps every azuread environment value to the cloud CLOUDS names it for, DoD to usgovernmentdod", () => {
        const expected = Object.fromEntries(
            CLOUD_NAMES.flatMap((c) => CLOUDS[c].azureadEnvironments.map((e) => [e, c])),
        );
        expect(PROVIDER_ENVIRONMENT_CLOUD).to.deep.equal(expected);
        expect(PROVIDER_ENVIRONMENT_CLOUD.usgovernmentl5).to.equal("usgovernmentdod");
        expect(PROVIDER_ENVIRONMENT_CLOUD.dod).to.equal("usgovernmentdod");
    });
});

describe("one home: one GUID rule", () => {
    it("isGuid and zod's guid format (the config schema's) agree on GUID-like and arbitrary text", () => {
        const zodGuid = z.guid();
        const hex = fc.constantFrom(..."0123456789abcdefABCDEFgx-".split(""));
        const group = (n: number) => fc.array(hex, { minLength: n - 1, maxLength: n + 1 }).map((a) => a.join(""));
        const guidLike = fc.tuple(group(8), group(4), group(4), group(4), group(12)).map((g) => g.join("-"));
        fc.assert(
            fc.property(fc.oneof(guidLike, fc.string()), (s) => isGuid(s) === zodGuid.safeParse(s).success),
            { numRuns: 2000 },
        );
        expect(isGuid("3F8A2C71-5B4E-4D1A-9C6E-8E2B7F0A1D45")).to.equal(true);
        expect(isGuid("{3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45}")).to.equal(false);
    });

    it("no product module restates the GUID pattern: entra/guid.ts is its home", () => {
        const found: string[] = [];
        for (const rel of productFiles(/\.ts$/, ["vendor"])) {
            if (
                rel !== path.join("entra", "guid.ts") &&
                /\{8\}-\[0-9a-f/i.test(fs.readFileSync(path.join(PROJECT_DIR, rel), "utf8"))
            )
                found.push(rel);
        }
        expect(found).to.deep.equal([]);
    });
});

describe("one home: a new cloud is forced everywhere it is named", () => {
    const quoted = (c: string) => `"${c}"`;

    it("every component Args doc that lists the clouds lists each of CLOUD_NAMES", () => {
        const dir = path.join(PROJECT_DIR, "components");
        let docs = 0;
        for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
            for (const line of fs.readFileSync(path.join(dir, file), "utf8").split("\n")) {
                if (!/\bcloud: "public"|"usgovernment"/.test(line) || !line.trim().startsWith("/**")) continue;
                docs++;
                for (const c of CLOUD_NAMES) expect(line, `${file}: ${line.trim()}`).to.include(quoted(c));
            }
        }
        expect(docs).to.be.greaterThan(0);
    });

    it("Pulumi.yaml's cloud description and the configuration reference's cloud row list each of CLOUD_NAMES", () => {
        const pulumiYaml = fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), "utf8");
        const description = /\n {2}cloud:\n(?: {4}.*\n)*? {4}description: (.*)\n/.exec(pulumiYaml)![1];
        const row = docPage("configuration")
            .split("\n")
            .find((l) => l.startsWith("| `cloud` |"))!;
        for (const c of CLOUD_NAMES) {
            expect(description, "Pulumi.yaml").to.match(new RegExp(`\\b${c}\\b`));
            expect(row, "docs/configuration.md").to.include(`\`${c}\``);
        }
    });
});

describe("one home: a connector's scope names are checked once on the way to the grant", () => {
    const TENANT_ID = "3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45";
    const bad = ["User.Read", "Mail Read", "User.Read"];
    const scopeMessages = (messages: readonly string[]) => messages.filter((m) => m.startsWith("args.scopes"));

    it("DelegatedConsent checks the names itself for a direct user, not again under a component that checked them", () => {
        const args = {
            clientServicePrincipalObjectId: TENANT_ID,
            resourceServicePrincipalObjectId: TENANT_ID,
            scopes: bad,
        };
        expect(scopeMessages(delegatedConsentProblems("direct", args).messages)).to.have.length(1);
        expect(scopeMessages(delegatedConsentProblems("child", args, true).messages)).to.deep.equal([]);
    });

    it("ConnectorClient checks form and repeats (for a direct user and the stack alike: one public constructor); the stack's config rules report them first, once each", () => {
        const args = {
            stableKey: "graph",
            displayName: "Graph",
            tenantId: TENANT_ID,
            wellKnownApi: "microsoftGraph",
            scopes: bad,
            authentication: "managedIdentity",
        };
        const direct = scopeMessages(connectorClientProblems("connector-graph", args).messages);
        expect(direct.join("\n")).to.include("Mail Read").and.include("twice");
        // ... and the stack's config rules report both, once each.
        let err: unknown;
        try {
            parseStackConfig(
                stack({
                    "entra-connectors:connectors": {
                        graph: {
                            displayName: "Graph",
                            resource: { wellKnown: "microsoftGraph" },
                            scopes: bad,
                            authentication: "managedIdentity",
                        },
                    },
                }),
            );
        } catch (e) {
            err = e;
        }
        const lines = (err as Error).message.split("\n").filter((l) => l.includes("connectors.graph.scopes"));
        expect(lines).to.have.length(2);
    });
});
