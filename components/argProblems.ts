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
        if (newValue !== undefined && oldValue !== undefined) this.check(oldArg, `is deprecated and also given as ${newArg}; remove args.${oldArg}`);
        return newValue ?? oldValue;
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
        throw new pulumi.ResourceError(`${kind} "${this.name}" has invalid arguments; nothing was created:\n${lines}`, resource, true);
    }
}

/** Plain value of an argument that may be an Output: undefined when only the deployment knows it. */
export function plainString(value: pulumi.Input<string> | undefined): string | undefined {
    return typeof value === "string" ? value : undefined;
}
