// The review gate sees every replacement the stack's providers would make: azuread, azure-native and tls (generated facts).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import { parse, stringify } from "yaml";
import { REPLACE_ON_CHANGES } from "../offline/simulator/replaceFacts.generated";
import { diffPlans, replacingInputs } from "../offline/plan/planDiff";
import { planCommand } from "../offline/plan/planCli";
import { diffText } from "../offline/plan/planText";
import { Plan } from "../offline/plan/runOffline";
import {
    azureNativeReplaceInputs,
    interfaceMembers,
    readSources,
    renderReplaceFacts,
    tfRequiresReplace,
    tlsReplaceInputs,
    TLS_EXTRACT_PATH,
    TlsExtract,
} from "../scripts/generateReplaceFacts";

const projectDir = path.resolve(__dirname, "..");
const GENERATED = path.join(projectDir, "offline", "simulator", "replaceFacts.generated.ts");

describe("replace-on-change facts of azure-native and tls", function () {
    this.timeout(120_000);

    describe("the generated module", function () {
        it("is byte-identical to what scripts/generateReplaceFacts.ts renders from a clone alone (no ../shared needed)", () => {
            expect(
                renderReplaceFacts(readSources()) === fs.readFileSync(GENERATED, "utf8"),
                "stale: run `npm run gen:replace-facts`",
            ).to.equal(true);
        });
        it("takes tls from an extract that names the upstream commits it was read from", () => {
            const extract = JSON.parse(fs.readFileSync(TLS_EXTRACT_PATH, "utf8")) as TlsExtract;
            for (const repo of ["github.com/pulumi/pulumi-tls", "github.com/hashicorp/terraform-provider-tls"]) {
                expect(extract.sources[repo], repo).to.match(/^[0-9a-f]{40}$/);
            }
            expect(Object.keys(extract.replaceOnChanges).sort()).to.deep.equal(
                Object.keys(REPLACE_ON_CHANGES)
                    .filter((t) => t.startsWith("tls:"))
                    .sort(),
            );
        });
    });

    it("names the ARM path parameters and location of a custom API, and the path parameters of a Key Vault secret", () => {
        expect(REPLACE_ON_CHANGES["azure-native:web:CustomApi"]).to.deep.equal([
            "apiName",
            "location",
            "resourceGroupName",
            "subscriptionId",
        ]);
        expect(REPLACE_ON_CHANGES["azure-native:keyvault:Secret"]).to.deep.equal([
            "resourceGroupName",
            "secretName",
            "vaultName",
        ]);
        // `properties` and `tags` are updated in place.
        expect(replacingInputs("azure-native:web:CustomApi")).to.not.include("properties");
        expect(replacingInputs("azure-native:keyvault:Secret")).to.not.include("tags");
    });

    it("names the tls inputs whose plan modifiers require replacement, but not earlyRenewalHours", () => {
        expect(REPLACE_ON_CHANGES["tls:index/selfSignedCert:SelfSignedCert"]).to.include.members([
            "subject",
            "validityPeriodHours",
            "privateKeyPem",
            "allowedUses",
        ]);
        expect(REPLACE_ON_CHANGES["tls:index/selfSignedCert:SelfSignedCert"]).to.not.include("earlyRenewalHours");
        expect(REPLACE_ON_CHANGES["tls:index/privateKey:PrivateKey"]).to.deep.equal([
            "algorithm",
            "ecdsaCurve",
            "rsaBits",
        ]);
    });

    it("reads path parameters from a get-function's Args and plan modifiers from Go source (the generator's parsers)", () => {
        const dts =
            "export interface GetXArgs {\n    /** a */\n    aName: string;\n    rg?: string;\n}\nexport interface XArgs {\n    aName?: pulumi.Input<string>;\n    location?: string;\n    tags?: string;\n}\n";
        expect(interfaceMembers(dts, "GetXArgs")).to.deep.equal(["aName", "rg"]);
        expect(azureNativeReplaceInputs((rel) => (rel.includes("/") ? dts : ""), "m", "X")).to.deep.equal([
            "aName",
            "location",
        ]);
        const go = [
            'resp.TypeName = req.ProviderTypeName + "_thing"',
            '\t\t\t"a_b": schema.StringAttribute{',
            "\t\t\t\tPlanModifiers: []planmodifier.String{ stringplanmodifier.RequiresReplace() },",
            "\t\t\t},",
            '\t\t\t"c": schema.StringAttribute{',
            "\t\t\t\tOptional: true,",
            "\t\t\t},",
        ].join("\n");
        expect(tfRequiresReplace(go)).to.deep.equal({ typeName: "tls_thing", attributes: ["a_b"] });
    });

    it("maps Terraform attributes onto the bridge's Pulumi names and keeps only schema inputs (the extract's parser)", () => {
        const go = (type: string, attrs: string[]) =>
            [
                `resp.TypeName = req.ProviderTypeName + "_${type}"`,
                ...attrs.flatMap((a) => [
                    `\t\t\t"${a}": schema.StringAttribute{`,
                    "\t\t\t\tRequiresReplace(),",
                    "\t\t\t},",
                ]),
            ].join("\n");
        const files: Record<string, string> = {
            "resource_cert_request.go": go("cert_request", ["subject"]),
            "resource_locally_signed_cert.go": go("locally_signed_cert", ["ca_cert_pem", "cert_pem"]),
            "resource_private_key.go": go("private_key", ["rsa_bits"]),
            "resource_self_signed_cert.go": go("self_signed_cert", ["subject", "set_authority_key_id"]),
        };
        const token = (t: string) => `tls:index/${t}`;
        const schema = {
            resources: {
                [token("certRequest:CertRequest")]: { inputProperties: { subject: {} } },
                [token("locallySignedCert:LocallySignedCert")]: { inputProperties: { caCertPem: {} } },
                [token("privateKey:PrivateKey")]: { inputProperties: { rsaBits: {} } },
                [token("selfSignedCert:SelfSignedCert")]: { inputProperties: { subject: {}, authorityKey: {} } },
            },
        };
        const metadata = {
            renames: {
                resources: {
                    [token("certRequest:CertRequest")]: "tls_cert_request",
                    [token("locallySignedCert:LocallySignedCert")]: "tls_locally_signed_cert",
                    [token("privateKey:PrivateKey")]: "tls_private_key",
                    [token("selfSignedCert:SelfSignedCert")]: "tls_self_signed_cert",
                },
                renamedProperties: {
                    [token("selfSignedCert:SelfSignedCert")]: { authorityKey: "set_authority_key_id" },
                },
            },
        };
        const out = tlsReplaceInputs({
            tlsSchema: JSON.stringify(schema),
            tlsBridgeMetadata: JSON.stringify(metadata),
            tlsResource: (f) => files[f]!,
        });
        expect(out[token("selfSignedCert:SelfSignedCert")]).to.deep.equal(["authorityKey", "subject"]);
        // cert_pem is computed, not an input: it is left out.
        expect(out[token("locallySignedCert:LocallySignedCert")]).to.deep.equal(["caCertPem"]);
    });

    describe("--fail-on-replace trips on each provider's replacement", () => {
        let base: Plan;
        let tmp: string;
        let previousFile: string;
        before(async () => {
            tmp = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-replace-"));
            const result = await planCommand(projectDir, { stack: "dev", out: path.join(tmp, "base") });
            expect(result.exitCode, result.text).to.equal(0);
            previousFile = path.join(tmp, "base", "dev", "plan.json");
            base = JSON.parse(fs.readFileSync(previousFile, "utf8")) as Plan;
        });
        after(() => fs.rmSync(tmp, { recursive: true, force: true }));

        const variant = (name: string, mutate: (config: Record<string, any>) => void) => {
            const doc = parse(fs.readFileSync(path.join(projectDir, "Pulumi.dev.yaml"), "utf8")) as {
                config: Record<string, any>;
            };
            mutate(doc.config);
            const file = path.join(tmp, `Pulumi.${name}.yaml`);
            fs.writeFileSync(file, stringify(doc));
            return file;
        };
        const gate = async (name: string, mutate: (config: Record<string, any>) => void) => {
            const configFile = variant(name, mutate);
            return planCommand(projectDir, {
                stack: "dev",
                configFile,
                out: path.join(tmp, name),
                previous: previousFile,
                failOnReplace: true,
            });
        };

        it("azuread: renaming the orders API's scope replaces its permission scope", async () => {
            const result = await gate("scope", (c) => {
                // Every reference to the scope follows the new value: the API, its connectors and grants.
                const renamed = JSON.parse(JSON.stringify(c).replace(/"access_as_user"/g, '"access_orders"')) as Record<
                    string,
                    any
                >;
                for (const k of Object.keys(c)) c[k] = renamed[k];
            });
            expect(result.text, result.text).to.include("--fail-on-replace:");
            expect(result.text).to.match(/ApplicationPermissionScope \S+ \(replace/);
            expect(result.exitCode).to.equal(1);
        });

        for (const [input, value] of [
            ["resourceGroupName", "rg-connectors-moved"],
            ["location", "northeurope"],
        ] as const) {
            it(`azure-native: a Logic Apps connector's ${input} replaces its custom API, listed first with !!`, async () => {
                const result = await gate(
                    `la-${input}`,
                    (c) => (c["entra-connectors:connectors"]["orders-logic-apps"][input] = value),
                );
                expect(result.exitCode, result.text).to.equal(1);
                expect(result.text).to.include("--fail-on-replace:").and.include("custom-api");
                const changes = result.text.split("\n");
                const firstBang = changes.findIndex((l) => l.startsWith("!!"));
                expect(firstBang, result.text).to.be.greaterThan(-1);
                expect(changes.slice(firstBang).join("\n")).to.match(
                    new RegExp(`!!\\s+\\+- CustomApi \\S+custom-api \\(replaced, forced by ${input}\\)`),
                );
            });
        }

        it("azure-native: a location that differs only in case and spaces is no change (azure-native normalises it)", () => {
            const moved: Plan = {
                ...base,
                resources: base.resources.map((r) =>
                    r.type === "azure-native:web:CustomApi"
                        ? { ...r, inputs: { ...r.inputs, location: "West Europe" } }
                        : r,
                ),
            };
            expect(base.resources.find((r) => r.type === "azure-native:web:CustomApi")?.inputs.location).to.equal(
                "westeurope",
            );
            const api = diffPlans(base, moved).find((c) => c.type === "azure-native:web:CustomApi");
            expect(api?.kind).to.equal("same");
            const north: Plan = {
                ...base,
                resources: base.resources.map((r) =>
                    r.type === "azure-native:web:CustomApi"
                        ? { ...r, inputs: { ...r.inputs, location: "North Europe" } }
                        : r,
                ),
            };
            expect(diffPlans(base, north).find((c) => c.type === "azure-native:web:CustomApi")?.kind).to.equal(
                "replace",
            );
        });

        it("azure-native: keyVault.vaultName replaces every Key Vault secret", async () => {
            const result = await gate("kv", (c) => (c["entra-connectors:keyVault"].vaultName = "kv-connectors-new"));
            expect(result.exitCode, result.text).to.equal(1);
            expect(result.text).to.match(/!!\s+\+- Secret \S+key-vault-secret \(replaced, forced by vaultName\)/);
        });

        it("azure-native: renaming a Logic Apps connector with previousName keeps its custom API's name (no replacement)", async () => {
            const result = await gate("la-rename", (c) => {
                const conns = c["entra-connectors:connectors"];
                conns["orders-la"] = { ...conns["orders-logic-apps"], previousName: "orders-logic-apps" };
                delete conns["orders-logic-apps"];
            });
            const text = result.text;
            expect(text).to.not.match(/CustomApi \S+ \(replace/);
            expect(
                result.plan?.resources.find(
                    (r) => r.type === "azure-native:web:CustomApi" && r.name.includes("orders-la"),
                )?.inputs.apiName,
            ).to.equal("dev-orders-logic-apps");
        });

        it("tls: a certificate's validity change re-issues it, and --fail-on-replace trips", async () => {
            const result = await gate(
                "cert",
                (c) => (c["entra-connectors:powerPlatformApiClients"].pipeline.certificateValidityDays = 200),
            );
            expect(result.exitCode, result.text).to.equal(1);
            expect(result.text).to.match(/SelfSignedCert \S+ \(replaced, forced by validityPeriodHours\)/);
        });

        it("tls: renaming a certificate client with previousName keeps its subject (no new certificate)", async () => {
            const result = await gate("cert-rename", (c) => {
                const clients = c["entra-connectors:powerPlatformApiClients"];
                clients.automation = { ...clients.pipeline, previousName: "pipeline" };
                delete clients.pipeline;
            });
            expect(result.text).to.not.match(/SelfSignedCert \S+ \(replace/);
            const diff = diffText(base, result.plan!);
            expect(diff).to.not.include("forced by subject");
        });
    });
});
