// PowerPlatformApiClient: an app registration for SDKs, PowerShell and automation calling the Power Platform API.
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { createClientSecret, SecretSlotsReport } from "./clientSecret";
import { KeyVaultSecretReference, KeyVaultTarget } from "./keyVaultDelivery";
import { resolveScopeIds } from "./connectorClient";
import { consentTarget, DelegatedConsent } from "./consent";
import { childName } from "../entra/naming";
import { adoptOptions, AdoptArgs, applicationImportId, servicePrincipalImportId } from "./adoption";
import { addOwners, DeployerOwnership } from "./owners";
import { CLOUDS, CloudName, nativeClientRedirectUri, powerPlatformApiDefaultScope, WELL_KNOWN_APIS } from "../entra/wellKnownApis";

export interface PowerPlatformApiClientArgs {
    /** Display name in Entra, environment suffix included. */
    readonly displayName: pulumi.Input<string>;
    readonly tenantId: string;
    readonly cloud: CloudName;
    /** Delegated permission names of the Power Platform API (the API has no application permissions). */
    readonly permissions: readonly string[];
    /** Config key of `permissions` for deploy-time errors; default `<name>.permissions`. */
    readonly permissionsConfigKey?: string;
    /** The Power Platform API service principal (ensured by the stack): object id and scope name -> id. */
    readonly powerPlatformApi: {
        readonly servicePrincipalObjectId: pulumi.Input<string>;
        readonly scopeIds: pulumi.Input<Record<string, string>>;
    };
    /** Register the native-client redirect URI for interactive public-client sign-in. Default false. */
    readonly publicClient?: boolean;
    /** Enable "Allow public client flows" (needed only for ROPC, username + password). Default false. */
    readonly ropc?: boolean;
    /** none (public client / interactive), clientSecret, or certificate (self-signed, private key a secret). */
    readonly credential: "none" | "clientSecret" | "certificate";
    readonly secretLifetimeDays?: number;
    /** clientSecret only: days between renewals of the older slot; default half the lifetime. */
    readonly secretRotationDays?: number;
    /** clientSecret only: also write the newest secret to this Key Vault. */
    readonly keyVault?: KeyVaultTarget;
    /** The component name of the client's first key (before renames), for names that must not change. */
    readonly stableName?: string;
    readonly certificateValidityDays?: number;
    /** true: consent for all users; { user }: for one user; false: none. */
    readonly adminConsent: boolean | { readonly user: string };
    readonly deployerObjectId: pulumi.Input<string>;
    readonly owners?: readonly string[];
    /** Protect the app registration and service principal from deletion (production stacks). Default false. */
    readonly protect?: boolean;
    /** How the deployer owns the app: an explicit ApplicationOwner (default) or Entra's own (see owners.ts). */
    readonly deployerOwnership?: DeployerOwnership;
    /** Existing app registration, service principal (and consent grant) to adopt instead of creating. */
    readonly adopt?: AdoptArgs;
}

/** The v2.0 token endpoint of a tenant in a cloud. */
export function tokenEndpoint(cloud: CloudName, tenantId: string): string {
    return `${CLOUDS[cloud].loginHost}/${tenantId}/oauth2/v2.0/token`;
}

export class PowerPlatformApiClient extends pulumi.ComponentResource {
    static readonly TYPE = "entra-connectors:index:PowerPlatformApiClient";

    readonly applicationId: pulumi.Output<string>;
    readonly clientId: pulumi.Output<string>;
    readonly tokenEndpoint: string;
    /** The cloud's Power Platform API `.default` scope (https://api.powerplatform.com/.default in the public cloud). */
    readonly scope: string;
    readonly clientSecret?: pulumi.Output<string>;
    readonly secretEndDate?: pulumi.Output<string>;
    readonly secretSlots?: pulumi.Output<SecretSlotsReport>;
    readonly keyVaultSecret?: KeyVaultSecretReference;
    readonly certificatePem?: pulumi.Output<string>;
    /** Private key of the certificate, PEM; always a Pulumi secret. */
    readonly privateKeyPem?: pulumi.Output<string>;

