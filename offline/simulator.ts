// The Entra simulator: answers Pulumi's mock monitor like Entra and the azuread provider would, and reports findings.
import { uuidV5 } from "../entra/deterministicIds";
import {
    MAX_DISPLAY_NAME_LENGTH,
    MAX_FEDERATED_CREDENTIALS_PER_APP,
    MAX_REDIRECT_URIS_PER_APP,
    permissionValueProblem,
    redirectUriProblem,
} from "../entra/entraRules";
import { isGuid } from "../entra/powerPlatformSubject";
import { plannedRotationState, RotationState } from "../entra/secretRotation";
import { SECRET_SLOTS_TYPE } from "../components/secretSlots";
import { GRAPH_APPLICATION_PERMISSION_IDS } from "../entra/graphPermissions.generated";
import { HTTP_WITH_ENTRA_ID_APP_ID, WELL_KNOWN_APIS } from "../entra/wellKnownApis";
import { AZURE_NATIVE_HANDLERS, AzureContext, customApiRedirectProblems, PROVIDER_TYPE } from "./azureNativeSimulator";
import { RESOURCES } from "./providerFacts.generated";
import { isSecret, secretStrings, secretValue, unwrapSecret } from "./secretValues";
import { checkInvokeInputs, checkResourceInputs, DEPRECATED_PREFIX, UNKNOWN_VALUE } from "./schemaCheck";

export type Severity = "error" | "warning" | "info";

export interface Finding {
    readonly severity: Severity;
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
}

/** A resource as a previous deployment left it (masked plan values are fine: no secret is compared). */
export interface PriorResource {
    readonly inputs: Record<string, unknown>;
    readonly outputs: Record<string, unknown>;
}

/** Default fixed "now": plans are reproducible byte for byte. */
export const DEFAULT_NOW = "2026-01-01T00:00:00Z";

/** A Microsoft API's scopes as the simulator knows them: documented ids where Microsoft publishes them. */
function wellKnownScopes(appId: string): Record<string, string> {
    const api = Object.values(WELL_KNOWN_APIS).find((a) => a.appId === appId);
    if (!api) return {};
    return Object.fromEntries(
        (api.delegatedScopes ?? []).map((name) => [name, api.documentedScopeIds[name] ?? uuidV5(`simulated-scope/${appId}/${name}`)]),
    );
}

/**
 * Graph and Service Management exist in every tenant. The Power Platform API and the HTTP-with-Entra app may
 * not, which is why the stack ensures them; the simulator leaves them out so that path is exercised.
 */
export function defaultTenantServicePrincipals(): TenantServicePrincipal[] {
    return [WELL_KNOWN_APIS.microsoftGraph, WELL_KNOWN_APIS.azureServiceManagement].map((api) => ({
        appId: api.appId,
        displayName: api.displayName,
        scopes: wellKnownScopes(api.appId),
        // Graph's application permissions with their published ids (generated catalog), as its principal has them.
        appRoles: api.appId === WELL_KNOWN_APIS.microsoftGraph.appId ? { ...GRAPH_APPLICATION_PERMISSION_IDS } : {},
    }));
}

/** What a first-party app looks like when the stack creates or adopts its service principal. */
function firstPartyApp(appId: string): TenantServicePrincipal | undefined {
    const api = Object.values(WELL_KNOWN_APIS).find((a) => a.appId === appId);
    if (api) return { appId, displayName: api.displayName, scopes: wellKnownScopes(appId) };
    if (appId === HTTP_WITH_ENTRA_ID_APP_ID) return { appId, displayName: "HTTP with Microsoft Entra ID", scopes: {} };
    return undefined;
}

interface AppState {
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
    federated: Map<string, string>; // issuer|subject -> urn
    owners: Set<string>;
    splitResources: boolean;
    legacyApplication: boolean;
}

interface ServicePrincipalState {
    readonly objectId: string;
    readonly clientId: string;
    readonly scopes: Record<string, string>;
    readonly roles: Record<string, string>;
    /** The resource that created it in this run; undefined for the tenant's own. */
    readonly urn?: string;
}

export { unwrapSecret };

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
}

const APP = "azuread:index/applicationRegistration:ApplicationRegistration";
const LEGACY_APP = "azuread:index/application:Application";

function str(value: unknown): string | undefined {
    const v = unwrapSecret(value);
    return typeof v === "string" ? v : undefined;
}

function strings(value: unknown): string[] {
    const v = unwrapSecret(value);
    return Array.isArray(v) ? v.map((x) => unwrapSecret(x)).filter((x): x is string => typeof x === "string") : [];
}

