// DelegatedConsent: admin consent as code, one oAuth2PermissionGrant from a client to a resource's delegated scopes.
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { grantIdProblem } from "../entra/argRules";
import { permissionValueProblem } from "../entra/entraRules";
import { childName } from "../entra/naming";
import { ArgProblems } from "./argProblems";

/** Arguments of a DelegatedConsent. */
export interface DelegatedConsentArgs {
    /** Object id of the client's service principal (the app that acts for users). */
    readonly clientServicePrincipalObjectId: pulumi.Input<string>;
    /** Object id of the resource API's service principal. */
    readonly resourceServicePrincipalObjectId: pulumi.Input<string>;
    /** Delegated scope names (claim values), e.g. ["User.Read"]; at least one. */
    readonly scopes: string[];
    /**
     * Consent for one user only (consentType "Principal"): that user's object id.
     * Default: consent for all users of the tenant (consentType "AllPrincipals").
     */
    readonly userObjectId?: pulumi.Input<string>;
    /**
     * Id of an existing grant for the same client, resource and consent target (as Graph lists it), to adopt
     * with Pulumi's `import` instead of creating one: Graph keeps one grant per triple and answers a second POST
     * with 409 "Permission entry already exists" (terraform-provider-azuread#690). Adopted grants are retained.
     */
    readonly adoptGrantId?: string;
    /**
     * Leave the grant in the tenant when the stack is destroyed (tenant-wide consent others may rely on).
     * Default: true for an adopted grant, false otherwise.
     */
    readonly retainOnDelete?: boolean;
}

/** The provider's import id of a delegated permission grant (docs/resources/service_principal_delegated_permission_grant.md). */
export function grantImportId(grantId: string): string {
    return `/oauth2PermissionGrants/${grantId}`;
}

/** The grant id inside the provider's resource id (/oauth2PermissionGrants/{id}); a bare id is returned as is. */
export function grantIdOf(resourceId: string): string {
    return resourceId.replace(/^\/oauth2PermissionGrants\//i, "");
}

/**
 * Sorted, de-duplicated claim values: the grant holds a space-separated set, so order must not cause a diff.
 */
export function grantClaimValues(scopes: readonly string[]): string[] {
    return [...new Set(scopes)].sort();
}

/** Who a configured admin consent is for: undefined = nobody, "allUsers", or one user's object id. */
export function consentTarget(adminConsent: boolean | { readonly user: string }): { userObjectId?: string } | undefined {
    if (adminConsent === false) return undefined;
    return adminConsent === true ? {} : { userObjectId: adminConsent.user };
}

/** Every problem with DelegatedConsent arguments. */
export function delegatedConsentProblems(name: string, args: DelegatedConsentArgs): ArgProblems {
    const problems = new ArgProblems(DelegatedConsent.TYPE, name);
    if (!args.scopes || args.scopes.length === 0) problems.check("scopes", "is empty; admin consent needs at least one scope, e.g. User.Read");
    (args.scopes ?? []).forEach((s, i) => problems.checkValue(`scopes[${i}]`, s, permissionValueProblem(s)));
    if (args.adoptGrantId !== undefined) problems.check("adoptGrantId", grantIdProblem(args.adoptGrantId));
    return problems;
}

/** Admin consent: one oAuth2PermissionGrant from a client's service principal to a resource's delegated scopes. */
export class DelegatedConsent extends pulumi.ComponentResource {
    /** Pulumi type token. */
    static readonly TYPE = "entra-connectors:index:DelegatedConsent";

    /** Id of the oAuth2PermissionGrant, without the provider's /oauth2PermissionGrants/ prefix (what adoptGrantId takes). */
    readonly grantId: pulumi.Output<string>;
    /** "AllPrincipals" (every user) or "Principal" (one user). */
    readonly consentType: string;
    /** The granted scopes, sorted and de-duplicated. */
    readonly scopes: string[];

    constructor(name: string, args: DelegatedConsentArgs, opts?: pulumi.ComponentResourceOptions) {
        super(DelegatedConsent.TYPE, name, {}, opts);
        delegatedConsentProblems(name, args).throwIfAny(this);
        this.scopes = grantClaimValues(args.scopes);
        this.consentType = args.userObjectId === undefined ? "AllPrincipals" : "Principal";
        const grant = new azuread.ServicePrincipalDelegatedPermissionGrant(
            childName(name, "grant"),
            {
                servicePrincipalObjectId: args.clientServicePrincipalObjectId,
                resourceServicePrincipalObjectId: args.resourceServicePrincipalObjectId,
                claimValues: [...this.scopes],
                userObjectId: args.userObjectId,
            },
            {
                parent: this,
                // `import` adopts on the first up; later ups find the same id in state and manage it like any
                // other resource (pulumi/pulumi developer-docs/architecture/import.md).
                ...(args.adoptGrantId !== undefined ? { import: grantImportId(args.adoptGrantId) } : {}),
                retainOnDelete: args.retainOnDelete ?? args.adoptGrantId !== undefined,
            },
        );
        // The resource id is /oauth2PermissionGrants/{id}; the output is the bare grant id, as Graph and
        // `az ad app permission list-grants` print it and as adoptGrantId takes it.
        this.grantId = grant.id.apply(grantIdOf);
        this.registerOutputs({ grantId: this.grantId, consentType: this.consentType, scopes: this.scopes });
    }
}
