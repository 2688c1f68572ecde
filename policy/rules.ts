// The policy pack's rules as pure functions: CrossGuard (policy/index.ts), the offline plan and the tests all run these.
// No @pulumi import here on purpose: a rule sees plain data (PolicyResource) and returns messages that say what to change.
import { redirectUriProblem } from "../entra/entraRules";
import { GRAPH_APPLICATION_PERMISSION_IDS, GRAPH_DELEGATED_PERMISSION_IDS } from "../entra/graphPermissions.generated";
import { CloudName, CLOUDS, HTTP_WITH_ENTRA_ID_APP_ID, isLogicAppsConsentHost, WELL_KNOWN_APIS } from "../entra/wellKnownApis";

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

// ---------------------------------------------------------------------------------------------------------------
// Resource types and Microsoft facts

export const TYPES = {
    registration: "azuread:index/applicationRegistration:ApplicationRegistration",
    redirectUris: "azuread:index/applicationRedirectUris:ApplicationRedirectUris",
    apiAccess: "azuread:index/applicationApiAccess:ApplicationApiAccess",
    password: "azuread:index/applicationPassword:ApplicationPassword",
    federatedCredential: "azuread:index/applicationFederatedIdentityCredential:ApplicationFederatedIdentityCredential",
    fallbackPublicClient: "azuread:index/applicationFallbackPublicClient:ApplicationFallbackPublicClient",
    owner: "azuread:index/applicationOwner:ApplicationOwner",
    identifierUri: "azuread:index/applicationIdentifierUri:ApplicationIdentifierUri",
    preAuthorized: "azuread:index/applicationPreAuthorized:ApplicationPreAuthorized",
    servicePrincipal: "azuread:index/servicePrincipal:ServicePrincipal",
    appRoleAssignment: "azuread:index/appRoleAssignment:AppRoleAssignment",
    delegatedGrant: "azuread:index/servicePrincipalDelegatedPermissionGrant:ServicePrincipalDelegatedPermissionGrant",
    rotating: "time:index/rotating:Rotating",
    connectorClient: "entra-connectors:index:ConnectorClient",
} as const;

const SINGLE_TENANT = "AzureADMyOrg";
const GRAPH_APP_ID = WELL_KNOWN_APIS.microsoftGraph.appId;
const POWER_PLATFORM_API_APP_ID = WELL_KNOWN_APIS.powerPlatformApi.appId;

/** Microsoft first-party apps whose tenant-wide service principals the stack may ensure but must never delete. */
export const MICROSOFT_FIRST_PARTY_APP_IDS: readonly string[] = [
    ...Object.values(WELL_KNOWN_APIS).map((api) => api.appId),
    HTTP_WITH_ENTRA_ID_APP_ID,
];

// Source: Microsoft Graph permissions reference, https://learn.microsoft.com/en-us/graph/permissions-reference;
// ids from the generated catalog (entra/graphPermissions.generated.ts, from merill/microsoft-info GraphAppRoles.csv
// and GraphDelegateRoles.csv). Each one lets an app take over the tenant's directory, its apps or its role assignments.
/** id -> name of the named permissions, failing loudly if the catalog no longer has one. */
function idsOf(ids: Readonly<Record<string, string>>, names: readonly string[]): Readonly<Record<string, string>> {
    return Object.fromEntries(
        names.map((name) => {
            const id = ids[name];
            if (id === undefined) throw new Error(`Microsoft Graph has no permission ${name} in entra/graphPermissions.generated.ts`);
            return [id, name];
        }),
    );
}

/** High-privilege Microsoft Graph application permissions (app roles): id -> name. */
export const HIGH_PRIVILEGE_GRAPH_APP_ROLES: Readonly<Record<string, string>> = idsOf(GRAPH_APPLICATION_PERMISSION_IDS, [
    "Directory.ReadWrite.All",
    "Application.ReadWrite.All",
    "RoleManagement.ReadWrite.Directory",
    "AppRoleAssignment.ReadWrite.All",
]);

