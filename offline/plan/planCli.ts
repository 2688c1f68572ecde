// `npm run plan -- --stack <name> [options]`: the offline plan as a command (options: planArgs.ts, --help).
// First: the SDK loads below, without what a plan never runs (deferredSdkModules.ts).
import "./deferredSdkModules";
import * as fs from "fs";
import * as path from "path";
import { ConfigError, parseStackConfig } from "../../config";
import { toJsonFile } from "../../entra/connectorSettings";
import { connectorFileSets, connectorOpenApi } from "./connectorFiles";
import { secretRenewals, secretRenewalSteps } from "../../stack/nextSteps";
import { destructiveChanges, diffPlans } from "./planDiff";
import { planText } from "./planText";
import { useColor } from "./planTextParts";
import { planPolicyContext, policyFindings } from "./policyFindings";
import {
    EXIT_PLANNED,
    EXIT_USAGE,
    FAIL_ON_REPLACE_NEEDS_PREVIOUS,
    OptionError,
    parseNow,
    parsePlanArgs,
    planUsage,
    stackNameProblem,
} from "./planArgs";

export { parseNow, useColor };
import { runAsCommand, outputProblem, writePlanOutput } from "./planOutput";
import { findProjectRoot } from "./projectRoot";
import { previousPlanMismatch, readPreviousPlan } from "./previousPlan";
import { rejectionText } from "./planRejection";
import { Plan, runOffline } from "./runOffline";
import { DEFAULT_NOW } from "../simulator";
import { loadStackConfigFiles } from "./stackFiles";

/** `npm run plan -- --help`: every option (the table in planArgs.ts). */
export const HELP = planUsage();

