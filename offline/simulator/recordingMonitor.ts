// A Pulumi mock monitor that records what the Mocks interface hides (parent, dependencies, protect, retainOnDelete).
/* eslint-disable @typescript-eslint/no-explicit-any -- the mock monitor's requests and aliases are untyped protobuf messages (@pulumi/pulumi/runtime/mocks). */
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { getProject, getStack } from "@pulumi/pulumi";
import { deserializeProperties, serializeProperties, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { legacyUrns, previousUrns } from "./urnHistory";
import { EntraSimulator } from "./index";
import { PlainStruct } from "./plainStruct";

// Generated protobuf modules of @pulumi/pulumi: the same ones MockMonitor answers with.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const resproto = require("@pulumi/pulumi/proto/resource_pb");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const provproto = require("@pulumi/pulumi/proto/provider_pb");

export const SECRET_MASK = "[secret]";
/** What a plan shows for a dynamic resource's serialized provider (`__provider`). */
export const DYNAMIC_PROVIDER_PLACEHOLDER = "[dynamic provider code]";

/** One resource as the plan shows it. */
export interface RecordedResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly parent: string;
    readonly custom: boolean;
    readonly protect: boolean;
    readonly retainOnDelete: boolean;
    readonly dependencies: string[];
    /** Names this resource was known by before (`aliases: [{ name }]`); children inherit them from parents. */
    readonly aliases: string[];
    readonly inputs: Record<string, unknown>;
    readonly outputs: Record<string, unknown>;
    /** Adopted with Pulumi's `import` option: the import id, and the inputs the import then updates (drift). */
    readonly import?: { readonly id: string; readonly updates: string[] };
    /** Inputs Pulumi's `ignoreChanges` leaves as the tenant has them (what an adopted object keeps); absent when none. */
    readonly ignoreChanges?: string[];
}

/** Replaces every secret (Pulumi's secret wrapper) by "[secret]", recursively; unknowns become "[unknown]". */
export function maskSecrets(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(maskSecrets);
    if (value && typeof value === "object") {
        if (specialSigKey in value) {
            const sig = (value as Record<string, unknown>)[specialSigKey];
            return sig === "1b47061264138c4ac30d75fd1eb44270" ? SECRET_MASK : "[resource reference]";
        }
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskSecrets(v)]));
    }
    if (value === "04da6b54-80e4-46f7-96ec-b56ff0331ba9") return "[unknown]";
    return value;
}

function maskFields(state: Record<string, unknown>, secretFields: readonly string[]): Record<string, unknown> {
    const masked = maskSecrets(state) as Record<string, unknown>;
    for (const field of secretFields) {
        if (field in masked) masked[field] = SECRET_MASK;
    }
    return masked;
}

// Outputs the azuread SDK marks secret (additionalSecretOutputs) regardless of what a program asks for.
const PROVIDER_SECRET_OUTPUTS: Readonly<Record<string, readonly string[]>> = {
    "azuread:index/applicationPassword:ApplicationPassword": ["value"],
    "azuread:index/servicePrincipalPassword:ServicePrincipalPassword": ["value"],
    "tls:index/privateKey:PrivateKey": ["privateKeyPem", "privateKeyPemPkcs8", "privateKeyOpenssh"],
};

/**
 * A dynamic resource's inputs carry its provider's serialized code (`__provider`): kilobytes of JavaScript
 * that say nothing about the plan, so the plan shows a placeholder.
 */
function withoutDynamicProvider(inputs: Record<string, unknown>): Record<string, unknown> {
    return "__provider" in inputs ? { ...inputs, __provider: DYNAMIC_PROVIDER_PLACEHOLDER } : inputs;
}

/**
 * Aliases of a registration: a name where the alias only renames (same type and parent), the whole URN where it
 * names another type or parent (urnHistory.ts tells them apart).
 */
function aliasNames(aliases: any[]): string[] {
    const names = aliases.map((a) => {
        const spec = a.getSpec?.();
        if (spec && spec.getName()) return spec.getName() as string;
        return (a.getUrn?.() ?? "") as string;
    });
    return [...new Set(names.filter(Boolean))].sort();
}

/** Records every registration and answers it through the Entra simulator. */
export class RecordingMonitor extends MockMonitor {
    readonly recorded = new Map<string, RecordedResource>();
    /** Per dynamic resource URN, its serialized provider: what `pulumi up` hands the engine as `__provider`. */
    readonly providerCode = new Map<string, string>();
    stackOutputs: Record<string, unknown> = {};
    private stackUrn = "";

