// The plan command's options (one table; add an option as one line) and their validation, before any disk access.
import { parseArgs } from "util";

/** What parseArgs needs of an option: its type and an optional one-letter alias. */
export interface OptionType {
    readonly type: "string" | "boolean";
    readonly short?: string;
}

/** One command-line option: its type, an optional one-letter alias, the value's name and a line of help. */
export interface PlanOption extends OptionType {
    readonly value?: string;
    readonly help: string;
}

/** Every option of `npm run plan`. Keep one line per option so branches adding options merge cleanly. */
export const PLAN_OPTIONS = {
    stack: {
        type: "string",
        value: "<name>",
        help: "the stack to plan: Pulumi.<name>.yaml beside Pulumi.yaml (required)",
    },
    "config-file": {
        type: "string",
        value: "<file>",
        help: "read the stack's config from this file instead of Pulumi.<name>.yaml",
    },
    out: {
        type: "string",
        value: "<dir>",
        help: "output folder (default: out); the plan replaces <dir>/<name>/ and nothing else",
    },
    previous: {
        type: "string",
        value: "<plan.json>",
        help: "continue from that plan (ids, secret slots, rotation) and show the changes: + create, ~ update, +- replace, - delete, = import",
    },
    "fail-on-replace": {
        type: "boolean",
        help: "with --previous: exit 1 when a resource would be replaced or deleted (for CI)",
    },
    details: {
        type: "boolean",
        help: "list every resource with every input (default: key settings; a big stack: one line per component)",
    },
    json: { type: "boolean", help: "print the plan JSON (the same as plan.json) to stdout instead of the text" },
    now: {
        type: "string",
        value: "<ISO date>",
        help: "the simulated deployment time (default: the simulator's fixed clock, stated in the plan header)",
    },
    tenant: {
        type: "string",
        value: "<file>",
        help: "a tenant fixture (YAML/JSON): what the tenant already holds (principals, grants, apps, owners, the deployer)",
    },
    all: {
        type: "boolean",
        help: "plan every Pulumi.<stack>.yaml in parallel workers, one line per stack (with --previous <dir>: <dir>/<stack>/plan.json)",
    },
    help: { type: "boolean", short: "h", help: "print this help and exit" },
} as const satisfies Record<string, PlanOption>;

/** The values parseArgs gives for an option table: a boolean or a string per option given. */
export type OptionValuesOf<T extends Readonly<Record<string, OptionType>>> = {
    -readonly [K in keyof T]?: T[K]["type"] extends "boolean" ? boolean : string;
};

type OptionValues = OptionValuesOf<typeof PLAN_OPTIONS>;

/** Exit codes of the plan command (docs/plan.md, "What `npm run plan` writes and keeps"). */
export const EXIT_PLANNED = 0;
export const EXIT_REJECTED = 1;
export const EXIT_USAGE = 2;

/** One help line per option of `table`: flag, value name, help. */
export function optionLines(table: Readonly<Record<string, PlanOption>>): string[] {
    return Object.entries(table).map(([name, o]) => {
        const flag = `${o.short ? `-${o.short}, ` : "    "}--${name}${o.value ? ` ${o.value}` : ""}`;
        return `  ${flag.padEnd(28)} ${o.help}`;
    });
}

export function planUsage(): string {
    const lines = optionLines(PLAN_OPTIONS);
    return [
        "usage: npm run plan -- --stack <name> [options]",
        "",
        ...lines,
        "",
        "Plans a stack offline (no tenant, no credentials) against the Entra simulator, prints the plan and writes",
        "<out>/<stack>/plan.json and the connector files. Colour only on a terminal, never with NO_COLOR set or in files.",
        "",
        "exit codes: 0 planned, 1 rejected (config or plan errors, or --fail-on-replace tripped; nothing written), 2 usage error",
        "",
    ].join("\n");
}

/** What the command line asks for: run a plan, print help, or a usage error (exit 2). */
export type PlanArgs =
    | { readonly kind: "run"; readonly stack: string; readonly values: OptionValues }
    | { readonly kind: "help" }
    | { readonly kind: "usage-error"; readonly message: string };

// Pulumi stack names: 1-100 letters, digits, '-', '_' and '.' (pulumi/pulumi sdk/go/common/tokens/stack_name.go,
// ParseStackName: regex `^[A-Za-z0-9_.-]*`, "a stack name cannot exceed 100 characters", "may not be empty").
// '.' and '..' are refused too: as a folder name under <out> they would mean <out> itself or its parent.
const STACK_NAME_RE = /^[A-Za-z0-9_.-]{1,100}$/;

/** Why `name` is not a stack name this command accepts, or undefined when it is one. */
export function stackNameProblem(name: string): string | undefined {
    if (name === "." || name === ".." || !STACK_NAME_RE.test(name)) {
        return `--stack ${JSON.stringify(name)} is not a Pulumi stack name: use 1-100 letters, digits, '-', '_' or '.', no '/' or '\\', not "." or "..". Fix: e.g. --stack dev`;
    }
    return undefined;
}

