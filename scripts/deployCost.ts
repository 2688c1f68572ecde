// `npm run --silent deploy-cost`: the "Deploy cost" table of docs/ci-cd.md (dev stack and 100 generated connectors), from offline plans.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { deployCost, deployCostRow } from "../offline/tools/deployCost";
import { generatedStackYaml } from "../offline/tools/generatedStack";
import { Plan, runOffline } from "../offline/plan/runOffline";

const projectDir = path.resolve(__dirname, "..");

export const DEPLOY_COST_HEADER = [
    "| stack | resources | Graph writes (first `pulumi up`) | dependency waves | Graph writes in the widest wave |",
    "| --- | ---: | ---: | ---: | ---: |",
];

/** The plans the table is computed from: the dev stack, and a generated stack of 100 connectors (offline/tools/generatedStack.ts). */
export async function deployCostPlans(): Promise<{ dev: Plan; hundred: Plan }> {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-cost-"));
    try {
        const file = path.join(tmp, "Pulumi.generated-100.yaml");
        fs.writeFileSync(file, generatedStackYaml(100));
        const dev = await runOffline({ projectDir, stack: "dev" });
        const hundred = await runOffline({ projectDir, stack: "generated-100", configFile: file });
        return { dev, hundred };
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}

/** The table's rows. */
export async function deployCostRows(plans?: { dev: Plan; hundred: Plan }): Promise<string[]> {
    const { dev, hundred } = plans ?? (await deployCostPlans());
    return [
        deployCostRow("dev stack", deployCost(dev)),
        deployCostRow("100 connectors (generated)", deployCost(hundred)),
    ];
}

if (require.main === module) {
    deployCostRows().then(
        (rows) => process.stdout.write([...DEPLOY_COST_HEADER, ...rows].join("\n") + "\n"),
        (err: Error) => {
            process.stderr.write(`deploy-cost failed: ${err.message}\n`);
            process.exit(1);
        },
    );
}