/** High-privilege Microsoft Graph delegated permissions (scopes): id -> name. Same source as above. */
export const HIGH_PRIVILEGE_GRAPH_SCOPES: Readonly<Record<string, string>> = idsOf(GRAPH_DELEGATED_PERMISSION_IDS, [
    "Directory.AccessAsUser.All",
    "Directory.ReadWrite.All",
    "Application.ReadWrite.All",
    "RoleManagement.ReadWrite.Directory",
    "AppRoleAssignment.ReadWrite.All",
]);

// ---------------------------------------------------------------------------------------------------------------
// Helpers: reading values, relating resources

/** A known string value, or undefined (absent, unknown or not a string). */
function known(value: unknown): string | undefined {
    return typeof value === "string" && value !== UNKNOWN ? value : undefined;
}

function isUnknown(value: unknown): boolean {
    return value === UNKNOWN;
}

/** The known strings of a list input ([] when absent or unknown). */
function knownList(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((v): v is string => known(v) !== undefined) : [];
}

function sameId(a: string | undefined, b: string | undefined): boolean {
    return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

function quote(value: unknown): string {
    return JSON.stringify(value);
}

/** `urn:pulumi:<stack>::<project>::<parent types $ type>::<name>` -> its parts; undefined when not a URN. */
function parseUrn(urn: string): { stack: string; project: string; types: string[]; name: string } | undefined {
    const parts = urn.split("::");
    if (parts.length < 4 || !parts[0].startsWith("urn:pulumi:")) return undefined;
    return { stack: parts[0].slice("urn:pulumi:".length), project: parts[1], types: parts[2].split("$"), name: parts.slice(3).join("::") };
}

/** The stack name a URN belongs to (CrossGuard's environment). */
export function stackOfUrn(urn: string): string | undefined {
    return parseUrn(urn)?.stack;
}

/** True when the resource sits (at any depth) inside a component of `type`, read from its URN's type chain. */
function insideComponent(r: PolicyResource, type: string): boolean {
    const parsed = parseUrn(r.urn);
    return parsed !== undefined && parsed.types.slice(0, -1).includes(type);
}

/** Name of the component a resource belongs to (its parent's name), or the resource's own name at top level. */
export function componentOf(r: PolicyResource): string {
    const parent = parseUrn(r.parent);
    if (!parent || parent.types[parent.types.length - 1] === "pulumi:pulumi:Stack") return r.name;
    return parent.name;
}

interface StackIndex {
    readonly byUrn: Map<string, PolicyResource>;
    readonly registrationsByParent: Map<string, PolicyResource[]>;
    readonly registrations: PolicyResource[];
    readonly appOf: Map<string, PolicyResource | undefined>;
    readonly groups: Map<string, PolicyResource[]>;
}

const indexes = new WeakMap<readonly PolicyResource[], StackIndex>();

function indexOf(all: readonly PolicyResource[]): StackIndex {
    let index = indexes.get(all);
    if (index) return index;
    const registrations = all.filter((r) => r.type === TYPES.registration);
    const registrationsByParent = new Map<string, PolicyResource[]>();
    for (const r of registrations) {
        if (!registrationsByParent.has(r.parent)) registrationsByParent.set(r.parent, []);
        registrationsByParent.get(r.parent)!.push(r);
    }
    index = { byUrn: new Map(all.map((r) => [r.urn, r])), registrationsByParent, registrations, appOf: new Map(), groups: new Map() };
    indexes.set(all, index);
    return index;
}

/** The registration among `candidates` whose name is the longest `<prefix>-app` with `<prefix>-` starting r's name. */
function byNamePrefix(r: PolicyResource, candidates: readonly PolicyResource[]): PolicyResource | undefined {
    let best: PolicyResource | undefined;
    for (const app of candidates) {
        const prefix = app.name.replace(/-app$/, "");
        if (r.name.startsWith(`${prefix}-`) && (!best || app.name.length > best.name.length)) best = app;
    }
    return best;
}

/**
 * The app registration a resource belongs to. Ids are unknown during `pulumi preview`, so resources are related
 * by structure, which both CrossGuard and the offline plan see: the registration among the children of the
 * nearest enclosing component (`connector-arm-app` for `connector-arm-secret`, also for resources of nested
 * components such as the federated credential), then by `applicationId` when both ids are known, then by
 * child-name prefix for resources outside components.
 */
export function appOf(r: PolicyResource, all: readonly PolicyResource[]): PolicyResource | undefined {
    if (r.type === TYPES.registration) return r;
    const index = indexOf(all);
    if (index.appOf.has(r.urn)) return index.appOf.get(r.urn);
    let found: PolicyResource | undefined;
    const seen = new Set<string>();
    for (let parent = r.parent; parent && !seen.has(parent) && !found; parent = index.byUrn.get(parent)?.parent ?? "") {
        seen.add(parent);
        if (parseUrn(parent)?.types.slice(-1)[0] === "pulumi:pulumi:Stack") break;
        const regs = index.registrationsByParent.get(parent) ?? [];
        found = regs.length === 1 ? regs[0] : byNamePrefix(r, regs);
    }
    if (!found) {
        const applicationId = known(r.inputs.applicationId);
        found = index.registrations.find((app) => sameId(applicationId, known(app.inputs.id)));
    }
    found ??= byNamePrefix(r, index.registrations);
    index.appOf.set(r.urn, found);
    return found;
}

/** Every resource that belongs to `app` (itself included). */
export function appGroup(app: PolicyResource, all: readonly PolicyResource[]): PolicyResource[] {
    const index = indexOf(all);
    let group = index.groups.get(app.urn);
    if (!group) {
        group = all.filter((r) => appOf(r, all)?.urn === app.urn);
        index.groups.set(app.urn, group);
    }
    return group;
}

function siblingsOfType(r: PolicyResource, type: string, ctx: PolicyContext): PolicyResource[] {
    const app = appOf(r, ctx.all);
    return app ? appGroup(app, ctx.all).filter((s) => s.type === type) : [];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Go duration ("4320h", "2160h30m") in days, as the provider's deprecated endDateRelative takes it. */
function goDurationDays(text: string): number | undefined {
    const units: Record<string, number> = { h: 1 / 24, m: 1 / 1440, s: 1 / 86400, ms: 1 / 86400000 };
    const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)];
    if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text) return undefined;
    return parts.reduce((sum, p) => sum + Number(p[1]) * units[p[2]], 0);
}

