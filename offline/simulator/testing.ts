// `entra-connectors/testing`: one-line Pulumi mocks for a user's unit tests, answered by the Entra simulator.
import * as pulumi from "@pulumi/pulumi";
import { RecordedResource, RecordingMonitor } from "./recordingMonitor";
import { HTTP_WITH_ENTRA_ID_APP_ID, WELL_KNOWN_APIS, WellKnownApiName } from "../../entra/wellKnownApis";
import { DEFAULT_NOW, defaultTenantServicePrincipals, EntraSimulator, Finding, TenantServicePrincipal } from "./index";
import { firstPartyApp } from "./tenant";

// The calls `pulumi.runtime.setMocks` makes, with a monitor that also records parents and dependencies (which
// the Mocks interface does not pass on), so a test can ask for a component's children.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const state = require("@pulumi/pulumi/runtime/state");

export type { Finding, RecordedResource, TenantServicePrincipal };

/** The tenant the mocks simulate unless told otherwise. */
export const TEST_TENANT_ID = "3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45";

/** Options of setEntraMocks; every one has a default. */
export interface EntraMocksOptions {
    /** Project name of the mocked stack. Default "project". */
    readonly project?: string;
    /** Stack name. Default "test". */
    readonly stack?: string;
    /** Tenant the simulated Entra ID belongs to (what `getClientConfig` answers). Default TEST_TENANT_ID. */
    readonly tenantId?: string;
    /** The simulated deployment time (RFC 3339): end dates and rotation epochs derive from it. Default 2026-01-01T00:00:00Z. */
    readonly now?: string;
    /** Service principals the tenant already has. Default Microsoft Graph and Windows Azure Service Management. */
    readonly tenantServicePrincipals?: readonly TenantServicePrincipal[];
    /**
     * Microsoft apps whose service principals the tenant has too (beyond `tenantServicePrincipals`), with the
     * scopes the simulator knows for them, e.g. `["powerPlatformApi", "httpWithEntraId"]`: what
     * `PowerPlatformApiClient` and `HttpWithEntraIdConsent` look up. Default none.
     */
    readonly alsoServicePrincipals?: readonly (WellKnownApiName | "httpWithEntraId")[];
    /** `azure-native:subscriptionId` for Key Vault and Logic Apps resources. Default a zero subscription (with a warning finding). */
    readonly subscriptionId?: string;
    /** Simulate a preview (`pulumi preview`): outputs of new resources unknown. Default false. */
    readonly preview?: boolean;
}

/** What setEntraMocks returns: what the program registered, as the simulated tenant answered it. */
export interface EntraMocks {
    /** Every resource registered so far (components included), after pending registrations settle, sorted by URN. */
    resources(): Promise<RecordedResource[]>;
    /** The resources whose parent is `component`. */
    childrenOf(component: pulumi.Resource): Promise<RecordedResource[]>;
    /** Every resource under `component`, children of child components included. */
    descendantsOf(component: pulumi.Resource): Promise<RecordedResource[]>;
    /** Of `resources`, those of one type token, e.g. "azuread:index/applicationPassword:ApplicationPassword". */
    ofType(resources: readonly RecordedResource[], type: string): RecordedResource[];
    /**
     * A dynamic resource's serialized provider, its `__provider` input (`resources()` shows a placeholder): the
     * code `pulumi up` hands the engine, which must `require` only modules the installed packages export.
     */
    providerCodeOf(resource: RecordedResource): string | undefined;
    /** What the simulator found wrong (an error finding is what a real deployment would reject), after settling. */
    findings(): Promise<Finding[]>;
    /** The simulator answering the registrations: its tenant state, for assertions beyond the resources. */
    readonly simulator: EntraSimulator;
}

/** Resolves once every registration the program started has been answered. */
async function settled(): Promise<void> {
    await settings.waitForRPCs();
    // Registrations started by applies that ran during the wait.
    await new Promise((resolve) => setImmediate(resolve));
    await settings.waitForRPCs();
}

