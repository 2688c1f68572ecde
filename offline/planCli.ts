// `npm run plan -- --stack <name> [--config-file <file>] [--out <dir>]`: the offline plan as a command.
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { ConfigError, parseStackConfig } from "../config";
import { toJsonFile } from "../entra/connectorSettings";
import { connectorFileSets } from "./connectorFiles";
import { planAllCommand } from "./planAll";
import { planText } from "./planText";
import { planPolicyContext, policyFindings } from "./policyFindings";
import { projectRoot } from "./projectRoot";
import { Plan, ProgramError, runOffline } from "./runOffline";
import { loadStackConfigFiles, StackFileError } from "./stackFiles";

const USAGE = "usage: npm run plan -- --stack <name> [--config-file <file>] [--out <dir>]";

export interface PlanCommandResult {
    readonly exitCode: 0 | 1;
    /** What the command printed to stdout (or would have). */
    readonly text: string;
    readonly plan?: Plan;
}

/**
 * Plans a stack and writes `<out>/<stack>/plan.json` plus connector files. Files are written to a temporary
 * directory first and moved into place only when the plan has no error, so a failed run leaves nothing behind.
 */
export async function planCommand(
    projectDir: string,
    options: { stack: string; configFile?: string; out?: string },
): Promise<PlanCommandResult> {
    const outRoot = path.resolve(projectDir, options.out ?? "out");
    const target = path.join(outRoot, options.stack);
    fs.rmSync(target, { recursive: true, force: true });
    try {
        const files = loadStackConfigFiles(projectDir, options.stack, options.configFile);
        // Validate before the program runs: a bad config plans nothing.
        const config = parseStackConfig(files.config, files.secretKeys);
        const plan = await runOffline({ projectDir, stack: options.stack, configFiles: files });
        const outputs = (plan.outputs.connectors ?? {}) as Record<string, { clientId: string; resourceUrl: string }>;
        const { sets, findings } = connectorFileSets(config, outputs, (plan.outputs.nextSteps ?? []) as string[]);
        // --- policy pack (issue 5): the CrossGuard rules of policy/rules.ts, evaluated on every planned resource ---
        const policy = policyFindings(plan, planPolicyContext(config));
        // --- end policy pack ---
        const full: Plan = { ...plan, findings: [...plan.findings, ...findings, ...policy] };
        const failed = full.findings.some((f) => f.severity === "error");
        if (failed) {
            return { exitCode: 1, text: planText(full) + "\nPlan has errors: nothing was written.\n", plan: full };
        }
        const staging = fs.mkdtempSync(path.join(outRoot.replace(/[\\/]+$/, "") + "-"));
        try {
            fs.writeFileSync(path.join(staging, "plan.json"), toJsonFile(full));
            for (const set of sets) {
                const dir = path.join(staging, "connectors", set.connectorKey);
                fs.mkdirSync(dir, { recursive: true });
                for (const [name, text] of Object.entries(set.files)) fs.writeFileSync(path.join(dir, name), text);
            }
            fs.mkdirSync(outRoot, { recursive: true });
            fs.renameSync(staging, target);
        } finally {
            fs.rmSync(staging, { recursive: true, force: true });
        }
        return { exitCode: 0, text: planText(full, path.relative(process.cwd(), target) || target), plan: full };
    } catch (err) {
        if (err instanceof ConfigError || err instanceof StackFileError) {
            return { exitCode: 1, text: `${err.message}\n` };
        }
        if (err instanceof ProgramError) {
            const findings = err.findings.filter((f) => f.severity === "error");
            const reasons = findings.length
                ? `\nFindings before it failed:\n${findings.map((f) => `  ERROR [${f.rule}] ${f.message}`).join("\n")}\n`
                : "";
            return { exitCode: 1, text: `The program failed:\n${err.message}\n${reasons}` };
        }
        throw err;
    }
}

async function main(argv: string[]): Promise<number> {
    if (argv.includes("--all")) return planAllCommand(projectRoot(__dirname), argv); // every stack: offline/planAll.ts
    let values: { stack?: string; "config-file"?: string; out?: string };
    try {
        ({ values } = parseArgs({
            args: argv,
            options: { stack: { type: "string" }, "config-file": { type: "string" }, out: { type: "string" } },
            strict: true,
        }));
    } catch (err) {
        process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
        return 1;
    }
    if (!values.stack) {
        process.stderr.write(`--stack is required\n${USAGE}\n`);
        return 1;
    }
    const projectDir = projectRoot(__dirname);
    const result = await planCommand(projectDir, {
        stack: values.stack,
        configFile: values["config-file"] ? path.resolve(values["config-file"]) : undefined,
        out: values.out ? path.resolve(values.out) : undefined,
    });
    (result.exitCode === 0 ? process.stdout : process.stderr).write(result.text);
    return result.exitCode;
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (err: unknown) => {
            // An unexpected failure is a bug in entra-connectors, not in the user's config: say so, briefly.
            process.stderr.write(`entra-connectors plan failed unexpectedly: ${(err as Error)?.message ?? String(err)}\n`);
            if (process.env.DEBUG) process.stderr.write(`${(err as Error)?.stack ?? ""}\n`);
            process.exit(1);
        },
    );
}
