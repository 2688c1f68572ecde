// A client secret in two password slots renewed alternately, so a rotation never breaks the secret in use.
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import * as time from "@pulumiverse/time";
import { daysProblem } from "../entra/argRules";
import { childName } from "../entra/naming";
import {
    DEFAULT_SECRET_LIFETIME_DAYS,
    defaultRotationDays,
    rotationDaysProblem,
    RotationState,
    SlotName,
} from "../entra/secretRotation";
import { ArgProblems } from "./argProblems";
import type { KeyVaultSecretReference, KeyVaultTarget } from "./keyVaultDelivery";
import { withAzureNative } from "./optionalPeer";
import { answeredObject } from "./providerAnswers";
import { dynamicProviderProblem, SecretSlots } from "./secretSlots";

/** Where one slot stands: no secret value, so it can be a plain output. */
export interface SlotReport {
    /** Key id of the slot's password. */
    readonly keyId: string;
    /** End date (RFC 3339) of the slot's password. */
    readonly endDate: string;
}

/** Both password slots and which one is newest. */
export interface SecretSlotsReport {
    /** Slot a. */
    readonly a: SlotReport;
    /** Slot b. */
    readonly b: SlotReport;
    /** The slot `clientSecret` comes from: "a" or "b". */
    readonly newest: string;
}

/** The newest secret of a two-slot client secret, as outputs. */
export interface ClientSecretValue {
    /** The newest slot's secret text, always a Pulumi secret. */
    readonly value: pulumi.Output<string>;
    /** Key id of the newest password. */
    readonly keyId: pulumi.Output<string>;
    /** End date (RFC 3339) of the newest password. */
    readonly endDate: pulumi.Output<string>;
    /** Key id and end date of both slots, and which one is newest. */
    readonly slots: pulumi.Output<SecretSlotsReport>;
    /** With a Key Vault target: where the newest secret is kept. */
    readonly keyVaultSecret?: KeyVaultSecretReference;
}

/** Options of createClientSecret (the function components share). */
export interface ClientSecretOptions {
    /** Resource id (`/applications/{objectId}`) of the app that gets the passwords. */
    readonly applicationId: pulumi.Input<string>;
    /** Default DEFAULT_SECRET_LIFETIME_DAYS (180). */
    readonly lifetimeDays?: number;
    /** Days between renewals; at most half the lifetime; default half the lifetime. */
    readonly rotationDays?: number;
    /** Password display name prefix; the slot letter is appended. */
    readonly description: string;
    /** Also write the newest secret to this Key Vault. */
    readonly keyVault?: KeyVaultTarget;
    /** The component's name before any rename: the Key Vault secret's name derives from it. */
    readonly stableName: string;
}

/** Problems with a secret lifetime and rotation period, under the argument names a component uses. */
export function secretLifetimeProblems(
    problems: ArgProblems,
    lifetimeArg: string,
    rotationArg: string,
    lifetimeDays?: number,
    rotationDays?: number,
): void {
    if (lifetimeDays !== undefined) problems.check(lifetimeArg, daysProblem(lifetimeDays));
    if (rotationDays !== undefined) {
        problems.check(
            rotationArg,
            daysProblem(rotationDays) ??
                rotationDaysProblem(lifetimeDays ?? DEFAULT_SECRET_LIFETIME_DAYS, rotationDays),
        );
    }
}

/**
 * Problems with the client-secret arguments of a component that chose a client secret through `choiceArg`
 * (`authentication`, `credential`): the lifetime and rotation period, and the Node.js program its rotation state needs.
 */
export function chosenClientSecretProblems(
    problems: ArgProblems,
    choiceArg: string,
    args: { readonly secretLifetimeDays?: number; readonly secretRotationDays?: number },
): void {
    secretLifetimeProblems(
        problems,
        "secretLifetimeDays",
        "secretRotationDays",
        args.secretLifetimeDays,
        args.secretRotationDays,
    );
    const dynamic = dynamicProviderProblem();
    problems.check(choiceArg, dynamic && `is "clientSecret": ${dynamic}`);
}

/**
 * A time.Rotating sets the period: `pulumi up --refresh` re-creates it once `rotationDays` have passed, which
 * gives SecretSlots a new epoch, and SecretSlots renews only the older slot. Every password input forces
 * replacement (endDate, rotateWhenChanged), so they come from the slot state and change only on renewal:
 * re-running `pulumi up`, or changing the lifetime, never replaces a live password.
 */
