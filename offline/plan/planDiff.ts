// What applying one plan over another would do: create, update, replace, delete or import, per resource.
import { RecordedResource, SECRET_MASK } from "../simulator/recordingMonitor";
import { Plan } from "./runOffline";
import { replacingInputs } from "../simulator/schemaCheck";
import { legacyUrns, previousUrns } from "../simulator/urnHistory";

export { replacingInputs };

export type ChangeKind = "same" | "create" | "update" | "replace" | "delete" | "import";

/** One input whose value differs, as the plans record it (secrets are already `[secret]` in both). */
export interface InputChange {
    readonly input: string;
    readonly before: unknown;
    readonly after: unknown;
}

export interface ResourceChange {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** The resource's parent in the plan it comes from (`after`, or `before` for a delete). */
    readonly parent: string;
    readonly kind: ChangeKind;
    /** Inputs whose value differs. */
    readonly changedInputs: string[];
    /** The same, with the old and new values. */
    readonly inputChanges: InputChange[];
    /** The changed inputs that force replacement (willReplaceOnChanges in the provider schema). */
    readonly replaceReasons: string[];
    /** A protected resource that this change would delete or replace: `pulumi up` refuses it. */
    readonly blockedByProtect: boolean;
    /** Replacing or deleting it breaks live connections (an app, service principal, password or federated credential). */
    readonly breaksConnections: boolean;
    /**
     * A password replaced because its rotation trigger (`rotateWhenChanged`) changed: the planned renewal of the
     * older secret slot. The newest secret, the one connectors use, stays valid, so it does not break connections.
     */
    readonly renewal: boolean;
    /** kind "import": the id of the existing object the resource adopts. */
    readonly importId?: string;
}

/**
 * Resource types whose replacement or deletion breaks connections that exist today: a new app registration or
 * service principal has a new client / object id, a new password a new secret, a new federated credential
 * drops the trust the connector uses until it is re-created.
 */
export const CONNECTION_CRITICAL_TYPES: readonly string[] = [
    "azuread:index/applicationRegistration:ApplicationRegistration",
    "azuread:index/application:Application",
    "azuread:index/servicePrincipal:ServicePrincipal",
    "azuread:index/applicationPassword:ApplicationPassword",
    "azuread:index/applicationFederatedIdentityCredential:ApplicationFederatedIdentityCredential",
    // A new certificate has a new thumbprint: clients asserting with the old one are refused.
    "azuread:index/applicationCertificate:ApplicationCertificate",
    "tls:index/selfSignedCert:SelfSignedCert",
    // Logic Apps connections reference the custom API by its ARM id; apps read a Key Vault secret by its name.
    "azure-native:web:CustomApi",
    "azure-native:keyvault:Secret",
];

/** azure-native compares `location` without case and spaces ("West Europe" is "westeurope"; its diff.go normalizedLocation). */
function sameValue(type: string, input: string, before: unknown, after: unknown): boolean {
    if (
        type.startsWith("azure-native:") &&
        input === "location" &&
        typeof before === "string" &&
        typeof after === "string"
    ) {
        const norm = (s: string) => s.replace(/ /g, "").toLowerCase();
        return norm(before) === norm(after);
    }
    return JSON.stringify(before) === JSON.stringify(after);
}

const PASSWORD_TYPE = "azuread:index/applicationPassword:ApplicationPassword";

function inputChanges(type: string, before: Record<string, unknown>, after: Record<string, unknown>): InputChange[] {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys
        .filter((k) => !sameValue(type, k, before[k], after[k]))
        .map((k) => ({ input: k, before: before[k], after: after[k] }));
}

/** The import marker a plan resource may carry (an adopted object's id); brownfield plans set it. */
export function importIdOf(resource: RecordedResource): string | undefined {
    const id = resource.import?.id;
    return typeof id === "string" && id !== "" ? id : undefined;
}

/** Compares two plans of one stack, as `pulumi preview` would against the state `before` left. */
/**
 * The reason of a replacement the provider decides with no input changed: its own plan marks the resource for
 * re-creation, `time_rotating` once its rotation time has passed and `tls_self_signed_cert` once it is ready for
 * renewal, and the simulator answers such a resource with a new id, as the provider's create does.
 */
export const PROVIDER_REISSUE = "its provider: renewal due";

/** The types whose provider re-creates them on its own schedule, with no input changed. */
const SCHEDULED_RECREATION_TYPES: readonly string[] = [
    "time:index/rotating:Rotating",
    "tls:index/selfSignedCert:SelfSignedCert",
];

/** Whether the resource came back with a new id while its inputs kept it: its provider re-created it. */
function reissuedByProvider(before: RecordedResource, after: RecordedResource): boolean {
    if (!SCHEDULED_RECREATION_TYPES.includes(after.type)) return false;
    const id = (r: RecordedResource) => (r.outputs as Record<string, unknown> | undefined)?.id;
    return typeof id(before) === "string" && typeof id(after) === "string" && id(before) !== id(after);
}

