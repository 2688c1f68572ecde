// PowerPlatformApiClient: an app registration for SDKs, PowerShell and automation calling the Power Platform API.
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { choiceProblem, daysProblem, guidProblem } from "../entra/argRules";
import { wellKnownScopeProblem } from "../entra/wellKnownScopes";
import { permissionValueProblem } from "../entra/entraRules";
import { childName } from "../entra/naming";
import { POWER_PLATFORM_API_CREDENTIALS } from "../entra/powerPlatformRegistration";
import { WELL_KNOWN_APIS } from "../entra/wellKnownApis";
import { CLOUD_NAMES, CLOUDS, CloudName, nativeClientRedirectUri, powerPlatformApiDefaultScope } from "../entra/clouds";
import { adoptPartOptions, apiAccessImportId, redirectUrisImportId } from "./adoption";
import { appDisplayNameProblem, ownersAndServicePrincipal, singleTenantApp } from "./appRegistration";
import { ArgKind, ArgProblems } from "./argProblems";
import type { ApiServicePrincipal } from "./connectorTarget";
import { chosenClientSecretProblems, createClientSecret, SecretSlotsReport } from "./clientSecret";
import { resolveScopeIds } from "./connectorClient";
import { DelegatedConsent } from "./consent";
import { DeprecatedOwnershipArgs, Ownership, consentingAppProblems, ownershipOf } from "./ownership";
import { powerPlatformApiClientComponentName } from "../entra/naming";
import type { KeyVaultSecretReference, KeyVaultTarget } from "./keyVaultDelivery";

/** @deprecated Renamed `ApiServicePrincipal` (the same for every API a component calls). */
export type PowerPlatformApiPrincipal = ApiServicePrincipal;

/** Arguments of a PowerPlatformApiClient. */
export interface PowerPlatformApiClientArgs extends DeprecatedOwnershipArgs {
    /** Display name in Entra, environment suffix included. */
    readonly displayName: pulumi.Input<string>;
    /** The tenant id (GUID): part of the token endpoint. */
    readonly tenantId: string;
    /** Sovereign cloud: "public", "usgovernment", "usgovernmentdod" or "china". Default "public". */
    readonly cloud?: string;
    /** Delegated permission names of the Power Platform API (the API has no application permissions); at least one. */
    readonly permissions: string[];
    /**
     * The Power Platform API's service principal, when the program already has it (e.g. created it in a tenant
     * that lacked it). Default: read from the tenant (it must exist).
     */
    readonly apiServicePrincipal?: ApiServicePrincipal;
    /**
     * Deprecated: use `apiServicePrincipal` (same meaning; removed in the next release).
     * @deprecated Use `apiServicePrincipal`.
     */
    readonly powerPlatformApi?: ApiServicePrincipal;
    /** Register the native-client redirect URI for interactive public-client sign-in. Default false. */
    readonly publicClient?: boolean;
    /** Enable "Allow public client flows" (needed only for ROPC, username + password). Default false. */
    readonly ropc?: boolean;
    /** "none" (public client / interactive), "clientSecret", or "certificate" (self-signed, private key a secret). Default "none". */
    readonly credential?: string;
    /** clientSecret only: lifetime of each password in whole days, 1-730. Default 180. */
    readonly secretLifetimeDays?: number;
    /** clientSecret only: days between renewals of the older slot; default half the lifetime. */
    readonly secretRotationDays?: number;
    /** clientSecret only: also write the newest secret to this Key Vault. Default none. */
    readonly keyVault?: KeyVaultTarget;
    /**
     * Stable key the Key Vault secret's name derives from (`pp-api-client-<stableKey>`): keep it when you rename
     * the component. Default: the component's name is used as it is.
     */
    readonly stableKey?: string;
    /**
     * Deprecated: use `stableKey`. The component name (not key) names derive from; removed in the next release.
     * @deprecated Use `stableKey`.
     */
    readonly stableName?: string;
    /** certificate only: validity in whole days, 1-730. Default 365. */
    readonly certificateValidityDays?: number;
    /** Grant admin consent for `permissions` to all users. Default false. */
    readonly adminConsent?: boolean;
    /** Grant admin consent to this one user (object id) instead of all users. Default none. */
    readonly adminConsentUserObjectId?: string;
    /** Owners, protection and adoption of the app registration and service principal. Default: the deployer owns them. */
    readonly ownership?: Ownership;
}

/** The v2.0 token endpoint of a tenant in a cloud. */
export function tokenEndpoint(cloud: CloudName, tenantId: string): string {
    return `${CLOUDS[cloud].loginHost}/${tenantId}/oauth2/v2.0/token`;
}