/** Lifetime in days that a time.Rotating resource gives (its rotation period). */
function rotationDays(rotation: PolicyResource): number | undefined {
    const i = rotation.inputs;
    const n = (v: unknown) => (typeof v === "number" ? v : 0);
    const any = ["rotationYears", "rotationMonths", "rotationDays", "rotationHours", "rotationMinutes"].some(
        (k) => typeof i[k] === "number",
    );
    if (!any) return undefined;
    return n(i.rotationYears) * 366 + n(i.rotationMonths) * 31 + n(i.rotationDays) + n(i.rotationHours) / 24 + n(i.rotationMinutes) / 1440;
}

function formatDays(days: number): string {
    return Number.isInteger(days) ? String(days) : days.toFixed(1);
}

// ---------------------------------------------------------------------------------------------------------------
// The rules

const federatedClientSingleTenant: Rule = {
    name: "federated-client-single-tenant",
    description: "Managed-identity (federated) connector clients are single tenant (signInAudience AzureADMyOrg).",
    defaultSeverity: "mandatory",
    crossResource: true,
    configKeys: [],
    check(r, ctx) {
        if (r.type !== TYPES.registration) return [];
        const audience = known(r.inputs.signInAudience) ?? (r.inputs.signInAudience === undefined ? SINGLE_TENANT : undefined);
        if (audience === undefined || audience === SINGLE_TENANT) return [];
        const fics = siblingsOfType(r, TYPES.federatedCredential, ctx);
        if (fics.length === 0) return [];
        return [
            `has federated credential ${fics.map((f) => quote(f.name)).join(", ")} but signInAudience ${quote(audience)}: ` +
                `a managed-identity connector's client must be single tenant. Set signInAudience to "${SINGLE_TENANT}".`,
        ];
    },
};