export interface PlanCommandResult {
    /** 0 planned, 1 rejected (config or plan errors), 2 usage error (see offline/plan/planArgs.ts). */
    readonly exitCode: 0 | 1 | 2;
    /** What the command printed to stdout (or would have). */
    readonly text: string;
    readonly plan?: Plan;
    /** --fail-on-replace tripped: something would be replaced or deleted; nothing was written. */
    readonly failedOnReplace?: boolean;
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
function usageProblem(projectDir: string, options: PlanCommandOptions, outRoot: string): string | undefined {
    const stackProblem = stackNameProblem(options.stack);
    if (stackProblem) return stackProblem;
    if (options.failOnReplace && options.previous === undefined) return FAIL_ON_REPLACE_NEEDS_PREVIOUS;
    if (options.configFile === undefined && !fs.existsSync(path.join(projectDir, `Pulumi.${options.stack}.yaml`))) {
        const stacks = projectStacks(projectDir);
        return `unknown stack "${options.stack}": there is no Pulumi.${options.stack}.yaml in ${projectDir}. Stacks of this project: ${stacks.join(", ") || "none"}. Fix: --stack ${stacks[0] ?? "dev"}, or --config-file <file>`;
    }
    if (options.configFile !== undefined && !fs.existsSync(options.configFile)) {
        return `--config-file ${options.configFile} does not exist. Fix: name an existing stack file, e.g. --config-file Pulumi.dev.yaml`;
    }
    return outputProblem(outRoot, options.stack, projectDir);
}

export interface PlanCommandOptions {
    readonly stack: string;
    readonly configFile?: string;
    readonly out?: string;
    /** A previous plan.json: the plan continues from it and shows the changes. */
    readonly previous?: string;
    readonly failOnReplace?: boolean;
    readonly details?: boolean;
    /** The text is the plan JSON (plan.json's content). */
    readonly json?: boolean;
    readonly now?: string;
    readonly color?: boolean;
    /** A tenant fixture file: what the tenant already contains. */
    readonly tenant?: string;
}

/**
 * Plans a stack and writes `<out>/<stack>/plan.json` plus connector files. The arguments are checked before
 * anything is read or written; files are staged inside <out> and swapped in only when the plan has no error,
 * so a failed run leaves the previous `<out>/<stack>/` as it was.
 */
export async function planCommand(projectDir: string, options: PlanCommandOptions): Promise<PlanCommandResult> {
    const outRoot = path.resolve(projectDir, options.out ?? "out");
    const usage = usageProblem(projectDir, options, outRoot);
    if (usage) return { exitCode: EXIT_USAGE, text: `${usage}\n` };
    try {
        // Options first: a wrong --previous or --now leaves the last plan where it is.
        const previous = options.previous !== undefined ? readPreviousPlan(options.previous) : undefined;
        const now = options.now !== undefined ? parseNow(options.now) : DEFAULT_NOW;
        const files = loadStackConfigFiles(projectDir, options.stack, options.configFile);
        if (previous) {
            const tenantId = files.config["azuread:tenantId"];
            const mismatch = previousPlanMismatch(options.previous!, previous, {
                project: files.project,
                stack: options.stack,
                tenantId,
                now,
            });
            if (mismatch) throw new OptionError(mismatch);
        }
        // Validate before the program runs: a bad config plans nothing.
        const config = parseStackConfig(files.config, files.secretKeys);
        const ran = await runOffline({
            projectDir,
            stack: options.stack,
            configFiles: files,
            stackConfig: config,
            tenant: options.tenant,
            previous,
            now,
        });
        type Connectors = Record<
            string,
            {
                clientId: string;
                resourceUrl: string;
                apiProperties: string;
                apiDefinition: string;
                secretSlots?: Parameters<typeof secretRenewals>[2][string]["secretSlots"];
            }
        >;
        const outputs = (ran.outputs.connectors ?? {}) as Connectors;
        // A renewal is only visible against the previous deployment: its steps join the program's.
        const renewals = previous
            ? secretRenewals(config, (previous.outputs.connectors ?? {}) as Connectors, outputs)
            : [];
        const steps = [...((ran.outputs.nextSteps ?? []) as string[]), ...secretRenewalSteps(renewals, options.stack)];
        const plan: Plan = { ...ran, outputs: { ...ran.outputs, nextSteps: steps } };
        const { sets, findings } = connectorFileSets(config, outputs, steps, {
            source: { kind: "plan", stack: options.stack },
            openApi: connectorOpenApi(config, projectDir),
        });
        // --- policy pack: the CrossGuard rules of policy/rules.ts, evaluated on every planned resource ---
        const policy = policyFindings(plan, planPolicyContext(config, now));
        // --- end policy pack ---
        // Config warnings (a credential in plain text): listed, never fatal.
        const configWarnings = (config.warnings ?? []).map((w) => ({
            severity: "warning" as const,
            rule: "config",
            urn: "",
            message: `${w.path}: ${w.message}`,
        }));
        const full: Plan = { ...plan, findings: [...plan.findings, ...findings, ...policy, ...configWarnings] };
        const textOptions = {
            details: options.details,
            color: options.color,
            now,
            previous,
            previousLabel: options.previous,
        };
        const failed = full.findings.some((f) => f.severity === "error");
        if (failed) {
            return {
                exitCode: 1,
                text: planText(full, textOptions) + "\nPlan has errors: nothing was written.\n",
                plan: full,
            };
        }
        const customUrns = new Set(
            [...full.resources, ...(previous?.resources ?? [])].filter((r) => r.custom).map((r) => r.urn),
        );
        const destructive = previous
            ? destructiveChanges(diffPlans(previous, full)).filter((c) => customUrns.has(c.urn))
            : [];
        const tripped = options.failOnReplace === true && destructive.length > 0;
        if (tripped) {
            // Exit 1 rejects the plan, as help and README say: like a plan with errors, it writes nothing.
            const reason = `\n--fail-on-replace: ${destructive.length} resource${destructive.length === 1 ? "" : "s"} would be replaced or deleted (${destructive.map((c) => c.name).join(", ")}): nothing was written.\n`;
            return {
                exitCode: 1,
                text: options.json ? toJsonFile(full) : planText(full, textOptions) + reason,
                plan: full,
                failedOnReplace: true,
            };
        }
        const planFiles: Record<string, string> = { "plan.json": toJsonFile(full) };
        for (const set of sets) {
            for (const [name, text] of Object.entries(set.files))
                planFiles[path.join("connectors", set.connectorKey, name)] = text;
        }
        const target = await writePlanOutput(outRoot, options.stack, planFiles);
        const outDir = path.relative(process.cwd(), target) || target;
        const text = options.json ? toJsonFile(full) : planText(full, { ...textOptions, outDir });
        return { exitCode: 0, text, plan: full };
    } catch (err) {
        if (err instanceof ConfigError) return { exitCode: 1, text: `${err.message}\n` };
        const text = rejectionText(err);
        if (text !== undefined) return { exitCode: 1, text };
        throw err;
    }
}

/**
 * A progress line on `stream` once `delayMs` have passed, and the elapsed time when stopped; only on a terminal,
 * so a log or a file captured with 2>&1 stays the same from run to run. Returns the stop function.
 */
export function startProgress(
    stream: { isTTY?: boolean; write(text: string): unknown },
    line: string,
    delayMs = 1500,
): () => void {
    if (stream.isTTY !== true) return () => undefined;
    const started = Date.now();
    let shown = false;
    const timer = setTimeout(() => {
        shown = true;
        stream.write(`${line}\n`);
    }, delayMs);
    timer.unref?.();
    return () => {
        clearTimeout(timer);
        if (shown) stream.write(`Planned in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
    };
}

async function main(argv: string[]): Promise<number> {
    if (argv.includes("--all")) {
        // Loaded only for --all (with its stack listing): one stack's plan, what `npm start` runs, never needs it.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { planAllCommand } = require("./planAll") as typeof import("./planAll");
        return planAllCommand(findProjectRoot(__dirname), argv);
    }
    const args = parsePlanArgs(argv);
    if (args.kind === "help") {
        process.stdout.write(planUsage());
        return EXIT_PLANNED;
    }
    if (args.kind === "usage-error") {
        process.stderr.write(`${args.message}\n\n${planUsage()}`);
        return EXIT_USAGE;
    }
    const projectDir = findProjectRoot(__dirname);
    const values = args.values;
    // A plan that takes a while says so on stderr, so stdout (text or --json) stays exactly the plan.
    const stopProgress = startProgress(process.stderr, `Planning stack "${args.stack}" offline...`);
    const result = await planCommand(projectDir, {
        stack: args.stack,
        configFile: values["config-file"] ? path.resolve(values["config-file"]) : undefined,
        out: values.out ? path.resolve(values.out) : undefined,
        previous: values.previous ? path.resolve(values.previous) : undefined,
        failOnReplace: values["fail-on-replace"],
        details: values.details,
        json: values.json,
        now: values.now,
        color: !values.json && useColor(process.stdout, process.env),
        tenant: values.tenant ? path.resolve(values.tenant) : undefined,
    });
    stopProgress();
    (result.exitCode === 0 || result.failedOnReplace ? process.stdout : process.stderr).write(result.text);
    if (result.exitCode === EXIT_USAGE) process.stderr.write(`\n${planUsage()}`);
    return result.exitCode;
}

if (require.main === module) {
    runAsCommand(main);
}