    constructor(private readonly simulator: EntraSimulator) {
        super({
            call: (args) => simulator.call(args.token, args.inputs),
            newResource: () => {
                throw new Error("RecordingMonitor answers registrations itself");
            },
        });
    }

    /**
     * The URN the engine gives a registration: the parent's whole type chain, then the type (`A$B$type`), without the
     * root stack. MockMonitor keeps only the parent's last type, which differs from the engine (and from the alias
     * URNs `pulumi.createUrn` computes) for anything nested two components deep.
     */
    private urnFor(parent: string, type: string, name: string): string {
        if (!parent || parent === this.stackUrn) return `urn:pulumi:${getStack()}::${getProject()}::${type}::${name}`;
        return `${parent.substring(0, parent.lastIndexOf("::"))}$${type}::${name}`;
    }

    async registerResource(req: any, callback: (err: any, response: any) => void): Promise<void> {
        try {
            const type: string = req.getType();
            const name: string = req.getName();
            const parent: string = req.getParent();
            const custom: boolean = req.getCustom();
            const urn = this.urnFor(parent, type, name);
            const inputs = deserializeProperties(req.getObject(), true) as Record<string, unknown>;
            const aliases = aliasNames(req.getAliasesList());
            const earlier = previousUrns({ urn, name, parent, aliases }, this.recorded);
            // A previous plan recorded with the older URNs still hands its state on.
            const identity = earlier[0] ?? legacyUrns([urn]).find((u) => this.simulator.prior(u) !== undefined);
            const provider: string = req.getProvider() || undefined;
            const importId: string | undefined = req.getImportid() || undefined;
            const ignoreChanges: string[] = [...(req.getIgnorechangesList() ?? [])].sort();
            const result = this.simulator.newResource(
                { type, name, urn, inputs, identity, provider, importId, ignoreChanges },
                custom,
            );
            if (type === "pulumi:pulumi:Stack") this.stackUrn = urn;
            if (!type.startsWith("pulumi:")) {
                const secretOutputs = [
                    ...req.getAdditionalsecretoutputsList(),
                    ...(PROVIDER_SECRET_OUTPUTS[type] ?? []),
                ];
                if (typeof inputs.__provider === "string") this.providerCode.set(urn, inputs.__provider);
                this.recorded.set(urn, {
                    urn,
                    type,
                    name,
                    parent,
                    custom,
                    protect: req.getProtect() === true,
                    retainOnDelete: req.getRetainondelete() === true,
                    dependencies: [...new Set<string>(req.getDependenciesList())].sort(),
                    aliases,
                    inputs: maskSecrets(withoutDynamicProvider(inputs)) as Record<string, unknown>,
                    outputs: custom ? maskFields({ id: result.id, ...result.state }, secretOutputs) : {},
                    ...(importId !== undefined && !result.alreadyImported
                        ? { import: { id: importId, updates: result.importUpdates ?? [] } }
                        : {}),
                    ...(ignoreChanges.length > 0 ? { ignoreChanges } : {}),
                });
            }
            const state = await serializeProperties("", result.state);
            this.resources.set(urn, { urn, id: result.id ?? null, state });
            const response = new resproto.RegisterResourceResponse();
            response.setUrn(urn);
            response.setId(result.id ?? "");
            response.setObject(new PlainStruct(state));
            callback(null, response);
        } catch (err) {
            callback(err, undefined);
        }
    }

    /** MockMonitor's invoke, answered with a PlainStruct (plainStruct.ts); `getResource` stays MockMonitor's. */
    async invoke(req: any, callback: (err: any, response: any) => void): Promise<void> {
        const token: string = req.getTok();
        if (token === "pulumi:pulumi:getResource") return super.invoke(req, callback);
        try {
            const result = await this.simulator.call(token, deserializeProperties(req.getArgs()));
            const response = new provproto.InvokeResponse();
            response.setReturn(new PlainStruct(await serializeProperties("", result)));
            callback(null, response);
        } catch (err) {
            callback(err, undefined);
        }
    }

    registerResourceOutputs(req: any, callback: (err: any, response: any) => void): void {
        if (req.getUrn() === this.stackUrn) {
            this.stackOutputs = maskSecrets(req.getOutputs()?.toJavaScript() ?? {}) as Record<string, unknown>;
        }
        super.registerResourceOutputs(req, callback);
    }
}
