// `entra-connectors plan`: the offline plan of your own program that uses the components, from the installed package.
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { toJsonFile } from "../../entra/connectorSettings";
import { CLOUD_NAMES, CLOUDS, CloudName } from "../../entra/clouds";
import { DEFAULT_POLICY_CONFIG } from "../../policy/rules";
import {
    emptyValueProblem,
    EXIT_USAGE,
    OptionError,
    optionLines,
    parseNow,
    PLAN_OPTIONS,
    PlanOption,
    readOptions,
    stackNameProblem,
    stackOptionProblem,
} from "./planArgs";
import { outputProblem, writePlanOutput } from "./planOutput";
import { planText } from "./planText";
import { policyFindings } from "./policyFindings";
import { previousPlanMismatch, readPreviousPlan } from "./previousPlan";
import { rejectionText } from "./planRejection";
import { Plan, runProgramOffline } from "./runProgram";
import { DEFAULT_NOW, EntraSimulator } from "../simulator";
import { loadStackConfigFiles } from "./stackFiles";

/** The options of `entra-connectors plan`: the stack plan's own (same meaning), plus the program to run. */
export const PROGRAM_PLAN_OPTIONS = {
    program: {
        type: "string",
        value: "<file>",
        help: "your Pulumi program (.ts needs ts-node in the project, .js runs as is); default: Pulumi.yaml's main, else index.ts or index.js",
    },
    stack: {
        ...PLAN_OPTIONS.stack,
        help: "the stack to plan: its config is Pulumi.<name>.yaml beside the program's Pulumi.yaml (required)",
    },
    "config-file": PLAN_OPTIONS["config-file"],
    out: PLAN_OPTIONS.out,
    previous: PLAN_OPTIONS.previous,
    details: PLAN_OPTIONS.details,
    json: PLAN_OPTIONS.json,
    now: PLAN_OPTIONS.now,
    tenant: PLAN_OPTIONS.tenant,
    help: PLAN_OPTIONS.help,
} as const satisfies Record<string, PlanOption>;

export function programPlanUsage(): string {
    return [
        "usage: npx entra-connectors plan --stack <name> [--program <file>] [options]",
        "",
        ...optionLines(PROGRAM_PLAN_OPTIONS),
        "",
        "Runs your program offline (no tenant, no credentials) against the Entra simulator, with the stack's config,",
        "prints the plan (resources, findings) and writes <out>/<stack>/plan.json. Paths are relative to the current folder.",
        "",
        "exit codes: 0 planned, 1 rejected (the program failed, or the plan has errors; nothing written), 2 usage error",
        "",
    ].join("\n");
}

/** A resolved command line: paths absolute, the project found, nothing read yet but what locating them needs. */
export interface ProgramPlanRequest {
    readonly projectDir: string;
    readonly program: string;
    readonly stack: string;
    readonly configFile?: string;
    readonly out: string;
    readonly previous?: string;
    readonly details?: boolean;
    readonly json?: boolean;
    readonly now?: string;
    readonly tenant?: string;
    readonly color?: boolean;
}

export type ProgramPlanArgs =
    | { readonly kind: "run"; readonly request: ProgramPlanRequest }
    | { readonly kind: "help" }
    | { readonly kind: "usage-error"; readonly message: string };

const PROGRAM_EXTENSIONS = [".ts", ".js", ".cjs"];

/** The folder at or above `from` holding Pulumi.yaml, or undefined. */
function projectOf(from: string): string | undefined {
    for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "Pulumi.yaml"))) return dir;
        if (path.dirname(dir) === dir) return undefined;
    }
}

