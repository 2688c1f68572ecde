// The policy pack's rules (policy/rules.ts) run on an offline plan: one finding per violation, like `pulumi preview --policy-pack`.
import { StackConfig } from "../../config";
import { DEFAULT_POLICY_CONFIG, evaluateRules, PolicyContext, PolicyResource, Rule, RULES } from "../../policy/rules";
import { RecordedResource } from "../simulator/recordingMonitor";
import { Plan } from "./runOffline";
import { DEFAULT_NOW, EntraSimulator, Finding } from "../simulator";

/** A planned resource as the rules see it: inputs over the simulator's outputs (CrossGuard stack policies see outputs). */
export function toPolicyResource(r: RecordedResource): PolicyResource {
    return {
        type: r.type,
        name: r.name,
        urn: r.urn,
        parent: r.parent,
        inputs: { ...r.outputs, ...r.inputs },
        protect: r.protect,
        retainOnDelete: r.retainOnDelete,
    };
}

/**
 * Every rule over every resource of the plan. mandatory -> "error" (the plan exits 1), advisory -> "warning";
 * `rule` is the rule's name, `urn` the resource's, and the message starts with the resource's name.
 */
export function policyFindings(plan: Plan, ctx: Omit<PolicyContext, "all">, rules: readonly Rule[] = RULES): Finding[] {
    const all = plan.resources.map(toPolicyResource);
    return evaluateRules({ ...ctx, all }, rules)
        .map((v): Finding => ({
            severity: v.severity === "mandatory" ? "error" : "warning",
            rule: v.rule.name,
            urn: v.resource.urn,
            message: `${v.resource.name}: ${v.message}`,
        }))
        .sort(
            (a, b) =>
                a.severity.localeCompare(b.severity) ||
                a.urn.localeCompare(b.urn) ||
                a.message.localeCompare(b.message),
        );
}

/**
 * The policy context of an offline plan of a validated stack: production is `entra-connectors:production` (whose
 * default is environment "prod"), as the stack's protect options follow it; "now" is the simulator's fixed time, the deployer is the simulator's deploying identity, the config the defaults.
 */
export function planPolicyContext(config: StackConfig, now: string = DEFAULT_NOW): Omit<PolicyContext, "all"> {
    return {
        environment: config.environment,
        production: config.production,
        cloud: config.cloud,
        now,
        deployerObjectId: new EntraSimulator({ tenantId: config.tenantId, now }).deployerObjectId,
        config: DEFAULT_POLICY_CONFIG,
    };
}
