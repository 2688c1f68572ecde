// What the simulator core shares with its per-family handler modules: the types, the tenant state, the helpers.
import { RESOURCES } from "./providerFacts.generated";
import { isSecret, unwrapSecret } from "./secretValues";
import type { TenantFixture, TenantFixtureApplication, TenantFixtureGrant } from "./tenantFixture";

export type FindingSeverity = "error" | "warning" | "info";

export interface Finding {
    readonly severity: FindingSeverity;
    readonly rule: string;
    readonly urn: string;
    readonly message: string;
}

/** A Microsoft service principal the simulated tenant already has. */
export interface TenantServicePrincipal {
    readonly appId: string;
    readonly displayName: string;
    /** Delegated scope name -> id. */
    readonly scopes: Readonly<Record<string, string>>;
    /** App role name -> id. */
    readonly appRoles?: Readonly<Record<string, string>>;
    /** Object id of the principal; default derived from the tenant and the app id. */
    readonly objectId?: string;
    /** What an admin set on it; default the provider's defaults (enabled, no assignment required, no tags). */
    readonly settings?: ServicePrincipalSettings;
}

/**
 * A resource the config names whose service principal only the tenant knows (an external API, or a Microsoft API
 * the simulated tenant lacks): planned as existing with the scopes config asks for, with a warning.
 */
export interface AssumedServicePrincipal {
    readonly appId: string;
    /** The resource by name, for the finding. */
    readonly name: string;
    readonly scopes: readonly string[];
    /** Fully qualified config keys that name it (e.g. `entra-connectors:connectors.partner.resource`). */
    readonly configKeys: readonly string[];
}

export interface SimulatorOptions {
    readonly tenantId: string;
    /** The fixed "now" of the simulated deployment (RFC 3339); no clock is read. */
    readonly now: string;
    /** Service principals already in the tenant; default: Microsoft Graph and Service Management only. */
    readonly tenantServicePrincipals?: readonly TenantServicePrincipal[];
    /**
     * The state an earlier simulated deployment left, by URN: time-anchored resources (time.Rotating, the
     * secret slots, passwords) continue from it like `pulumi up --refresh` would. Default: a first deployment.
     */
    readonly previous?: ReadonlyMap<string, PriorResource>;
    /** `azure-native:subscriptionId` of the stack, for ARM ids; absent: a warning and a zero subscription. */
    readonly subscriptionId?: string;
    /** `azure-native:environment` of the stack; explicit azure-native providers must target the same cloud. */
    readonly azureNativeEnvironment?: string;
    /** Resolved at deploy time: looked up but not in the simulated tenant, planned as existing (deployTimeResources.ts). */
    readonly assumedServicePrincipals?: readonly AssumedServicePrincipal[];
    /** What a brownfield tenant already holds (offline/simulator/tenantFixture.ts); default: an empty tenant. */
    readonly tenant?: TenantFixture;
    /** Resource name (or `appId:<id>`) -> the config key that adopts or fixes it, for messages. */
    readonly adoptionKeys?: ReadonlyMap<string, string>;
}

/** A resource as a previous deployment left it (masked plan values are fine: no secret is compared). */
export interface PriorResource {
    readonly inputs: Record<string, unknown>;
    readonly outputs: Record<string, unknown>;
    /** What a plan records besides (absent in older callers): type, name and retention. */
    readonly type?: string;
    readonly name?: string;
    readonly retainOnDelete?: boolean;
}

export interface SimulatedResource {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    readonly inputs: Record<string, unknown>;
    /**
     * The URN the resource had when it was first created (its alias, for a renamed resource); ids derive from
     * it, as a renamed-with-alias resource keeps its Entra ids. Default: the URN.
     */
    readonly identity?: string;
    /** Provider reference (`urn::id`) when the resource names an explicit provider. */
    readonly provider?: string;
    /** Pulumi's `import` option: the id of an existing object this registration adopts. */
    readonly importId?: string;
    /** Pulumi's `ignoreChanges` option: inputs an update (and an import's update) leaves as the tenant has them. */
    readonly ignoreChanges?: readonly string[];
}

