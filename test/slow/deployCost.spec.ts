// docs/ci-cd.md "Deploy cost": the table comes from offline plans of the dev stack and 100 generated connectors, and the
// recommended --parallel is the one the deploy workflow uses.
import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import { parse } from "yaml";
import { deployCost, isGraphWrite } from "../../offline/tools/deployCost";
import { DEPLOY_COST_HEADER, deployCostPlans, deployCostRows } from "../../scripts/deployCost";
import { docPage, docSection } from "../helpers/docs";

const projectDir = path.resolve(__dirname, "..", "..");
const section = docSection(docPage("ci-cd"), "## Deploy cost");

describe('deploy cost (docs/ci-cd.md "Deploy cost", npm run deploy-cost)', function () {
    this.timeout(60_000);
    let plans: Awaited<ReturnType<typeof deployCostPlans>>;
    before(async () => {
        plans = await deployCostPlans();
    });

    it("the docs table is what `npm run --silent deploy-cost` prints from the plans", async () => {
        expect(section.length).to.be.greaterThan(100);
        const rows = await deployCostRows(plans);
        expect(rows).to.have.lengthOf(2);
        const table = [...DEPLOY_COST_HEADER, ...rows].join("\n");
        expect(section, `docs/ci-cd.md "Deploy cost" should contain:\n${table}`).to.include(table);
    });

    it("counts azuread resources as Graph writes, nothing else, and the widest wave within them", async () => {
        const plan = plans.dev;
        const cost = deployCost(plan);
        const types = new Set(plan.resources.filter((r) => r.custom).map((r) => r.type));
        expect(
            [...types].some((t) => !isGraphWrite(t)),
            "the dev stack also has non-Graph resources (time, tls, ...)",
        ).to.equal(true);
        expect(cost.graphWrites).to.equal(
            plan.resources.filter((r) => r.custom && r.type.startsWith("azuread:")).length,
        );
        expect(cost.graphWrites).to.be.lessThan(cost.resources);
        expect(cost.waves).to.equal(plan.waves);
        expect(cost.widestWave).to.be.within(1, cost.graphWrites);
        expect(isGraphWrite("time:index/rotating:Rotating")).to.equal(false);
        expect(isGraphWrite("azuread:index/applicationRegistration:ApplicationRegistration")).to.equal(true);
    });

    it("recommends the --parallel every `up` step of the deploy workflow sets", () => {
        const recommended = /\*\*`--parallel (\d+)`\*\*/.exec(section);
        expect(recommended, "a bold `--parallel N` recommendation").to.not.equal(null);
        const deploy = parse(fs.readFileSync(path.join(projectDir, ".github", "workflows", "deploy.yml"), "utf8"));
        const ups = Object.values(
            deploy.jobs as Record<string, { steps?: Array<{ uses?: string; with?: Record<string, unknown> }> }>,
        )
            .flatMap((job) => job.steps ?? [])
            .filter((s) => s.uses?.startsWith("pulumi/actions") && s.with?.command === "up");
        expect(ups).to.have.length.of.at.least(1);
        for (const up of ups) expect(up.with!.parallel).to.equal(Number(recommended![1]));
        expect(section).to.include(`sets \`parallel: ${recommended![1]}\``);
    });
});
