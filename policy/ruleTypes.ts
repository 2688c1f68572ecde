// The policy pack's data model: a resource as the rules see it, the context, the config and a rule's shape.
// No @pulumi import here on purpose: a rule sees plain data (PolicyResource) and returns messages that say what to change.
import { CloudName } from "./vendor/entra/clouds";

/** mandatory blocks the deployment (and makes the offline plan exit 1); advisory only warns. */
export type Severity = "mandatory" | "advisory";

/**
 * A value that is not known yet (`pulumi preview` of a new resource, or the offline plan's "[unknown]").
 * Rules never treat it as a violation by itself unless they say so.
 */
export const UNKNOWN = "[unknown]";

/** One resource as the rules see it. */
export interface PolicyResource {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    /** URN of the parent resource ("" when none). Children of one component share it. */
    readonly parent: string;
    /**
     * The resource's properties: its inputs, plus outputs where the caller knows them (CrossGuard stack policies
     * and the offline plan do). Values not known yet are UNKNOWN.
     */
    readonly inputs: Record<string, unknown>;
    readonly protect: boolean;
    /**
     * undefined when the caller cannot see the option: CrossGuard's analyzer protocol (@pulumi/policy 1.21) passes
     * `protect` but not `retainOnDelete`, so under `pulumi preview` the rule that needs it cannot check it.
     */
    readonly retainOnDelete: boolean | undefined;
}

/** The configurable parts of the rules; every field has a default (DEFAULT_POLICY_CONFIG). */
export interface PolicyConfig {
    /** Per-rule severity overrides, by rule name. */
    readonly severities: Readonly<Record<string, Severity>>;
    /** Longest client-secret lifetime allowed, in days. Default 180. */
    readonly maxSecretLifetimeDays: number;
    /** Names of high-privilege Microsoft Graph application permissions allowed anyway (e.g. "Application.ReadWrite.All"). */
    readonly allowedGraphApplicationPermissions: readonly string[];
    /** Names of high-privilege Microsoft Graph delegated permissions allowed anyway (e.g. "Directory.AccessAsUser.All"). */
    readonly allowedGraphDelegatedPermissions: readonly string[];
    /** Extra hosts a connector's Web redirect URI may point at, besides the cloud's connector consent service. */
    readonly allowedRedirectHosts: readonly string[];
    /** Components (e.g. "pp-api-client-admin-sdk") whose registration may enable public client flows (ROPC). */
    readonly ropcAllowed: readonly string[];
    /** Components (or registration names) whose registration may be multi-tenant. */
    readonly multiTenantAllowed: readonly string[];
}

export const DEFAULT_POLICY_CONFIG: PolicyConfig = {
    severities: {},
    maxSecretLifetimeDays: 180,
    allowedGraphApplicationPermissions: [],
    allowedGraphDelegatedPermissions: [],
    allowedRedirectHosts: [],
    ropcAllowed: [],
    multiTenantAllowed: [],
};

/** DEFAULT_POLICY_CONFIG with `overrides` laid over it (undefined fields keep their default). */
export function policyConfig(overrides: Partial<PolicyConfig> = {}): PolicyConfig {
    const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
    return { ...DEFAULT_POLICY_CONFIG, ...defined };
}

export interface PolicyContext {
    /** The stack's environment (`entra-connectors:environment` offline, the stack name under CrossGuard). */
    readonly environment: string;
    /** Production-like stack: owner and protect rules apply. */
    readonly production: boolean;
    readonly cloud: CloudName;
    /** "Now" of the deployment (RFC 3339): the plan's fixed time offline, the clock under CrossGuard. */
    readonly now: string;
    /** Object id of the deploying identity, when known. */
    readonly deployerObjectId?: string;
    readonly config: PolicyConfig;
    /** Every resource of the stack (components included), for rules that relate resources to their app. */
    readonly all: readonly PolicyResource[];
}

export interface Rule {
    /** Stable kebab-case name: the CrossGuard policy name and the plan finding's `rule`. Never rename. */
    readonly name: string;
    readonly description: string;
    readonly defaultSeverity: Severity;
    /**
     * True when the rule looks at other resources than the one checked (ctx.all): CrossGuard runs it as a
     * stack policy. A resource policy gets `all = [resource]`.
     */
    readonly crossResource: boolean;
    /** The PolicyConfig fields the rule reads (its CrossGuard configSchema). */
    readonly configKeys: readonly Exclude<keyof PolicyConfig, "severities">[];
    /** Messages, one per violation, each saying what to change; [] when the resource complies. */
    check(resource: PolicyResource, ctx: PolicyContext): string[];
}

/** The rule's severity after the config's overrides. */
export function severityOf(rule: Rule, config: PolicyConfig): Severity {
    return config.severities[rule.name] ?? rule.defaultSeverity;
}
