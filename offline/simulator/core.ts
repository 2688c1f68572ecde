// The Entra simulator's core: answers Pulumi's mock monitor like Entra and the azuread provider, dispatching each
// resource type to its family's handler module, and collects the findings.
import { uuidV5 } from "../../entra/deterministicIds";
import { isGuid } from "../../entra/guid";
import { AZURE_NATIVE_HANDLERS, AzureContext, customApiRedirectProblems, PROVIDER_TYPE } from "./azureNativeSimulator";
import { isSecret, secretStrings, secretValue } from "./secretValues";
import { checkInvokeInputs, checkResourceInputs, DEPRECATED_PREFIX } from "./schemaCheck";
import { APPLICATION_HANDLERS } from "./applications";
import { ADOPTABLE_PART_TYPES } from "./appParts";
import {
    AppState,
    Finding,
    Handler,
    HandlerResult,
    PriorResource,
    priorOf,
    ServicePrincipalSettings,
    ServicePrincipalState,
    FindingSeverity,
    SimulatedResource,
    SimulatorContext,
    SimulatorOptions,
    str,
    TenantGrant,
    TenantServicePrincipal,
} from "./context";
import type { TenantFixtureApplication } from "./tenantFixture";
import { CREDENTIAL_HANDLERS } from "./credentials";
import { adoptedGrantsLeft, GRANT_HANDLERS } from "./grants";
import { importReplaceCheck } from "./importReplace";
import { POWER_PLATFORM_CONNECTOR_HANDLERS } from "./powerPlatformConnectors";
import { lookUpServicePrincipal, lookUpServicePrincipals, SERVICE_PRINCIPAL_HANDLERS } from "./servicePrincipals";
import { defaultTenantServicePrincipals, fixtureServicePrincipals } from "./tenant";

/** Default fixed "now": plans are reproducible byte for byte. */
export const DEFAULT_NOW = "2026-01-01T00:00:00Z";

/** The provider's defaults for a service principal (service_principal_resource.go schema: account_enabled Default true). */
const DEFAULT_SETTINGS: ServicePrincipalSettings = { accountEnabled: true, appRoleAssignmentRequired: false, tags: [] };

/** Every azuread, tls and time resource the simulator models, by type token. */
const HANDLERS: Readonly<Record<string, Handler>> = {
    ...APPLICATION_HANDLERS,
    ...CREDENTIAL_HANDLERS,
    ...SERVICE_PRINCIPAL_HANDLERS,
    ...GRANT_HANDLERS,
    ...POWER_PLATFORM_CONNECTOR_HANDLERS,
};

/** Types whose `import` the handlers check against the tenant fixture. */
const IMPORT_CHECKED = new Set([
    "azuread:index/applicationRegistration:ApplicationRegistration",
    ...ADOPTABLE_PART_TYPES,
    "azuread:index/servicePrincipal:ServicePrincipal",
    "azuread:index/servicePrincipalDelegatedPermissionGrant:ServicePrincipalDelegatedPermissionGrant",
]);

/**
 * Behaves like Entra plus the azuread provider for one simulated deployment: deterministic ids derived from
 * URNs, outputs shaped like the provider's, and findings for everything a real `pulumi up` would reject.
 */
export class EntraSimulator implements SimulatorContext {
    readonly findings: Finding[] = [];
    readonly apps = new Map<string, AppState>(); // by resource id
    readonly appsByClientId = new Map<string, AppState>();
    readonly servicePrincipals = new Map<string, ServicePrincipalState>(); // by object id
    readonly spByClientId = new Map<string, ServicePrincipalState>();
    readonly tenant: Map<string, TenantServicePrincipal>;
    readonly grants = new Map<string, string>(); // client|resource|target -> resource name
    readonly tenantGrants = new Map<string, TenantGrant>();
    readonly tenantGrantsByKey = new Map<string, TenantGrant>();
    readonly tenantApps: Map<string, TenantFixtureApplication>;
    private readonly urns = new Set<string>();
    /** URNs this run registers, and the former URNs (aliases) they continue: what the previous deployment keeps. */
    private readonly declared = new Set<string>();
    readonly missingServicePrincipals = new Set<string>();
    readonly deployerObjectId: string;
    readonly deployer: { readonly permission: string; readonly autoOwner: boolean };
    readonly deployerClientId: string;
    readonly nowMs: number;
    /** Secret strings of the registration or invoke being answered; find() masks them in messages. */
    private redact: string[] = [];
    /** What the azure-native handlers share: subscriptions of explicit providers, custom APIs to check. */
    private readonly azure: AzureContext;