export function diffPlans(before: Plan, after: Plan): ResourceChange[] {
    const beforeByUrn = new Map(before.resources.map((r) => [r.urn, r]));
    const afterByUrn = new Map(after.resources.map((r) => [r.urn, r]));
    const matched = new Set<string>();
    const changes: ResourceChange[] = [];
    const base = (r: RecordedResource) => ({ urn: r.urn, type: r.type, name: r.name, parent: r.parent });
    for (const r of after.resources) {
        const candidates = [r.urn, ...previousUrns(r, afterByUrn)];
        const oldUrn = [...candidates, ...legacyUrns(candidates)].find((u) => beforeByUrn.has(u) && !matched.has(u));
        const old = oldUrn ? beforeByUrn.get(oldUrn) : undefined;
        if (!old || old.type !== r.type) {
            const importId = importIdOf(r);
            changes.push({
                ...base(r),
                kind: importId ? "import" : "create",
                changedInputs: [],
                inputChanges: [],
                replaceReasons: [],
                blockedByProtect: false,
                breaksConnections: false,
                renewal: false,
                ...(importId ? { importId } : {}),
            });
            continue;
        }
        matched.add(old.urn);
        const changed = inputChanges(r.type, old.inputs, r.inputs);
        const replacing = replacingInputs(r.type);
        const replaceReasons = changed.map((c) => c.input).filter((k) => replacing.includes(k));
        if (!replaceReasons.length && r.custom && reissuedByProvider(old, r)) replaceReasons.push(PROVIDER_REISSUE);
        const kind: ChangeKind = replaceReasons.length ? "replace" : changed.length ? "update" : "same";
        const renewal = kind === "replace" && r.type === PASSWORD_TYPE && replaceReasons.includes("rotateWhenChanged");
        changes.push({
            ...base(r),
            kind,
            changedInputs: changed.map((c) => c.input),
            inputChanges: changed,
            replaceReasons,
            blockedByProtect: kind === "replace" && old.protect,
            breaksConnections: kind === "replace" && !renewal && r.custom && CONNECTION_CRITICAL_TYPES.includes(r.type),
            renewal,
        });
    }
    for (const old of before.resources) {
        if (!matched.has(old.urn)) {
            changes.push({
                ...base(old),
                kind: "delete",
                changedInputs: [],
                inputChanges: [],
                replaceReasons: [],
                blockedByProtect: old.protect,
                // A retained resource (first-party service principal) stays in the tenant: nothing breaks.
                breaksConnections: old.custom && !old.retainOnDelete && CONNECTION_CRITICAL_TYPES.includes(old.type),
                renewal: false,
            });
        }
    }
    return pairRenames(changes, beforeByUrn, afterByUrn).sort((a, b) => a.urn.localeCompare(b.urn));
}

/**
 * A child whose name derives from a value (a permission scope named after its `value`) gets a new URN when the
 * value changes: Pulumi creates the new one and deletes the old one, which a person reads as one replacement.
 * Where a component loses exactly one child of a type and gains exactly one, the two become one `replace` whose
 * reason is the name change. Stack-level resources are never paired: they have no component to share.
 */
function pairRenames(
    changes: ResourceChange[],
    beforeByUrn: ReadonlyMap<string, RecordedResource>,
    afterByUrn: ReadonlyMap<string, RecordedResource>,
): ResourceChange[] {
    const key = (c: ResourceChange) => `${c.parent}\u0000${c.type}`;
    const created = new Map<string, ResourceChange[]>();
    const deleted = new Map<string, ResourceChange[]>();
    for (const c of changes) {
        if (!c.parent.includes("::") || c.parent.includes("pulumi:pulumi:Stack")) continue;
        const into = c.kind === "create" ? created : c.kind === "delete" ? deleted : undefined;
        if (!into) continue;
        if (!into.has(key(c))) into.set(key(c), []);
        into.get(key(c))!.push(c);
    }
    const drop = new Set<ResourceChange>();
    const replaced = new Map<ResourceChange, ResourceChange>();
    for (const [k, dels] of deleted) {
        const adds = created.get(k);
        if (dels.length !== 1 || adds?.length !== 1) continue;
        const [gone, added] = [dels[0], adds[0]];
        drop.add(gone);
        const changed = inputChanges(added.type, beforeByUrn.get(gone.urn)!.inputs, afterByUrn.get(added.urn)!.inputs);
        replaced.set(added, {
            ...added,
            changedInputs: changed.map((c) => c.input),
            inputChanges: changed,
            kind: "replace",
            replaceReasons: [`name (${gone.name} -> ${added.name})`],
            blockedByProtect: gone.blockedByProtect,
            breaksConnections: gone.breaksConnections,
        });
    }
    return changes.filter((c) => !drop.has(c)).map((c) => replaced.get(c) ?? c);
}

/** Changes that delete or replace something: what `--fail-on-replace` stops on. */
export function destructiveChanges(changes: readonly ResourceChange[]): ResourceChange[] {
    return changes.filter((c) => c.kind === "replace" || c.kind === "delete");
}

/** A value as one line of a diff; a masked secret stays masked. */
export function diffValue(value: unknown): string {
    if (value === undefined) return "(unset)";
    if (value === SECRET_MASK) return SECRET_MASK;
    return typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value);
}
