// ConnectorClient: the connector's app registration, API access, service principal, credential and consent.
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { createClientSecret, SecretSlotsReport } from "./clientSecret";
import { ConnectorAuthentication } from "../config";
import { consentTarget, DelegatedConsent } from "./consent";
import { ConnectorFederatedCredential } from "./federatedCredential";
import { childName, connectorComponentName } from "../entra/naming";
import { KeyVaultSecretReference, KeyVaultTarget } from "./keyVaultDelivery";
import { adoptOptions, AdoptArgs, applicationImportId, servicePrincipalImportId } from "./adoption";
import { addOwners, DeployerOwnership } from "./owners";
import { didYouMean } from "../entra/suggest";
import { CloudName } from "../entra/wellKnownApis";

/** The API a connector calls, resolved to ids (see resourceResolver.ts). */
export interface ConnectorResource {
    /** Human name for messages, e.g. "Microsoft Graph" or "api orders". */
    readonly label: string;
    /** Client id of the resource API's application. */
    readonly appId: pulumi.Input<string>;
    /** The connector's "Resource URL". */
    readonly resourceUrl: pulumi.Input<string>;
    /** Delegated scope name -> id of the resource. */
    readonly scopeIds: pulumi.Input<Record<string, string>>;
    readonly servicePrincipalObjectId: pulumi.Input<string>;
    /** Set for this project's own APIs: the client is pre-authorized there so users see no consent prompt. */
    readonly preAuthorizeOn?: { readonly applicationId: pulumi.Input<string> };
    /** Resources that create the scopes (own APIs): references to scope ids wait for them. */
    readonly permissionResources?: readonly pulumi.Resource[];
}

export interface ConnectorClientArgs {
    /** Logical key from config (`connectors.<key>`). */
    readonly connectorKey: string;
    /** Display name in Entra, environment suffix included. */
    readonly displayName: pulumi.Input<string>;
    readonly tenantId: string;
    readonly cloud: CloudName;
    readonly resource: ConnectorResource;
    /** Delegated permission names on the resource; at least one. */
    readonly scopes: readonly string[];
    /** Config key of `scopes` for deploy-time errors (e.g. `entra-connectors:connectors.orders.scopes`); default `<name>.scopes`. */
    readonly scopesConfigKey?: string;
    /** clientSecret (an ApplicationPassword) or managedIdentity (a federated credential, no secret). */
    readonly authentication: ConnectorAuthentication;
    /** clientSecret only: lifetime of each password in days (1-730). */
    readonly secretLifetimeDays?: number;
    /** clientSecret only: days between renewals of the older slot; default half the lifetime. */
    readonly secretRotationDays?: number;
    /** clientSecret only: also write the newest secret to this Key Vault. */
    readonly keyVault?: KeyVaultTarget;
    /** managedIdentity only: the subject the connector shows; absent on the first pass. */
    readonly federatedSubject?: string;
    /** Web redirect URIs (the connector's consent redirect). */
    readonly redirectUrls: readonly string[];
    /** Admin consent for `scopes`: true (all users), { user } (one user) or false (default: users consent). */
    readonly adminConsent?: boolean | { readonly user: string };
    /**
     * Let Entra issue access tokens from the authorization endpoint (implicit flow). Default false, and no
     * connector needs it: connectors use the authorization code flow (`flow: accessCode`), and this setting only
     * enables the implicit flow (https://learn.microsoft.com/graph/api/resources/implicitgrantsettings). The
     * policy rule implicit-grant-minimal flags it.
     */
    readonly accessTokenIssuance?: boolean;
    readonly deployerObjectId: pulumi.Input<string>;
    readonly owners?: readonly string[];
    /** Protect the app registration and service principal from deletion (production stacks). Default false. */
    readonly protect?: boolean;
    /** How the deployer owns the app: an explicit ApplicationOwner (default) or Entra's own (see owners.ts). */
    readonly deployerOwnership?: DeployerOwnership;
    /** Existing app registration, service principal (and consent grant) to adopt instead of creating. */
    readonly adopt?: AdoptArgs;
}

/**
 * Looks up each scope's id in the resource's service principal (`oauth2PermissionScopeIds`), failing with the
 * config key, the scope and the resource named instead of sending an empty id. Inside a component (`where`),
 * a pulumi.ResourceError against it, so `pulumi up` reports it on the component, not as a provider input error.
 */
export function resolveScopeIds(
    label: string,
    scopeIds: Record<string, string>,
    scopes: readonly string[],
    where?: { readonly configKey: string; readonly resource: pulumi.Resource },
): string[] {
    const missing = scopes.filter((s) => !Object.prototype.hasOwnProperty.call(scopeIds, s) || !scopeIds[s]);
    if (missing.length > 0) {
        const published = Object.keys(scopeIds);
        const hints = missing.map((m) => `"${m}": ${published.length ? didYouMean(m, published, `the delegated permissions ${label} publishes`) : "it publishes no delegated permissions."}`);
        const message =
            `${where ? `${where.configKey}: ` : ""}${label} has no delegated permission named ${missing.map((m) => `"${m}"`).join(", ")} in this tenant ` +
            `(resolved at deploy time through its service principal). ${hints.join(" ")}`;
        throw where ? new pulumi.ResourceError(message, where.resource) : new Error(message);
    }
    return scopes.map((s) => scopeIds[s]!);
}