const redirectUrisSecure: Rule = {
    name: "redirect-uris-secure",
    description:
        "Redirect URIs are https (http only for localhost) without wildcards, and a connector's Web redirects point at the cloud's connector consent service (or, in the public cloud, a Logic Apps regional consent host) unless allow-listed.",
    defaultSeverity: "mandatory",
    crossResource: false,
    configKeys: ["allowedRedirectHosts"],
    check(r, ctx) {
        if (r.type !== TYPES.redirectUris) return [];
        const messages: string[] = [];
        const consentHost = CLOUDS[ctx.cloud].connectorConsentHost;
        // Clouds where Microsoft documents no consent host (usgovernment, china) skip the host check: config
        // already requires the redirect URL the connector shows there.
        const checkHost = known(r.inputs.type) === "Web" && insideComponent(r, TYPES.connectorClient) && consentHost !== undefined;
        const allowedHosts = [consentHost, ...ctx.config.allowedRedirectHosts].filter((h): h is string => !!h).map((h) => h.toLowerCase());
        for (const uri of knownList(r.inputs.redirectUris)) {
            const problem = redirectUriProblem(uri);
            if (problem) {
                messages.push(`redirect URI ${quote(uri)} ${problem}. Use an https URL without wildcards or fragments.`);
                continue;
            }
            if (checkHost) {
                const host = new URL(uri).hostname.toLowerCase();
                const logicApps = ctx.cloud === "public" && isLogicAppsConsentHost(host);
                if (!allowedHosts.includes(host) && !logicApps) {
                    messages.push(
                        `connector redirect URI ${quote(uri)} points at ${host}, not the connector consent service (${consentHost}). ` +
                            `Use the redirect URL the connector shows (https://${consentHost}/redirect/...), or add ${host} to allowedRedirectHosts.`,
                    );
                }
            }
        }
        return messages;
    },
};

const implicitGrantMinimal: Rule = {
    name: "implicit-grant-minimal",
    description:
        "No implicit ID-token issuance; implicit access-token issuance only on a connector client that calls a non-Microsoft (own) API.",
    defaultSeverity: "mandatory",
    crossResource: true,
    configKeys: [],
    check(r, ctx) {
        if (r.type !== TYPES.registration) return [];
        const messages: string[] = [];
        if (r.inputs.implicitIdTokenIssuanceEnabled === true) {
            messages.push("enables implicit ID-token issuance. Set implicitIdTokenIssuanceEnabled to false: connectors use the authorization code flow.");
        }
        if (r.inputs.implicitAccessTokenIssuanceEnabled === true) {
            // Only the own-API connector (DESIGN.md scenario 3) needs it. Its API's client id is unknown during a
            // first preview, so an unknown apiClientId counts as "own API"; Microsoft APIs' ids are constants.
            const callsOwnApi =
                insideComponent(r, TYPES.connectorClient) &&
                siblingsOfType(r, TYPES.apiAccess, ctx).some((a) => {
                    const api = known(a.inputs.apiClientId);
                    return isUnknown(a.inputs.apiClientId) || (api !== undefined && !MICROSOFT_FIRST_PARTY_APP_IDS.some((id) => sameId(id, api)));
                });
            if (!callsOwnApi) {
                messages.push(
                    "enables implicit access-token issuance, which only a connector calling your own API needs. Set implicitAccessTokenIssuanceEnabled to false.",
                );
            }
        }
        return messages;
    },
};

