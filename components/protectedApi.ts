// ProtectedApi: the app registration of an API a connector calls (identifier URI, scopes, roles, service principal).
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { choiceProblem, duplicateProblem, exposedPermissionsProblem, permissionKeyProblem } from "../entra/argRules";
import { permissionId } from "../entra/deterministicIds";
import {
    displayTextProblem,
    identifierUriProblem,
    MAX_PERMISSION_DEFINITIONS_PER_APP,
    permissionValueProblem,
} from "../entra/entraRules";
import { childName } from "../entra/naming";
import { ArgProblems, describeArg } from "./argProblems";
import {
    adoptedPartsProblems,
    adoptPartOptions,
    adoptOptions,
    appRoleImportId,
    identifierUriImportId,
    permissionScopeImportId,
} from "./adoption";
import { appDisplayNameProblem, ownersAndServicePrincipal, singleTenantApp } from "./appRegistration";
import { DeprecatedOwnershipArgs, Ownership, ownershipOf, ownershipProblems } from "./ownership";

/** A delegated permission (OAuth2 scope) the API exposes. */
export interface ApiScope {
    /** Claim value, e.g. `access_as_user`: no spaces, not starting with a dot. */
    readonly value: string;
    /** Title an admin sees when consenting. */
    readonly adminConsentDisplayName: string;
    /** Text an admin sees when consenting. */
    readonly adminConsentDescription: string;
    /** Title a user sees when consenting; with it the scope is user-consentable ("User"), without it "Admin" only. */
    readonly userConsentDisplayName?: string;
    /** Text a user sees when consenting. */
    readonly userConsentDescription?: string;
}

/** An app role the API exposes. */
export interface AppRole {
    /** Role claim value, e.g. `Orders.Read.All`. */
    readonly value: string;
    /** Role name shown in Entra. */
    readonly displayName: string;
    /** What the role allows. */
    readonly description: string;
    /** Who can hold the role: "User" and/or "Application" (at least one). */
    readonly allowedMemberTypes: string[];
}

/** Arguments of a ProtectedApi. */
export interface ProtectedApiArgs extends DeprecatedOwnershipArgs {
    /**
     * Stable key every scope and role id derives from (ids force replacement, so never change it, even when you
     * rename the component). Default: the component's name.
     */
    readonly stableKey?: string;
    /**
     * Deprecated: use `stableKey` (same meaning; removed in the next release).
     * @deprecated Use `stableKey`.
     */
    readonly apiKey?: string;
    /** Display name in Entra, environment suffix included, e.g. "Orders API (dev)"; at most 120 characters (entraRules.ts MAX_DISPLAY_NAME_LENGTH). */
    readonly displayName: pulumi.Input<string>;
    /** Application ID URI: api://... or https://<verified domain>/...; default `api://{clientId}`. */
    readonly identifierUri?: string;
    /**
     * Delegated permissions the API exposes, for connectors that sign users in. Default none; an API exposes at
     * least one scope or app role (an API with app roles only serves daemons).
     */
    readonly scopes?: ApiScope[];
    /** App roles, for daemons calling with application permissions; default none. */
    readonly appRoles?: AppRole[];
    /** Users must be assigned before they get a token (service principal "Assignment required"). Default false. */
    readonly assignmentRequired?: boolean;
    /** Access token version the API accepts: 1 or 2. Default 2. */
    readonly accessTokenVersion?: number;
    /** Owners, protection and adoption of the app registration (an API has no consent grant to adopt). Default: the deployer owns it. */
    readonly ownership?: Ownership;
}

/** Scope value -> scope id, known before deployment because ids are derived, not generated. */
export function apiScopeIds(apiKey: string, scopes: readonly { value: string }[]): Record<string, string> {
    return Object.fromEntries(scopes.map((s) => [s.value, permissionId(apiKey, "scope", s.value)]));
}

const MEMBER_TYPES = ["User", "Application"];

/** The existing ids an adoption gives for declared values (only when the app itself is adopted). */
function adoptedIds(
    ids: Record<string, string> | undefined,
    declared: readonly { value: string }[],
    adoptedObjectId: string | undefined,
): Record<string, string> {
    if (adoptedObjectId === undefined || ids === undefined) return {};
    return Object.fromEntries(declared.filter((d) => ids[d.value] !== undefined).map((d) => [d.value, ids[d.value]!]));
}

