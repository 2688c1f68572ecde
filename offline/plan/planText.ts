// Renders a plan for a person: resources under their component with key settings (ids named), or the changes
// against a previous plan; then the Security-tab settings, next steps and findings.
import { SECURITY_TAB_FIELDS } from "../../entra/connectorSettings";
import { diffText } from "./diffText";
import { ANSI, Paint, idNames, plural, resourceLines } from "./planTextParts";
import { Plan } from "./runOffline";

export { changeSummary, diffText } from "./diffText";
export { idNames } from "./planTextParts";

export interface PlanTextOptions {
    /** Where the plan was written (printed last). */
    readonly outDir?: string;
    /** Every input of every resource, one per line. */
    readonly details?: boolean;
    /** ANSI colour (only for a terminal: the caller decides, honouring NO_COLOR). */
    readonly color?: boolean;
    /** The plan this one continues from: the text shows the changes against it. */
    readonly previous?: Plan;
    /** Where `previous` came from, for the header. */
    readonly previousLabel?: string;
    /** The simulated deployment time the plan was made at. */
    readonly now?: string;
    /** Custom resources above which the default view is one summary line per component. */
    readonly summaryThreshold?: number;
}

/** Above this many custom resources, the default view summarises each component in one line. */
export const SUMMARY_THRESHOLD = 150;

// Labels as the custom connector's Security tab shows them (Microsoft Entra ID identity provider). "Login URL"
// and the others: Microsoft Graph docs, "Create a Microsoft Graph JSON Batch Custom Connector for Power Automate"
// (Security page: Identity Provider, Client id, Client secret, Login url, Tenant ID, Resource URL, Scope), and the
// Bot Framework connection settings of the same identity provider (Login URL, Tenant ID, Resource URL).
const FIELD_LABELS: Record<(typeof SECURITY_TAB_FIELDS)[number], string> = {
    identityProvider: "Identity provider",
    clientId: "Client ID",
    secretOption: "Secret options",
    authorizationUrl: "Login URL",
    tenantId: "Tenant ID",
    resourceUrl: "Resource URL",
    enableOnBehalfOfLogin: "Enable on-behalf-of login",
    scope: "Scope",
    redirectUrls: "Redirect URL",
};

/** Multi-line text of the plan; never contains a secret (the plan holds none). */
export function planText(plan: Plan, outDirOrOptions?: string | PlanTextOptions, more: PlanTextOptions = {}): string {
    const options: PlanTextOptions =
        typeof outDirOrOptions === "string"
            ? { ...more, outDir: outDirOrOptions }
            : { ...(outDirOrOptions ?? {}), ...more };
    const paint: Paint = options.color ? (style, text) => `${ANSI[style]}${text}${ANSI.reset}` : (_s, text) => text;
    const names = idNames(plan);
    const lines: string[] = [];
    const errors = plan.findings.filter((f) => f.severity === "error").length;
    const warnings = plan.findings.filter((f) => f.severity === "warning").length;
    const custom = plan.resources.filter((r) => r.custom);
    lines.push(
        paint(
            "bold",
            `Plan of stack "${plan.stack}" (project ${plan.project}): ${custom.length} resources in ${plan.waves} waves, ` +
                `${plural(errors, "error")}, ${plural(warnings, "warning")}`,
        ),
    );
    if (options.now) {
        lines.push(
            `Simulated clock: ${options.now} (end dates and rotations are computed at this time; set it with --now <ISO date>)`,
        );
    }
    if (options.previous) {
        lines.push(`Compared with: ${options.previousLabel ?? "the previous plan"}`, "");
        lines.push(diffText(options.previous, plan, { details: options.details, color: options.color }).trimEnd());
        // A renewed slot changes nothing a connector sees by itself: name the connectors that must get the new secret.
        const renewed = ((plan.outputs.nextSteps ?? []) as string[]).filter((s) =>
            s.includes("renewed client secret slot"),
        );
        if (renewed.length) {
            lines.push(
                "",
                paint("yellow", "Secret renewals: these connectors still hold the previous secret (see Next steps):"),
            );
            for (const step of renewed) {
                const m =
                    /^Connector "([^"]+)": this deployment renewed client secret slot (\w).*stops working on (\S+?)\./.exec(
                        step,
                    );
                if (m) lines.push(`  ${m[1]}: slot ${m[2]} renewed; update the connector before ${m[3]}`);
            }
        }
    } else {
        const summary = !options.details && custom.length > (options.summaryThreshold ?? SUMMARY_THRESHOLD);
        lines.push(
            "",
            `Resources (+ create ${custom.length})${summary ? ", one line per component (--details lists every resource and input)" : ""}:`,
        );
        lines.push(...resourceLines(plan, names, paint, options.details === true, summary));
    }

    const connectors = (plan.outputs.connectors ?? {}) as Record<string, Record<string, unknown>>;
    if (Object.keys(connectors).length) {
        lines.push("", "Connector security settings (Security tab, Microsoft Entra ID):");
        for (const [key, settings] of Object.entries(connectors).sort(([a], [b]) => a.localeCompare(b))) {
            lines.push(`  ${paint("bold", key)}`);
            for (const field of SECURITY_TAB_FIELDS) {
                const value = settings[field];
                lines.push(
                    `    ${FIELD_LABELS[field].padEnd(26)} ${Array.isArray(value) ? value.join(" ") : typeof value === "string" ? value : JSON.stringify(value)}`,
                );
            }
            if (settings.clientSecret !== undefined)
                lines.push(`    ${"Client secret".padEnd(26)} ${String(settings.clientSecret)}`);
            const fic = settings.federatedCredential as Record<string, string> | undefined;
            if (fic)
                lines.push(
                    `    ${"Federated credential".padEnd(26)} issuer=${fic.issuer} subject=${fic.subject} audience=${fic.audience}`,
                );
        }
    }

    const steps = (plan.outputs.nextSteps ?? []) as string[];
    lines.push("", "Next steps:");
    lines.push(...(steps.length ? steps.map((s, i) => `  ${i + 1}. ${s}`) : ["  none"]));

    lines.push("", "Findings:");
    lines.push(
        ...(plan.findings.length
            ? plan.findings.map(
                  (f) =>
                      `  ${paint(f.severity === "error" ? "red" : f.severity === "warning" ? "yellow" : "dim", f.severity.toUpperCase())} [${f.rule}] ${f.message}`,
              )
            : ["  none"]),
    );
    if (options.outDir) lines.push("", `Wrote ${options.outDir}`);
    return lines.join("\n") + "\n";
}