export class ConnectorClient extends pulumi.ComponentResource {
    static readonly TYPE = "entra-connectors:index:ConnectorClient";

    readonly applicationId: pulumi.Output<string>;
    readonly clientId: pulumi.Output<string>;
    readonly servicePrincipalObjectId: pulumi.Output<string>;
    /** clientSecret only; always a Pulumi secret. */
    readonly clientSecret?: pulumi.Output<string>;
    readonly secretEndDate?: pulumi.Output<string>;
    /** clientSecret only: key id and end date of both password slots. */
    readonly secretSlots?: pulumi.Output<SecretSlotsReport>;
    /** clientSecret with keyVault only: where the newest secret is kept. */
    readonly keyVaultSecret?: KeyVaultSecretReference;
    /** managedIdentity with a subject only. */
    readonly federatedCredential?: ConnectorFederatedCredential;
    readonly consent?: DelegatedConsent;

    constructor(name: string, args: ConnectorClientArgs, opts?: pulumi.ComponentResourceOptions) {
        super(ConnectorClient.TYPE, name, {}, opts);
        const parent = { parent: this };
        if (args.authentication === "clientSecret" && args.federatedSubject !== undefined) {
            throw new pulumi.ResourceError(`${name}: federatedSubject is only for managedIdentity connectors`, this);
        }

        const app = new azuread.ApplicationRegistration(
            childName(name, "app"),
            {
                displayName: args.displayName,
                // Single tenant: the connector signs in users of this tenant only (and managed identity requires it).
                signInAudience: "AzureADMyOrg",
                implicitAccessTokenIssuanceEnabled: args.accessTokenIssuance ?? false,
                implicitIdTokenIssuanceEnabled: false,
            },
            { parent: this, protect: args.protect, ...adoptOptions(args.adopt && applicationImportId(args.adopt.applicationObjectId)) },
        );
        this.applicationId = app.id;
        this.clientId = app.clientId;

        if (args.redirectUrls.length > 0) {
            new azuread.ApplicationRedirectUris(
                childName(name, "redirect-uris"),
                { applicationId: app.id, type: "Web", redirectUris: [...args.redirectUrls] },
                parent,
            );
        }

        const scopeIds = pulumi
            .output(args.resource.scopeIds)
            .apply((ids) => resolveScopeIds(args.resource.label, ids, args.scopes, { configKey: args.scopesConfigKey ?? `${name}.scopes`, resource: this }));
        const afterPermissions = { parent: this, dependsOn: [...(args.resource.permissionResources ?? [])] };
        new azuread.ApplicationApiAccess(
            childName(name, "api-access"),
            { applicationId: app.id, apiClientId: args.resource.appId, scopeIds },
            afterPermissions,
        );
        if (args.resource.preAuthorizeOn) {
            new azuread.ApplicationPreAuthorized(
                childName(name, "pre-authorized"),
                {
                    applicationId: args.resource.preAuthorizeOn.applicationId,
                    authorizedClientId: app.clientId,
                    permissionIds: scopeIds,
                },
                afterPermissions,
            );
        }

        addOwners(name, app.id, args.deployerObjectId, args.owners ?? [], this, args.deployerOwnership);

        const sp = new azuread.ServicePrincipal(childName(name, "sp"), { clientId: app.clientId }, { parent: this, protect: args.protect, ...adoptOptions(args.adopt?.servicePrincipalObjectId && servicePrincipalImportId(args.adopt.servicePrincipalObjectId)) });
        this.servicePrincipalObjectId = sp.objectId;

        if (args.authentication === "clientSecret") {
            const secret = createClientSecret(
                name,
                {
                    applicationId: app.id,
                    lifetimeDays: args.secretLifetimeDays,
                    rotationDays: args.secretRotationDays,
                    description: `entra-connectors: connector ${args.connectorKey}`,
                    keyVault: args.keyVault,
                    // The first key, like the passwords' names: a renamed connector keeps its Key Vault secret.
                    stableName: connectorComponentName(args.connectorKey),
                },
                this,
            );
            this.clientSecret = secret.value;
            this.secretEndDate = secret.endDate;
            this.secretSlots = secret.slots;
            this.keyVaultSecret = secret.keyVaultSecret;
        } else if (args.federatedSubject !== undefined) {
            this.federatedCredential = new ConnectorFederatedCredential(
                childName(name, "federated"),
                {
                    applicationId: app.id,
                    connectorKey: args.connectorKey,
                    tenantId: args.tenantId,
                    cloud: args.cloud,
                    subject: args.federatedSubject,
                },
                parent,
            );
        }

        const consent = consentTarget(args.adminConsent ?? false);
        if (consent) {
            this.consent = new DelegatedConsent(
                childName(name, "consent"),
                {
                    clientServicePrincipalObjectId: sp.objectId,
                    resourceServicePrincipalObjectId: args.resource.servicePrincipalObjectId,
                    scopes: args.scopes,
                    userObjectId: consent.userObjectId,
                    adoptGrantId: args.adopt?.consentGrantId,
                },
                { parent: this, dependsOn: [...(args.resource.permissionResources ?? [])] },
            );
        }

        this.registerOutputs({
            applicationId: this.applicationId,
            clientId: this.clientId,
            servicePrincipalObjectId: this.servicePrincipalObjectId,
            clientSecret: this.clientSecret,
        });
    }
}