/** The key scope and role ids derive from: `stableKey`, its deprecated spelling `apiKey`, else the component's name. */
function stableKeyOf(name: string, args: ProtectedApiArgs): string {
    return args.stableKey ?? args.apiKey ?? name;
}

/** What a scope or an app role entry looks like, for messages about entries that are not one. */
const SCOPE_SHAPE =
    "an object { value, adminConsentDisplayName, adminConsentDescription, userConsentDisplayName?, userConsentDescription? }";
const ROLE_SHAPE = "an object { value, displayName, description, allowedMemberTypes }";

/** Checks one text a person reads (consent texts, role names): the rule config applies to the same keys. */
function checkText(problems: ArgProblems, arg: string, value: unknown, required: boolean, what: string): void {
    problems.text(arg, value, {
        required,
        missing: `Entra shows ${what}; give it`,
        rule: (v) => displayTextProblem(v),
    });
}

/** Every problem with ProtectedApi arguments, as `args.<path> <problem>` lines. */
export function protectedApiProblems(name: string, args: ProtectedApiArgs): ArgProblems {
    const problems = new ArgProblems(ProtectedApi.TYPE, name);
    const key = problems.renamed("stableKey", args.stableKey, "apiKey", args.apiKey);
    if (key !== undefined && key.trim() === "")
        problems.check(
            args.stableKey !== undefined ? "stableKey" : "apiKey",
            "is empty; give the API a stable key, e.g. orders",
        );
    problems.check("displayName", appDisplayNameProblem(args.displayName));
    problems.text("identifierUri", args.identifierUri, {
        required: false,
        plainWhy:
            "it is checked before deployment; pass api://<name> or https://<verified domain>/<path>, or leave it out for api://{clientId}",
        rule: identifierUriProblem,
    });
    const scopes = problems.objects<ApiScope>("scopes", args.scopes, SCOPE_SHAPE);
    const roles = problems.objects<AppRole>("appRoles", args.appRoles, ROLE_SHAPE);
    const listed = (list: unknown) => (Array.isArray(list) ? list.length : 0);
    if (args.scopes === undefined || Array.isArray(args.scopes))
        problems.check("scopes", exposedPermissionsProblem(listed(args.scopes), listed(args.appRoles)));
    const values: string[] = [];
    for (const { entry: s, index: i } of scopes) {
        const value = problems.text(`scopes[${i}].value`, s.value, {
            required: true,
            missing: "give the scope's claim value, e.g. access_as_user",
            rule: (v) => permissionValueProblem(v) ?? permissionKeyProblem(v),
        });
        if (value !== undefined) values.push(value);
        checkText(
            problems,
            `scopes[${i}].adminConsentDisplayName`,
            s.adminConsentDisplayName,
            true,
            "this title to admins on the consent screen",
        );
        checkText(
            problems,
            `scopes[${i}].adminConsentDescription`,
            s.adminConsentDescription,
            true,
            "this text to admins on the consent screen",
        );
        checkText(
            problems,
            `scopes[${i}].userConsentDisplayName`,
            s.userConsentDisplayName,
            false,
            "this title to users",
        );
        checkText(
            problems,
            `scopes[${i}].userConsentDescription`,
            s.userConsentDescription,
            false,
            "this text to users",
        );
    }
    for (const { entry: r, index: i } of roles) {
        const value = problems.text(`appRoles[${i}].value`, r.value, {
            required: true,
            missing: "give the role's claim value, e.g. Orders.Read.All",
            rule: (v) => permissionValueProblem(v) ?? permissionKeyProblem(v),
        });
        if (value !== undefined) values.push(value);
        checkText(
            problems,
            `appRoles[${i}].displayName`,
            r.displayName,
            true,
            "the role's name to admins assigning it",
        );
        checkText(
            problems,
            `appRoles[${i}].description`,
            r.description,
            true,
            "the role's description to admins assigning it",
        );
        if (!Array.isArray(r.allowedMemberTypes) || r.allowedMemberTypes.length === 0)
            problems.check(
                `appRoles[${i}].allowedMemberTypes`,
                `is ${r.allowedMemberTypes === undefined ? "missing" : Array.isArray(r.allowedMemberTypes) ? "empty" : describeArg(r.allowedMemberTypes)}; give a list of User and/or Application`,
            );
        else
            r.allowedMemberTypes.forEach((t, j) =>
                problems.check(
                    `appRoles[${i}].allowedMemberTypes[${j}]`,
                    typeof t === "string"
                        ? choiceProblem(t, MEMBER_TYPES)
                        : `is ${describeArg(t)}; allowed: User, Application`,
                ),
            );
    }
    const definitions = listed(args.scopes) + listed(args.appRoles);
    if (definitions > MAX_PERMISSION_DEFINITIONS_PER_APP)
        problems.check(
            "scopes",
            `and appRoles define ${definitions} permissions; Entra allows at most ${MAX_PERMISSION_DEFINITIONS_PER_APP} per application`,
        );
    const twice = duplicateProblem(values);
    if (twice)
        problems.check("scopes", `and appRoles together ${twice}: scope and role values must be unique within an API`);
    if (args.accessTokenVersion !== undefined && args.accessTokenVersion !== 1 && args.accessTokenVersion !== 2) {
        problems.check("accessTokenVersion", `is ${args.accessTokenVersion}; allowed: 1, 2`);
    }
    ownershipProblems(problems, args, "none");
    const adopt = ownershipOf(args).adopt;
    const adoptAt = args.ownership?.adopt !== undefined ? "ownership.adopt" : "adopt";
    adoptedPartsProblems(problems, adopt, adoptAt, {
        parts: ["identifierUri"],
        scopes: scopes.map(({ entry }) => entry.value),
        roles: roles.map(({ entry }) => entry.value),
    });
    if (adopt?.existingParts?.includes("identifierUri") && args.identifierUri === undefined) {
        problems.check(
            "identifierUri",
            `is unset, but ${adoptAt}.existingParts names identifierUri: its import id contains the URI, which the default api://{clientId} only knows at deployment; set it to the adopted app's Application ID URI (e.g. api://<its client id>)`,
        );
    }
    return problems;
}