const clientSecretMaxLifetime: Rule = {
    name: "client-secret-max-lifetime",
    description: "Client secrets end within the maximum lifetime (default 180 days).",
    defaultSeverity: "mandatory",
    crossResource: true,
    configKeys: ["maxSecretLifetimeDays"],
    check(r, ctx) {
        if (r.type !== TYPES.password) return [];
        const max = ctx.config.maxSecretLifetimeDays;
        const fix = `Lower secretLifetimeDays (entra-connectors:connectors.<key>.secretLifetimeDays) to ${max} or less.`;
        const endDate = known(r.inputs.endDate);
        if (endDate !== undefined) {
            const end = Date.parse(endDate);
            const now = Date.parse(ctx.now);
            if (Number.isNaN(end)) return [`has endDate ${quote(endDate)}, which is not an RFC 3339 date. Use e.g. 2026-06-30T00:00:00Z.`];
            const days = (end - now) / DAY_MS;
            return days > max ? [`ends ${endDate}, ${formatDays(days)} days after ${ctx.now}; secrets may live at most ${max} days. ${fix}`] : [];
        }
        const relative = known(r.inputs.endDateRelative);
        if (relative !== undefined) {
            const days = goDurationDays(relative);
            if (days === undefined) return [`has endDateRelative ${quote(relative)}, which is not a duration like "4320h".`];
            return days > max ? [`ends ${formatDays(days)} days after creation (endDateRelative ${relative}); secrets may live at most ${max} days. ${fix}`] : [];
        }
        if (!isUnknown(r.inputs.endDate) && !isUnknown(r.inputs.endDateRelative)) {
            return [`has no endDate, so Entra makes it valid for 2 years; secrets may live at most ${max} days. Set endDate (anchored in a time.Rotating). ${fix}`];
        }
        // Preview: the end date comes from a time.Rotating that does not exist yet. Its period is the lifetime.
        const rotations = ctx.all.filter((s) => s.type === TYPES.rotating && s.parent === r.parent);
        const rotation = rotations.find((s) => s.name === `${r.name}-rotation`) ?? (rotations.length === 1 ? rotations[0] : undefined);
        const days = rotation ? rotationDays(rotation) : undefined;
        if (days === undefined) {
            return [`has an end date that is not known before deployment and no time.Rotating beside it to read the lifetime from; anchor endDate in a time.Rotating ("${r.name}-rotation") so the lifetime can be checked.`];
        }
        return days > max ? [`rotates every ${formatDays(days)} days (time.Rotating ${quote(rotation!.name)}); secrets may live at most ${max} days. ${fix}`] : [];
    },
};

const noPowerPlatformApplicationPermissions: Rule = {
    name: "no-power-platform-application-permissions",
    description: "No application permissions (app-role assignments or roleIds) on the Power Platform API: its clients are delegated-only.",
    defaultSeverity: "mandatory",
    crossResource: true,
    configKeys: [],
    check(r, ctx) {
        const fix = "Power Platform API clients use delegated permissions only (scopeIds); remove the application permission.";
        if (r.type === TYPES.apiAccess && sameId(known(r.inputs.apiClientId), POWER_PLATFORM_API_APP_ID)) {
            const roles = r.inputs.roleIds;
            if (isUnknown(roles) || (Array.isArray(roles) && roles.length > 0)) {
                return [`requests application permissions (roleIds ${isUnknown(roles) ? "[unknown]" : quote(roles)}) on the Power Platform API. ${fix}`];
            }
        }
        if (r.type === TYPES.appRoleAssignment) {
            const resourceObjectId = known(r.inputs.resourceObjectId);
            const target = ctx.all.find(
                (sp) =>
                    sp.type === TYPES.servicePrincipal &&
                    sameId(known(sp.inputs.clientId), POWER_PLATFORM_API_APP_ID) &&
                    (sameId(resourceObjectId, known(sp.inputs.objectId)) || sameId(resourceObjectId, known(sp.inputs.id))),
            );
            if (target) return [`assigns an app role of the Power Platform API (service principal ${quote(target.name)}). ${fix}`];
        }
        return [];
    },
};

