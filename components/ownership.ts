// The options every component that registers an app shares: who owns it, whether it is protected, what it adopts.
import * as pulumi from "@pulumi/pulumi";
import { choiceProblem, objectIdProblem } from "../entra/argRules";
import { adoptedPartsProblems, adoptProblems, Adoption } from "./adoption";
import type { ArgProblems } from "./argProblems";
import { DEPLOYER_OWNERSHIPS, DeployerOwnership } from "../entra/deployerOwnership";

/**
 * Ownership, protection and adoption of an app registration and its service principal: the same for every
 * component that registers an app (ProtectedApi, ConnectorClient, PowerPlatformApiClient).
 */
export interface Ownership {
    /** Object id of the deploying identity, always an owner. Default: the identity running the deployment. */
    readonly deployerObjectId?: pulumi.Input<string>;
    /**
     * How the deployer owns the app: "explicit" (an ApplicationOwner, default) or "automatic" (Entra made it an
     * owner when it created the app: an Application.ReadWrite.OwnedBy deployer, or a user without an admin role).
     */
    readonly deployerOwnership?: string;
    /**
     * Object ids of extra owners (plain values: each owner is a child resource named after its object id, so a
     * value only known at deployment could not name it). Default none.
     */
    readonly owners?: string[];
    /** Protect the app registration and service principal from deletion (production stacks). Default false. */
    readonly protect?: boolean;
    /** Existing app registration, service principal (and consent grant) to adopt instead of creating. Default none. */
    readonly adopt?: Adoption;
}

/** The deprecated top-level spellings of the Ownership options, kept on each Args for one release. */
export interface DeprecatedOwnershipArgs {
    /**
     * Deprecated: use `ownership.deployerObjectId` (same meaning; removed in the next release).
     * @deprecated Use `ownership.deployerObjectId`.
     */
    readonly deployerObjectId?: pulumi.Input<string>;
    /**
     * Deprecated: use `ownership.owners` (same meaning; removed in the next release).
     * @deprecated Use `ownership.owners`.
     */
    readonly owners?: string[];
    /**
     * Deprecated: use `ownership.protect` (same meaning; removed in the next release).
     * @deprecated Use `ownership.protect`.
     */
    readonly protect?: boolean;
    /**
     * Deprecated: use `ownership.deployerOwnership` (same meaning; removed in the next release).
     * @deprecated Use `ownership.deployerOwnership`.
     */
    readonly deployerOwnership?: string;
    /**
     * Deprecated: use `ownership.adopt` (same meaning; removed in the next release).
     * @deprecated Use `ownership.adopt`.
     */
    readonly adopt?: Adoption;
}

/** The resolved options: `ownership`, else the deprecated top-level spelling of each. */
export interface ResolvedOwnership {
    readonly deployerObjectId?: pulumi.Input<string>;
    readonly deployerOwnership?: DeployerOwnership;
    readonly owners?: readonly string[];
    readonly protect?: boolean;
    readonly adopt?: Adoption;
}

const OPTIONS = ["deployerObjectId", "deployerOwnership", "owners", "protect", "adopt"] as const;

/** Merges `args.ownership` with the deprecated top-level options (a component validates first: both set is a problem). */
export function ownershipOf(args: { readonly ownership?: Ownership } & DeprecatedOwnershipArgs): ResolvedOwnership {
    const nested = args.ownership ?? {};
    return Object.fromEntries(
        OPTIONS.map((o) => [o, nested[o] ?? args[o]]).filter(([, v]) => v !== undefined),
    ) as ResolvedOwnership;
}

/**
 * Problems with the ownership options: an option given both in `ownership` and at the top level, an unknown
 * deployerOwnership, and the adoption ids (`consent` says whether the component creates a consent grant).
 */
export function ownershipProblems(
    problems: ArgProblems,
    args: { readonly ownership?: Ownership } & DeprecatedOwnershipArgs,
    consent: "none" | "unused" | "granted",
): void {
    for (const option of OPTIONS) {
        if (args.ownership?.[option] !== undefined && args[option] !== undefined)
            problems.check(option, `is deprecated and also given as ownership.${option}; remove args.${option}`);
    }
    const resolved = ownershipOf(args);
    const at = (option: string) =>
        args.ownership?.[option as (typeof OPTIONS)[number]] !== undefined ? `ownership.${option}` : option;
    if (resolved.deployerOwnership !== undefined)
        problems.check(at("deployerOwnership"), choiceProblem(resolved.deployerOwnership, DEPLOYER_OWNERSHIPS));
    (resolved.owners ?? []).forEach((owner, i) =>
        problems.check(`${at("owners")}[${i}]`, objectIdProblem(owner, "the object id of a user or service principal")),
    );
    adoptProblems(problems, resolved.adopt, consent, at("adopt"));
}

/**
 * The checks an app registration with optional admin consent shares: the consenting user's id, the ownership
 * options, and which parts of an adopted app it may import (`redirectUris` only when it registers redirect URIs).
 */
export function consentingAppProblems(
    problems: ArgProblems,
    args: {
        readonly ownership?: Ownership;
        readonly adminConsent?: boolean;
        readonly adminConsentUserObjectId?: string;
    } & DeprecatedOwnershipArgs,
    registersRedirectUris: boolean,
): void {
    if (args.adminConsentUserObjectId !== undefined)
        problems.check(
            "adminConsentUserObjectId",
            objectIdProblem(args.adminConsentUserObjectId, "the object id of the consenting user"),
        );
    ownershipProblems(
        problems,
        args,
        args.adminConsent || args.adminConsentUserObjectId !== undefined ? "granted" : "unused",
    );
    const adoptAt = args.ownership?.adopt !== undefined ? "ownership.adopt" : "adopt";
    adoptedPartsProblems(problems, ownershipOf(args).adopt, adoptAt, {
        parts: registersRedirectUris ? ["redirectUris", "apiAccess"] : ["apiAccess"],
    });
}