    constructor(readonly options: SimulatorOptions) {
        const fixture = options.tenant;
        // A fixture's principals come after the defaults: one for the same app replaces the default's entry.
        this.tenant = new Map(
            [
                ...(options.tenantServicePrincipals ?? defaultTenantServicePrincipals()),
                ...fixtureServicePrincipals(fixture),
            ].map((sp) => [sp.appId.toLowerCase(), sp]),
        );
        for (const sp of this.tenant.values()) {
            const objectId = sp.objectId?.toLowerCase() ?? this.objectIdFor(`tenant-sp/${sp.appId}`);
            this.addServicePrincipal(
                objectId,
                sp.appId,
                { ...sp.scopes },
                { ...(sp.appRoles ?? {}) },
                undefined,
                sp.settings ?? DEFAULT_SETTINGS,
            );
        }
        for (const grant of fixture?.grants ?? []) {
            const client = this.spByClientId.get(grant.clientAppId.toLowerCase())!;
            const resource = this.spByClientId.get(grant.resourceAppId.toLowerCase())!;
            const key = [client.objectId, resource.objectId, grant.principalId?.toLowerCase() ?? "AllPrincipals"].join(
                "|",
            );
            const tenantGrant = { ...grant, key };
            this.tenantGrants.set(grant.id, tenantGrant);
            this.tenantGrantsByKey.set(key, tenantGrant);
        }
        this.tenantApps = new Map((fixture?.applications ?? []).map((a) => [a.objectId.toLowerCase(), a]));
        this.deployerObjectId = fixture?.deployer.objectId?.toLowerCase() ?? this.objectIdFor("deployer");
        const permission = fixture?.deployer.permission ?? "Application.ReadWrite.All";
        // Entra makes an OwnedBy caller an owner of what it creates (else it could not manage it); a fixture may say.
        this.deployer = {
            permission,
            autoOwner: fixture?.deployer.autoOwner ?? permission === "Application.ReadWrite.OwnedBy",
        };
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
        adoptedGrantsLeft(this.options.previous, this.declared, this);
        for (const problem of customApiRedirectProblems(
            this.azure.customApis,
            (clientId) => this.appsByClientId.get(clientId.toLowerCase())?.redirectUriSet,
        )) {
            this.find("error", "custom-api-redirect", problem.urn, problem.message);
        }
    }

    prior(urn: string): PriorResource | undefined {
        return this.options.previous?.get(urn);
    }

    adoptionKey(name: string): string | undefined {
        return this.options.adoptionKeys?.get(name);
    }

    objectIdFor(seed: string): string {
        return uuidV5(`${this.options.tenantId}/${seed}`);
    }

    /**
     * An app the config names that the simulated tenant does not have: a real tenant resolves it at deploy time, so
     * the plan models its service principal with the scopes the config asks for and says so, naming the keys.
     */
    assume(clientId: string, urn: string): ServicePrincipalState | undefined {
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

    addServicePrincipal(
        objectId: string,
        clientId: string,
        scopes: Record<string, string>,
        roles: Record<string, string>,
        urn?: string,
        settings?: ServicePrincipalSettings,
    ): ServicePrincipalState {
        const sp = { objectId, clientId, scopes, roles, urn, settings };
        this.servicePrincipals.set(objectId, sp);
        this.spByClientId.set(clientId.toLowerCase(), sp);
        return sp;
    }

    find(severity: FindingSeverity, rule: string, urn: string, message: string): void {
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
                return {
                    clientId: this.deployerClientId,
                    objectId: this.deployerObjectId,
                    tenantId: this.options.tenantId,
                };
            case "azuread:index/getServicePrincipal:getServicePrincipal":
                return lookUpServicePrincipal(inputs, urn, this);
            case "azuread:index/getServicePrincipals:getServicePrincipals":
                return lookUpServicePrincipals(inputs, urn, this);
            default:
                this.find("error", "unsupported-invoke", urn, `the simulator does not know the function ${token}`);
                return {};
        }
    }

