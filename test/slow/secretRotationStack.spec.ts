// The two-slot rotation of the whole dev stack over a sequence of simulated deployment dates (14 offline plans).
import * as path from "path";
import { expect } from "chai";
import { Plan, runOffline } from "../../offline/plan/runOffline";
import { T } from "../helpers/planQueries";

const DAY = 86_400_000;

/** A connector's outputs as the plan shows them (secret values are "[secret]"). */
interface ConnectorPlanOutput {
    readonly clientSecret: string;
    readonly secretEndDate: string;
    readonly secretSlots: Record<string, { keyId: string; endDate: string }> & { newest: string };
}

describe("secret rotation: the whole dev stack over a sequence of deployment dates", () => {
    // Deployments at day offsets from 2026-01-01: reruns, on-time and late ones, a gap of several periods.
    const DAYS = [0, 0.5, 10, 45, 46, 61, 90, 121, 200, 201, 380, 381, 400, 455];
    const plans: { at: string; plan: Plan }[] = [];

    before(async function () {
        this.timeout(180_000);
        let previous: Plan | undefined;
        for (const d of DAYS) {
            const at = new Date(Date.parse("2026-01-01T00:00:00Z") + d * DAY).toISOString().replace(/\.000Z$/, "Z");
            previous = await runOffline({
                projectDir: path.resolve(__dirname, "..", ".."),
                stack: "dev",
                now: at,
                previous,
            });
            plans.push({ at, plan: previous });
        }
    });

    const keyIds = (plan: Plan, component: string) =>
        Object.fromEntries(
            plan.resources
                .filter((r) => r.type === T.password && r.name.startsWith(`${component}-secret-`))
                .map((r) => [r.name.slice(-1), String(r.outputs.keyId)]),
        );

    for (const [component, outputKey] of [
        ["connector-arm", "arm"],
        ["connector-orders", "orders"],
        ["connector-orders-logic-apps", "orders-logic-apps"],
    ] as const) {
        it(`${component}: never renews both slots in one deployment, renews at all, and exports the newest secret with at least half its lifetime`, () => {
            const connectors = (p: Plan) => p.outputs.connectors as Record<string, ConnectorPlanOutput>;
            let renewals = 0;
            for (let i = 0; i < plans.length; i++) {
                const { at, plan } = plans[i];
                expect(
                    plan.findings.filter((f) => f.severity === "error"),
                    at,
                ).to.deep.equal([]);
                const out = connectors(plan)[outputKey];
                const slots = out.secretSlots;
                const lifetime = plan.resources.find(
                    (r) => r.type === T.secretSlots && r.name === `${component}-secret-slots`,
                )!.inputs.lifetimeDays as number;
                expect(out.secretEndDate, at).to.equal(slots[slots.newest].endDate);
                expect(
                    (Date.parse(out.secretEndDate) - Date.parse(at)) / DAY,
                    `${at}: newest secret's remaining days`,
                ).to.be.at.least(lifetime / 2);
                if (i === 0) continue;
                const before = keyIds(plans[i - 1].plan, component);
                const now = keyIds(plan, component);
                const changed = (["a", "b"] as const).filter((s) => before[s] !== now[s]);
                expect(changed.length, `${at}: slots renewed`).to.be.at.most(1);
                if (changed.length === 1) {
                    renewals++;
                    // The renewed slot is the newest, and its password is the one exported.
                    expect(slots.newest, at).to.equal(changed[0]);
                    expect(slots[changed[0]].keyId).to.equal(now[changed[0]]);
                }
            }
            expect(renewals).to.be.greaterThan(2);
        });
    }

    it("reruns on the same day change nothing", () => {
        const [first, rerun] = [plans[0].plan, plans[1].plan];
        const passwords = (p: Plan) => p.resources.filter((r) => r.type === T.password).map((r) => r.outputs.keyId);
        expect(passwords(rerun)).to.deep.equal(passwords(first));
    });

    it("keeps the Key Vault secret's tag on the newest slot's key id after every renewal", () => {
        for (const { at, plan } of plans) {
            const kv = plan.resources.find(
                (r) => r.type === T.keyVaultSecret && r.name === "connector-arm-key-vault-secret",
            )!;
            const out = (plan.outputs.connectors as Record<string, ConnectorPlanOutput>).arm;
            expect((kv.inputs.tags as Record<string, string>)["entra-key-id"], at).to.equal(
                out.secretSlots[out.secretSlots.newest].keyId,
            );
        }
    });

    it("never writes a secret value into any plan", () => {
        for (const { plan } of plans) expect(JSON.stringify(plan)).not.to.include("simulated-secret");
    });
});
