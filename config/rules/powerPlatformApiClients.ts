// Cross-field rules of powerPlatformApiClients.<key>: delegated-only permissions, credential fields, ROPC.
import { wellKnownScopeProblem } from "../../entra/wellKnownScopes";
import { ConfigProblem, describeValue } from "../errors";
import { NAMESPACE } from "../keys";
import { StackConfig } from "../model";
import { rotationProblem } from "./connectors";

export function powerPlatformApiClientConfigProblems(
    config: StackConfig,
    input: Record<string, unknown>,
): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const rawClients = (input.powerPlatformApiClients ?? {}) as Record<string, Record<string, unknown>>;
    for (const [key, c] of Object.entries(config.powerPlatformApiClients)) {
        const at = (field: string) => `${NAMESPACE}:powerPlatformApiClients.${key}.${field}`;
        const raw = rawClients[key] ?? {};
        c.permissions.forEach((p, i) => {
            // The component's rule (components/powerPlatformApiClient.ts): one list, one message.
            const problem = wellKnownScopeProblem("powerPlatformApi", p);
            if (problem) problems.push({ path: `${at("permissions")}[${i}]`, message: problem });
        });
        if (c.adopt?.consentGrantId !== undefined && c.adminConsent === false) {
            problems.push({
                path: at("adopt.consentGrantId"),
                message: `is set (${describeValue(c.adopt.consentGrantId)}) but adminConsent is false, so the stack manages no consent grant to adopt. Fix: set adminConsent (true or { user: <object id> }) to manage the existing grant, or remove adopt.consentGrantId.`,
            });
        }
        const appPermissions = raw.applicationPermissions as string[] | undefined;
        if (appPermissions && appPermissions.length > 0) {
            problems.push({
                path: at("applicationPermissions"),
                message: `requests application permissions (${describeValue(appPermissions)}), but the Power Platform API supports delegated permissions only; service principals get access through Power Platform role-based access control (RBAC) role assignments, not app roles. Fix: remove applicationPermissions and assign the service principal a Power Platform role.`,
            });
        }
        if (raw.secretLifetimeDays !== undefined && c.credential !== "clientSecret") {
            problems.push({
                path: at("secretLifetimeDays"),
                message: `is set (${describeValue(raw.secretLifetimeDays)}) but credential is "${c.credential}". Fix: remove it or set credential: clientSecret.`,
            });
        }
        if (raw.secretRotationDays !== undefined && c.credential !== "clientSecret") {
            problems.push({
                path: at("secretRotationDays"),
                message: `is set (${describeValue(raw.secretRotationDays)}) but credential is "${c.credential}". Fix: remove it or set credential: clientSecret.`,
            });
        } else if (c.credential === "clientSecret") {
            const rotation = rotationProblem(c.secretLifetimeDays, raw.secretRotationDays);
            if (rotation) problems.push({ path: at("secretRotationDays"), message: rotation });
        }
        if (raw.certificateValidityDays !== undefined && c.credential !== "certificate") {
            problems.push({
                path: at("certificateValidityDays"),
                message: `is set (${describeValue(raw.certificateValidityDays)}) but credential is "${c.credential}". Fix: remove it or set credential: certificate.`,
            });
        }
        if (c.ropc && c.credential !== "none") {
            problems.push({
                path: at("publicClient.ropc"),
                message: `is true on a client with a ${c.credential}; ROPC (username/password) is a public-client flow and needs no credential. Fix: use credential: none, or drop ropc.`,
            });
        }
    }
    return problems;
}