    /** Answers a resource registration with the outputs the provider would report after creating it. */
    newResource(resource: SimulatedResource, custom: boolean): HandlerResult {
        const result = this.redacting(resource.inputs, () => this.answerResource(resource, custom));
        // Like the engine: an output whose input was secret stays secret, even where the provider echoes it.
        for (const [key, value] of Object.entries(resource.inputs)) {
            if (isSecret(value) && key in result.state) result.state[key] = secretValue(result.state[key]);
        }
        return result;
    }

    private answerResource(resource: SimulatedResource, custom: boolean): HandlerResult {
        const { type, urn, inputs } = resource;
        if (this.urns.has(urn)) {
            this.find("error", "duplicate-urn", urn, `two resources have the URN ${urn}; give them different names`);
        }
        this.urns.add(urn);
        this.declared.add(urn);
        if (resource.identity !== undefined) this.declared.add(resource.identity);
        if (!custom) return { id: undefined, state: {} };
        if (type.startsWith("azuread:")) {
            for (const problem of checkResourceInputs(type, inputs)) {
                const deprecated = problem.startsWith(DEPRECATED_PREFIX);
                this.find(
                    deprecated ? "warning" : "error",
                    "provider-schema",
                    urn,
                    `${type.split(":").pop()}: ${problem}`,
                );
            }
        }
        const objectId = this.objectIdFor(resource.identity ?? urn);
        if (type === PROVIDER_TYPE || type.startsWith("azure-native:")) {
            const azureHandler = AZURE_NATIVE_HANDLERS[type];
            if (azureHandler) return azureHandler(resource, this.azure);
            this.find(
                "warning",
                "unsimulated-resource",
                urn,
                `the simulator has no model of ${type}; nothing was checked`,
            );
            return { id: objectId, state: { ...inputs } };
        }
        const handler = HANDLERS[type];
        if (resource.importId !== undefined && !IMPORT_CHECKED.has(type)) {
            this.find(
                "warning",
                "unsimulated-import",
                urn,
                `${resource.name}: the simulator cannot tell whether import id "${resource.importId}" exists; only ${[...IMPORT_CHECKED].map((t) => t.split(":").pop()).join(", ")} imports are checked`,
            );
        }
        if (handler) {
            const result = handler(resource, objectId, this);
            // Pulumi imports once: a later up finds the resource in state with that id and manages it
            // (pulumi/pulumi developer-docs/architecture/import.md, case 2).
            if (resource.importId !== undefined && result.id !== undefined && this.prior(urn)?.outputs.id === result.id)
                result.alreadyImported = true;
            importReplaceCheck(resource, priorOf(this, resource), this);
            return result;
        }
        if (type.startsWith("azuread:")) {
            this.find(
                "warning",
                "unsimulated-resource",
                urn,
                `the simulator has no model of ${type}; only its inputs were checked`,
            );
        }
        return { id: objectId, state: { ...inputs } };
    }

    appFor(resource: SimulatedResource): AppState | undefined {
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

    spObjectId(resource: SimulatedResource, field: string): ServicePrincipalState | undefined {
        const value = str(resource.inputs[field]);
        if (value === undefined) return undefined;
        const sp = this.servicePrincipals.get(value);
        // A principal the lookup already reported missing: one cause, one message.
        if (!sp && this.missingServicePrincipals.has(value)) return undefined;
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
}