export function createClientSecret(
    componentName: string,
    args: ClientSecretOptions,
    parent: pulumi.Resource,
): ClientSecretValue {
    const lifetimeDays = args.lifetimeDays ?? DEFAULT_SECRET_LIFETIME_DAYS;
    const rotationDays = args.rotationDays ?? defaultRotationDays(lifetimeDays);
    const rotation = new time.Rotating(childName(componentName, "secret-rotation"), { rotationDays }, { parent });
    const schedule = new SecretSlots(
        childName(componentName, "secret-slots"),
        { epoch: rotation.rfc3339, lifetimeDays },
        { parent },
    );
    // The engine answers SecretSlots with the state its provider computed; mocks may not.
    const slotsState = schedule.state.apply((s) =>
        answeredObject<RotationState>(
            s,
            ["a", "b", "newest"],
            `SecretSlots "${childName(componentName, "secret-slots")}" (rotation state, output "state")`,
            parent,
        ),
    );
    const password = (slot: SlotName) => {
        const state = slotsState.apply((s) => s[slot]);
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
    const newest = slotsState.newest;
    const pick = <T>(fromA: pulumi.Output<T>, fromB: pulumi.Output<T>) =>
        pulumi.all([newest, fromA, fromB]).apply(([n, x, y]) => (n === "a" ? x : y));
    const secret = {
        value: pulumi.secret(pick(a.value, b.value)),
        keyId: pick(a.keyId, b.keyId),
        endDate: pick(a.endDate, b.endDate),
        slots: pulumi.all([newest, a.keyId, a.endDate, b.keyId, b.endDate]).apply(([n, aKey, aEnd, bKey, bEnd]) => ({
            a: { keyId: aKey, endDate: aEnd },
            b: { keyId: bKey, endDate: bEnd },
            newest: n as string,
        })),
    };
    if (!args.keyVault) return secret;
    // Loaded only when used: azure-native is large, and most users never deliver to Key Vault.
    const { deliverToKeyVault } = withAzureNative(
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        () => require("./keyVaultDelivery") as typeof import("./keyVaultDelivery"),
        `component "${componentName}": args.keyVault`,
        parent,
    );
    return {
        ...secret,
        keyVaultSecret: deliverToKeyVault(componentName, args.stableName, args.keyVault, secret, parent),
    };
}

/** Arguments of a ClientSecret. */
export interface ClientSecretArgs {
    /** Resource id (`/applications/{objectId}`) of the app registration that gets the passwords. */
    readonly applicationId: pulumi.Input<string>;
    /** Lifetime of each password in whole days, 1-730. Default 180. */
    readonly secretLifetimeDays?: number;
    /** Days between renewals of the older slot; at most half the lifetime. Default half the lifetime. */
    readonly secretRotationDays?: number;
    /**
     * Deprecated: use `secretLifetimeDays` (same meaning; removed in the next release).
     * @deprecated Use `secretLifetimeDays`.
     */
    readonly lifetimeDays?: number;
    /**
     * Deprecated: use `secretRotationDays` (same meaning; removed in the next release).
     * @deprecated Use `secretRotationDays`.
     */
    readonly rotationDays?: number;
    /** Prefix of the passwords' display names (the slot letter is appended). Default `entra-connectors: <name>`. */
    readonly description?: string;
    /** Also write the newest secret to this Key Vault (azure-native, loaded only then). Default none. */
    readonly keyVault?: KeyVaultTarget;
}

/** Every problem with ClientSecret arguments. */
export function clientSecretProblems(name: string, args: ClientSecretArgs): ArgProblems {
    const problems = new ArgProblems(ClientSecret.TYPE, name);
    const lifetime = problems.renamed("secretLifetimeDays", args.secretLifetimeDays, "lifetimeDays", args.lifetimeDays);
    const rotation = problems.renamed("secretRotationDays", args.secretRotationDays, "rotationDays", args.rotationDays);
    secretLifetimeProblems(
        problems,
        args.lifetimeDays !== undefined && args.secretLifetimeDays === undefined
            ? "lifetimeDays"
            : "secretLifetimeDays",
        args.rotationDays !== undefined && args.secretRotationDays === undefined
            ? "rotationDays"
            : "secretRotationDays",
        lifetime,
        rotation,
    );
    problems.checkComponent(dynamicProviderProblem());
    return problems;
}

/**
 * A client secret for any app registration, in two password slots renewed alternately. TypeScript and JavaScript
 * programs only: the rotation state is a Node.js dynamic resource, which a Python, Go, .NET or YAML program cannot
 * start (pulumi/pulumi#5455), so there the component refuses before it creates anything.
 */
export class ClientSecret extends pulumi.ComponentResource {
    /** Pulumi type token. */
    static readonly TYPE = "entra-connectors:index:ClientSecret";

    /** The newest password's secret text; always a Pulumi secret. */
    readonly clientSecret: pulumi.Output<string>;
    /** Key id of the newest password. */
    readonly secretKeyId: pulumi.Output<string>;
    /** End date (RFC 3339) of the newest password. */
    readonly secretEndDate: pulumi.Output<string>;
    /** Key id and end date of both slots, and which one is newest. */
    readonly secretSlots: pulumi.Output<SecretSlotsReport>;
    /** With keyVault: where the newest secret is kept. */
    readonly keyVaultSecret?: KeyVaultSecretReference;

    constructor(name: string, args: ClientSecretArgs, opts?: pulumi.ComponentResourceOptions) {
        super(ClientSecret.TYPE, name, {}, opts);
        clientSecretProblems(name, args).throwIfAny(this);
        const secret = createClientSecret(
            name,
            {
                applicationId: args.applicationId,
                lifetimeDays: args.secretLifetimeDays ?? args.lifetimeDays,
                rotationDays: args.secretRotationDays ?? args.rotationDays,
                description: args.description ?? `entra-connectors: ${name}`,
                keyVault: args.keyVault,
                stableName: name,
            },
            this,
        );
        this.clientSecret = secret.value;
        this.secretKeyId = secret.keyId;
        this.secretEndDate = secret.endDate;
        this.secretSlots = secret.slots;
        this.keyVaultSecret = secret.keyVaultSecret;
        this.registerOutputs({
            clientSecret: this.clientSecret,
            secretEndDate: this.secretEndDate,
            secretSlots: this.secretSlots,
        });
    }
}
