// SecretSlots: a dynamic resource that keeps the two-slot rotation state in the stack and advances it per epoch.
import * as pulumi from "@pulumi/pulumi";
import { plannedRotationState, RotationState } from "../entra/secretRotation";

/** Pulumi's marker for a value only the deployment will know (runtime/rpc unknownValue). */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The type token the engine and the simulator see. */
export const SECRET_SLOTS_TYPE = "pulumi-nodejs:dynamic/entra-connectors:SecretSlots";

interface SlotsProps {
    readonly epoch: string;
    readonly lifetimeDays: number;
    readonly state?: RotationState | string;
}

/**
 * Why a dynamic provider: "renew only the older slot" needs the previous state, and no provider resource
 * exposes it to a program (a program sees inputs and the new outputs only). `check` gets the previous inputs,
 * so the rotation state travels as an input the provider computes; the deployment stores it, the next one reads
 * it. The clock stays a state-anchored time.Rotating: the program reads no wall clock.
 */
export const secretSlotsProvider: pulumi.dynamic.ResourceProvider = {
    async check(olds: SlotsProps, news: SlotsProps) {
        const previous = typeof olds?.state === "object" ? olds.state : undefined;
        const state = plannedRotationState(previous, news.epoch, news.lifetimeDays, UNKNOWN);
        return { inputs: { epoch: news.epoch, lifetimeDays: news.lifetimeDays, state } };
    },
    async diff(_id: string, olds: SlotsProps, news: SlotsProps) {
        return { changes: JSON.stringify(olds.state) !== JSON.stringify(news.state) || olds.epoch !== news.epoch };
    },
    async create(inputs: SlotsProps) {
        return {
            id: "secret-slots",
            outs: { epoch: inputs.epoch, lifetimeDays: inputs.lifetimeDays, state: inputs.state },
        };
    },
    async update(_id: string, _olds: SlotsProps, news: SlotsProps) {
        return { outs: { epoch: news.epoch, lifetimeDays: news.lifetimeDays, state: news.state } };
    },
};

/**
 * Why a SecretSlots could not run in this deployment, or undefined. The engine starts dynamic providers with
 * `pulumi-resource-pulumi-nodejs`, which resolves `@pulumi/pulumi/cmd/dynamic-provider` from the program's
 * directory (pulumi/pulumi sdk/nodejs/dist/pulumi-resource-pulumi-nodejs); a Python, Go, .NET or YAML program
 * using this package as a component package has no such module there (pulumi/pulumi#5455, open). The same
 * resolution here turns that late provider failure into an argument error before anything is created.
 */
export function dynamicProviderProblem(
    cwd: string = process.cwd(),
    what = "the two-slot client secret rotation",
    fix = "use managedIdentity or a certificate, or run npm install @pulumi/pulumi there",
): string | undefined {
    try {
        require.resolve("@pulumi/pulumi/cmd/dynamic-provider", { paths: [cwd] });
        return undefined;
    } catch {
        return (
            `${what} (a Node.js dynamic resource) needs Node.js's @pulumi/pulumi in the program's directory (${cwd}), ` +
            `which programs in other languages lack (pulumi/pulumi#5455). Fix: ${fix}`
        );
    }
}

/** Arguments of a SecretSlots. */
export interface SecretSlotsArgs {
    /** The `rfc3339` of the time.Rotating that sets the rotation period. */
    readonly epoch: pulumi.Input<string>;
    /** Lifetime of each password in days. */
    readonly lifetimeDays: pulumi.Input<number>;
}

/** The two-slot rotation state, kept in the stack and advanced per rotation epoch. */
export class SecretSlots extends pulumi.dynamic.Resource {
    /** Both slots' renewal time and end date, and the newest slot. */
    declare readonly state: pulumi.Output<RotationState>;

    constructor(name: string, args: SecretSlotsArgs, opts?: pulumi.CustomResourceOptions) {
        super(secretSlotsProvider, name, { ...args, state: undefined }, opts, "entra-connectors", "SecretSlots");
    }
}
