// What a plan command prints when it rejects a plan (exit 1) for an error it expects; anything else is a bug.
import { OptionError } from "./planArgs";
import { PreviousPlanError } from "./previousPlan";
import { ProgramError } from "./runProgram";
import { StackFileError } from "./stackFiles";
import { TenantFixtureError } from "../simulator/tenantFixture";

/** The text for a rejected plan, or undefined when `err` is none of the expected errors (the caller rethrows it). */
export function rejectionText(err: unknown): string | undefined {
    if (err instanceof ProgramError) {
        const findings = err.findings.filter((f) => f.severity === "error");
        const reasons = findings.length
            ? `\nFindings before it failed:\n${findings.map((f) => `  ERROR [${f.rule}] ${f.message}`).join("\n")}\n`
            : "";
        return `The program failed:\n${err.message}\n${reasons}`;
    }
    // A stack file's problems come as a list ("  - ..." lines): headed, so the reader sees where they are.
    if (err instanceof StackFileError && err.message.startsWith("  - "))
        return `Invalid stack configuration file:\n${err.message}\n`;
    if (
        err instanceof OptionError ||
        err instanceof PreviousPlanError ||
        err instanceof StackFileError ||
        err instanceof TenantFixtureError
    )
        return `${err.message}\n`;
    return undefined;
}
