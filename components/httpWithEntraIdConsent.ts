// HttpWithEntraIdConsent: admin consent for Microsoft's "HTTP with Microsoft Entra ID" connector on one API's scopes.
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../entra/naming";
import { duplicateProblem } from "../entra/argRules";
import { permissionValueProblem } from "../entra/entraRules";
import { HTTP_WITH_ENTRA_ID_APP_ID } from "../entra/wellKnownApis";
import { CLOUD_NAMES, CloudName } from "../entra/clouds";
import { apiReferenceProblems } from "./apiReferenceProblems";
import { ArgProblems } from "./argProblems";
import {
    ApiServicePrincipal,
    connectorTarget,
    connectorTargetProblems,
    ProtectedApiReference,
    wellKnownScopeProblems,
} from "./connectorTarget";
import { Adoption } from "./adoption";
import { consentOptionProblems, consentOptionsOf, DelegatedConsent } from "./consent";

/** Arguments of an HttpWithEntraIdConsent. Name the API with exactly one of `api`, `wellKnownApi` or `apiAppId`. */
export interface HttpWithEntraIdConsentArgs {
    /** The API, when it is a ProtectedApi of this library (pass the component, or its outputs). */
    readonly api?: ProtectedApiReference;
    /** The API, when it is a Microsoft API by name, e.g. "microsoftGraph" or "sharePointOnline" (entra/wellKnownApis.ts WELL_KNOWN_API_NAMES). */
    readonly wellKnownApi?: string;
    /** The API by application (client) id. */
    readonly apiAppId?: string;
    /**
     * The connection's "Microsoft Entra ID Resource URI". Default: the API's identifier URI or well-known URL,
     * else its app id (Entra accepts an app id wherever a resource is expected).
     */
    readonly resourceUrl?: string;
    /**
     * The API's service principal, when the program already has it (with wellKnownApi or apiAppId). Default: read
     * from the tenant by app id.
     */
    readonly apiServicePrincipal?: ApiServicePrincipal;
    /** Delegated scope names to consent to, e.g. ["Calendars.Read"]; at least one. */
    readonly scopes: string[];
    /** Consent for this one user (object id) only (consentType "Principal"). Default: all users of the tenant. */
    readonly adminConsentUserObjectId?: pulumi.Input<string>;
    /**
     * Deprecated: use `adminConsentUserObjectId` (same meaning; removed in the next release).
     * @deprecated Use `adminConsentUserObjectId`.
     */
    readonly userObjectId?: pulumi.Input<string>;
    /** Sovereign cloud: "public", "usgovernment", "usgovernmentdod" or "china". Default "public". */
    readonly cloud?: string;
    /**
     * Object id of the connector app's service principal in the tenant. Default: looked up in the tenant
     * (it is the tenant's, not the stack's), or created when `createConnectorServicePrincipal` is set.
     */
    readonly connectorServicePrincipalObjectId?: pulumi.Input<string>;
    /**
     * The tenant lacks the HTTP with Microsoft Entra ID app's service principal: create it (and never delete it).
     * Default false: look it up. Not `useExisting`, which would reset an admin's settings on the existing one
     * (see ensureServicePrincipal.ts).
     */
    readonly createConnectorServicePrincipal?: boolean;
    /** The existing grant (`consentGrantId`, as `az ad app permission list-grants` prints it) to adopt instead of creating one. Default none. */
    readonly adopt?: Adoption;
    /**
     * Deprecated: use `adopt.consentGrantId` (same meaning; removed in the next release).
     * @deprecated Use `adopt: { consentGrantId }`.
     */
    readonly adoptGrantId?: string;
    /**
     * Leave the grant in the tenant when it leaves the program (tenant-wide consent others may rely on).
     * Default: true for an adopted grant, false otherwise.
     */
    readonly retainOnDelete?: boolean;
}