/** A tenant's app a registration imports; `assumed` when no fixture told (its parts are then unknown). */
export type AdoptedApp = TenantFixtureApplication & { readonly assumed?: boolean };

export interface AppState {
    readonly urn: string;
    readonly objectId: string;
    readonly id: string;
    readonly clientId: string;
    readonly scopes: Map<string, string>; // value -> id
    readonly roles: Map<string, string>;
    readonly values: Map<string, string>; // scope/role value -> urn that declared it
    readonly ids: Map<string, string>; // scope/role id -> urn that declared it (values are optional on roles)
    redirectUris: number;
    /** Every redirect URI registered on the app, of any type. */
    readonly redirectUriSet: Set<string>;
    /** Redirect URI type (Web, SPA, PublicClient) -> the ApplicationRedirectUris resource that owns that list. */
    readonly redirectUriTypes: Map<string, string>;
    federated: Map<string, string>; // issuer|subject -> urn
    owners: Set<string>;
    /** Owners Entra added itself (the deployer, when it auto-owns what it creates) or the tenant had. */
    readonly preexistingOwners: Set<string>;
    splitResources: boolean;
    legacyApplication: boolean;
    /** The tenant's app this registration imported, with its parts; undefined for an app created in this run. */
    readonly adopted?: AdoptedApp;
}

export interface ServicePrincipalState {
    readonly objectId: string;
    readonly clientId: string;
    readonly scopes: Record<string, string>;
    readonly roles: Record<string, string>;
    /** The resource that created it in this run; undefined for the tenant's own. */
    readonly urn?: string;
    /** Settings of a tenant principal (what an admin may have changed); undefined for this run's. */
    readonly settings?: ServicePrincipalSettings;
}

/** The service principal settings the provider's update writes (service_principal_resource.go). */
export interface ServicePrincipalSettings {
    readonly accountEnabled: boolean;
    readonly appRoleAssignmentRequired: boolean;
    readonly tags: readonly string[];
}

/** A grant the tenant already holds, with its client and resource resolved to service principal object ids. */
export interface TenantGrant extends TenantFixtureGrant {
    readonly key: string; // clientObjectId|resourceObjectId|target
}

export interface HandlerResult {
    id: string | undefined;
    state: Record<string, unknown>;
    /** An imported resource: the inputs whose values differ from the tenant's, which the import then updates. */
    importUpdates?: string[];
    /** The previous deployment already imported it (same URN, same id): the engine manages it, no import step. */
    alreadyImported?: boolean;
}

/** Answers one registration of a resource type: `objectId` is the id the simulator derived for it. */
export type Handler = (r: SimulatedResource, objectId: string, ctx: SimulatorContext) => HandlerResult;

/** The simulator's state and services, as the handler modules see them. */
export interface SimulatorContext {
    readonly options: SimulatorOptions;
    readonly nowMs: number;
    readonly apps: Map<string, AppState>; // by resource id
    readonly appsByClientId: Map<string, AppState>;
    readonly servicePrincipals: Map<string, ServicePrincipalState>; // by object id
    readonly spByClientId: Map<string, ServicePrincipalState>;
    readonly tenant: ReadonlyMap<string, TenantServicePrincipal>; // by lower-case app id
    readonly grants: Map<string, string>; // client|resource|target -> resource name
    /** Placeholder object ids a failed lookup answered with: already reported, not reported again where used. */
    readonly missingServicePrincipals: Set<string>;
    /** Grants the tenant already holds, by id and by client|resource|target. */
    readonly tenantGrants: ReadonlyMap<string, TenantGrant>;
    readonly tenantGrantsByKey: ReadonlyMap<string, TenantGrant>;
    /** App registrations the tenant already holds, by object id. */
    readonly tenantApps: ReadonlyMap<string, TenantFixtureApplication>;
    readonly deployerObjectId: string;
    /** The deploying identity's Graph permission and whether Entra makes it an owner of what it creates. */
    readonly deployer: { readonly permission: string; readonly autoOwner: boolean };
    /** The config key that adopts or fixes a resource (by name, or `appId:<id>`), when the stack told. */
    adoptionKey(name: string): string | undefined;
    find(severity: FindingSeverity, rule: string, urn: string, message: string): void;
    prior(urn: string): PriorResource | undefined;
    objectIdFor(seed: string): string;
    /** A principal the tenant resolves at deploy time (external or unlisted API), planned as existing; else undefined. */
    assume(clientId: string, urn: string): ServicePrincipalState | undefined;
    addServicePrincipal(
        objectId: string,
        clientId: string,
        scopes: Record<string, string>,
        roles: Record<string, string>,
        urn?: string,
        settings?: ServicePrincipalSettings,
    ): ServicePrincipalState;
    /** The app a split resource's applicationId points at, or a finding saying what is wrong with it. */
    appFor(resource: SimulatedResource): AppState | undefined;
    /** The service principal an object-id input points at, or a finding saying what is wrong with it. */
    spObjectId(resource: SimulatedResource, field: string): ServicePrincipalState | undefined;
}