/** The JavaScript types of the arguments (ArgProblems.shapes): checked first, the other rules read them. */
const POWER_PLATFORM_API_CLIENT_ARG_KINDS = {
    displayName: "input",
    tenantId: "text",
    cloud: "text?",
    permissions: "texts",
    credential: "text?",
    secretLifetimeDays: "number?",
    secretRotationDays: "number?",
    certificateValidityDays: "number?",
    adminConsent: "boolean?",
    adminConsentUserObjectId: "text?",
    owners: "texts?",
    "ownership.owners": "texts?",
} as const satisfies Record<string, ArgKind>;

/** Every problem with PowerPlatformApiClient arguments. */
export function powerPlatformApiClientProblems(name: string, args: PowerPlatformApiClientArgs): ArgProblems {
    const problems = new ArgProblems(PowerPlatformApiClient.TYPE, name);
    if (problems.shapes(args, POWER_PLATFORM_API_CLIENT_ARG_KINDS)) return problems;
    problems.check("cloud", choiceProblem(args.cloud ?? "public", CLOUD_NAMES));
    problems.check("tenantId", guidProblem(args.tenantId));
    problems.check("displayName", appDisplayNameProblem(args.displayName));
    const credential = args.credential ?? "none";
    problems.check("credential", choiceProblem(credential, POWER_PLATFORM_API_CREDENTIALS));
    if (!args.permissions || args.permissions.length === 0)
        problems.check("permissions", "is empty; name at least one delegated permission of the Power Platform API");
    (args.permissions ?? []).forEach((p, i) => {
        const form = permissionValueProblem(p);
        problems.checkValue(`permissions[${i}]`, p, form);
        // The list config checks too: a misspelt name would otherwise fail only at deployment, after the app exists.
        if (form === undefined) problems.check(`permissions[${i}]`, wellKnownScopeProblem("powerPlatformApi", p));
    });
    if (credential === "clientSecret") {
        chosenClientSecretProblems(problems, "credential", args);
    }
    if (args.certificateValidityDays !== undefined)
        problems.check("certificateValidityDays", daysProblem(args.certificateValidityDays));
    problems.renamed("apiServicePrincipal", args.apiServicePrincipal, "powerPlatformApi", args.powerPlatformApi);
    if (args.stableKey !== undefined && args.stableName !== undefined)
        problems.check("stableName", "is deprecated and also given as stableKey; remove args.stableName");
    consentingAppProblems(problems, args, Boolean(args.publicClient || args.ropc));
    return problems;
}

/** An app registration with delegated Power Platform API permissions, for SDKs, PowerShell and automation. */
export class PowerPlatformApiClient extends pulumi.ComponentResource {
    /** Pulumi type token. */
    static readonly TYPE = "entra-connectors:index:PowerPlatformApiClient";

    /** Resource id (`/applications/{objectId}`) of the app registration. */
    readonly applicationId: pulumi.Output<string>;
    /** Application (client) id. */
    readonly clientId: pulumi.Output<string>;
    /** The v2.0 token endpoint of the tenant. */
    readonly tokenEndpoint: string;
    /** The cloud's Power Platform API `.default` scope (https://api.powerplatform.com/.default in the public cloud). */
    readonly scope: string;
    /** clientSecret only: the newest password; always a Pulumi secret. */
    readonly clientSecret?: pulumi.Output<string>;
    /** clientSecret only: end date (RFC 3339) of the newest password. */
    readonly secretEndDate?: pulumi.Output<string>;
    /** clientSecret only: key id and end date of both password slots. */
    readonly secretSlots?: pulumi.Output<SecretSlotsReport>;
    /** clientSecret with keyVault only: where the newest secret is kept. */
    readonly keyVaultSecret?: KeyVaultSecretReference;
    /** certificate only: the public certificate, PEM. */
    readonly certificatePem?: pulumi.Output<string>;
    /** certificate only: private key of the certificate, PEM; always a Pulumi secret. */
    readonly privateKeyPem?: pulumi.Output<string>;