/** Inputs of an ApplicationPassword that force replacement (all of them, per the provider schema). */
const PASSWORD_INPUTS = Object.entries(RESOURCES["azuread:index/applicationPassword:ApplicationPassword"].inputs)
    .filter(([, fact]) => fact.replaceOnChanges)
    .map(([name]) => name);

/** A value as the plan records it: secrets masked, so it compares with a previous plan's. */
function plainValue(value: unknown): unknown {
    return isSecret(value) ? "[secret]" : value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/**
 * Behaves like Entra plus the azuread provider for one simulated deployment: deterministic ids derived from
 * URNs, outputs shaped like the provider's, and findings for everything a real `pulumi up` would reject.
 */
export class EntraSimulator {
    readonly findings: Finding[] = [];
    private readonly apps = new Map<string, AppState>(); // by resource id
    private readonly appsByClientId = new Map<string, AppState>();
    private readonly servicePrincipals = new Map<string, ServicePrincipalState>(); // by object id
    private readonly spByClientId = new Map<string, ServicePrincipalState>();
    private readonly tenant: Map<string, TenantServicePrincipal>;
    private readonly urns = new Set<string>();
    private readonly grants = new Map<string, string>(); // client|resource|target -> resource name
    readonly deployerObjectId: string;
    readonly deployerClientId: string;
    private readonly nowMs: number;
    /** Secret strings of the registration or invoke being answered; find() masks them in messages. */
    private redact: string[] = [];
    /** What the azure-native handlers share: subscriptions of explicit providers, custom APIs to check. */
    private readonly azure: AzureContext;

    constructor(private readonly options: SimulatorOptions) {
        this.tenant = new Map(
            (options.tenantServicePrincipals ?? defaultTenantServicePrincipals()).map((sp) => [sp.appId.toLowerCase(), sp]),
        );
        for (const sp of this.tenant.values()) {
            this.addServicePrincipal(this.objectIdFor(`tenant-sp/${sp.appId}`), sp.appId, { ...sp.scopes }, { ...(sp.appRoles ?? {}) });
        }
        this.deployerObjectId = this.objectIdFor("deployer");
        this.deployerClientId = uuidV5(`${options.tenantId}/deployer-client`);
        this.nowMs = Date.parse(options.now);
        this.azure = {
            defaultSubscriptionId: options.subscriptionId,
            environment: options.azureNativeEnvironment,
            providerSubscriptions: new Map(),
            customApis: [],
            nowMs: this.nowMs,
            now: options.now,
            find: (severity, rule, urn, message) => this.find(severity, rule, urn, message),
        };
    }

    /** Checks that need the whole deployment: a custom API's redirect URL must be registered on its app. */
    finish(): void {
        for (const problem of customApiRedirectProblems(this.azure.customApis, (clientId) => this.appsByClientId.get(clientId.toLowerCase())?.redirectUriSet)) {
            this.find("error", "custom-api-redirect", problem.urn, problem.message);
        }
    }

    private prior(urn: string): PriorResource | undefined {
        return this.options.previous?.get(urn);
    }

    private objectIdFor(seed: string): string {
        return uuidV5(`${this.options.tenantId}/${seed}`);
    }

    private addServicePrincipal(
        objectId: string,
        clientId: string,
        scopes: Record<string, string>,
        roles: Record<string, string>,
        urn?: string,
    ): ServicePrincipalState {
        const sp = { objectId, clientId, scopes, roles, urn };
        this.servicePrincipals.set(objectId, sp);
        this.spByClientId.set(clientId.toLowerCase(), sp);
        return sp;
    }

    private find(severity: Severity, rule: string, urn: string, message: string): void {
        // Findings end up in plan files and CI logs: never quote a secret input, whatever rule reports it.
        for (const secret of this.redact) message = message.split(secret).join("[secret]");
        this.findings.push({ severity, rule, urn, message });
    }

    /** Runs fn with `inputs`' secret strings masked out of every finding it reports. */
    private redacting<T>(inputs: Record<string, unknown>, fn: () => T): T {
        this.redact = [...new Set(secretStrings(inputs))].sort((a, b) => b.length - a.length);
        try {
            return fn();
        } finally {
            this.redact = [];
        }
    }

    /** Answers an invoke (data source). Unknown service principals fail like the provider does. */
    call(token: string, inputs: Record<string, unknown>): Record<string, unknown> {
        return this.redacting(inputs, () => this.answerCall(token, inputs));
    }

    private answerCall(token: string, inputs: Record<string, unknown>): Record<string, unknown> {
        const urn = `invoke:${token}`;
        if (token.startsWith("azuread:")) {
            for (const problem of checkInvokeInputs(token, inputs)) {
                this.find(problem.startsWith(DEPRECATED_PREFIX) ? "warning" : "error", "provider-schema", urn, problem);
            }
        }
        switch (token) {
            case "azuread:index/getClientConfig:getClientConfig":
                return { clientId: this.deployerClientId, objectId: this.deployerObjectId, tenantId: this.options.tenantId };
            case "azuread:index/getServicePrincipal:getServicePrincipal": {
                const clientId = str(inputs.clientId)?.toLowerCase();
                const sp = clientId ? (this.spByClientId.get(clientId) ?? this.assume(clientId, urn)) : undefined;
                if (!sp) {
                    this.find(
                        "error",
                        "service-principal-missing",
                        urn,
                        `getServicePrincipal(clientId: ${clientId ?? "?"}): the tenant has no service principal for this app; ` +
                            `create it (azuread.ServicePrincipal with useExisting) before looking it up`,
                    );
                    const missing = this.objectIdFor(`missing-sp/${clientId}`);
                    return { id: missing, objectId: missing, clientId, oauth2PermissionScopeIds: {}, appRoleIds: {} };
                }
                return {
                    id: sp.objectId,
                    objectId: sp.objectId,
                    clientId: sp.clientId,
                    displayName: this.tenant.get(sp.clientId.toLowerCase())?.displayName ?? "",
                    oauth2PermissionScopeIds: sp.scopes,
                    appRoleIds: sp.roles,
                };
            }
            default:
                this.find("error", "unsupported-invoke", urn, `the simulator does not know the function ${token}`);
                return {};
        }
    }

    /**
     * An app the config names that the simulated tenant does not have: a real tenant resolves it at deploy time, so
     * the plan models its service principal with the scopes the config asks for and says so, naming the keys.
     */
    private assume(clientId: string, urn: string): ServicePrincipalState | undefined {
        const assumed = this.options.assumedServicePrincipals?.find((a) => a.appId.toLowerCase() === clientId);
        if (!assumed) return undefined;
        const scopes = Object.fromEntries(assumed.scopes.map((s) => [s, uuidV5(`simulated-scope/${clientId}/${s}`)]));
        const sp = this.addServicePrincipal(this.objectIdFor(`tenant-sp/${clientId}`), clientId, scopes, {});
        this.find(
            "warning",
            "resolved-at-deploy-time",
            urn,
            `${assumed.configKeys.join(", ")}: ${assumed.name} is not in the simulated tenant, so it is resolved at deploy time: planned as if its service principal exists with the scopes the config asks for (${assumed.scopes.join(", ")}); ` +
                `\`pulumi up\` looks up the tenant's service principal for app ${clientId} (failing if there is none) and fails naming the key if it lacks one of these scopes.`,
        );
        return sp;
    }

    /** Answers a resource registration with the outputs the provider would report after creating it. */
    newResource(resource: SimulatedResource, custom: boolean): { id: string | undefined; state: Record<string, unknown> } {
        const result = this.redacting(resource.inputs, () => this.answerResource(resource, custom));
        // Like the engine: an output whose input was secret stays secret, even where the provider echoes it.
        for (const [key, value] of Object.entries(resource.inputs)) {
            if (isSecret(value) && key in result.state) result.state[key] = secretValue(result.state[key]);
        }
        return result;
    }

    private answerResource(resource: SimulatedResource, custom: boolean): { id: string | undefined; state: Record<string, unknown> } {
        const { type, urn, inputs } = resource;
        if (this.urns.has(urn)) {
            this.find("error", "duplicate-urn", urn, `two resources have the URN ${urn}; give them different names`);
        }
        this.urns.add(urn);
        if (!custom) return { id: undefined, state: {} };
        if (type.startsWith("azuread:")) {
            for (const problem of checkResourceInputs(type, inputs)) {
                const deprecated = problem.startsWith(DEPRECATED_PREFIX);
                this.find(deprecated ? "warning" : "error", "provider-schema", urn, `${type.split(":").pop()}: ${problem}`);
            }
        }
        const objectId = uuidV5(`${this.options.tenantId}/${resource.identity ?? urn}`);
        if (type === PROVIDER_TYPE || type.startsWith("azure-native:")) {
            const azureHandler = AZURE_NATIVE_HANDLERS[type];
            if (azureHandler) return azureHandler(resource, this.azure);
            this.find("warning", "unsimulated-resource", urn, `the simulator has no model of ${type}; nothing was checked`);
            return { id: objectId, state: { ...inputs } };
        }
        const handler = this.handlers[type];
        if (handler) return handler(resource, objectId);
        if (type.startsWith("azuread:")) {
            this.find("warning", "unsimulated-resource", urn, `the simulator has no model of ${type}; only its inputs were checked`);
        }
        return { id: objectId, state: { ...inputs } };
    }

    /** The app a split resource's applicationId points at, or a finding saying what is wrong with it. */
    private appFor(resource: SimulatedResource): AppState | undefined {
        const value = str(resource.inputs.applicationId);
        if (value === undefined) return undefined;
        const app = this.apps.get(value);
        if (app) {
            if (app.legacyApplication) {
                this.find(
                    "error",
                    "mixed-application-resources",
                    resource.urn,
                    `${resource.name}: applicationId points at an azuread.Application (${app.urn}); a ${resource.type.split(":").pop()} must not manage one: ` +
                        `the provider documents them as incompatible. Use ApplicationRegistration with split resources.`,
                );
            }
            app.splitResources = true;
            return app;
        }
        let hint = "it is not the id of an application registered in this run";
        if (isGuid(value)) {
            const byClient = this.appsByClientId.get(value.toLowerCase());
            hint = byClient
                ? `it is the client id of ${byClient.urn}; pass app.id (/applications/{objectId}) instead`
                : [...this.apps.values()].some((a) => a.objectId === value)
                  ? "it is an object id; pass app.id (/applications/{objectId}) instead"
                  : "a bare GUID is not an application resource id";
        }
        this.find(
            "error",
            "application-reference",
            resource.urn,
            `${resource.name}: applicationId "${value}" is wrong: ${hint}. applicationId takes the application's resource id (/applications/{objectId}).`,
        );
        return undefined;
    }

    private spObjectId(resource: SimulatedResource, field: string): ServicePrincipalState | undefined {
        const value = str(resource.inputs[field]);
        if (value === undefined) return undefined;
        const sp = this.servicePrincipals.get(value);
        if (!sp) {
            const isClient = this.appsByClientId.has(value.toLowerCase()) || this.spByClientId.has(value.toLowerCase());
            this.find(
                "error",
                "service-principal-reference",
                resource.urn,
                `${resource.name}: ${field} "${value}" is not the object id of a service principal` +
                    (isClient ? " (it is a client id; pass the service principal's objectId)" : "") +
                    ". Grants and assignments take service principal object ids.",
            );
        }
        return sp;
    }

    private checkDisplayName(resource: SimulatedResource): void {
        const name = str(resource.inputs.displayName);
        if (name !== undefined && (name.length === 0 || name.length > MAX_DISPLAY_NAME_LENGTH)) {
            this.find("error", "display-name", resource.urn, `${resource.name}: displayName must be 1-${MAX_DISPLAY_NAME_LENGTH} characters (got ${name.length})`);
        }
    }

    private declareValue(resource: SimulatedResource, app: AppState, kind: "scope" | "role", idField: string): void {
        const value = str(resource.inputs.value);
        const id = str(resource.inputs[idField]);
        if (value !== undefined) {
            const problem = permissionValueProblem(value);
            if (problem) this.find("error", "permission-value", resource.urn, `${resource.name}: value "${value}" ${problem}`);
            const other = app.values.get(value);
            if (other) {
                this.find("error", "permission-value-unique", resource.urn, `${resource.name}: value "${value}" is already declared on this app by ${other}; scope and role values must be unique per app`);
            }
            app.values.set(value, resource.urn);
        }
        if (id !== undefined) {
            if (!isGuid(id)) this.find("error", "permission-id", resource.urn, `${resource.name}: ${idField} "${id}" must be a GUID`);
            const other = app.ids.get(id.toLowerCase());
            if (other) {
                this.find("error", "permission-id-unique", resource.urn, `${resource.name}: ${idField} ${id} is already used on this app by ${other}; scope and role ids must be unique per app`);
            }
            app.ids.set(id.toLowerCase(), resource.urn);
            if (value !== undefined) (kind === "scope" ? app.scopes : app.roles).set(value, id);
        }
    }

    private readonly handlers: Record<
        string,
        (r: SimulatedResource, objectId: string) => { id: string | undefined; state: Record<string, unknown> }
    > = {
        [APP]: (r, objectId) => this.registerApp(r, objectId, false),
        [LEGACY_APP]: (r, objectId) => this.registerApp(r, objectId, true),
        "azuread:index/applicationIdentifierUri:ApplicationIdentifierUri": (r) => {
            const app = this.appFor(r);
            const uri = str(r.inputs.identifierUri) ?? "";
            const guidUri = /^api:\/\/([0-9a-fA-F-]{36})$/.exec(uri);
            if (app && guidUri && guidUri[1].toLowerCase() !== app.clientId) {
                this.find("error", "identifier-uri", r.urn, `${r.name}: identifierUri "${uri}" uses a GUID that is not this app's client id (${app.clientId}); Entra only accepts api://{its own clientId}`);
            }
            if (uri && !/^(api:\/\/|https:\/\/|urn:)/.test(uri)) {
                this.find("error", "identifier-uri", r.urn, `${r.name}: identifierUri "${uri}" must start with api://, https:// or urn:`);
            }
            return { id: `${app?.id ?? ""}/identifierUris/${Buffer.from(uri).toString("base64")}`, state: { ...r.inputs } };
        },
        "azuread:index/applicationPermissionScope:ApplicationPermissionScope": (r) => {
            const app = this.appFor(r);
            if (app) this.declareValue(r, app, "scope", "scopeId");
            const type = str(r.inputs.type);
            if (type !== undefined && type !== "Admin" && type !== "User") {
                this.find("error", "permission-scope-type", r.urn, `${r.name}: type must be "Admin" or "User" (got "${type}")`);
            }
            return { id: `${app?.id ?? ""}/permissionScopes/${str(r.inputs.scopeId)}`, state: { type: "User", ...r.inputs } };
        },
        "azuread:index/applicationAppRole:ApplicationAppRole": (r) => {
            const app = this.appFor(r);
            if (app) this.declareValue(r, app, "role", "roleId");
            return { id: `${app?.id ?? ""}/appRoles/${str(r.inputs.roleId)}`, state: { ...r.inputs } };
        },
        "azuread:index/applicationRedirectUris:ApplicationRedirectUris": (r) => {
            const app = this.appFor(r);
            const uris = strings(r.inputs.redirectUris);
            const type = str(r.inputs.type);
            for (const uri of uris) {
                // Native (PublicClient) redirects like the nativeclient URL follow the same https rule.
                const problem = redirectUriProblem(uri);
                if (problem) this.find("error", "redirect-uri", r.urn, `${r.name}: redirectUris entry "${uri}" ${problem}`);
            }
            if (new Set(uris).size !== uris.length) this.find("error", "redirect-uri", r.urn, `${r.name}: redirectUris contain duplicates`);
            if (app) {
                for (const uri of uris) app.redirectUriSet.add(uri);
                app.redirectUris += uris.length;
                if (app.redirectUris > MAX_REDIRECT_URIS_PER_APP) {
                    this.find("error", "redirect-uri-count", r.urn, `${r.name}: with these redirectUris ${app.urn} would have ${app.redirectUris} redirect URIs; Entra allows at most ${MAX_REDIRECT_URIS_PER_APP}`);
                }
            }
            if (type !== undefined && !["Web", "SPA", "PublicClient"].includes(type)) {
                this.find("error", "redirect-uri-type", r.urn, `${r.name}: type must be Web, SPA or PublicClient (got "${type}")`);
            }
            return { id: `${app?.id ?? ""}/redirectUris/${type}`, state: { ...r.inputs } };
        },
        "azuread:index/applicationApiAccess:ApplicationApiAccess": (r) => {
            const app = this.appFor(r);
            const apiClientId = (str(r.inputs.apiClientId) ?? "").toLowerCase();
            const own = this.appsByClientId.get(apiClientId);
            const sp = this.spByClientId.get(apiClientId);
            const known = own ? Object.fromEntries(own.scopes) : sp?.scopes;
            const knownRoles = own ? Object.fromEntries(own.roles) : sp?.roles;
            if (!known) {
                const isResourceId = this.apps.has(str(r.inputs.apiClientId) ?? "");
                this.find(
                    "error",
                    "api-reference",
                    r.urn,
                    `${r.name}: apiClientId "${apiClientId}" is not the client id of an API in this run or tenant` +
                        (isResourceId ? " (it is an application resource id; pass app.clientId)" : ""),
                );
            } else {
                const scopeIds = new Set(Object.values(known));
                for (const id of strings(r.inputs.scopeIds)) {
                    if (!scopeIds.has(id)) this.find("error", "api-access-scope", r.urn, `${r.name}: scopeIds entry ${id} is not a delegated permission of API ${apiClientId}`);
                }
                const roleIds = new Set(Object.values(knownRoles ?? {}));
                for (const id of strings(r.inputs.roleIds)) {
                    if (!roleIds.has(id)) this.find("error", "api-access-role", r.urn, `${r.name}: roleIds entry ${id} is not an app role of API ${apiClientId}`);
                }
            }
            if (strings(r.inputs.scopeIds).length + strings(r.inputs.roleIds).length === 0) {
                this.find("error", "api-access-empty", r.urn, `${r.name}: at least one of scopeIds or roleIds must be given`);
            }
            return { id: `${app?.id ?? ""}/apiAccess/${apiClientId}`, state: { ...r.inputs } };
        },
        "azuread:index/applicationPreAuthorized:ApplicationPreAuthorized": (r) => {
            const app = this.appFor(r);
            const client = (str(r.inputs.authorizedClientId) ?? "").toLowerCase();
            if (!isGuid(client)) this.find("error", "pre-authorized", r.urn, `${r.name}: authorizedClientId must be a client id (GUID)`);
            if (app) {
                const ids = new Set(app.scopes.values());
                for (const id of strings(r.inputs.permissionIds)) {
                    if (!ids.has(id)) this.find("error", "pre-authorized", r.urn, `${r.name}: permissionIds entry ${id} is not a scope of ${app.urn}`);
                }
            }
            return { id: `${app?.id ?? ""}/preAuthorizedApplication/${client}`, state: { ...r.inputs } };
        },
        "azuread:index/applicationOwner:ApplicationOwner": (r) => {
            const app = this.appFor(r);
            const owner = (str(r.inputs.ownerObjectId) ?? "").toLowerCase();
            if (app) {
                if (app.owners.has(owner)) {
                    this.find("error", "duplicate-owner", r.urn, `${r.name}: ownerObjectId ${owner} is already an owner of ${app.urn} (remove it from owners: the deploying identity is always one)`);
                }
                app.owners.add(owner);
            }
            return { id: `${app?.id ?? ""}/owners/${owner}`, state: { ...r.inputs } };
        },
        "azuread:index/applicationFederatedIdentityCredential:ApplicationFederatedIdentityCredential": (r, objectId) => {
            const app = this.appFor(r);
            const issuer = str(r.inputs.issuer) ?? "";
            const subject = str(r.inputs.subject) ?? "";
            const audiences = strings(r.inputs.audiences);
            const name = str(r.inputs.displayName) ?? "";
            if (audiences.length !== 1) this.find("error", "federated-audience", r.urn, `${r.name}: audiences must hold exactly one audience (got ${audiences.length})`);
            if (!/^https:\/\//.test(issuer)) this.find("error", "federated-issuer", r.urn, `${r.name}: issuer "${issuer}" must be an https URL`);
            if (!/^[A-Za-z0-9][A-Za-z0-9_-]{2,119}$/.test(name)) {
                this.find("error", "federated-name", r.urn, `${r.name}: displayName "${name}" must be 3-120 letters, digits, '-' or '_', starting with a letter or digit`);
            }
            if (app) {
                const key = `${issuer}|${subject}`;
                const other = app.federated.get(key);
                if (other) this.find("error", "federated-unique", r.urn, `${r.name}: issuer and subject are already used by ${other}; they must be unique per app`);
                app.federated.set(key, r.urn);
                if (app.federated.size > MAX_FEDERATED_CREDENTIALS_PER_APP) {
                    this.find("error", "federated-count", r.urn, `${r.name}: applicationId ${app.urn} would have ${app.federated.size} federated credentials; Entra allows at most ${MAX_FEDERATED_CREDENTIALS_PER_APP}`);
                }
            }
            return { id: `${app?.id ?? ""}/federatedIdentityCredential/${objectId}`, state: { ...r.inputs, credentialId: objectId } };
        },
        "azuread:index/applicationPassword:ApplicationPassword": (r, objectId) => {
            const app = this.appFor(r);
            const endDate = str(r.inputs.endDate);
            // Every input of a password forces replacement: unchanged inputs keep the password, and its key id.
            const prior = this.prior(r.urn);
            const kept = prior && PASSWORD_INPUTS.every((k) => JSON.stringify(prior.inputs[k]) === JSON.stringify(plainValue(r.inputs[k])));
            const keyId = kept ? String(prior.outputs.keyId) : prior ? uuidV5(`${objectId}/${this.options.now}`) : objectId;
            // Entra checks the end date when a password is added; a kept one may expire (the older slot may).
            if (endDate !== undefined && !kept) {
                const end = Date.parse(endDate);
                if (Number.isNaN(end)) this.find("error", "password-end-date", r.urn, `${r.name}: endDate "${endDate}" is not an RFC 3339 time`);
                else if (end <= this.nowMs) this.find("error", "password-end-date", r.urn, `${r.name}: endDate ${endDate} is not in the future (now is ${this.options.now})`);
            }
            return {
                id: `${app?.id ?? ""}/password/${keyId}`,
                state: {
                    ...r.inputs,
                    keyId,
                    startDate: kept ? String(prior.outputs.startDate) : this.options.now,
                    endDate: endDate ?? new Date(this.nowMs + 2 * 365 * 86_400_000).toISOString(),
                    // Never a real secret, but secret all the same (the provider marks `value` secret): a program
                    // that exports it must get a secret Output, or the plan's stack outputs would show it.
                    value: secretValue(`simulated-secret-${keyId.slice(0, 8)}`),
                },
            };
        },
        "azuread:index/servicePrincipal:ServicePrincipal": (r, objectId) => {
            const clientId = (str(r.inputs.clientId) ?? "").toLowerCase();
            const own = this.appsByClientId.get(clientId);
            const existing = this.spByClientId.get(clientId);
            const useExisting = unwrapSecret(r.inputs.useExisting) === true;
            if (existing) {
                // Entra holds one service principal per app: a second one (tenant's or this run's) fails to create.
                if (!useExisting) {
                    this.find(
                        "error",
                        "service-principal-exists",
                        r.urn,
                        `${r.name}: clientId ${clientId}: the tenant already has a service principal for this app` +
                            (existing.urn ? ` (${existing.urn})` : "") +
                            "; set useExisting: true to adopt it",
                    );
                }
                return { id: existing.objectId, state: this.spState(r, existing) };
            }
            if (own) {
                const sp = this.addServicePrincipal(objectId, clientId, Object.fromEntries(own.scopes), Object.fromEntries(own.roles), r.urn);
                return { id: objectId, state: this.spState(r, sp) };
            }
            const firstParty = firstPartyApp(clientId);
            if (!firstParty) {
                this.find("error", "service-principal-reference", r.urn, `${r.name}: clientId "${clientId}" is neither an application registered in this run nor a Microsoft app the simulator knows`);
            }
            const sp = this.addServicePrincipal(objectId, clientId, { ...(firstParty?.scopes ?? {}) }, {}, r.urn);
            return { id: objectId, state: this.spState(r, sp) };
        },
        "azuread:index/servicePrincipalDelegatedPermissionGrant:ServicePrincipalDelegatedPermissionGrant": (r, objectId) => {
            this.spObjectId(r, "servicePrincipalObjectId");
            const resource = this.spObjectId(r, "resourceServicePrincipalObjectId");
            const claims = strings(r.inputs.claimValues);
            const target = str(r.inputs.userObjectId)?.toLowerCase();
            const grantKey = [str(r.inputs.servicePrincipalObjectId), str(r.inputs.resourceServicePrincipalObjectId), target ?? "AllPrincipals"].join("|");
            const previous = this.grants.get(grantKey);
            if (previous) {
                this.find(
                    "error",
                    "duplicate-grant",
                    r.urn,
                    `${r.name}: ${previous} already grants this client consent on the same resourceServicePrincipalObjectId for ${target ? `user ${target}` : "AllPrincipals"}; Entra keeps one grant per client, resource and consent target: merge the claimValues into one grant`,
                );
            } else {
                this.grants.set(grantKey, r.name);
            }
            if (claims.length === 0) this.find("error", "grant-claims", r.urn, `${r.name}: claimValues must name at least one scope`);
            if (resource) {
                // A service principal publishes its app's scopes as they are now: a scope registered after the
                // grant is not there yet, which is why grants on own APIs must depend on the scope resources.
                const own = this.appsByClientId.get(resource.clientId.toLowerCase());
                const scopes = own ? Object.fromEntries(own.scopes) : resource.scopes;
                for (const claim of claims) {
                    // hasOwnProperty, not `in`: "constructor" is no scope of any API.
                    if (!Object.prototype.hasOwnProperty.call(scopes, claim)) {
                        this.find("error", "grant-claims", r.urn, `${r.name}: claimValues entry "${claim}" is not a delegated permission of the resource service principal ${resource.clientId}`);
                    }
                }
            }
            return { id: objectId, state: { ...r.inputs } };
        },
        "azuread:index/applicationFallbackPublicClient:ApplicationFallbackPublicClient": (r) => {
            const app = this.appFor(r);
            return { id: `${app?.id ?? ""}/fallbackPublicClient`, state: { ...r.inputs } };
        },
        "azuread:index/applicationCertificate:ApplicationCertificate": (r, objectId) => {
            const app = this.appFor(r);
            const endDate = str(r.inputs.endDate);
            if (endDate !== undefined && Date.parse(endDate) <= this.nowMs) {
                this.find("error", "certificate-end-date", r.urn, `${r.name}: endDate ${endDate} is not in the future (now is ${this.options.now})`);
            }
            if (str(r.inputs.value) === undefined) this.find("error", "certificate-value", r.urn, `${r.name}: value (the certificate) is missing`);
            return { id: `${app?.id ?? ""}/certificate/${objectId}`, state: { ...r.inputs, keyId: objectId } };
        },
        "tls:index/privateKey:PrivateKey": (r, objectId) => ({
            id: objectId,
            state: {
                ...r.inputs,
                // Never a real key, but secret (the tls SDK's additionalSecretOutputs, which the engine applies):
                // a program that exports it must get a secret Output, like ApplicationPassword.value.
                privateKeyPem: secretValue(`-----BEGIN PRIVATE KEY-----\nsimulated-key-${objectId.slice(0, 8)}\n-----END PRIVATE KEY-----\n`),
                publicKeyPem: `-----BEGIN PUBLIC KEY-----\nsimulated-${objectId.slice(0, 8)}\n-----END PUBLIC KEY-----\n`,
            },
        }),
        "tls:index/selfSignedCert:SelfSignedCert": (r, objectId) => {
            const hours = Number(unwrapSecret(r.inputs.validityPeriodHours) ?? 0);
            return {
                id: objectId,
                state: {
                    ...r.inputs,
                    certPem: `-----BEGIN CERTIFICATE-----\nsimulated-${objectId.slice(0, 8)}\n-----END CERTIFICATE-----\n`,
                    validityStartTime: this.options.now,
                    validityEndTime: new Date(this.nowMs + hours * 3_600_000).toISOString().replace(/\.000Z$/, "Z"),
                },
            };
        },
        "time:index/rotating:Rotating": (r) => {
            const days = Number(unwrapSecret(r.inputs.rotationDays) ?? 0);
            // `pulumi up --refresh`: the provider's Read drops a Rotating whose rotation time has passed, and
            // the deployment re-creates it at "now"; until then it keeps its base time (a changed period
            // moves only the rotation time).
            const prior = this.prior(r.urn);
            const base = typeof prior?.outputs.rfc3339 === "string" ? prior.outputs.rfc3339 : undefined;
            const keep = base !== undefined && Date.parse(base) + days * 86_400_000 > this.nowMs;
            const start = keep ? base : this.options.now;
            const rotation = new Date(Date.parse(start) + days * 86_400_000).toISOString().replace(/\.000Z$/, "Z");
            return { id: start, state: { ...r.inputs, rfc3339: start, rotationRfc3339: rotation } };
        },
        [SECRET_SLOTS_TYPE]: (r) => {
            // The same function the dynamic provider's check runs, on the state the last deployment stored.
            const epoch = str(r.inputs.epoch) ?? "";
            const lifetimeDays = Number(unwrapSecret(r.inputs.lifetimeDays));
            const problems = [
                ...(Number.isNaN(Date.parse(epoch)) ? [`epoch "${epoch}" is not an RFC 3339 time`] : []),
                ...(!Number.isInteger(lifetimeDays) || lifetimeDays < 1 ? [`lifetimeDays must be a positive whole number`] : []),
            ];
            for (const problem of problems) this.find("error", "secret-slots", r.urn, `${r.name}: ${problem}`);
            if (problems.length > 0) return { id: "secret-slots", state: { epoch, lifetimeDays, state: UNKNOWN_VALUE } };
            const previous = this.prior(r.urn)?.outputs.state as RotationState | undefined;
            const state = plannedRotationState(previous, epoch, lifetimeDays, UNKNOWN_VALUE);
            return { id: "secret-slots", state: { epoch, lifetimeDays, state } };
        },
    };

    private spState(r: SimulatedResource, sp: ServicePrincipalState): Record<string, unknown> {
        return {
            ...r.inputs,
            objectId: sp.objectId,
            clientId: sp.clientId,
            oauth2PermissionScopeIds: sp.scopes,
            appRoleIds: sp.roles,
        };
    }

    private registerApp(r: SimulatedResource, objectId: string, legacy: boolean): { id: string; state: Record<string, unknown> } {
        this.checkDisplayName(r);
        const clientId = uuidV5(`${this.options.tenantId}/${r.identity ?? r.urn}/clientId`);
        const id = `/applications/${objectId}`;
        const app: AppState = {
            urn: r.urn,
            objectId,
            id,
            clientId,
            scopes: new Map(),
            roles: new Map(),
            values: new Map(),
            ids: new Map(),
            redirectUris: 0,
            redirectUriSet: new Set(),
            federated: new Map(),
            owners: new Set(),
            splitResources: false,
            legacyApplication: legacy,
        };
        this.apps.set(id, app);
        this.appsByClientId.set(clientId, app);
        return {
            id,
            state: {
                ...r.inputs,
                objectId,
                clientId,
                publisherDomain: "contoso.onmicrosoft.com",
                disabledByMicrosoft: "",
            },
        };
    }
}