/** Every problem with HttpWithEntraIdConsent arguments (scopes are checked by the DelegatedConsent rules too). */
export function httpWithEntraIdConsentProblems(name: string, args: HttpWithEntraIdConsentArgs): ArgProblems {
    const problems = new ArgProblems(HttpWithEntraIdConsent.TYPE, name);
    const kinds = {
        wellKnownApi: "text?",
        apiAppId: "text?",
        resourceUrl: "text?",
        scopes: "texts",
        cloud: "text?",
        adoptGrantId: "text?",
    } as const;
    if (problems.shapes(args, kinds)) return problems;
    apiReferenceProblems(problems, args.api, args.scopes);
    connectorTargetProblems(problems, args, { appIdAsResourceUrl: true });
    wellKnownScopeProblems(problems, args, "scopes", args.scopes ?? []);
    if (!CLOUD_NAMES.includes((args.cloud ?? "public") as CloudName))
        problems.check("cloud", `is "${args.cloud}"; allowed: ${CLOUD_NAMES.join(", ")}`);
    if (!args.scopes || args.scopes.length === 0)
        problems.check("scopes", "is empty; name at least one delegated scope, e.g. User.Read");
    // Checked here, not by the DelegatedConsent child: an error should name this component and its argument.
    args.scopes.forEach((s, i) => problems.checkValue(`scopes[${i}]`, s, permissionValueProblem(s)));
    problems.check("scopes", duplicateProblem(args.scopes));
    consentOptionProblems(problems, args);
    if (args.createConnectorServicePrincipal && args.connectorServicePrincipalObjectId !== undefined)
        problems.check(
            "createConnectorServicePrincipal",
            "is set with connectorServicePrincipalObjectId; give one of them",
        );
    return problems;
}

/** What ManagePermissionGrant.ps1 does, as code: one oAuth2PermissionGrant for the HTTP with Microsoft Entra ID app. */
export class HttpWithEntraIdConsent extends pulumi.ComponentResource {
    /** Pulumi type token. */
    static readonly TYPE = "entra-connectors:index:HttpWithEntraIdConsent";

    /** Id of the oAuth2PermissionGrant. */
    readonly grantId: pulumi.Output<string>;
    /** "AllPrincipals" or "Principal". */
    readonly consentType: string;
    /** The granted scopes, sorted. */
    readonly scopes: string[];
    /** "Microsoft Entra ID Resource URI (Application ID URI)" of the connection. */
    readonly resourceUri: pulumi.Output<string>;
    /** "Base Resource URL" of the connection, where the resource URI is an https URL (without the trailing slash). */
    readonly baseResourceUrl: pulumi.Output<string | undefined>;

    constructor(name: string, args: HttpWithEntraIdConsentArgs, opts?: pulumi.ComponentResourceOptions) {
        super(HttpWithEntraIdConsent.TYPE, name, {}, opts);
        httpWithEntraIdConsentProblems(name, args).throwIfAny(this);
        const target = connectorTarget(
            args,
            (args.cloud ?? "public") as CloudName,
            { parent: this },
            { appIdAsResourceUrl: true },
        );
        const clientObjectId =
            args.connectorServicePrincipalObjectId ??
            (args.createConnectorServicePrincipal
                ? // retainOnDelete: the principal is tenant-wide, other connections may rely on it.
                  new azuread.ServicePrincipal(
                      childName(name, "connector-sp"),
                      { clientId: HTTP_WITH_ENTRA_ID_APP_ID },
                      { parent: this, retainOnDelete: true },
                  ).objectId
                : azuread.getServicePrincipalOutput({ clientId: HTTP_WITH_ENTRA_ID_APP_ID }, { parent: this })
                      .objectId);
        const { userObjectId, grantId } = consentOptionsOf(args);
        const consent = new DelegatedConsent(
            childName(name, "consent"),
            {
                clientServicePrincipalObjectId: clientObjectId,
                resourceServicePrincipalObjectId: target.servicePrincipalObjectId,
                scopes: [...args.scopes],
                adminConsentUserObjectId: userObjectId,
                adopt: grantId !== undefined ? { consentGrantId: grantId } : undefined,
                retainOnDelete: args.retainOnDelete,
            },
            { parent: this, dependsOn: [...(target.permissionResources ?? [])] },
            true, // the scopes and consent options were checked with this component's arguments
        );
        this.grantId = consent.grantId;
        this.consentType = consent.consentType;
        this.scopes = consent.scopes;
        this.resourceUri = pulumi.output(target.resourceUrl);
        this.baseResourceUrl = this.resourceUri.apply((uri) =>
            uri.startsWith("https://") ? uri.replace(/\/$/, "") : undefined,
        );
        this.registerOutputs({
            grantId: this.grantId,
            consentType: this.consentType,
            scopes: this.scopes,
            resourceUri: this.resourceUri,
        });
    }
}
