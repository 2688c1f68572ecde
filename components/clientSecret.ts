// A client secret in two password slots renewed alternately, so a rotation never breaks the secret in use.
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import * as time from "@pulumiverse/time";
import { DEFAULT_SECRET_LIFETIME_DAYS } from "../config";
import { deliverToKeyVault, KeyVaultSecretReference, KeyVaultTarget } from "./keyVaultDelivery";
import { childName } from "../entra/naming";
import { defaultRotationDays, RotationState, SlotName } from "../entra/secretRotation";
import { SecretSlots } from "./secretSlots";

/** Where one slot stands: no secret value, so it can be a plain output. */
export interface SlotReport {
    readonly keyId: string;
    readonly endDate: string;
}

export interface SecretSlotsReport {
    readonly a: SlotReport;
    readonly b: SlotReport;
    /** The slot `clientSecret` comes from. */
    readonly newest: SlotName;
}

export interface ClientSecret {
    /** The newest slot's secret text, always a Pulumi secret. */
    readonly value: pulumi.Output<string>;
    readonly keyId: pulumi.Output<string>;
    readonly endDate: pulumi.Output<string>;
    /** Key id and end date of both slots, and which one is newest. */
    readonly slots: pulumi.Output<SecretSlotsReport>;
    /** With a Key Vault target: where the newest secret is kept. */
    readonly keyVaultSecret?: KeyVaultSecretReference;
}

export interface ClientSecretArgs {
    readonly applicationId: pulumi.Input<string>;
    /** Default DEFAULT_SECRET_LIFETIME_DAYS. */
    readonly lifetimeDays?: number;
    /** Days between renewals; at most half the lifetime (config enforces it); default half the lifetime. */
    readonly rotationDays?: number;
    /** Password display name prefix; the slot letter is appended. */
    readonly description: string;
    /** Also write the newest secret to this Key Vault. */
    readonly keyVault?: KeyVaultTarget;
    /** The component's name before any rename: the Key Vault secret's name derives from it. */
    readonly stableName: string;
}

/**
 * A time.Rotating sets the period: `pulumi up --refresh` re-creates it once `rotationDays` have passed, which
 * gives SecretSlots a new epoch, and SecretSlots renews only the older slot. Every password input forces
 * replacement (endDate, rotateWhenChanged), so they come from the slot state and change only on renewal:
 * re-running `pulumi up`, or changing the lifetime, never replaces a live password.
 */
export function createClientSecret(componentName: string, args: ClientSecretArgs, parent: pulumi.Resource): ClientSecret {
    const lifetimeDays = args.lifetimeDays ?? DEFAULT_SECRET_LIFETIME_DAYS;
    const rotationDays = args.rotationDays ?? defaultRotationDays(lifetimeDays);
    const rotation = new time.Rotating(childName(componentName, "secret-rotation"), { rotationDays }, { parent });
    const schedule = new SecretSlots(childName(componentName, "secret-slots"), { epoch: rotation.rfc3339, lifetimeDays }, { parent });
    const password = (slot: SlotName) => {
        const state = schedule.state.apply((s: RotationState) => s[slot]);
        return new azuread.ApplicationPassword(
            childName(componentName, "secret", slot),
            {
                applicationId: args.applicationId,
                displayName: `${args.description} (slot ${slot})`,
                endDate: state.endDate,
                rotateWhenChanged: { renewedAt: state.since },
            },
            { parent, additionalSecretOutputs: ["value"] },
        );
    };
    const a = password("a");
    const b = password("b");
    const newest = schedule.state.newest;
    const pick = <T>(fromA: pulumi.Output<T>, fromB: pulumi.Output<T>) =>
        pulumi.all([newest, fromA, fromB]).apply(([n, x, y]) => (n === "a" ? x : y));
    const secret = {
        value: pulumi.secret(pick(a.value, b.value)),
        keyId: pick(a.keyId, b.keyId),
        endDate: pick(a.endDate, b.endDate),
        slots: pulumi.all([newest, a.keyId, a.endDate, b.keyId, b.endDate]).apply(([n, aKey, aEnd, bKey, bEnd]) => ({
            a: { keyId: aKey, endDate: aEnd },
            b: { keyId: bKey, endDate: bEnd },
            newest: n as SlotName,
        })),
    };
    if (!args.keyVault) return secret;
    return { ...secret, keyVaultSecret: deliverToKeyVault(componentName, args.stableName, args.keyVault, secret, parent) };
}