    constructor(name: string, args: PowerPlatformApiClientArgs, opts?: pulumi.ComponentResourceOptions) {
        super(PowerPlatformApiClient.TYPE, name, {}, opts);
        const parent = { parent: this };

        const app = new azuread.ApplicationRegistration(
            childName(name, "app"),
            {
                displayName: args.displayName,
                signInAudience: "AzureADMyOrg",
                implicitAccessTokenIssuanceEnabled: false,
                implicitIdTokenIssuanceEnabled: false,
                // Declares why public client flows are on, for admins and for the policy rule that checks it.
                notes: args.ropc ? "ROPC: public client flows enabled for username/password sign-in (entra-connectors)" : undefined,
            },
            { parent: this, protect: args.protect, ...adoptOptions(args.adopt && applicationImportId(args.adopt.applicationObjectId)) },
        );
        this.applicationId = app.id;
        this.clientId = app.clientId;
        this.tokenEndpoint = tokenEndpoint(args.cloud, args.tenantId);
        this.scope = powerPlatformApiDefaultScope(args.cloud);

        const scopeIds = pulumi
            .output(args.powerPlatformApi.scopeIds)
            .apply((ids) =>
                resolveScopeIds(WELL_KNOWN_APIS.powerPlatformApi.displayName, ids, args.permissions, {
                    configKey: args.permissionsConfigKey ?? `${name}.permissions`,
                    resource: this,
                }),
            );
        // Scope ids only: the Power Platform API grants service principals access through its own RBAC.
        new azuread.ApplicationApiAccess(
            childName(name, "api-access"),
            { applicationId: app.id, apiClientId: WELL_KNOWN_APIS.powerPlatformApi.appId, scopeIds },
            parent,
        );

        if (args.publicClient || args.ropc) {
            new azuread.ApplicationRedirectUris(
                childName(name, "redirect-uris"),
                { applicationId: app.id, type: "PublicClient", redirectUris: [nativeClientRedirectUri(args.cloud)] },
                parent,
            );
        }
        if (args.ropc) {
            new azuread.ApplicationFallbackPublicClient(childName(name, "public-client-flows"), { applicationId: app.id, enabled: true }, parent);
        }

        addOwners(name, app.id, args.deployerObjectId, args.owners ?? [], this, args.deployerOwnership);
        const sp = new azuread.ServicePrincipal(childName(name, "sp"), { clientId: app.clientId }, { parent: this, protect: args.protect, ...adoptOptions(args.adopt?.servicePrincipalObjectId && servicePrincipalImportId(args.adopt.servicePrincipalObjectId)) });

        if (args.credential === "clientSecret") {
            const secret = createClientSecret(
                name,
                {
                    applicationId: app.id,
                    lifetimeDays: args.secretLifetimeDays,
                    rotationDays: args.secretRotationDays,
                    description: `entra-connectors: ${name}`,
                    keyVault: args.keyVault,
                    stableName: args.stableName ?? name,
                },
                this,
            );
            this.clientSecret = secret.value;
            this.secretEndDate = secret.endDate;
            this.secretSlots = secret.slots;
            this.keyVaultSecret = secret.keyVaultSecret;
        } else if (args.credential === "certificate") {
            const key = new tls.PrivateKey(childName(name, "cert-key"), { algorithm: "RSA", rsaBits: 2048 }, { parent: this, additionalSecretOutputs: ["privateKeyPem"] });
            const cert = new tls.SelfSignedCert(
                childName(name, "cert"),
                {
                    privateKeyPem: key.privateKeyPem,
                    allowedUses: ["digital_signature"],
                    validityPeriodHours: (args.certificateValidityDays ?? 365) * 24,
                    subject: { commonName: name },
                },
                parent,
            );
            new azuread.ApplicationCertificate(
                childName(name, "certificate"),
                { applicationId: app.id, type: "AsymmetricX509Cert", encoding: "pem", value: cert.certPem, endDate: cert.validityEndTime },
                parent,
            );
            this.certificatePem = cert.certPem;
            this.privateKeyPem = pulumi.secret(key.privateKeyPem);
        }

        const consent = consentTarget(args.adminConsent);
        if (consent) {
            new DelegatedConsent(
                childName(name, "consent"),
                {
                    clientServicePrincipalObjectId: sp.objectId,
                    resourceServicePrincipalObjectId: args.powerPlatformApi.servicePrincipalObjectId,
                    scopes: args.permissions,
                    userObjectId: consent.userObjectId,
                    adoptGrantId: args.adopt?.consentGrantId,
                },
                parent,
            );
        }
        this.registerOutputs({ applicationId: this.applicationId, clientId: this.clientId, clientSecret: this.clientSecret });
    }
}