const noHighPrivilegeGraphApplicationPermissions: Rule = {
    name: "no-high-privilege-graph-application-permissions",
    description:
        "No high-privilege Microsoft Graph application permissions (Directory.ReadWrite.All, Application.ReadWrite.All, RoleManagement.ReadWrite.Directory, AppRoleAssignment.ReadWrite.All) unless allow-listed by name.",
    defaultSeverity: "mandatory",
    crossResource: false,
    configKeys: ["allowedGraphApplicationPermissions"],
    check(r, ctx) {
        let ids: string[] = [];
        if (r.type === TYPES.apiAccess && sameId(known(r.inputs.apiClientId), GRAPH_APP_ID)) ids = knownList(r.inputs.roleIds);
        // Graph's app-role ids are unique GUIDs, so an assignment of one is recognised without resolving its resource.
        if (r.type === TYPES.appRoleAssignment) ids = knownList([r.inputs.appRoleId]);
        const allowed = ctx.config.allowedGraphApplicationPermissions;
        return ids
            .map((id) => HIGH_PRIVILEGE_GRAPH_APP_ROLES[id.toLowerCase()])
            .filter((name): name is string => name !== undefined && !allowed.includes(name))
            .map(
                (name) =>
                    `grants the high-privilege Microsoft Graph application permission ${name}. Remove it or use a narrower one ` +
                        `(e.g. Application.ReadWrite.OwnedBy), or allow-list "${name}" in allowedGraphApplicationPermissions after a security review.`,
            );
    },
};

const appOwnerBesidesDeployer: Rule = {
    name: "app-owner-besides-deployer",
    description: "In production stacks, every app registration has at least one owner besides the deploying identity.",
    defaultSeverity: "mandatory",
    crossResource: true,
    configKeys: [],
    check(r, ctx) {
        if (!ctx.production || r.type !== TYPES.registration) return [];
        // The deployer is recognised by object id when known, and by the child name owners.ts gives it otherwise.
        const others = siblingsOfType(r, TYPES.owner, ctx).filter(
            (o) => !o.name.endsWith("-owner-deployer") && !sameId(known(o.inputs.ownerObjectId), ctx.deployerObjectId),
        );
        if (others.length > 0) return [];
        return [
            `has no owner besides the deploying identity. Add a team group or a named administrator to entra-connectors:owners ` +
                `(each becomes an ApplicationOwner), so someone can manage the app if the pipeline identity goes.`,
        ];
    },
};

const federatedCredentialAudienceIssuer: Rule = {
    name: "federated-credential-audience-issuer",
    description: "Federated credentials use exactly the token-exchange audience of the stack's cloud and an https issuer.",
    defaultSeverity: "mandatory",
    crossResource: false,
    configKeys: [],
    check(r, ctx) {
        if (r.type !== TYPES.federatedCredential) return [];
        const messages: string[] = [];
        const expected = CLOUDS[ctx.cloud].tokenExchangeAudience;
        const audiences = r.inputs.audiences;
        if (!isUnknown(audiences) && !(Array.isArray(audiences) && audiences.length === 1 && (audiences[0] === expected || isUnknown(audiences[0])))) {
            messages.push(`has audiences ${quote(audiences ?? [])}; cloud "${ctx.cloud}" requires exactly [${quote(expected)}]. Set audiences to ["${expected}"].`);
        }
        const issuer = r.inputs.issuer;
        if (!isUnknown(issuer)) {
            let https = false;
            try {
                https = typeof issuer === "string" && new URL(issuer).protocol === "https:";
            } catch {
                https = false;
            }
            if (!https) {
                messages.push(`has issuer ${quote(issuer ?? null)}, which is not an https URL. Use the identity provider's https issuer, e.g. ${CLOUDS[ctx.cloud].federatedIssuerHost}/<tenant id>/v2.0.`);
            }
        }
        return messages;
    },
};

