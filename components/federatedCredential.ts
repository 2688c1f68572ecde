// ConnectorFederatedCredential: trust between a connector's managed identity and its client app, no secret anywhere.
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { choiceProblem, guidProblem } from "../entra/argRules";
import { federatedIssuer, federatedSubjectProblem } from "../entra/federatedCredentialRules";
import { childName, federatedCredentialName } from "../entra/naming";
import { CLOUD_NAMES, CLOUDS, CloudName } from "../entra/clouds";
import { ArgProblems } from "./argProblems";

export { federatedIssuer };

/** Arguments of a ConnectorFederatedCredential. */
export interface ConnectorFederatedCredentialArgs {
    /** Resource id of the client app registration (`/applications/{objectId}`). */
    readonly applicationId: pulumi.Input<string>;
    /**
     * Stable key the credential's display name derives from (it forces replacement): keep it when you rename the
     * component. Default: the component's name.
     */
    readonly stableKey?: string;
    /**
     * Deprecated: use `stableKey` (same meaning; removed in the next release).
     * @deprecated Use `stableKey`.
     */
    readonly connectorKey?: string;
    /** The tenant id (GUID); the subject must encode this tenant. */
    readonly tenantId: string;
    /** Sovereign cloud: "public", "usgovernment", "usgovernmentdod" or "china". Default "public". */
    readonly cloud?: string;
    /** The subject the connector shows: /eid1/c/pub/t/{encodedTenantId}/a/{encodedAppId}/{connectorInternalName}. */
    readonly subject: string;
}

/** Federated credential display names: 3-120 letters, digits, '-' and '_', starting with a letter or digit (naming.ts). */
const CREDENTIAL_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{2,119}$/;

/** Every problem with ConnectorFederatedCredential arguments. */
export function federatedCredentialProblems(name: string, args: ConnectorFederatedCredentialArgs): ArgProblems {
    const problems = new ArgProblems(ConnectorFederatedCredential.TYPE, name);
    if (
        problems.shapes(args, {
            stableKey: "text?",
            connectorKey: "text?",
            tenantId: "text",
            cloud: "text?",
            subject: "text",
        })
    )
        return problems;
    const cloud = args.cloud ?? "public";
    problems.check("cloud", choiceProblem(cloud, CLOUD_NAMES));
    problems.check("tenantId", guidProblem(args.tenantId));
    const key = problems.renamed("stableKey", args.stableKey, "connectorKey", args.connectorKey) ?? name;
    if (!CREDENTIAL_NAME.test(federatedCredentialName(key))) {
        problems.check(
            args.stableKey === undefined && args.connectorKey !== undefined ? "connectorKey" : "stableKey",
            `"${key}" does not make a credential name of 3-120 letters, digits, '-' and '_'`,
        );
    }
    if (CLOUD_NAMES.includes(cloud as CloudName) && !guidProblem(args.tenantId)) {
        problems.check(
            "subject",
            federatedSubjectProblem(args.subject, args.tenantId, cloud as CloudName, "args.tenantId"),
        );
    }
    return problems;
}

/**
 * The azuread credential itself, for a subject known now (config) or only once the connector exists (an Output):
 * the name, description, issuer and audience are the same either way, so the credential is never replaced by a
 * connector moving from hand-made to stack-owned.
 */
export function connectorFederatedIdentityCredential(
    name: string,
    connectorKey: string,
    tenantId: string,
    cloud: CloudName,
    applicationId: pulumi.Input<string>,
    subject: pulumi.Input<string>,
    parent: pulumi.Resource,
): azuread.ApplicationFederatedIdentityCredential {
    return new azuread.ApplicationFederatedIdentityCredential(
        name,
        {
            applicationId,
            displayName: federatedCredentialName(connectorKey),
            description: `Power Platform connector ${connectorKey} (managed identity), managed by entra-connectors`,
            issuer: federatedIssuer(cloud, tenantId),
            subject,
            audiences: [CLOUDS[cloud].tokenExchangeAudience],
        },
        { parent },
    );
}

/** A federated identity credential that lets a Power Platform connector's managed identity sign in as the client app. */
export class ConnectorFederatedCredential extends pulumi.ComponentResource {
    /** Pulumi type token. */
    static readonly TYPE = "entra-connectors:index:ConnectorFederatedCredential";

    /** Token issuer: the tenant's v2.0 authority in the cloud. */
    readonly issuer: string;
    /** The connector's managed-identity subject. */
    readonly subject: string;
    /** Token exchange audience of the cloud, e.g. api://AzureADTokenExchange. */
    readonly audience: string;
    /** Id of the credential in Entra. */
    readonly credentialId: pulumi.Output<string>;

    constructor(name: string, args: ConnectorFederatedCredentialArgs, opts?: pulumi.ComponentResourceOptions) {
        super(ConnectorFederatedCredential.TYPE, name, {}, opts);
        federatedCredentialProblems(name, args).throwIfAny(this);
        const cloud = (args.cloud ?? "public") as CloudName;
        const stableKey = args.stableKey ?? args.connectorKey ?? name;
        this.issuer = federatedIssuer(cloud, args.tenantId);
        this.subject = args.subject;
        this.audience = CLOUDS[cloud].tokenExchangeAudience;
        const credential = connectorFederatedIdentityCredential(
            childName(name, "fic"),
            stableKey,
            args.tenantId,
            cloud,
            args.applicationId,
            this.subject,
            this,
        );
        this.credentialId = credential.credentialId;
        this.registerOutputs({ issuer: this.issuer, subject: this.subject, audience: this.audience });
    }
}