/** The tenant's service principals: the given (or default) ones plus the named Microsoft apps'. */
function withFirstParty(options: EntraMocksOptions): readonly TenantServicePrincipal[] | undefined {
    if (!options.alsoServicePrincipals?.length) return options.tenantServicePrincipals;
    const also = options.alsoServicePrincipals.map((name) => {
        const sp = firstPartyApp(
            name === "httpWithEntraId" ? HTTP_WITH_ENTRA_ID_APP_ID : (WELL_KNOWN_APIS[name]?.appId ?? ""),
        );
        if (!sp)
            throw new Error(
                `setEntraMocks: alsoServicePrincipals: "${name}" is not a well-known API name or "httpWithEntraId"`,
            );
        return sp;
    });
    return [...(options.tenantServicePrincipals ?? defaultTenantServicePrincipals()), ...also];
}

/**
 * Every installation of these mocks, oldest first. Queries about a component (its children, descendants, provider
 * code) read all of them: mocha loads every spec file, running each file's setEntraMocks(), before any test runs, so
 * a program may register under another file's call, and under `--parallel` a worker runs files in turn with the
 * program module loaded once, under the first file's call. Lists of everything (resources(), findings()) read only
 * this call's installation and later ones, so one file's results do not mix with an earlier file's.
 */
const installed: { monitor: RecordingMonitor; simulator: EntraSimulator }[] = [];

/** What the installations from `from` on recorded, one record per URN (the latest registration wins). */
function recordedSince(from: number): RecordedResource[] {
    const byUrn = new Map<string, RecordedResource>();
    for (const { monitor } of installed.slice(from)) for (const [urn, r] of monitor.recorded) byUrn.set(urn, r);
    return [...byUrn.values()].sort((a, b) => a.urn.localeCompare(b.urn));
}

/**
 * Installs Pulumi mocks that answer every resource and invoke the components use with what Entra ID and the
 * azuread provider would answer (GUID client ids, `/applications/{id}` resource ids, the service principals'
 * `oauth2PermissionScopeIds`, the two secret slots' rotation state), checking inputs against the provider schema.
 * Call it once, before the program under test is imported (as with `pulumi.runtime.setMocks`).
 */
export function setEntraMocks(options: EntraMocksOptions = {}): EntraMocks {
    const simulator = new EntraSimulator({
        tenantId: options.tenantId ?? TEST_TENANT_ID,
        now: options.now ?? DEFAULT_NOW,
        tenantServicePrincipals: withFirstParty(options),
        subscriptionId: options.subscriptionId,
    });
    const monitor = new RecordingMonitor(simulator);
    const from = installed.push({ monitor, simulator }) - 1;
    settings.setMockOptions(monitor, options.project ?? "project", options.stack ?? "test", options.preview ?? false);
    Object.assign(state.getStore(), {
        supportsSecrets: true,
        supportsResourceReferences: true,
        supportsDeletedWith: true,
        supportsAliasSpecs: true,
    });

    const all = async () => {
        await settled();
        return recordedSince(from);
    };
    const everywhere = async () => {
        await settled();
        return recordedSince(0);
    };
    const childrenOf = async (component: pulumi.Resource) => {
        const urn = await outputOf(component.urn);
        return (await everywhere()).filter((r) => r.parent === urn);
    };
    const descendantsOf = async (component: pulumi.Resource) => {
        const resources = await everywhere();
        const under = new Set([await outputOf(component.urn)]);
        // Sorted by URN is not sorted by depth: repeat until no new child joins.
        for (let grew = true; grew;) {
            grew = false;
            for (const r of resources) {
                if (under.has(r.parent) && !under.has(r.urn)) {
                    under.add(r.urn);
                    grew = true;
                }
            }
        }
        return resources.filter((r) => r.urn !== [...under][0] && under.has(r.urn));
    };
    return {
        resources: all,
        childrenOf,
        descendantsOf,
        ofType: (resources, type) => resources.filter((r) => r.type === type),
        providerCodeOf: (resource) =>
            installed
                .map(({ monitor: m }) => m.providerCode.get(resource.urn))
                .filter((code) => code !== undefined)
                .pop(),
        findings: async () => {
            await settled();
            return installed.slice(from).flatMap((i) => [...i.simulator.findings]);
        },
        simulator,
    };
}

/** The value of an Output, for assertions (undefined while unknown, as in a preview). */
export function outputOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve, reject) => {
        // Output.apply swallows nothing: a failed output rejects this promise with its error.
        (output as unknown as { promise(): Promise<T> }).promise().then(resolve, reject);
    });
}
