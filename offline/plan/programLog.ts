// What a program reports through `pulumi.log.warn` and `pulumi.log.error` during an offline run, as plan findings.
//
// With no engine the SDK prints these to the console (`warning: [runtime] ...`, @pulumi/pulumi/log/index.js), beside
// a plan header that counts none and a `--json` plan that lacks them. `pulumi preview` shows them under the resource
// they name; the plan lists them the same way, on that resource's URN, and an error rejects the plan (`log.error`
// "logs a fatal condition": https://www.pulumi.com/docs/reference/pkg/nodejs/pulumi/pulumi/functions/log.error.html).
import * as pulumi from "@pulumi/pulumi";
import { Finding } from "../simulator";

type LogFunction = (message: string, resource?: pulumi.Resource, streamId?: number, ephemeral?: boolean) => unknown;
type Logged = { severity: "warning" | "error"; message: string; resource?: pulumi.Resource };

/** The resource's URN once the run registered it; "" for a message about no resource (the stack). */
function urnOf(resource: pulumi.Resource | undefined): Promise<string> {
    if (resource === undefined || !pulumi.Resource.isInstance(resource)) return Promise.resolve("");
    return new Promise((resolve) => resource.urn.apply((urn) => resolve(urn)));
}

/**
 * Replaces `pulumi.log.warn` and `pulumi.log.error` until `restore()`: each call is kept instead of printed.
 * `findings()`, after the run, gives them as findings (rule "program"), in the order the program logged them.
 */
export function captureProgramLog(): { restore(): void; findings(): Promise<Finding[]> } {
    const log = pulumi.log as unknown as { warn: LogFunction; error: LogFunction };
    const { warn, error } = log;
    const logged: Logged[] = [];
    log.warn = (message, resource) => {
        logged.push({ severity: "warning", message, resource });
        return Promise.resolve();
    };
    log.error = (message, resource) => {
        logged.push({ severity: "error", message, resource });
        return Promise.resolve();
    };
    return {
        restore: () => {
            log.warn = warn;
            log.error = error;
        },
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
