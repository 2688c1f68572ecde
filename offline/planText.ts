// Renders a plan for a person: resources by component with key properties, settings, next steps, findings.
import { SECURITY_TAB_FIELDS } from "../stack/composeStack";
import { Plan } from "./runOffline";

// The inputs worth a glance per resource; everything else is in plan.json.
const KEY_INPUTS = [
    "displayName",
    "signInAudience",
    "identifierUri",
    "value",
    "type",
    "redirectUris",
    "apiClientId",
    "scopeIds",
    "claimValues",
    "userObjectId",
    "issuer",
    "subject",
    "audiences",
    "endDate",
    "clientId",
    "useExisting",
    "ownerObjectId",
    "authorizedClientId",
    "rotationDays",
    "appRoleAssignmentRequired",
    "implicitAccessTokenIssuanceEnabled",
];

const FIELD_LABELS: Record<string, string> = {
    identityProvider: "Identity provider",
    clientId: "Client ID",
    secretOption: "Secret options",
    authorizationUrl: "Authorization URL",
    tenantId: "Tenant ID",
    resourceUrl: "Resource URL",
    enableOnBehalfOfLogin: "Enable on-behalf-of login",
    scope: "Scope",
    redirectUrls: "Redirect URL",
};

function shortType(type: string): string {
    return type.split(":").pop() ?? type;
}

function show(value: unknown): string {
    if (typeof value === "string") return value;
    return JSON.stringify(value);
}

/** Multi-line text of the plan; never contains a secret (the plan holds none). */
export function planText(plan: Plan, outDir?: string): string {
    const lines: string[] = [];
    const errors = plan.findings.filter((f) => f.severity === "error").length;
    const warnings = plan.findings.filter((f) => f.severity === "warning").length;
    const custom = plan.resources.filter((r) => r.custom);
    lines.push(
        `Plan of stack "${plan.stack}" (project ${plan.project}): ${custom.length} resources in ${plan.waves} waves, ` +
            `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`,
        "",
        "Resources (+ create):",
    );
    const components = plan.resources.filter((r) => !r.custom && !r.parent.includes("$") && r.parent !== "");
    const groups: Array<[string, string]> = [
        ...components.map((c) => [c.urn, `${shortType(c.type)} ${c.name}`] as [string, string]),
        ["", "Stack-level"],
    ];
    const componentUrns = new Set(components.map((c) => c.urn));
    // Map lookups and a memo: with 500 connectors a linear find per step made this the slowest part of a plan.
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const topOf = new Map<string, string>();
    const topComponentOf = (urn: string): string => {
        const known = topOf.get(urn);
        if (known !== undefined) return known;
        let current = byUrn.get(urn);
        while (current && !componentUrns.has(current.urn)) current = byUrn.get(current.parent);
        const top = current?.urn ?? "";
        topOf.set(urn, top);
        return top;
    };
    for (const [urn, title] of groups) {
        const members = custom.filter((r) => topComponentOf(r.urn) === urn);
        if (members.length === 0) continue;
        lines.push(`  ${title}`);
        for (const r of members) {
            const props = KEY_INPUTS.filter((k) => r.inputs[k] !== undefined).map((k) => `${k}=${show(r.inputs[k])}`);
            const flags = [r.protect ? "protect" : "", r.retainOnDelete ? "retainOnDelete" : ""].filter(Boolean);
            lines.push(`    + ${shortType(r.type)} ${r.name}${flags.length ? ` [${flags.join(", ")}]` : ""}`);
            if (props.length) lines.push(`        ${props.join("  ")}`);
        }
    }

    const connectors = (plan.outputs.connectors ?? {}) as Record<string, Record<string, unknown>>;
    if (Object.keys(connectors).length) {
        lines.push("", "Connector security settings (Security tab, Microsoft Entra ID):");
        for (const [key, settings] of Object.entries(connectors).sort(([a], [b]) => a.localeCompare(b))) {
            lines.push(`  ${key}`);
            for (const field of SECURITY_TAB_FIELDS) {
                lines.push(`    ${FIELD_LABELS[field].padEnd(26)} ${show(settings[field])}`);
            }
            if (settings.clientSecret !== undefined) lines.push(`    ${"Client secret".padEnd(26)} ${show(settings.clientSecret)}`);
            const fic = settings.federatedCredential as Record<string, string> | undefined;
            if (fic) lines.push(`    ${"Federated credential".padEnd(26)} issuer=${fic.issuer} subject=${fic.subject} audience=${fic.audience}`);
        }
    }

    const steps = (plan.outputs.nextSteps ?? []) as string[];
    lines.push("", "Next steps:");
    lines.push(...(steps.length ? steps.map((s, i) => `  ${i + 1}. ${s}`) : ["  none"]));

    lines.push("", "Findings:");
    lines.push(
        ...(plan.findings.length
            ? plan.findings.map((f) => `  ${f.severity.toUpperCase()} [${f.rule}] ${f.message}`)
            : ["  none"]),
    );
    if (outDir) lines.push("", `Wrote ${outDir}`);
    return lines.join("\n") + "\n";
}