/** Resources a reference to an API's scope or role ids must wait for (kept off the class: outputs are schema). */
const permissionResources = new WeakMap<ProtectedApi, pulumi.Resource[]>();

/** Component names, for messages that name the API a connector calls (kept off the class: outputs are schema). */
const names = new WeakMap<ProtectedApi, string>();

/** The name a ProtectedApi was created with. */
export function protectedApiName(api: ProtectedApi): string {
    return names.get(api) ?? "";
}

/** The scope and role resources of a ProtectedApi: whatever refers to their ids must depend on them. */
export function permissionResourcesOf(api: ProtectedApi): pulumi.Resource[] {
    return permissionResources.get(api) ?? [];
}

/** An API's app registration with its identifier URI, delegated scopes, app roles, owners and service principal. */
export class ProtectedApi extends pulumi.ComponentResource {
    /** Pulumi type token. */
    static readonly TYPE = "entra-connectors:index:ProtectedApi";

    /** Resource id (`/applications/{objectId}`): what every `applicationId` input takes. */
    readonly applicationId: pulumi.Output<string>;
    /** Application (client) id of the API. */
    readonly clientId: pulumi.Output<string>;
    /** Application ID URI: the connector's Resource URL for this API. */
    readonly identifierUri: pulumi.Output<string>;
    /** Object id of the API's service principal (Enterprise application). */
    readonly servicePrincipalObjectId: pulumi.Output<string>;
    /** Scope value -> scope id (derived from stableKey, known before deployment). */
    readonly scopeIds: Record<string, string>;
    /** Role value -> role id (derived from stableKey). */
    readonly appRoleIds: Record<string, string>;
    /**
     * Scope value -> scope id, known once every scope exists: what a connector in another language passes on,
     * so that its API access waits for the scopes (the values equal `scopeIds`).
     */
    readonly delegatedScopeIds: pulumi.Output<Record<string, string>>;