/**
 * Without a tenant fixture the simulated tenant is empty, so it cannot tell whether an adopted id exists: the plan
 * assumes it does (a brownfield stack must get through CI without one) and says so once per adopted object, naming
 * `--tenant`. With a fixture, an id it lacks is an error.
 */
export function assumeAdopted(ctx: SimulatorContext, r: SimulatedResource): boolean {
    if (ctx.options.tenant !== undefined) return false;
    const key = ctx.adoptionKey(r.name);
    ctx.find(
        "warning",
        "adopted-assumed",
        r.urn,
        `${key ? `${key}: ` : ""}${r.name}: the simulated tenant is empty (no --tenant fixture), so "${r.importId}" is assumed to exist and is planned as an import with the config's values; ` +
            `\`pulumi up\` fails if the tenant has no such object. Plan with --tenant <fixture> describing the tenant to check the id and what adopting it changes`,
    );
    return true;
}

/** ". Fix: set <key> to <what>" when the stack told which config key adopts this resource, else "". */
export function hint(ctx: SimulatorContext, name: string, what: string): string {
    const key = ctx.adoptionKey(name);
    return key ? `. Fix: set ${key} to ${what}` : "";
}

export function str(value: unknown): string | undefined {
    const v = unwrapSecret(value);
    return typeof v === "string" ? v : undefined;
}

export function strings(value: unknown): string[] {
    const v = unwrapSecret(value);
    return Array.isArray(v) ? v.map((x) => unwrapSecret(x)).filter((x): x is string => typeof x === "string") : [];
}

/** Inputs of an ApplicationPassword that force replacement (all of them, per the provider schema). */
export const PASSWORD_INPUTS = Object.entries(RESOURCES["azuread:index/applicationPassword:ApplicationPassword"].inputs)
    .filter(([, fact]) => fact.replaceOnChanges)
    .map(([name]) => name);

/** A value as the plan records it: secrets masked, so it compares with a previous plan's. */
export function plainValue(value: unknown): unknown {
    return isSecret(value) ? "[secret]" : value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/** The previous deployment's state of a resource, also under the URN it had before a rename with an alias. */
export function priorOf(
    ctx: Pick<SimulatorContext, "prior">,
    r: Pick<SimulatedResource, "urn" | "identity">,
): PriorResource | undefined {
    return ctx.prior(r.urn) ?? (r.identity !== undefined ? ctx.prior(r.identity) : undefined);
}

/** Whether a previous deployment's resource carries on: none of the inputs that force its replacement changed. */
export function unreplaced(
    prior: PriorResource | undefined,
    r: SimulatedResource,
    replacing: readonly string[],
): prior is PriorResource {
    return (
        prior !== undefined &&
        replacing.every((k) => JSON.stringify(prior.inputs[k]) === JSON.stringify(plainValue(r.inputs[k])))
    );
}
