// `npm run bench`: wall time and peak memory of offline plans (dev stack, and generated 25/50/100-connector stacks).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { runOffline } from "./runOffline";

const projectDir = path.resolve(__dirname, "..");

/** A stack file with `count` client-secret connectors to Graph and one own API per 10 connectors. */
export function generatedStackYaml(count: number): string {
    const apis: Record<string, unknown> = {};
    const connectors: Record<string, unknown> = {};
    for (let i = 0; i < count; i++) {
        const apiKey = `api-${Math.floor(i / 10)}`;
        apis[apiKey] = { displayName: `Generated API ${apiKey}` };
        connectors[`conn-${i}`] =
            i % 2 === 0
                ? { displayName: `Generated ${i}`, resource: { api: apiKey }, scopes: ["access_as_user"], authentication: "clientSecret", host: "api.contoso.example" }
                : { displayName: `Generated ${i}`, resource: { wellKnown: "microsoftGraph" }, scopes: ["User.Read"], authentication: "managedIdentity" };
    }
    return stringify({
        config: {
            "azuread:tenantId": "3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45",
            "entra-connectors:environment": "bench",
            "entra-connectors:apis": apis,
            "entra-connectors:connectors": connectors,
        },
    });
}

async function measure(label: string, configFile?: string): Promise<{ label: string; ms: number; resources: number; rssMb: number }> {
    const start = process.hrtime.bigint();
    const plan = await runOffline({ projectDir, stack: configFile ? "bench" : "dev", configFile });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const errors = plan.findings.filter((f) => f.severity === "error");
    if (errors.length) throw new Error(`${label}: plan has errors: ${errors[0].message}`);
    return { label, ms, resources: plan.resources.filter((r) => r.custom).length, rssMb: process.memoryUsage().rss / 2 ** 20 };
}

async function main(): Promise<void> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-bench-"));
    try {
        // Warm-up: module loading is a one-time cost that `npm start` pays too; report it separately.
        const warm = await measure("dev stack (first run, includes module load)");
        const rows = [warm, await measure("dev stack")];
        for (const n of [25, 50, 100]) {
            const file = path.join(dir, `Pulumi.bench-${n}.yaml`);
            fs.writeFileSync(file, generatedStackYaml(n));
            rows.push(await measure(`${n} connectors`, file));
        }
        console.log("| plan | resources | wall time | rss after |");
        console.log("| --- | ---: | ---: | ---: |");
        for (const r of rows) console.log(`| ${r.label} | ${r.resources} | ${r.ms.toFixed(0)} ms | ${r.rssMb.toFixed(0)} MB |`);
        const perResource = rows.slice(2).map((r) => r.ms / r.resources);
        console.log(`\nms per resource at 25/50/100 connectors: ${perResource.map((x) => x.toFixed(2)).join(" / ")}`);
        console.log(`peak rss: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB on ${os.cpus().length} cores`);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

if (require.main === module) {
    main().catch((err: Error) => {
        console.error(`bench failed: ${err.message}`);
        process.exit(1);
    });
}
