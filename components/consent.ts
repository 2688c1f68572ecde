// DelegatedConsent: admin consent as code, one oAuth2PermissionGrant from a client to a resource's delegated scopes.
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { grantIdProblem, objectIdProblem } from "../entra/argRules";
import { permissionValueProblem } from "../entra/entraRules";
import { childName } from "../entra/naming";
import { adoptProblems, Adoption } from "./adoption";
import { ArgProblems, plainString } from "./argProblems";

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
    readonly adminConsentUserObjectId?: pulumi.Input<string>;
    /**
     * Deprecated: use `adminConsentUserObjectId` (same meaning; removed in the next release).
     * @deprecated Use `adminConsentUserObjectId`.
     */
    readonly userObjectId?: pulumi.Input<string>;
    /**
     * An existing grant for the same client, resource and consent target (`consentGrantId`, as Graph lists it),
     * to adopt with Pulumi's `import` instead of creating one: Graph keeps one grant per triple and answers a
     * second POST with 409 "Permission entry already exists" (terraform-provider-azuread#690). Adopted grants
     * are retained. Default none.
     */
    readonly adopt?: Adoption;
    /**
     * Deprecated: use `adopt.consentGrantId` (same meaning; removed in the next release).
     * @deprecated Use `adopt: { consentGrantId }`.
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
export function consentTarget(
    adminConsent: boolean | { readonly user: string },
): { userObjectId?: string } | undefined {
    if (adminConsent === false) return undefined;
    return adminConsent === true ? {} : { userObjectId: adminConsent.user };
}

/**
 * Every problem with DelegatedConsent arguments. `scopesChecked`: the scope names were already checked on their way
 * here (by the parent component, or the stack config), so each name's form is checked once, not at every layer.
 */
export function delegatedConsentProblems(name: string, args: DelegatedConsentArgs, scopesChecked = false): ArgProblems {
    const problems = new ArgProblems(DelegatedConsent.TYPE, name);
    if (problems.shapes(args, { scopes: "texts", adoptGrantId: "text?" })) return problems;
    if (!args.scopes || args.scopes.length === 0)
        problems.check("scopes", "is empty; admin consent needs at least one scope, e.g. User.Read");
    if (!scopesChecked)
        (args.scopes ?? []).forEach((s, i) => problems.checkValue(`scopes[${i}]`, s, permissionValueProblem(s)));
    consentOptionProblems(problems, args);
    return problems;
}

/** The consent target and adopted grant of a consent component, each from its name or its deprecated spelling. */
export interface ConsentOptions {
    readonly adminConsentUserObjectId?: pulumi.Input<string>;
    readonly userObjectId?: pulumi.Input<string>;
    readonly adopt?: Adoption;
    readonly adoptGrantId?: string;
}

/** Problems with the consent target and the adopted grant (shared by DelegatedConsent and HttpWithEntraIdConsent). */
export function consentOptionProblems(problems: ArgProblems, args: ConsentOptions): void {
    const user = problems.renamed(
        "adminConsentUserObjectId",
        args.adminConsentUserObjectId,
        "userObjectId",
        args.userObjectId,
    );
    const userArg = args.adminConsentUserObjectId !== undefined ? "adminConsentUserObjectId" : "userObjectId";
    if (plainString(user) !== undefined)
        problems.check(userArg, objectIdProblem(plainString(user)!, "the object id of the consenting user"));
    const grantId = problems.renamed(
        "adopt.consentGrantId",
        args.adopt?.consentGrantId,
        "adoptGrantId",
        args.adoptGrantId,
    );
    if (args.adopt !== undefined) adoptProblems(problems, args.adopt, "granted", "adopt", false);
    else if (grantId !== undefined) problems.check("adoptGrantId", grantIdProblem(grantId));
}

/** The resolved consent options (validated first). */
export function consentOptionsOf(args: ConsentOptions): { userObjectId?: pulumi.Input<string>; grantId?: string } {
    return {
        userObjectId: args.adminConsentUserObjectId ?? args.userObjectId,
        grantId: args.adopt?.consentGrantId ?? args.adoptGrantId,
    };
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

    /**
     * @param scopesChecked Set by this library's components (and the stack) whose own checks already covered the scope
     *   names; a direct user leaves it unset and gets every check.
     */
    constructor(
        name: string,
        args: DelegatedConsentArgs,
        opts?: pulumi.ComponentResourceOptions,
        scopesChecked?: boolean,
    ) {
        super(DelegatedConsent.TYPE, name, {}, opts);
        delegatedConsentProblems(name, args, scopesChecked).throwIfAny(this);
        this.scopes = grantClaimValues(args.scopes);
        const { userObjectId, grantId } = consentOptionsOf(args);
        this.consentType = userObjectId === undefined ? "AllPrincipals" : "Principal";
        const grant = new azuread.ServicePrincipalDelegatedPermissionGrant(
            childName(name, "grant"),
            {
                servicePrincipalObjectId: args.clientServicePrincipalObjectId,
                resourceServicePrincipalObjectId: args.resourceServicePrincipalObjectId,
                claimValues: [...this.scopes],
                userObjectId,
            },
            {
                parent: this,
                // `import` adopts on the first up; later ups find the same id in state and manage it like any
                // other resource (pulumi/pulumi developer-docs/architecture/import.md).
                ...(grantId !== undefined ? { import: grantImportId(grantId) } : {}),
                retainOnDelete: args.retainOnDelete ?? grantId !== undefined,
            },
        );
        // The resource id is /oauth2PermissionGrants/{id}; the output is the bare grant id, as Graph and
        // `az ad app permission list-grants` print it and as adoptGrantId takes it.
        this.grantId = grant.id.apply(grantIdOf);
        this.registerOutputs({ grantId: this.grantId, consentType: this.consentType, scopes: this.scopes });
    }
}
