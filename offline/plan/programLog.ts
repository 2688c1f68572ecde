// What a program reports through `pulumi.log` (info, warn, error) during an offline run, as plan findings.
//
// With no engine the SDK prints these to the console (`warning: [runtime] ...`, @pulumi/pulumi/log/index.js), beside
// a plan header that counts none and a `--json` plan that lacks them (info even goes to stdout, inside the JSON). `pulumi preview` shows them under the resource
// they name; the plan lists them the same way, on that resource's URN, and an error rejects the plan (`log.error`
// "logs a fatal condition": https://www.pulumi.com/docs/reference/pkg/nodejs/pulumi/pulumi/functions/log.error.html).
import * as pulumi from "@pulumi/pulumi";
import { Finding, FindingSeverity } from "../simulator";

type LogFunction = (message: string, resource?: pulumi.Resource, streamId?: number, ephemeral?: boolean) => unknown;
type Logged = { severity: FindingSeverity; message: string; resource?: pulumi.Resource };

/** How long a logged resource's URN may take to resolve after the run, before the message goes on the stack. */
const URN_WAIT_MS = 500;

/**
 * The resource's URN once the run registered it; "" for a message about no resource (the stack), or about one whose
 * URN never resolves (an object that only looks like a resource): a plan never waits forever for a log line.
 */
function urnOf(resource: pulumi.Resource | undefined): Promise<string> {
    if (resource === undefined || !pulumi.Resource.isInstance(resource)) return Promise.resolve("");
    return new Promise((resolve) => {
        const fallback = setTimeout(() => resolve(""), URN_WAIT_MS);
        resource.urn.apply((urn) => {
            clearTimeout(fallback);
            resolve(urn);
        });
    });
}

/**
 * Replaces `pulumi.log.info`, `warn` and `error` until `restore()`: each call is kept instead of printed (debug
 * stays as the SDK has it: silent without an engine). `findings()`, after the run, gives them as findings (rule
 * "program"), in the order the program logged them.
 */
export function captureProgramLog(): { restore(): void; findings(): Promise<Finding[]> } {
    const log = pulumi.log as unknown as Record<"info" | "warn" | "error", LogFunction>;
    const original = { info: log.info, warn: log.warn, error: log.error };
    const logged: Logged[] = [];
    const keep =
        (severity: FindingSeverity): LogFunction =>
        (message, resource) => {
            // A JavaScript program may log anything; the SDK prints it as text, and so does the plan.
            logged.push({ severity, message: String(message), resource });
            return Promise.resolve();
        };
    log.info = keep("info");
    log.warn = keep("warning");
    log.error = keep("error");
    return {
        restore: () => Object.assign(log, original),
        findings: async () =>
            Promise.all(
                logged.map(async (l) => ({
                    severity: l.severity,
                    rule: "program",
                    urn: await urnOf(l.resource),
                    message: l.message,
                })),
            ),
    };
}