    constructor(name: string, args: ProtectedApiArgs, opts?: pulumi.ComponentResourceOptions) {
        super(ProtectedApi.TYPE, name, {}, opts);
        protectedApiProblems(name, args).throwIfAny(this);
        const parent = { parent: this };
        const permissions: pulumi.Resource[] = [];
        permissionResources.set(this, permissions);
        names.set(this, name);
        const ownership = ownershipOf(args);
        const stableKey = stableKeyOf(name, args);

        const app = singleTenantApp(
            name,
            {
                displayName: args.displayName,
                requestedAccessTokenVersion: args.accessTokenVersion ?? 2,
                protect: ownership.protect,
                adopt: ownership.adopt,
            },
            this,
        );
        this.applicationId = app.id;
        this.clientId = app.clientId;

        // A separate resource avoids the api://{clientId} self-reference cycle and pulumi-azuread#1036.
        const identifierUri = args.identifierUri ?? pulumi.interpolate`api://${app.clientId}`;
        const adopt = ownership.adopt;
        const uri = new azuread.ApplicationIdentifierUri(
            childName(name, "identifier-uri"),
            { applicationId: app.id, identifierUri },
            {
                ...parent,
                ...adoptPartOptions(adopt, "identifierUri", (objectId) =>
                    identifierUriImportId(objectId, args.identifierUri ?? ""),
                ),
            },
        );
        this.identifierUri = uri.identifierUri;

        // An adopted API's existing scopes and roles keep their ids and are imported (adopt.scopeIds, adopt.appRoleIds).
        const adoptedObjectId = adopt?.applicationObjectId;
        const existing = (ids: Record<string, string> | undefined, value: string) =>
            adoptedObjectId !== undefined ? ids?.[value] : undefined;
        this.scopeIds = {
            ...apiScopeIds(stableKey, args.scopes ?? []),
            ...adoptedIds(adopt?.scopeIds, args.scopes ?? [], adoptedObjectId),
        };
        for (const scope of args.scopes ?? []) {
            const permission = new azuread.ApplicationPermissionScope(
                childName(name, "scope", scope.value),
                {
                    applicationId: app.id,
                    scopeId: this.scopeIds[scope.value],
                    value: scope.value,
                    adminConsentDisplayName: scope.adminConsentDisplayName,
                    adminConsentDescription: scope.adminConsentDescription,
                    // "User" lets users consent for themselves; only offered when user-consent texts exist.
                    type: scope.userConsentDisplayName ? "User" : "Admin",
                    userConsentDisplayName: scope.userConsentDisplayName,
                    userConsentDescription: scope.userConsentDescription,
                },
                {
                    ...parent,
                    ...adoptOptions(
                        existing(adopt?.scopeIds, scope.value) !== undefined
                            ? permissionScopeImportId(adoptedObjectId!, this.scopeIds[scope.value])
                            : undefined,
                    ),
                },
            );
            permissions.push(permission);
        }

        const scopeIds = this.scopeIds;
        this.delegatedScopeIds = pulumi
            .all(permissions.map((p) => (p as azuread.ApplicationPermissionScope).scopeId))
            .apply(() => scopeIds);

        this.appRoleIds = {
            ...Object.fromEntries(
                (args.appRoles ?? []).map((r) => [r.value, permissionId(stableKey, "role", r.value)]),
            ),
            ...adoptedIds(adopt?.appRoleIds, args.appRoles ?? [], adoptedObjectId),
        };
        for (const role of args.appRoles ?? []) {
            const permission = new azuread.ApplicationAppRole(
                childName(name, "role", role.value),
                {
                    applicationId: app.id,
                    roleId: this.appRoleIds[role.value],
                    value: role.value,
                    displayName: role.displayName,
                    description: role.description,
                    allowedMemberTypes: [...role.allowedMemberTypes],
                },
                {
                    ...parent,
                    ...adoptOptions(
                        existing(adopt?.appRoleIds, role.value) !== undefined
                            ? appRoleImportId(adoptedObjectId!, this.appRoleIds[role.value])
                            : undefined,
                    ),
                },
            );
            permissions.push(permission);
        }

        const sp = ownersAndServicePrincipal(
            name,
            app,
            {
                ...ownership,
                deployerObjectId: ownership.deployerObjectId ?? azuread.getClientConfigOutput(parent).objectId,
                appRoleAssignmentRequired: args.assignmentRequired ?? false,
            },
            this,
        );
        this.servicePrincipalObjectId = sp.objectId;

        this.registerOutputs({
            applicationId: this.applicationId,
            clientId: this.clientId,
            identifierUri: this.identifierUri,
            servicePrincipalObjectId: this.servicePrincipalObjectId,
            scopeIds: this.scopeIds,
        });
    }
}
