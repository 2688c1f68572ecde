// DelegatedConsent: admin consent as code, one oAuth2PermissionGrant from a client to a resource's delegated scopes.
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../entra/naming";

export interface DelegatedConsentArgs {
    /** Object id of the client's service principal (the app that acts for users). */
    readonly clientServicePrincipalObjectId: pulumi.Input<string>;
    /** Object id of the resource API's service principal. */
    readonly resourceServicePrincipalObjectId: pulumi.Input<string>;
    /** Delegated scope names (claim values), e.g. ["User.Read"]; at least one. */
    readonly scopes: readonly string[];
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

export class DelegatedConsent extends pulumi.ComponentResource {
    static readonly TYPE = "entra-connectors:index:DelegatedConsent";

    readonly grantId: pulumi.Output<string>;
    readonly consentType: "AllPrincipals" | "Principal";
    readonly scopes: readonly string[];

    constructor(name: string, args: DelegatedConsentArgs, opts?: pulumi.ComponentResourceOptions) {
        super(DelegatedConsent.TYPE, name, {}, opts);
        if (args.scopes.length === 0) {
            throw new pulumi.ResourceError(`${name}: admin consent needs at least one scope`, this);
        }
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
        this.grantId = grant.id;
        this.registerOutputs({ grantId: this.grantId, consentType: this.consentType, scopes: this.scopes });
    }
}
