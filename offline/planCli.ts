// `npm run plan -- --stack <name> [options]`: the offline plan as a command (see USAGE / --help).
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { ConfigError, parseStackConfig } from "../config";
import { toJsonFile } from "../entra/connectorSettings";
import { connectorFileSets } from "./connectorFiles";
import { secretRenewals, secretRenewalSteps } from "../stack/nextSteps";
import { destructiveChanges, diffPlans } from "./planDiff";
import { planAllCommand } from "./planAll";
import { planText } from "./planText";
import { planPolicyContext, policyFindings } from "./policyFindings";
import { projectRoot } from "./projectRoot";
import { Plan, ProgramError, runOffline } from "./runOffline";
import { DEFAULT_NOW } from "./simulator";
import { loadStackConfigFiles, StackFileError } from "./stackFiles";
import { TenantFixtureError } from "./tenantFixture";

const USAGE = "usage: npm run plan -- --stack <name> [--config-file <file>] [--out <dir>] [--previous <plan.json>] [--fail-on-replace] [--details] [--json] [--now <ISO date>] [--tenant <fixture file>] [--help]";

/** `npm run plan -- --help`: every option. */
export const HELP = `${USAGE}

Plans a stack offline (no tenant, no credentials) against the Entra simulator, prints the plan and writes
<out>/<stack>/plan.json and the connector files.

Options:
  --stack <name>          the stack to plan: Pulumi.<name>.yaml (required)
  --config-file <file>    plan this stack file instead of Pulumi.<name>.yaml
  --out <dir>             where to write <stack>/plan.json and connector files (default: out)
  --previous <plan.json>  continue from that plan (ids, secret slots, rotation state) and show the changes
                          against it: + create, ~ update, +- replace, - delete, = import; unchanged as a count
  --fail-on-replace       with --previous: exit 1 when a resource would be replaced or deleted (for CI)
  --details               list every resource with every input (default: key settings; a big stack: one
                          line per component)
  --json                  print the plan JSON (the same as plan.json) to stdout instead of the text
  --now <ISO date>        the simulated deployment time (default ${DEFAULT_NOW}, fixed so plans are
                          reproducible); end dates and secret rotation are computed at this time
  --tenant <file>         a tenant fixture (YAML/JSON): what already exists in the tenant (service principals,
                          grants, apps and owners, the deployer); default: an empty tenant
  --help                  print this help

Exit code: 0 planned (warnings allowed); 1 invalid config, an error finding, or --fail-on-replace tripped.
Colour only on a terminal, never with NO_COLOR set or in files.
`;

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

class OptionError extends Error {}

