// What a first `pulumi up` of a plan costs in Microsoft Graph writes and dependency waves (docs/ci-cd.md "Deploy cost").
import { dependencyDepths, Plan } from "../plan/runOffline";

export interface DeployCost {
    readonly stack: string;
    /** Custom resources of the plan. */
    readonly resources: number;
    /**
     * azuread resources: each create is at least one Microsoft Graph write (POST or PATCH on an application,
     * service principal, grant or owner reference). The provider's reads around it are not counted.
     */
    readonly graphWrites: number;
    /** Sequential steps of the deployment (plan.json `waves`). */
    readonly waves: number;
    /** Graph writes of the widest wave: what an unbounded `--parallel` starts at once. */
    readonly widestWave: number;
}

/** The azuread provider's resources (Microsoft Graph); time, tls, dynamic and azure-native ones are not Graph writes. */
export function isGraphWrite(type: string): boolean {
    return type.startsWith("azuread:");
}

export function deployCost(plan: Plan): DeployCost {
    const custom = plan.resources.filter((r) => r.custom);
    const depths = dependencyDepths(plan.resources);
    const perWave = new Map<number, number>();
    for (const r of custom.filter((r) => isGraphWrite(r.type)))
        perWave.set(depths.get(r.urn)!, (perWave.get(depths.get(r.urn)!) ?? 0) + 1);
    return {
        stack: plan.stack,
        resources: custom.length,
        graphWrites: custom.filter((r) => isGraphWrite(r.type)).length,
        waves: plan.waves,
        widestWave: Math.max(0, ...perWave.values()),
    };
}

/** The docs table's row for a stack. */
export function deployCostRow(label: string, cost: DeployCost): string {
    return `| ${label} | ${cost.resources} | ${cost.graphWrites} | ${cost.waves} | ${cost.widestWave} |`;
}
