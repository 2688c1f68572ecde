// DelegatedConsent: admin consent as code, one oAuth2PermissionGrant from a client to a resource's delegated scopes.
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
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
    return problems;
}

/** Admin consent: one oAuth2PermissionGrant from a client's service principal to a resource's delegated scopes. */
export class DelegatedConsent extends pulumi.ComponentResource {
    /** Pulumi type token. */
    static readonly TYPE = "entra-connectors:index:DelegatedConsent";

    /** Id of the oAuth2PermissionGrant. */
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
            { parent: this },
        );
        this.grantId = grant.id;
        this.registerOutputs({ grantId: this.grantId, consentType: this.consentType, scopes: this.scopes });
    }
}
