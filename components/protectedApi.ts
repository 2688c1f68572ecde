// ProtectedApi: the app registration of an API a connector calls (identifier URI, scopes, roles, service principal).
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { ApiScopeConfig, AppRoleConfig } from "../config";
import { permissionId } from "../entra/deterministicIds";
import { childName } from "../entra/naming";
import { adoptOptions, AdoptArgs, applicationImportId, servicePrincipalImportId } from "./adoption";
import { addOwners, DeployerOwnership } from "./owners";

export interface ProtectedApiArgs {
    /** Logical key from config (`apis.<key>`); part of every derived scope id, so never change it. */
    readonly apiKey: string;
    /** Display name in Entra, environment suffix included, e.g. "Orders API (dev)". */
    readonly displayName: pulumi.Input<string>;
    /** Application ID URI; default `api://{clientId}`. */
    readonly identifierUri?: string;
    /** Delegated permissions the API exposes (at least one). */
    readonly scopes: readonly ApiScopeConfig[];
    /** App roles; default none. */
    readonly appRoles?: readonly AppRoleConfig[];
    /** Users must be assigned before they get a token (service principal "Assignment required"). Default false. */
    readonly assignmentRequired?: boolean;
    /** Access token version the API accepts: 1 or 2. Default 2. */
    readonly accessTokenVersion?: 1 | 2;
    /** Object id of the deploying identity (always an owner). */
    readonly deployerObjectId: pulumi.Input<string>;
    /** Extra owners' object ids. Default none. */
    readonly owners?: readonly string[];
    /** Protect the app registration and service principal from deletion (production stacks). Default false. */
    readonly protect?: boolean;
    /** How the deployer owns the app: an explicit ApplicationOwner (default) or Entra's own (see owners.ts). */
    readonly deployerOwnership?: DeployerOwnership;
    /** Existing app registration, service principal (and consent grant) to adopt instead of creating. */
    readonly adopt?: AdoptArgs;
}

/** Scope value -> scope id, known before deployment because ids are derived, not generated. */
export function apiScopeIds(apiKey: string, scopes: readonly { value: string }[]): Record<string, string> {
    return Object.fromEntries(scopes.map((s) => [s.value, permissionId(apiKey, "scope", s.value)]));
}

export class ProtectedApi extends pulumi.ComponentResource {
    static readonly TYPE = "entra-connectors:index:ProtectedApi";

    /** Resource id (`/applications/{objectId}`): what every `applicationId` input takes. */
    readonly applicationId: pulumi.Output<string>;
    readonly clientId: pulumi.Output<string>;
    readonly identifierUri: pulumi.Output<string>;
    readonly servicePrincipalObjectId: pulumi.Output<string>;
    /** Scope value -> id. */
    readonly scopeIds: Record<string, string>;
    /** Role value -> id. */
    readonly appRoleIds: Record<string, string>;
    /**
     * The scope and role resources: whatever refers to their ids (API access, pre-authorization) must depend on
     * them, or Entra may be asked to reference a permission that does not exist yet.
     */
    readonly permissions: pulumi.Resource[] = [];

    constructor(name: string, args: ProtectedApiArgs, opts?: pulumi.ComponentResourceOptions) {
        super(ProtectedApi.TYPE, name, {}, opts);
        const parent = { parent: this };

        const app = new azuread.ApplicationRegistration(
            childName(name, "app"),
            {
                displayName: args.displayName,
                signInAudience: "AzureADMyOrg",
                requestedAccessTokenVersion: args.accessTokenVersion ?? 2,
                implicitAccessTokenIssuanceEnabled: false,
                implicitIdTokenIssuanceEnabled: false,
            },
            { parent: this, protect: args.protect, ...adoptOptions(args.adopt && applicationImportId(args.adopt.applicationObjectId)) },
        );
        this.applicationId = app.id;
        this.clientId = app.clientId;

        // A separate resource avoids the api://{clientId} self-reference cycle and pulumi-azuread#1036.
        const identifierUri = args.identifierUri ?? pulumi.interpolate`api://${app.clientId}`;
        const uri = new azuread.ApplicationIdentifierUri(
            childName(name, "identifier-uri"),
            { applicationId: app.id, identifierUri },
            parent,
        );
        this.identifierUri = uri.identifierUri;

        this.scopeIds = apiScopeIds(args.apiKey, args.scopes);
        for (const scope of args.scopes) {
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
                parent,
            );
            this.permissions.push(permission);
        }

        this.appRoleIds = Object.fromEntries(
            (args.appRoles ?? []).map((r) => [r.value, permissionId(args.apiKey, "role", r.value)]),
        );
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
                parent,
            );
            this.permissions.push(permission);
        }

        addOwners(name, app.id, args.deployerObjectId, args.owners ?? [], this, args.deployerOwnership);

        const sp = new azuread.ServicePrincipal(
            childName(name, "sp"),
            { clientId: app.clientId, appRoleAssignmentRequired: args.assignmentRequired ?? false },
            { parent: this, protect: args.protect, ...adoptOptions(args.adopt?.servicePrincipalObjectId && servicePrincipalImportId(args.adopt.servicePrincipalObjectId)) },
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
