// ConnectorFederatedCredential: trust between a connector's managed identity and its client app, no secret anywhere.
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { federatedSubjectProblem } from "../config";
import { childName, federatedCredentialName } from "../entra/naming";
import { CLOUDS, CloudName } from "../entra/wellKnownApis";

export interface ConnectorFederatedCredentialArgs {
    /** Resource id of the client app registration (`/applications/{objectId}`). */
    readonly applicationId: pulumi.Input<string>;
    /** Logical connector key; names the credential (its display name forces replacement, so it stays put). */
    readonly connectorKey: string;
    /** The stack's tenant; the subject must encode this tenant. */
    readonly tenantId: string;
    readonly cloud: CloudName;
    /** The subject the connector shows: /eid1/c/pub/t/{encodedTenantId}/a/{encodedAppId}/{connectorInternalName}. */
    readonly subject: string;
}

/** Issuer of Power Platform managed-identity tokens: the tenant's v2.0 authority in the stack's cloud. */
export function federatedIssuer(cloud: CloudName, tenantId: string): string {
    return `${CLOUDS[cloud].federatedIssuerHost}/${tenantId}/v2.0`;
}

export class ConnectorFederatedCredential extends pulumi.ComponentResource {
    static readonly TYPE = "entra-connectors:index:ConnectorFederatedCredential";

    readonly issuer: string;
    readonly subject: string;
    readonly audience: string;
    readonly credentialId: pulumi.Output<string>;

    constructor(name: string, args: ConnectorFederatedCredentialArgs, opts?: pulumi.ComponentResourceOptions) {
        super(ConnectorFederatedCredential.TYPE, name, {}, opts);
        const problem = federatedSubjectProblem(args.subject, args.tenantId, args.cloud);
        if (problem) {
            throw new pulumi.ResourceError(`${name}: federated subject ${problem}`, this);
        }
        this.issuer = federatedIssuer(args.cloud, args.tenantId);
        this.subject = args.subject;
        this.audience = CLOUDS[args.cloud].tokenExchangeAudience;
        const credential = new azuread.ApplicationFederatedIdentityCredential(
            childName(name, "fic"),
            {
                applicationId: args.applicationId,
                displayName: federatedCredentialName(args.connectorKey),
                description: `Power Platform connector ${args.connectorKey} (managed identity), managed by entra-connectors`,
                issuer: this.issuer,
                subject: this.subject,
                audiences: [this.audience],
            },
            { parent: this },
        );
        this.credentialId = credential.credentialId;
        this.registerOutputs({ issuer: this.issuer, subject: this.subject, audience: this.audience });
    }
}
