// Adapts the pure rules (rules.ts) to CrossGuard policies. Kept apart from index.ts, whose PolicyPack starts a gRPC
// server when constructed, so tests can build and inspect the policies without serving anything.
import type {
    EnforcementLevel,
    PolicyConfigSchema,
    PolicyResource as CrossGuardResource,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { CLOUD_NAMES, CLOUDS, CloudName } from "./vendor/entra/clouds";
import { redactSecrets, secretValues } from "./redact";
import {
    DEFAULT_POLICY_CONFIG,
    PolicyConfig,
    PolicyContext,
    PolicyResource,
    policyConfig,
    Rule,
    RULES,
    severityOf,
    stackOfUrn,
    UNKNOWN,
} from "./rules";

/**
 * Settings every policy accepts besides its own allowlists (CrossGuard has no pack-wide config, so they are part
 * of each policy's configSchema; set them on the policies that use them).
 */
export interface PackSettings {
    /** Cloud of the stack; default: read from the azuread provider's `environment`, else "public". */
    readonly cloud?: CloudName;
    /** Stack names treated as production; default ["prod"]. A stack tag `entra-connectors:production=true` also makes one. */
    readonly productionStacks?: readonly string[];
    /** Object id of the deploying identity, so app-owner-besides-deployer can tell it from other owners. */
    readonly deployerObjectId?: string;
}

export const PRODUCTION_STACK_TAG = "entra-connectors:production";

const stringList = (description: string): PolicyConfigJSONSchema => ({
    type: "array",
    items: { type: "string" },
    default: [],
    description,
});

/** JSON schema of each configurable field (the configSchema properties of the policies reading it). */
const CONFIG_SCHEMA: Readonly<Record<Exclude<keyof PolicyConfig, "severities">, PolicyConfigJSONSchema>> = {
    maxSecretLifetimeDays: {
        type: "integer",
        minimum: 1,
        default: DEFAULT_POLICY_CONFIG.maxSecretLifetimeDays,
        description: "Longest client-secret lifetime allowed, in days.",
    },
    allowedGraphApplicationPermissions: stringList(
        "High-privilege Microsoft Graph application permissions allowed anyway, by name.",
    ),
    allowedGraphDelegatedPermissions: stringList(
        "High-privilege Microsoft Graph delegated permissions allowed anyway, by name.",
    ),
    allowedRedirectHosts: stringList(
        "Hosts a connector's Web redirect URI may point at besides the connector consent service.",
    ),
    ropcAllowed: stringList(
        "Components (e.g. pp-api-client-admin-sdk) whose registration may enable public client flows (ROPC).",
    ),
    multiTenantAllowed: stringList("Components (or registration names) whose registration may be multi-tenant."),
};

const SETTINGS_SCHEMA: Readonly<Record<keyof PackSettings, PolicyConfigJSONSchema>> = {
    cloud: {
        type: "string",
        enum: [...CLOUD_NAMES],
        description: "Cloud of the stack (default: from the azuread provider, else public).",
    },
    productionStacks: {
        type: "array",
        items: { type: "string" },
        default: ["prod"],
        description: "Stack names treated as production.",
    },
    deployerObjectId: { type: "string", description: "Object id of the deploying identity." },
};

/** The configSchema of a rule's policy: its own fields plus the pack settings. */
export function configSchemaOf(rule: Rule): PolicyConfigSchema {
    return {
        properties: {
            ...Object.fromEntries(rule.configKeys.map((key) => [key, CONFIG_SCHEMA[key]])),
            ...SETTINGS_SCHEMA,
        },
    };
}

/** Copies a CrossGuard value into plain data; values unknown during preview (their access throws) become UNKNOWN. */
export function plain(value: unknown): unknown {
    if (value === null || typeof value !== "object") return value;
    const read = (key: string | number): unknown => {
        try {
            return plain((value as Record<string | number, unknown>)[key]);
        } catch {
            return UNKNOWN;
        }
    };
    if (Array.isArray(value)) return Array.from({ length: value.length }, (_, i) => read(i));
    return Object.fromEntries(Object.keys(value).map((key) => [key, read(key)]));
}

/** The cloud of each azuread provider `environment` value: CLOUDS' own list, as config accepts them (DoD is its own cloud). */
export const PROVIDER_ENVIRONMENT_CLOUD: Readonly<Record<string, CloudName>> = Object.fromEntries(
    CLOUD_NAMES.flatMap((cloud) => CLOUDS[cloud].azureadEnvironments.map((environment) => [environment, cloud])),
);

function cloudFromProvider(props: unknown): CloudName | undefined {
    const environment = (plain(props) as Record<string, unknown> | undefined)?.environment;
    return typeof environment === "string" ? PROVIDER_ENVIRONMENT_CLOUD[environment.toLowerCase()] : undefined;
}

function fromCrossGuard(
    r: {
        type: string;
        name: string;
        urn: string;
        props: Record<string, unknown>;
        opts: { protect: boolean; parent?: string };
    },
    parent?: string,
): PolicyResource {
    return {
        type: r.type,
        name: r.name,
        urn: r.urn,
        parent: parent ?? r.opts.parent ?? "",
        inputs: plain(r.props) as Record<string, unknown>,
        protect: r.opts.protect === true,
        // The analyzer protocol does not carry retainOnDelete: rules that need it skip (see PolicyResource).
        retainOnDelete: undefined,
    };
}

function contextFor(
    rule: Rule,
    raw: object,
    urn: string,
    stackTags: ReadonlyMap<string, string>,
    providerProps: unknown,
    now: () => Date,
): Omit<PolicyContext, "all"> {
    const settings = raw as PackSettings & Partial<PolicyConfig>;
    const environment = stackOfUrn(urn) ?? "";
    const productionStacks = settings.productionStacks ?? ["prod"];
    const config = policyConfig({
        ...Object.fromEntries(rule.configKeys.map((key) => [key, settings[key]])),
    });
    return {
        environment,
        production: productionStacks.includes(environment) || stackTags.get(PRODUCTION_STACK_TAG) === "true",
        cloud: settings.cloud ?? cloudFromProvider(providerProps) ?? "public",
        now: now().toISOString(),
        deployerObjectId: settings.deployerObjectId,
        config,
    };
}

/** CrossGuard's enforcement level of a rule (the per-rule severity overrides of `defaults` applied). */
export function enforcementLevelOf(rule: Rule, defaults: PolicyConfig = DEFAULT_POLICY_CONFIG): EnforcementLevel {
    return severityOf(rule, defaults);
}

/**
 * One CrossGuard policy per rule: a ResourceValidationPolicy when the rule looks at one resource, a
 * StackValidationPolicy (over `args.resources`) when it relates resources to their app. Enforcement levels come
 * from the rules' severities (overridable with --policy-pack-config's `enforcementLevel`), allowlists and limits
 * from each policy's config.
 */
export function toPolicies(
    rules: readonly Rule[] = RULES,
    defaults: PolicyConfig = DEFAULT_POLICY_CONFIG,
    now: () => Date = () => new Date(),
): (ResourceValidationPolicy | StackValidationPolicy)[] {
    return rules.map((rule) => {
        const common = {
            name: rule.name,
            description: rule.description,
            enforcementLevel: enforcementLevelOf(rule, defaults),
            configSchema: configSchemaOf(rule),
        };
        if (!rule.crossResource) {
            const policy: ResourceValidationPolicy = {
                ...common,
                validateResource: (args: ResourceValidationArgs, reportViolation) => {
                    const resource = fromCrossGuard(args);
                    const ctx = contextFor(
                        rule,
                        args.getConfig<object>(),
                        args.urn,
                        args.stackTags,
                        args.provider?.props,
                        now,
                    );
                    const secrets = secretValues([resource]);
                    for (const message of rule.check(resource, { ...ctx, all: [resource] }))
                        reportViolation(redactSecrets(message, secrets));
                },
            };
            return policy;
        }
        const policy: StackValidationPolicy = {
            ...common,
            validateStack: (args: StackValidationArgs, reportViolation) => {
                const all = args.resources.map((r: CrossGuardResource) => fromCrossGuard(r, r.parent?.urn));
                if (all.length === 0) return;
                const provider = args.resources.find((r) => r.type.startsWith("azuread:") && r.provider)?.provider
                    ?.props;
                const ctx = contextFor(rule, args.getConfig<object>(), all[0].urn, args.stackTags, provider, now);
                const secrets = secretValues(all);
                for (const resource of all) {
                    for (const message of rule.check(resource, { ...ctx, all }))
                        reportViolation(redactSecrets(message, secrets), resource.urn);
                }
            },
        };
        return policy;
    });
}

/** The pack's policies with the default configuration. */
export const policies = toPolicies();
