// `npm run plan -- --stack <name> [--config-file <file>] [--out <dir>]`: the offline plan as a command (options: planArgs.ts).
import * as fs from "fs";
import * as path from "path";
import { ConfigError, parseStackConfig } from "../config";
import { toJsonFile } from "../entra/connectorSettings";
import { connectorFileSets } from "./connectorFiles";
import { planText } from "./planText";
import { planPolicyContext, policyFindings } from "./policyFindings";
import { EXIT_PLANNED, EXIT_USAGE, parsePlanArgs, planUsage, stackNameProblem } from "./planArgs";
import { discardPlanOutput, outputProblem, writePlanOutput } from "./planOutput";
import { Plan, ProgramError, runOffline } from "./runOffline";
import { loadStackConfigFiles, StackFileError } from "./stackFiles";

export interface PlanCommandResult {
    /** 0 planned, 1 rejected (config or plan errors), 2 usage error (see offline/planArgs.ts). */
    readonly exitCode: 0 | 1 | 2;
    /** What the command printed to stdout (or would have). */
    readonly text: string;
    readonly plan?: Plan;
}

/** The stacks of the project: every `Pulumi.<name>.yaml` beside Pulumi.yaml. */
export function projectStacks(projectDir: string): string[] {
    return fs
        .readdirSync(projectDir)
        .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined && stackNameProblem(s) === undefined)
        .sort();
}

/** Why the command must not run (a usage error, exit 2), checked before anything touches the disk. */
function usageProblem(projectDir: string, options: { stack: string; configFile?: string }, outRoot: string): string | undefined {
    const stackProblem = stackNameProblem(options.stack);
    if (stackProblem) return stackProblem;
    if (options.configFile === undefined && !fs.existsSync(path.join(projectDir, `Pulumi.${options.stack}.yaml`))) {
        const stacks = projectStacks(projectDir);
        return `unknown stack "${options.stack}": there is no Pulumi.${options.stack}.yaml in ${projectDir}. Stacks of this project: ${stacks.join(", ") || "none"}. Fix: --stack ${stacks[0] ?? "dev"}, or --config-file <file>`;
    }
    if (options.configFile !== undefined && !fs.existsSync(options.configFile)) {
        return `--config-file ${options.configFile} does not exist. Fix: name an existing stack file, e.g. --config-file Pulumi.dev.yaml`;
    }
    return outputProblem(outRoot, options.stack, projectDir);
}

/**
 * Plans a stack and writes `<out>/<stack>/plan.json` plus connector files. The arguments are checked before
 * anything is read or written; files are staged inside <out> and swapped in only when the plan has no error,
 * so a failed run leaves the previous `<out>/<stack>/` as it was.
 */
export async function planCommand(
    projectDir: string,
    options: { stack: string; configFile?: string; out?: string },
): Promise<PlanCommandResult> {
    const outRoot = path.resolve(projectDir, options.out ?? "out");
    const usage = usageProblem(projectDir, options, outRoot);
    if (usage) return { exitCode: EXIT_USAGE, text: `${usage}\n` };
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
        const planFiles: Record<string, string> = { "plan.json": toJsonFile(full) };
        for (const set of sets) {
            for (const [name, text] of Object.entries(set.files)) planFiles[path.join("connectors", set.connectorKey, name)] = text;
        }
        const target = await writePlanOutput(outRoot, options.stack, planFiles);
        return { exitCode: 0, text: planText(full, path.relative(process.cwd(), target) || target), plan: full };
    } catch (err) {
        if (err instanceof StackFileError && err.message.startsWith("  - ")) {
            return { exitCode: 1, text: `Invalid stack configuration file:\n${err.message}\n` };
        }
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
    const args = parsePlanArgs(argv);
    if (args.kind === "help") {
        process.stdout.write(planUsage());
        return EXIT_PLANNED;
    }
    if (args.kind === "usage-error") {
        process.stderr.write(`${args.message}\n\n${planUsage()}`);
        return EXIT_USAGE;
    }
    const projectDir = path.resolve(__dirname, "..");
    const result = await planCommand(projectDir, {
        stack: args.stack,
        configFile: args.values["config-file"] ? path.resolve(args.values["config-file"]) : undefined,
        out: args.values.out ? path.resolve(args.values.out) : undefined,
    });
    (result.exitCode === 0 ? process.stdout : process.stderr).write(result.text);
    if (result.exitCode === EXIT_USAGE) process.stderr.write(`\n${planUsage()}`);
    return result.exitCode;
}

/** Ctrl-C or a kill: remove what this plan staged and stop at once, so nothing writes after the shell prompt returns. */
function exitOnSignal(signal: "SIGINT" | "SIGTERM", code: number): void {
    process.on(signal, () => {
        discardPlanOutput();
        process.stderr.write(`plan interrupted (${signal}): nothing was written.\n`);
        process.exit(code);
    });
}

if (require.main === module) {
    // 128 + signal number, as shells report a process killed by it.
    exitOnSignal("SIGINT", 130);
    exitOnSignal("SIGTERM", 143);
    main(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (err: unknown) => {
            discardPlanOutput();
            // An unexpected failure is a bug in entra-connectors, not in the user's config: say so, briefly.
            process.stderr.write(`entra-connectors plan failed unexpectedly: ${(err as Error)?.message ?? String(err)}\n`);
            if (process.env.DEBUG) process.stderr.write(`${(err as Error)?.stack ?? ""}\n`);
            process.exit(1);
        },
    );
}