    constructor(name: string, args: PowerPlatformApiClientArgs, opts?: pulumi.ComponentResourceOptions) {
        super(PowerPlatformApiClient.TYPE, name, {}, opts);
        powerPlatformApiClientProblems(name, args).throwIfAny(this);
        const parent = { parent: this };
        const cloud = (args.cloud ?? "public") as CloudName;
        const ppApi = args.apiServicePrincipal ?? args.powerPlatformApi ?? lookUpPowerPlatformApi(parent);
        const ownership = ownershipOf(args);
        const deployerObjectId = ownership.deployerObjectId ?? azuread.getClientConfigOutput(parent).objectId;

        // Declares why public client flows are on, for admins and for the policy rule that checks it.
        const notes = args.ropc
            ? "ROPC: public client flows enabled for username/password sign-in (entra-connectors)"
            : undefined;
        const app = singleTenantApp(
            name,
            { displayName: args.displayName, notes, protect: ownership.protect, adopt: ownership.adopt },
            this,
        );
        this.applicationId = app.id;
        this.clientId = app.clientId;
        this.tokenEndpoint = tokenEndpoint(cloud, args.tenantId);
        this.scope = powerPlatformApiDefaultScope(cloud);

        const scopeIds = pulumi.output(ppApi.scopeIds).apply((ids) =>
            resolveScopeIds(WELL_KNOWN_APIS.powerPlatformApi.displayName, ids, args.permissions, {
                argument: "permissions",
                resource: this,
                component: `PowerPlatformApiClient "${name}"`,
            }),
        );
        // Scope ids only: the Power Platform API grants service principals access through its own RBAC.
        new azuread.ApplicationApiAccess(
            childName(name, "api-access"),
            { applicationId: app.id, apiClientId: WELL_KNOWN_APIS.powerPlatformApi.appId, scopeIds },
            {
                ...parent,
                ...adoptPartOptions(ownership.adopt, "apiAccess", (objectId) =>
                    apiAccessImportId(objectId, WELL_KNOWN_APIS.powerPlatformApi.appId),
                ),
            },
        );

        if (args.publicClient || args.ropc) {
            new azuread.ApplicationRedirectUris(
                childName(name, "redirect-uris"),
                { applicationId: app.id, type: "PublicClient", redirectUris: [nativeClientRedirectUri(cloud)] },
                {
                    ...parent,
                    ...adoptPartOptions(ownership.adopt, "redirectUris", (objectId) =>
                        redirectUrisImportId(objectId, "PublicClient"),
                    ),
                },
            );
        }
        if (args.ropc) {
            new azuread.ApplicationFallbackPublicClient(
                childName(name, "public-client-flows"),
                { applicationId: app.id, enabled: true },
                parent,
            );
        }

        const sp = ownersAndServicePrincipal(
            name,
            app,
            {
                ...ownership,
                deployerObjectId,
            },
            this,
        );

        const credential = args.credential ?? "none";
        // The component name before any rename: names that force replacement (the Key Vault secret's, the certificate's subject) derive from it.
        const stableName =
            args.stableKey !== undefined
                ? powerPlatformApiClientComponentName(args.stableKey)
                : (args.stableName ?? name);
        if (credential === "clientSecret") {
            const secret = createClientSecret(
                name,
                {
                    applicationId: app.id,
                    lifetimeDays: args.secretLifetimeDays,
                    rotationDays: args.secretRotationDays,
                    description: `entra-connectors: ${name}`,
                    keyVault: args.keyVault,
                    stableName,
                },
                this,
            );
            this.clientSecret = secret.value;
            this.secretEndDate = secret.endDate;
            this.secretSlots = secret.slots;
            this.keyVaultSecret = secret.keyVaultSecret;
        } else if (credential === "certificate") {
            const key = new tls.PrivateKey(
                childName(name, "cert-key"),
                { algorithm: "RSA", rsaBits: 2048 },
                { parent: this, additionalSecretOutputs: ["privateKeyPem"] },
            );
            const cert = new tls.SelfSignedCert(
                childName(name, "cert"),
                {
                    privateKeyPem: key.privateKeyPem,
                    allowedUses: ["digital_signature"],
                    validityPeriodHours: (args.certificateValidityDays ?? 365) * 24,
                    // The subject forces a new certificate (tls plan modifiers): keep it on the name before any rename.
                    subject: { commonName: stableName },
                },
                parent,
            );
            new azuread.ApplicationCertificate(
                childName(name, "certificate"),
                {
                    applicationId: app.id,
                    type: "AsymmetricX509Cert",
                    encoding: "pem",
                    value: cert.certPem,
                    endDate: cert.validityEndTime,
                },
                parent,
            );
            this.certificatePem = cert.certPem;
            this.privateKeyPem = pulumi.secret(key.privateKeyPem);
        }

        if (args.adminConsent || args.adminConsentUserObjectId !== undefined) {
            new DelegatedConsent(
                childName(name, "consent"),
                {
                    clientServicePrincipalObjectId: sp.objectId,
                    resourceServicePrincipalObjectId: ppApi.servicePrincipalObjectId,
                    scopes: [...args.permissions],
                    adminConsentUserObjectId: args.adminConsentUserObjectId,
                    adopt:
                        ownership.adopt?.consentGrantId !== undefined
                            ? { consentGrantId: ownership.adopt.consentGrantId }
                            : undefined,
                },
                parent,
                true, // permissions were checked with this component's arguments
            );
        }
        this.registerOutputs({
            applicationId: this.applicationId,
            clientId: this.clientId,
            clientSecret: this.clientSecret,
        });
    }
}

/** The Power Platform API's service principal read from the tenant (the stack ensures it exists instead). */
function lookUpPowerPlatformApi(opts: pulumi.InvokeOutputOptions): ApiServicePrincipal {
    const sp = azuread.getServicePrincipalOutput({ clientId: WELL_KNOWN_APIS.powerPlatformApi.appId }, opts);
    return { servicePrincipalObjectId: sp.objectId, scopeIds: sp.oauth2PermissionScopeIds };
}
