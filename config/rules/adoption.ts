// Cross-entry rules of `adopt`: one existing object is adopted by one entry only.
import { ConfigProblem } from "../errors";
import { NAMESPACE } from "../keys";
import { StackConfig } from "../model";

/**
 * Two entries adopting one app registration (or one service principal) would import the same object twice: both
 * manage it, each resetting what the other declares, and destroying one leaves the other pointing at nothing.
 * The second adoption is refused at its key (entries in config order: apis, connectors, powerPlatformApiClients).
 */
export function adoptionProblems(config: StackConfig): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const seen = new Map<string, string>();
    for (const section of ["apis", "connectors", "powerPlatformApiClients"] as const) {
        const entries = config[section] as Readonly<Record<string, { adopt?: { applicationObjectId?: string; servicePrincipalObjectId?: string } }>>;
        for (const [key, entry] of Object.entries(entries)) {
            for (const field of ["applicationObjectId", "servicePrincipalObjectId"] as const) {
                const id = entry.adopt?.[field]?.toLowerCase();
                if (id === undefined) continue;
                const at = `${section}.${key}.adopt.${field}`;
                const first = seen.get(`${field}|${id}`);
                if (first) {
                    problems.push({
                        path: `${NAMESPACE}:${at}`,
                        message: `is ${id}, which ${NAMESPACE}:${first} already adopts; one ${field === "applicationObjectId" ? "app registration" : "service principal"} can be managed by one entry only. Fix: remove the adoption from one of the two entries (or give this entry its own object).`,
                    });
                } else seen.set(`${field}|${id}`, at);
            }
        }
    }
    return problems;
}