/** A previous plan.json, checked enough that a wrong file gives a clear message, not a stack trace. */
function readPreviousPlan(file: string): Plan {
    let data: unknown;
    try {
        data = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (err) {
        throw new OptionError(`--previous "${file}": cannot read it as JSON (${(err as Error).message}). Fix: pass the plan.json an earlier \`npm run plan\` wrote (out/<stack>/plan.json).`);
    }
    const plan = data as Partial<Plan>;
    if (!plan || typeof plan !== "object" || !Array.isArray(plan.resources) || typeof plan.outputs !== "object" || plan.outputs === null) {
        throw new OptionError(`--previous "${file}": not a plan.json (it needs "resources" and "outputs"). Fix: pass the plan.json an earlier \`npm run plan\` wrote (out/<stack>/plan.json).`);
    }
    return { project: "", stack: "", findings: [], waves: 0, ...plan } as Plan;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** `--now`: an ISO 8601 date or date-time, normalized to RFC 3339 UTC without milliseconds. */
function parseNow(value: string): string {
    if (!RFC3339.test(value) || Number.isNaN(Date.parse(value))) {
        throw new OptionError(`--now "${value}": not an ISO 8601 date or date-time. Fix: use a value like 2026-07-01 or 2026-07-01T00:00:00Z.`);
    }
    return new Date(Date.parse(value)).toISOString().replace(/\.000Z$/, "Z");
}

export interface PlanCommandResult {
    readonly exitCode: 0 | 1;
    /** What the command printed to stdout (or would have). */
    readonly text: string;
    readonly plan?: Plan;
    /** Exit 1 only because --fail-on-replace saw a replace or delete: the plan itself is fine (and written). */
    readonly failedOnReplace?: boolean;
}

/**
 * Plans a stack and writes `<out>/<stack>/plan.json` plus connector files. Files are written to a temporary
 * directory first and moved into place only when the plan has no error, so a failed run leaves nothing behind.
 */
export async function planCommand(projectDir: string, options: PlanCommandOptions): Promise<PlanCommandResult> {
    const outRoot = path.resolve(projectDir, options.out ?? "out");
    const target = path.join(outRoot, options.stack);
    try {
        // Options first: a wrong --previous or --now leaves the last plan where it is.
        const previous = options.previous !== undefined ? readPreviousPlan(options.previous) : undefined;
        if (previous?.stack && previous.stack !== options.stack) {
            throw new OptionError(`--previous "${options.previous}": a plan of stack "${previous.stack}", not "${options.stack}". Fix: pass the plan.json of stack "${options.stack}" (out/${options.stack}/plan.json).`);
        }
        const now = options.now !== undefined ? parseNow(options.now) : DEFAULT_NOW;
        fs.rmSync(target, { recursive: true, force: true });
        const files = loadStackConfigFiles(projectDir, options.stack, options.configFile);
        // Validate before the program runs: a bad config plans nothing.
        const config = parseStackConfig(files.config, files.secretKeys);
        const ran = await runOffline({ projectDir, stack: options.stack, configFiles: files, stackConfig: config, tenant: options.tenant, previous, now });
        type Connectors = Record<string, { clientId: string; resourceUrl: string; secretSlots?: Parameters<typeof secretRenewals>[2][string]["secretSlots"] }>;
        const outputs = (ran.outputs.connectors ?? {}) as Connectors;
        // A renewal is only visible against the previous deployment: its steps join the program's.
        const renewals = previous ? secretRenewals(config, (previous.outputs.connectors ?? {}) as Connectors, outputs) : [];
        const steps = [...((ran.outputs.nextSteps ?? []) as string[]), ...secretRenewalSteps(renewals, options.stack)];
        const plan: Plan = { ...ran, outputs: { ...ran.outputs, nextSteps: steps } };
        const { sets, findings } = connectorFileSets(config, outputs, steps);
        // --- policy pack (issue 5): the CrossGuard rules of policy/rules.ts, evaluated on every planned resource ---
        const policy = policyFindings(plan, planPolicyContext(config, now));
        // --- end policy pack ---
        // Config warnings (a credential in plain text): listed, never fatal.
        const configWarnings = (config.warnings ?? []).map((w) => ({ severity: "warning" as const, rule: "config", urn: "", message: `${w.path}: ${w.message}` }));
        const full: Plan = { ...plan, findings: [...plan.findings, ...findings, ...policy, ...configWarnings] };
        const textOptions = { details: options.details, color: options.color, now, previous, previousLabel: options.previous };
        const failed = full.findings.some((f) => f.severity === "error");
        if (failed) {
            return { exitCode: 1, text: planText(full, textOptions) + "\nPlan has errors: nothing was written.\n", plan: full };
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
        const outDir = path.relative(process.cwd(), target) || target;
        const customUrns = new Set([...full.resources, ...(previous?.resources ?? [])].filter((r) => r.custom).map((r) => r.urn));
        const destructive = previous ? destructiveChanges(diffPlans(previous, full)).filter((c) => customUrns.has(c.urn)) : [];
        const tripped = options.failOnReplace === true && destructive.length > 0;
        const text = options.json
            ? toJsonFile(full)
            : planText(full, { ...textOptions, outDir }) +
              (tripped ? `\n--fail-on-replace: ${destructive.length} resource${destructive.length === 1 ? "" : "s"} would be replaced or deleted (${destructive.map((c) => c.name).join(", ")}).\n` : "");
        return { exitCode: tripped ? 1 : 0, text, plan: full, ...(tripped ? { failedOnReplace: true } : {}) };
    } catch (err) {
        if (err instanceof OptionError) return { exitCode: 1, text: `${err.message}\n` };
        if (err instanceof ConfigError || err instanceof StackFileError || err instanceof TenantFixtureError) {
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

/** Colour only for a person at a terminal: https://no-color.org (any non-empty NO_COLOR turns it off). */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
    return stream.isTTY === true && !env.NO_COLOR && env.TERM !== "dumb";
}

/**
 * A progress line on `stream` once `delayMs` have passed, and the elapsed time when stopped; only on a terminal,
 * so a log or a file captured with 2>&1 stays the same from run to run. Returns the stop function.
 */
export function startProgress(stream: { isTTY?: boolean; write(text: string): unknown }, line: string, delayMs = 1500): () => void {
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
    if (argv.includes("--all")) return planAllCommand(projectRoot(__dirname), argv); // every stack: offline/planAll.ts
    let values: {
        stack?: string;
        "config-file"?: string;
        out?: string;
        previous?: string;
        "fail-on-replace"?: boolean;
        details?: boolean;
        json?: boolean;
        now?: string;
        help?: boolean;
        tenant?: string;
    };
    try {
        ({ values } = parseArgs({
            args: argv,
            options: {
                stack: { type: "string" },
                "config-file": { type: "string" },
                out: { type: "string" },
                previous: { type: "string" },
                "fail-on-replace": { type: "boolean" },
                details: { type: "boolean" },
                json: { type: "boolean" },
                now: { type: "string" },
                help: { type: "boolean", short: "h" },
                tenant: { type: "string" },
            },
            strict: true,
        }));
    } catch (err) {
        process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
        return 1;
    }
    if (values.help) {
        process.stdout.write(HELP);
        return 0;
    }
    if (!values.stack) {
        process.stderr.write(`--stack is required\n${USAGE}\n`);
        return 1;
    }
    const projectDir = projectRoot(__dirname);
    // A plan that takes a while says so on stderr, so stdout (text or --json) stays exactly the plan.
    const stopProgress = startProgress(process.stderr, `Planning stack "${values.stack}" offline...`);
    const result = await planCommand(projectDir, {
        stack: values.stack,
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
