// Collects every problem with a component's arguments and throws them as one ResourceError before any child exists.
import * as pulumi from "@pulumi/pulumi";

/**
 * Why one error for all problems: a user fixing arguments one run at a time is slow, and a component that fails
 * half-way leaves a partial deployment. Messages name the component, the argument (`args.scopes[1]`) and a fix.
 */
export class ArgProblems {
    private readonly problems: string[] = [];

    constructor(
        private readonly componentType: string,
        private readonly name: string,
    ) {}

    /** Records `problem` for `arg` when it is defined. */
    check(arg: string, problem: string | undefined): void {
        if (problem !== undefined) this.problems.push(`args.${arg} ${problem}`);
    }

    /** Records `problem` for `arg` holding `value`, shown quoted (for rules whose message does not name it). */
    checkValue(arg: string, value: string, problem: string | undefined): void {
        if (problem !== undefined) this.problems.push(`args.${arg} ${JSON.stringify(value)} ${problem}`);
    }

    /** Records a problem of the component as a whole (not of one argument) when it is defined. */
    checkComponent(problem: string | undefined): void {
        if (problem !== undefined) this.problems.push(problem);
    }

    /**
     * The value of an argument that was renamed: `newArg`'s, else the deprecated `oldArg`'s; both set is a problem
     * (they could disagree). Deprecated names stay for one release, then go.
     */
    renamed<T>(newArg: string, newValue: T | undefined, oldArg: string, oldValue: T | undefined): T | undefined {
        if (newValue !== undefined && oldValue !== undefined)
            this.check(oldArg, `is deprecated and also given as ${newArg}; remove args.${oldArg}`);
        return newValue ?? oldValue;
    }

    /**
     * The entries of list argument `arg` that are objects, with their index. JavaScript callers and other languages
     * can pass anything: a list that is not an array, or an entry that is not an object (null, a string), is recorded
     * with `shape` (what an entry looks like) instead of failing later with a TypeError. Unset lists are empty.
     */
    objects<T extends object>(
        arg: string,
        list: unknown,
        shape: string,
    ): { readonly entry: T; readonly index: number }[] {
        if (list === undefined) return [];
        if (!Array.isArray(list)) {
            this.check(arg, `is ${describeArg(list)}, not a list; give a list of ${shape}`);
            return [];
        }
        return list.flatMap((entry: unknown, index) => {
            if (
                typeof entry === "object" &&
                entry !== null &&
                !Array.isArray(entry) &&
                !pulumi.Output.isInstance(entry)
            )
                return [{ entry: entry as T, index }];
            this.check(`${arg}[${index}]`, `is ${describeArg(entry)}; each entry is ${shape}`);
            return [];
        });
    }

    /**
     * A plain string argument, or undefined (recorded as a problem unless it is optional and unset). An Output is
     * refused with `plainWhy`: such arguments are checked, or name children, before deployment, when an Output has
     * no value yet. `rule` (a pure rule of entra/) is then checked against the string, which the message quotes;
     * `missing` says what to give when a required one is unset.
     */
    text(
        arg: string,
        value: unknown,
        options: {
            readonly required: boolean;
            readonly missing?: string;
            readonly plainWhy?: string;
            readonly rule?: (v: string) => string | undefined;
        },
    ): string | undefined {
        if (typeof value === "string") {
            if (options.rule) this.checkValue(arg, value, options.rule(value));
            return value;
        }
        if (value === undefined) {
            if (options.required) this.check(arg, `is missing; ${options.missing ?? "it is required"}`);
        } else if (pulumi.Output.isInstance(value)) {
            this.check(
                arg,
                `is a pulumi Output; it takes a plain string known before deployment${options.plainWhy ? ` (${options.plainWhy})` : ""}`,
            );
        } else {
            this.check(arg, `is ${describeArg(value)}; give a string`);
        }
        return undefined;
    }

    /**
     * Records every argument of `args` whose JavaScript type is not what `kinds` says (dotted paths reach nested
     * options). TypeScript checks this for TypeScript callers only; JavaScript and other languages can pass a number,
     * null or an Output anywhere. True when one is wrong: the other rules read these values, so they do not run.
     */
    shapes(args: object, kinds: Readonly<Record<string, ArgKind>>): boolean {
        const before = this.problems.length;
        for (const [path, kind] of Object.entries(kinds)) {
            const value = path
                .split(".")
                .reduce<unknown>(
                    (v, k) => (typeof v === "object" && v !== null ? (v as Record<string, unknown>)[k] : undefined),
                    args,
                );
            const optional = kind.endsWith("?");
            const base = kind.replace(/\?$/, "");
            if (value === undefined) {
                if (!optional) this.check(path, "is missing; it is required");
            } else if (base === "text") {
                this.text(path, value, { required: !optional, plainWhy: "it is checked before deployment" });
            } else if (base === "input") {
                if (typeof value !== "string" && !pulumi.Output.isInstance(value) && !(value instanceof Promise))
                    this.check(path, `is ${describeArg(value)}; give a string`);
            } else if (base === "texts") {
                if (!Array.isArray(value))
                    this.check(path, `is ${describeArg(value)}, not a list; give a list of strings`);
                else
                    value.forEach((v, i) =>
                        this.text(`${path}[${i}]`, v, {
                            required: true,
                            plainWhy: "each entry is checked before deployment",
                        }),
                    );
            } else if (typeof value !== base) {
                this.check(path, `is ${describeArg(value)}; give a ${base}`);
            }
        }
        return this.problems.length > before;
    }

    /** The problems found so far, for callers that validate without a resource (tests). */
    get messages(): readonly string[] {
        return this.problems;
    }

    /** Throws one ResourceError listing every problem (stack hidden: the message says everything). */
    throwIfAny(resource: pulumi.Resource): void {
        if (this.problems.length === 0) return;
        const kind = this.componentType.split(":").pop();
        const lines = this.problems.map((p) => `  - ${p}`).join("\n");
        throw new pulumi.ResourceError(
            `${kind} "${this.name}" has invalid arguments; nothing was created:\n${lines}`,
            resource,
            true,
        );
    }
}

/**
 * The JavaScript type an argument must have: a plain string ("text"), a string or Output ("input"), a list of plain
 * strings ("texts"), a boolean or a number; a trailing "?" makes it optional.
 */
export type ArgKind = "text" | "text?" | "input" | "input?" | "texts" | "texts?" | "boolean?" | "number?";

/** Plain value of an argument that may be an Output: undefined when only the deployment knows it. */
export function plainString(value: pulumi.Input<string> | undefined): string | undefined {
    return typeof value === "string" ? value : undefined;
}

/** A wrong argument value as a message shows it: its JSON for short scalars, else its kind (never a whole object). */
export function describeArg(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "a list";
    if (pulumi.Output.isInstance(value)) return "a pulumi Output";
    if (typeof value === "object") return "an object";
    if (typeof value === "function") return "a function";
    if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
    return `${String(value)} (a ${typeof value})`;
}