const publicClientFlowsRequireRopc: Rule = {
    name: "public-client-flows-require-ropc",
    description:
        'Public client flows (ApplicationFallbackPublicClient enabled) only on registrations that declare ROPC: the component is in ropcAllowed, or the registration\'s notes or description contain "ROPC".',
    defaultSeverity: "mandatory",
    crossResource: true,
    configKeys: ["ropcAllowed"],
    check(r, ctx) {
        if (r.type !== TYPES.fallbackPublicClient || r.inputs.enabled !== true) return [];
        const component = componentOf(r);
        if (ctx.config.ropcAllowed.includes(component)) return [];
        const app = appOf(r, ctx.all);
        // The declaration travels with the app: Entra shows `notes` to its admins (description to its users).
        if (app && [app.inputs.notes, app.inputs.description].some((text) => /\bROPC\b/.test(known(text) ?? ""))) return [];
        return [
            `enables public client flows (ROPC, device code) on ${app ? `app registration ${quote(app.name)}` : "its app registration"}, which does not declare ROPC. ` +
                `Remove it (set enabled to false), or declare it: put "ROPC" and the reason in the registration's notes, or add "${component}" to ropcAllowed.`,
        ];
    },
};

const firstPartyServicePrincipalRetained: Rule = {
    name: "first-party-service-principal-retained",
    description: "Service principals of Microsoft first-party apps (or adopted with useExisting) are retainOnDelete: destroying a stack never deletes them.",
    defaultSeverity: "mandatory",
    crossResource: false,
    configKeys: [],
    check(r) {
        if (r.type !== TYPES.servicePrincipal || r.retainOnDelete !== false) return [];
        const clientId = known(r.inputs.clientId);
        const firstParty = MICROSOFT_FIRST_PARTY_APP_IDS.some((id) => sameId(id, clientId));
        if (!firstParty && r.inputs.useExisting !== true) return [];
        return [
            `is the tenant-wide service principal of ${firstParty ? `Microsoft app ${clientId}` : "an existing app (useExisting)"} but is not retainOnDelete: ` +
                "destroying the stack would delete it for every user of the tenant. Add { retainOnDelete: true } to its resource options.",
        ];
    },
};

const productionAppRegistrationProtected: Rule = {
    name: "production-app-registration-protected",
    description: "In production stacks, app registrations are protected: deleting or replacing one breaks every connection using it.",
    defaultSeverity: "mandatory",
    crossResource: false,
    configKeys: [],
    check(r, ctx) {
        if (!ctx.production || r.type !== TYPES.registration || r.protect) return [];
        return [
            `is not protected in production stack "${ctx.environment}"; a delete or replace would break every connection using it. ` +
                "Add { protect: true } to its resource options.",
        ];
    },
};

const signInAudienceSingleTenant: Rule = {
    name: "sign-in-audience-single-tenant",
    description: "App registrations are single tenant (AzureADMyOrg) unless the component is allow-listed in multiTenantAllowed.",
    defaultSeverity: "mandatory",
    crossResource: false,
    configKeys: ["multiTenantAllowed"],
    check(r, ctx) {
        if (r.type !== TYPES.registration) return [];
        const audience = known(r.inputs.signInAudience);
        if (audience === undefined || audience === SINGLE_TENANT) return [];
        const component = componentOf(r);
        if (ctx.config.multiTenantAllowed.includes(component) || ctx.config.multiTenantAllowed.includes(r.name)) return [];
        return [
            `has signInAudience ${quote(audience)}: users of other tenants${audience.includes("Personal") ? " and personal Microsoft accounts" : ""} could sign in. ` +
                `Set signInAudience to "${SINGLE_TENANT}", or add "${component}" to multiTenantAllowed after a security review.`,
        ];
    },
};