/** The program `pulumi up` runs: Pulumi.yaml's `main` (a file, or a folder with index.ts/index.js), else index.ts or index.js. */
function defaultProgramOf(projectDir: string): string | undefined {
    let main: unknown;
    try {
        main = (parse(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8")) as { main?: unknown } | null)
            ?.main;
    } catch {
        main = undefined; // an unreadable Pulumi.yaml is reported when the stack's config is loaded
    }
    const base = typeof main === "string" ? path.resolve(projectDir, main) : projectDir;
    if (fs.existsSync(base) && fs.statSync(base).isFile()) return base;
    return ["index.ts", "index.js"].map((f) => path.join(base, f)).find((f) => fs.existsSync(f));
}

/** Parses and checks the command line (exit 2 on any problem, naming the argument); reads only what locating needs. */
export function parseProgramPlanArgs(argv: readonly string[], cwd: string = process.cwd()): ProgramPlanArgs {
    const read = readOptions(argv, PROGRAM_PLAN_OPTIONS);
    if (read.kind !== "values") return read;
    const values = read.values;
    const usage = (message: string): ProgramPlanArgs => ({ kind: "usage-error", message });
    const optionProblem =
        emptyValueProblem(values, PROGRAM_PLAN_OPTIONS, [
            "program",
            "stack",
            "config-file",
            "out",
            "previous",
            "now",
            "tenant",
        ]) ?? stackOptionProblem(values.stack, "npx entra-connectors plan");
    if (optionProblem) return usage(optionProblem);
    const stack = values.stack!;

    let program: string;
    if (values.program !== undefined) {
        program = path.resolve(cwd, values.program);
        if (!fs.existsSync(program))
            return usage(
                `--program ${values.program}: there is no such file (looked for ${program}). Fix: name your program's entry file, e.g. --program index.ts`,
            );
        if (!fs.statSync(program).isFile())
            return usage(
                `--program ${values.program} is not a file. Fix: name your program's entry file, e.g. --program index.ts`,
            );
        if (!PROGRAM_EXTENSIONS.includes(path.extname(program))) {
            return usage(
                `--program ${values.program}: a program is ${PROGRAM_EXTENSIONS.join(", ")} (loaded with require). Fix: name the .ts source or its compiled .js`,
            );
        }
    } else {
        const project = projectOf(cwd);
        const found = project && defaultProgramOf(project);
        if (!found)
            return usage(
                `--program is missing, and no Pulumi.yaml at or above ${cwd} names a program (main) or has index.ts or index.js beside it. Fix: --program <your program's entry file>`,
            );
        program = found;
    }
    const projectDir = projectOf(path.dirname(program));
    if (!projectDir) {
        return usage(
            `--program ${values.program ?? program}: no Pulumi.yaml in its folder or above it, so there is no project name or stack. Fix: run in your Pulumi project (pulumi new creates Pulumi.yaml)`,
        );
    }
    const configFile = values["config-file"] !== undefined ? path.resolve(cwd, values["config-file"]) : undefined;
    if (configFile !== undefined && !fs.existsSync(configFile)) {
        return usage(
            `--config-file ${values["config-file"]} does not exist. Fix: name an existing stack file, e.g. --config-file Pulumi.dev.yaml`,
        );
    }
    if (configFile === undefined && !fs.existsSync(path.join(projectDir, `Pulumi.${stack}.yaml`))) {
        const stacks = fs
            .readdirSync(projectDir)
            .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
            .filter((s): s is string => s !== undefined && stackNameProblem(s) === undefined)
            .sort();
        return usage(
            `--stack ${stack}: there is no Pulumi.${stack}.yaml in ${projectDir}. Stacks of this project: ${stacks.join(", ") || "none"}. ` +
                `Fix: --stack ${stacks[0] ?? "<name>"}, create the stack's config (pulumi stack init ${stack}; pulumi config set azuread:tenantId <tenant id>), or --config-file <file>`,
        );
    }
    if (path.extname(program) === ".ts") {
        try {
            require.resolve("ts-node", { paths: [projectDir] });
        } catch {
            return usage(
                `--program ${values.program ?? program} is TypeScript and ts-node is not installed in ${projectDir}. Fix: npm install --save-dev ts-node typescript@5, or compile and pass the .js`,
            );
        }
    }
    const out = path.resolve(cwd, values.out ?? path.join(path.relative(cwd, projectDir) || ".", "out"));
    const outProblem = outputProblem(out, stack, projectDir);
    if (outProblem) return usage(outProblem);
    const resolve = (v: string | undefined) => (v === undefined ? undefined : path.resolve(cwd, v));
    return {
        kind: "run",
        request: {
            projectDir,
            program,
            stack: stack,
            configFile,
            out,
            previous: resolve(values.previous),
            details: values.details,
            json: values.json,
            now: values.now,
            tenant: resolve(values.tenant),
        },
    };
}

/** The cloud the program's azuread provider targets (`azuread:environment`), as CrossGuard reads it; default public. */
function cloudOf(config: Readonly<Record<string, string>>): CloudName {
    const environment = config["azuread:environment"]?.toLowerCase();
    return (
        CLOUD_NAMES.find((c) => CLOUDS[c].azureadEnvironments.some((e) => e.toLowerCase() === environment)) ?? "public"
    );
}

export interface ProgramPlanResult {
    /** 0 planned, 1 rejected (the program failed or the plan has errors), 2 usage error. */
    readonly exitCode: 0 | 1 | 2;
    readonly text: string;
    readonly plan?: Plan;
}

/** TypeScript programs load through the project's own ts-node (what `pulumi up` does), transpile only, once. */
function registerTypeScript(projectDir: string): void {
    if ((process as unknown as Record<symbol, unknown>)[Symbol.for("ts-node.register.instance")]) return;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the consumer's ts-node, found from their project.
    const tsNode = require(require.resolve("ts-node", { paths: [projectDir] })) as { register(o: object): void };
    tsNode.register({ transpileOnly: true, projectSearchDir: projectDir });
}

/**
 * Plans a program: runs it under the simulator with the stack's config, adds the policy pack's findings, prints
 * the plan and writes `<out>/<stack>/plan.json` (only when the plan has no error; the previous folder stays otherwise).
 */
export async function planProgram(request: ProgramPlanRequest): Promise<ProgramPlanResult> {
    try {
        const previous = request.previous !== undefined ? readPreviousPlan(request.previous) : undefined;
        const now = request.now !== undefined ? parseNow(request.now) : DEFAULT_NOW;
        const files = loadStackConfigFiles(request.projectDir, request.stack, request.configFile);
        if (previous) {
            const mismatch = previousPlanMismatch(request.previous!, previous, {
                project: files.project,
                stack: request.stack,
                tenantId: files.config["azuread:tenantId"],
                now,
            });
            if (mismatch) throw new OptionError(mismatch);
        }
        if (path.extname(request.program) === ".ts") registerTypeScript(request.projectDir);
        const ran = await runProgramOffline({
            projectDir: request.projectDir,
            stack: request.stack,
            configFiles: files,
            program: request.program,
            now,
            previous,
            tenant: request.tenant,
        });
        const tenantId = files.config["azuread:tenantId"] ?? "00000000-0000-0000-0000-000000000000";
        // The policy pack's context as CrossGuard builds it for any stack (policy/policies.ts): production is "prod".
        const policy = policyFindings(ran, {
            environment: request.stack,
            production: request.stack === "prod",
            cloud: cloudOf(files.config),
            now,
            deployerObjectId: new EntraSimulator({ tenantId, now }).deployerObjectId,
            config: DEFAULT_POLICY_CONFIG,
        });
        const plan: Plan = { ...ran, findings: [...ran.findings, ...policy] };
        const textOptions = {
            details: request.details,
            color: request.color,
            now,
            previous,
            previousLabel: request.previous,
        };
        if (plan.findings.some((f) => f.severity === "error")) {
            return {
                exitCode: 1,
                text: planText(plan, textOptions) + "\nPlan has errors: nothing was written.\n",
                plan,
            };
        }
        const target = await writePlanOutput(request.out, request.stack, { "plan.json": toJsonFile(plan) });
        const outDir = path.relative(process.cwd(), target) || target;
        return {
            exitCode: 0,
            text: request.json ? toJsonFile(plan) : planText(plan, { ...textOptions, outDir }),
            plan,
        };
    } catch (err) {
        const text = rejectionText(err);
        if (text !== undefined) return { exitCode: 1, text };
        throw err;
    }
}

/** `entra-connectors plan <argv>`: the exit code; the plan on stdout, problems on stderr. */
export async function programPlanCommand(
    argv: readonly string[],
    io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; color: boolean },
): Promise<number> {
    const args = parseProgramPlanArgs(argv);
    if (args.kind === "help") {
        io.stdout.write(programPlanUsage());
        return 0;
    }
    if (args.kind === "usage-error") {
        io.stderr.write(`${args.message}\n\n${programPlanUsage()}`);
        return EXIT_USAGE;
    }
    const result = await planProgram({ ...args.request, color: io.color && !args.request.json });
    (result.exitCode === 0 ? io.stdout : io.stderr).write(result.text);
    return result.exitCode;
}
