// `--previous <plan.json>`: read only a regular file of bounded size, check it against plan.json's schema (ajv),
// and refuse a plan that cannot be this stack's last one (another project, stack or tenant; a later clock).
import type { ErrorObject, ValidateFunction } from "ajv";
import { InputFileError, readBoundedRegularFile } from "./inputFile";
import { Plan } from "./runOffline";

/** plan.json of 500 connectors is a few MB; anything far larger is not a plan this command wrote. */
export const MAX_PREVIOUS_PLAN_BYTES = 64 * 1024 * 1024;

const FIX = "Fix: pass the plan.json an earlier plan of this stack wrote (out/<stack>/plan.json).";

export class PreviousPlanError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PreviousPlanError";
    }
}

const stringArray = { type: "array", items: { type: "string" } } as const;

/** What the diff, the simulator's continuation and the renewal steps read from a previous plan. */
export const PLAN_JSON_SCHEMA = {
    type: "object",
    required: ["project", "stack", "resources", "outputs", "findings", "waves"],
    properties: {
        project: { type: "string" },
        stack: { type: "string" },
        waves: { type: "integer", minimum: 0 },
        outputs: { type: "object" },
        findings: {
            type: "array",
            items: {
                type: "object",
                required: ["severity", "message"],
                properties: { severity: { type: "string" }, message: { type: "string" } },
            },
        },
        resources: {
            type: "array",
            items: {
                type: "object",
                required: [
                    "urn",
                    "type",
                    "name",
                    "parent",
                    "custom",
                    "protect",
                    "retainOnDelete",
                    "dependencies",
                    "aliases",
                    "inputs",
                    "outputs",
                ],
                properties: {
                    urn: { type: "string", pattern: "^urn:pulumi:" },
                    type: { type: "string", minLength: 1 },
                    name: { type: "string", minLength: 1 },
                    parent: { type: "string" },
                    custom: { type: "boolean" },
                    protect: { type: "boolean" },
                    retainOnDelete: { type: "boolean" },
                    dependencies: stringArray,
                    aliases: stringArray,
                    inputs: { type: "object" },
                    outputs: { type: "object" },
                    import: {
                        type: "object",
                        required: ["id", "updates"],
                        properties: { id: { type: "string" }, updates: stringArray },
                    },
                },
            },
        },
    },
} as const;

let compiled: ValidateFunction | undefined;

/** The schema's validator, compiled on first use: a plan without --previous never loads ajv or compiles it. */
function validator(): ValidateFunction {
    if (compiled === undefined) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred load (see above); the type comes from the import type.
        const { default: Ajv } = require("ajv") as typeof import("ajv");
        compiled = new Ajv({ allErrors: true, strict: true }).compile(PLAN_JSON_SCHEMA);
    }
    return compiled;
}

/** `/resources/3/urn` -> `resources[3].urn`, the way the rest of the plan names paths. */
function jsonPath(pointer: string): string {
    return pointer
        .split("/")
        .slice(1)
        .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
        .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), "");
}

function describeError(e: ErrorObject): string {
    const where = jsonPath(e.instancePath) || "(top)";
    if (e.keyword === "required")
        return `${where}: "${(e.params as { missingProperty: string }).missingProperty}" is missing`;
    return `${where}: ${e.message ?? "is not valid"}`;
}

/** Parses and checks a previous plan; every problem names the file, the path inside it and the fix. */
export function readPreviousPlan(file: string): Plan {
    let text: string;
    try {
        text = readBoundedRegularFile(file, "--previous", MAX_PREVIOUS_PLAN_BYTES, FIX);
    } catch (err) {
        throw err instanceof InputFileError ? new PreviousPlanError(err.message) : err;
    }
    let data: unknown;
    try {
        data = JSON.parse(text);
    } catch (err) {
        throw new PreviousPlanError(`--previous "${file}": cannot read it as JSON (${(err as Error).message}). ${FIX}`);
    }
    const validate = validator();
    if (!validate(data)) {
        const problems = [...new Set((validate.errors ?? []).map(describeError))];
        const shown = problems.slice(0, 10).map((p) => `  - ${p}`);
        if (problems.length > 10) shown.push(`  - ... and ${problems.length - 10} more`);
        throw new PreviousPlanError(
            `--previous "${file}": not a plan.json this command writes:\n${shown.join("\n")}\n${FIX}`,
        );
    }
    const plan = data as unknown as Plan;
    const seen = new Set<string>();
    for (const [i, r] of plan.resources.entries()) {
        if (seen.has(r.urn))
            throw new PreviousPlanError(
                `--previous "${file}": resources[${i}].urn ${r.urn} appears twice; a plan holds each resource once. ${FIX}`,
            );
        seen.add(r.urn);
    }
    return plan;
}

/** The simulated time a plan was made at: the latest rotation anchor or credential start it holds (plan.json records no clock). */
export function planClock(plan: Plan): string | undefined {
    let latest: string | undefined;
    for (const r of plan.resources) {
        for (const key of ["rfc3339", "startDate"]) {
            const v = r.outputs[key];
            if (
                typeof v === "string" &&
                !Number.isNaN(Date.parse(v)) &&
                (latest === undefined || Date.parse(v) > Date.parse(latest))
            )
                latest = v;
        }
    }
    return latest;
}

/** Every `tenantId` the plan's stack outputs state (connectors, Power Platform API clients). */
function outputTenants(outputs: Record<string, unknown>): Set<string> {
    const found = new Set<string>();
    const walk = (v: unknown, depth: number) => {
        if (!v || typeof v !== "object" || depth > 3) return;
        for (const [k, child] of Object.entries(v)) {
            if (k === "tenantId" && typeof child === "string") found.add(child.toLowerCase());
            else walk(child, depth + 1);
        }
    };
    walk(outputs, 0);
    return found;
}

/** Why `previous` cannot be the last plan of this stack, or undefined. */
export function previousPlanMismatch(
    file: string,
    previous: Plan,
    current: { project: string; stack: string; tenantId?: string; now: string },
): string | undefined {
    const fix = `Fix: pass the plan.json of stack "${current.stack}" (out/${current.stack}/plan.json).`;
    if (previous.project && previous.project !== current.project) {
        return `--previous "${file}": a plan of project "${previous.project}", not "${current.project}". ${fix}`;
    }
    if (previous.stack && previous.stack !== current.stack) {
        return `--previous "${file}": a plan of stack "${previous.stack}", not "${current.stack}". ${fix}`;
    }
    const tenants = outputTenants(previous.outputs);
    if (current.tenantId && tenants.size > 0 && !tenants.has(current.tenantId.toLowerCase())) {
        return `--previous "${file}": a plan for tenant ${[...tenants].join(", ")}, but azuread:tenantId is ${current.tenantId}. ${fix}`;
    }
    const clock = planClock(previous);
    if (clock !== undefined && Date.parse(clock) > Date.parse(current.now)) {
        return `--previous "${file}" was planned at ${clock}, after the simulated time ${current.now}: a deployment cannot continue from the future. Fix: pass --now ${clock} or later.`;
    }
    return undefined;
}