const identifierUriScheme: Rule = {
    name: "identifier-uri-scheme",
    description: "Application ID URIs use api:// or an https URL on a (verified) domain, without wildcards, query or fragment.",
    defaultSeverity: "mandatory",
    crossResource: false,
    configKeys: [],
    check(r) {
        if (r.type !== TYPES.identifierUri) return [];
        const uri = known(r.inputs.identifierUri);
        if (uri === undefined) return [];
        const fix = "Use api://<client id> (the default), api://<tenant id>/<name>, or https://<verified domain>/<path>.";
        if (/[\s*#?]/.test(uri)) return [`identifier URI ${quote(uri)} contains a wildcard, space, query or fragment. ${fix}`];
        if (/^api:\/\/[^/]/.test(uri)) return [];
        if (/^https:\/\//.test(uri)) {
            try {
                const host = new URL(uri).hostname;
                if (host.includes(".") && host !== "localhost") return [];
            } catch {
                // fall through
            }
        }
        return [`identifier URI ${quote(uri)} is neither api://... nor an https URL on a domain. ${fix}`];
    },
};

const noHighPrivilegeGraphDelegatedPermissions: Rule = {
    name: "no-high-privilege-graph-delegated-permissions",
    description:
        "No high-privilege Microsoft Graph delegated permissions (Directory.AccessAsUser.All, Directory.ReadWrite.All, Application.ReadWrite.All, RoleManagement.ReadWrite.Directory, AppRoleAssignment.ReadWrite.All) in API access or consent grants unless allow-listed by name.",
    defaultSeverity: "advisory",
    crossResource: false,
    configKeys: ["allowedGraphDelegatedPermissions"],
    check(r, ctx) {
        let names: string[] = [];
        if (r.type === TYPES.apiAccess && sameId(known(r.inputs.apiClientId), GRAPH_APP_ID)) {
            names = knownList(r.inputs.scopeIds)
                .map((id) => HIGH_PRIVILEGE_GRAPH_SCOPES[id.toLowerCase()])
                .filter((n): n is string => n !== undefined);
        }
        if (r.type === TYPES.delegatedGrant) {
            const high = new Set(Object.values(HIGH_PRIVILEGE_GRAPH_SCOPES));
            names = knownList(r.inputs.claimValues).filter((c) => high.has(c));
        }
        const allowed = ctx.config.allowedGraphDelegatedPermissions;
        return names
            .filter((name) => !allowed.includes(name))
            .map(
                (name) =>
                    `includes the high-privilege delegated permission ${name}: the connector could act on the whole directory as its admins. ` +
                        `Use a narrower scope (e.g. User.Read, Directory.Read.All), or allow-list "${name}" in allowedGraphDelegatedPermissions.`,
            );
    },
};

/** Every rule, in the order of issue 5 (1-10, rule 10 split in two), then the additional ones. */
export const RULES: readonly Rule[] = [
    federatedClientSingleTenant,
    redirectUrisSecure,
    implicitGrantMinimal,
    clientSecretMaxLifetime,
    noPowerPlatformApplicationPermissions,
    noHighPrivilegeGraphApplicationPermissions,
    appOwnerBesidesDeployer,
    federatedCredentialAudienceIssuer,
    publicClientFlowsRequireRopc,
    firstPartyServicePrincipalRetained,
    productionAppRegistrationProtected,
    signInAudienceSingleTenant,
    identifierUriScheme,
    noHighPrivilegeGraphDelegatedPermissions,
];

/** One rule's violation on one resource. */
export interface Violation {
    readonly rule: Rule;
    readonly severity: Severity;
    readonly resource: PolicyResource;
    readonly message: string;
}

/** Runs every rule on every resource of ctx.all. */
export function evaluateRules(ctx: PolicyContext, rules: readonly Rule[] = RULES): Violation[] {
    const violations: Violation[] = [];
    for (const rule of rules) {
        const severity = severityOf(rule, ctx.config);
        for (const resource of ctx.all) {
            for (const message of rule.check(resource, ctx)) violations.push({ rule, severity, resource, message });
        }
    }
    return violations;
}
