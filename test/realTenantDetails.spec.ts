// Details a real tenant shows: a renamed connector's Key Vault secret, ARM_ENVIRONMENT, DoD in the policy pack,
// grant ids as adopt.grantId takes them, and what a secret lifetime change replaces (nothing).
import * as path from "path";
import { expect } from "chai";
import { ConfigError, parseStackConfig } from "../config";
import { grantIdProblem } from "../entra/argRules";
import { diffPlans } from "../offline/plan/planDiff";
import { runOffline } from "../offline/plan/runOffline";
import { PROVIDER_ENVIRONMENT_CLOUD } from "../policy/policies";
import { devConnectors, devFiles, projectDir } from "./helpers/devStackConfig";
import { plannedStack } from "./helpers/plannedStacks";

const NS = "entra-connectors";
type Any = Record<string, any>;

describe("real-tenant details", function () {
    this.timeout(60_000);

    it("after a rename the next step names the Key Vault secret the stack keeps (its first key's), as the output does", async () => {
        const connectors = devConnectors();
        connectors["arm-v2"] = { ...connectors.arm, previousName: "arm" };
        delete connectors.arm;
        const p = await runOffline({ projectDir, stack: "dev", configOverrides: { [`${NS}:connectors`]: connectors } });
        const kept = (p.outputs.connectors as Any)["arm-v2"].keyVaultSecret.secretName;
        expect(kept).to.equal("dev-connector-arm-client-secret");
        const step = (p.outputs.nextSteps as string[]).find((s) => s.startsWith('Connector "arm-v2"'))!;
        expect(step).to.include(`Key Vault secret ${kept} `);
        expect(step).not.to.include("dev-connector-arm-v2-client-secret");
    });

    it("the cloud check reads ARM_ENVIRONMENT, which the azuread provider uses when azuread:environment is unset", () => {
        const { config, secretKeys } = devFiles();
        expect(() => parseStackConfig(config, secretKeys, { ARM_ENVIRONMENT: "public" })).not.to.throw();
        try {
            parseStackConfig(config, secretKeys, { ARM_ENVIRONMENT: "usgovernment" });
            expect.fail("a public-cloud stack with ARM_ENVIRONMENT=usgovernment must be refused");
        } catch (e) {
            expect(e).to.be.instanceOf(ConfigError);
            const problem = (e as ConfigError).problems.find((x) => x.path.startsWith("ARM_ENVIRONMENT"))!;
            expect(problem.message).to.include('"usgovernment"').and.include("Fix:");
        }
        // The config key wins over the variable, as in the provider.
        expect(() =>
            parseStackConfig({ ...config, "azuread:environment": "global" }, secretKeys, { ARM_ENVIRONMENT: "china" }),
        ).not.to.throw();
    });

    it("the policy pack maps the provider's DoD environments to the DoD cloud, not Azure Government", () => {
        expect(PROVIDER_ENVIRONMENT_CLOUD.dod).to.equal("usgovernmentdod");
        expect(PROVIDER_ENVIRONMENT_CLOUD.usgovernmentl5).to.equal("usgovernmentdod");
        expect(PROVIDER_ENVIRONMENT_CLOUD.usgovernmentl4).to.equal("usgovernment");
        expect(PROVIDER_ENVIRONMENT_CLOUD.global).to.equal("public");
    });

    it("a consent's grantId is the bare grant id that adopt.grantId and adoptGrantId accept (the resource id has the prefix)", async () => {
        const p = await runOffline({
            projectDir,
            stack: "dev",
            program: path.join(__dirname, "fixtures", "programs", "components.ts"),
            configOverrides: { "fixture:case": "delegated-consent" },
        });
        const grantId = String((p.outputs.result as Any).grantId);
        const grant = p.resources.find(
            (r) =>
                r.type ===
                "azuread:index/servicePrincipalDelegatedPermissionGrant:ServicePrincipalDelegatedPermissionGrant",
        )!;
        expect(grant.outputs.id).to.equal(`/oauth2PermissionGrants/${grantId}`);
        expect(grantIdProblem(grantId)).to.equal(undefined);
    });

    it("changing secretLifetimeDays replaces nothing, not even the secret (README)", async () => {
        const base = await plannedStack("dev");
        const connectors = devConnectors();
        connectors.arm.secretLifetimeDays = 120;
        const after = await runOffline({
            projectDir,
            stack: "dev",
            configOverrides: { [`${NS}:connectors`]: connectors },
            previous: base,
        });
        expect(diffPlans(base, after).filter((c) => c.kind === "replace" || c.kind === "delete")).to.deep.equal([]);
    });
});

describe("a Key Vault in another subscription", function () {
    this.timeout(60_000);
    const STACK_SUB = "6d1e4b2a-9c8f-4e7d-a3b5-2f0c9e8d7a61";
    const VAULT_SUB = "7e2f5c3b-0d9a-4f8e-b4c6-3a1d0f9e8b72";

    it("its provider reaches the Key Vault secrets only: the Logic Apps custom API stays in the stack's subscription", async () => {
        const keyVault = {
            resourceGroupName: "rg-connectors-dev",
            vaultName: "kv-connectors-dev",
            subscriptionId: VAULT_SUB,
        };
        const p = await runOffline({ projectDir, stack: "dev", configOverrides: { [`${NS}:keyVault`]: keyVault } });
        expect(p.findings.filter((f) => f.severity === "error")).to.deep.equal([]);
        const customApi = p.resources.find((r) => r.type === "azure-native:web:CustomApi")!;
        expect(String(customApi.outputs.id)).to.match(new RegExp(`^/subscriptions/${STACK_SUB}/`));
        const secrets = p.resources.filter((r) => r.type === "azure-native:keyvault:Secret");
        expect(secrets.length).to.be.greaterThan(0);
        for (const s of secrets)
            expect(String(s.outputs.id), s.name).to.match(new RegExp(`^/subscriptions/${VAULT_SUB}/`));
    });
});