/** A command line read against an option table: its values, a request for help, or a usage error (exit 2). */
export type ReadOptions<T extends Readonly<Record<string, OptionType>>> =
    | { readonly kind: "values"; readonly values: OptionValuesOf<T> }
    | { readonly kind: "help" }
    | { readonly kind: "usage-error"; readonly message: string };

/** Reads argv strictly against `table` (no positionals); `--help` wins over every other problem. */
export function readOptions<T extends Readonly<Record<string, OptionType>>>(
    argv: readonly string[],
    table: T,
): ReadOptions<T> {
    let values: OptionValuesOf<T>;
    try {
        ({ values } = parseArgs({
            args: [...argv],
            options: table as Record<string, OptionType>,
            strict: true,
            allowPositionals: false,
        }) as { values: OptionValuesOf<T> });
    } catch (err) {
        // Node's messages name the option ("Unknown option '--stak'"); keep them, drop its own hint lines.
        return { kind: "usage-error", message: (err as Error).message.split("\n")[0] };
    }
    if ((values as { help?: boolean }).help) return { kind: "help" };
    return { kind: "values", values };
}

/** The first of `names` given as an empty string, as a usage error naming its value ("--out needs a value"). */
export function emptyValueProblem<T extends Readonly<Record<string, PlanOption>>>(
    values: OptionValuesOf<T>,
    table: T,
    names: readonly (keyof T & string)[],
): string | undefined {
    const name = names.find((n) => values[n] === "");
    return name === undefined ? undefined : `--${name} needs a value. Fix: --${name} ${table[name].value}`;
}

/** Why `--stack` cannot be used (missing, empty or not a stack name), or undefined. `command` starts the fix. */
export function stackOptionProblem(stack: string | undefined, command: string): string | undefined {
    if (stack === undefined || stack === "") return `--stack is required. Fix: ${command} --stack dev`;
    return stackNameProblem(stack);
}

/** Parses and validates argv (without `node script`). Pure: reads no file, writes nothing. */
export function parsePlanArgs(argv: readonly string[]): PlanArgs {
    const read = readOptions(argv, PLAN_OPTIONS);
    if (read.kind !== "values") return read;
    const values = read.values;
    const problem =
        stackOptionProblem(values.stack, "npm run plan --") ??
        emptyValueProblem(values, PLAN_OPTIONS, ["config-file", "out", "previous", "now", "tenant"]) ??
        (values["fail-on-replace"] && values.previous === undefined ? FAIL_ON_REPLACE_NEEDS_PREVIOUS : undefined);
    if (problem) return { kind: "usage-error", message: problem };
    return { kind: "run", stack: values.stack!, values };
}

/** Without a previous plan there is nothing to compare, so the gate would pass whatever the change. */
export const FAIL_ON_REPLACE_NEEDS_PREVIOUS =
    "--fail-on-replace needs --previous <plan.json>: it compares with the last plan, and without one it would check nothing. Fix: add --previous out/<stack>/plan.json (the plan of the deployed state)";

/** An option whose value is wrong (exit 1: the command ran and rejected it). */
export class OptionError extends Error {}

const RFC3339 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** The latest simulated time whose end dates stay inside RFC 3339: lifetimes and certificates run at most 730 days. */
const LATEST_NOW_MS = Date.parse("9997-12-31T23:59:59Z");

/** `--now`: an ISO 8601 date or date-time, normalized to RFC 3339 UTC without milliseconds. */
export function parseNow(value: string): string {
    const fix = "Fix: use a value like 2026-07-01 or 2026-07-01T00:00:00Z.";
    const m = RFC3339.exec(value);
    if (!m || Number.isNaN(Date.parse(value))) {
        throw new OptionError(`--now "${value}": not an ISO 8601 date or date-time. ${fix}`);
    }
    // Date.parse rolls impossible days over (2026-02-30 is 2026-03-02): refuse what the calendar does not have.
    const [year, month, day] = value.slice(0, 10).split("-").map(Number) as [number, number, number];
    const calendar = new Date(Date.UTC(year, month - 1, day));
    if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) {
        throw new OptionError(`--now "${value}": ${value.slice(0, 10)} is not a day of the calendar. ${fix}`);
    }
    const time = /T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value);
    if (time && (Number(time[1]) > 23 || Number(time[2]) > 59 || Number(time[3] ?? 0) > 59)) {
        throw new OptionError(`--now "${value}": ${time[0].slice(1)} is not a time of day. ${fix}`);
    }
    const ms = Date.parse(value);
    if (ms < Date.parse("1970-01-01T00:00:00Z") || ms > LATEST_NOW_MS) {
        throw new OptionError(
            `--now "${value}": outside 1970-01-01 to 9997-12-31, so the end dates computed from it (up to 730 days later) would not be RFC 3339 dates. ${fix}`,
        );
    }
    return new Date(ms).toISOString().replace(/\.000Z$/, "Z");
}
