// ConnectorClient: the connector's app registration, API access, service principal, credential and consent.
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { choiceProblem, duplicateProblem, guidProblem, redirectUrlsProblem } from "../entra/argRules";
import {
    CONNECTOR_AUTHENTICATIONS,
    ConnectorAuthentication,
    ConnectorSecuritySettings,
} from "../entra/connectorSettings";
import { federatedSubjectProblem } from "../entra/federatedCredentialRules";
import { MAX_REDIRECT_URIS_PER_APP, permissionValueProblem, redirectUriProblem } from "../entra/entraRules";
import { childName, connectorComponentName } from "../entra/naming";
import { CLOUD_NAMES, CloudName, globalConsentRedirectUrl } from "../entra/clouds";
import {
    connectorFileOutputs,
    ConnectorMakerValues,
    securityInputOutput,
    securityTab,
    SecurityTabSettings,
} from "./connectorOutputs";
import type { CustomApiOAuthSettings, LogicAppsCustomApi } from "./logicAppsCustomApi";
import { withAzureNative } from "./optionalPeer";
import { didYouMean } from "../entra/suggest";
import { adoptPartOptions, apiAccessImportId, redirectUrisImportId } from "./adoption";
import { appDisplayNameProblem, ownersAndServicePrincipal, singleTenantApp } from "./appRegistration";
import { apiReferenceProblems } from "./apiReferenceProblems";
import { ArgKind, ArgProblems, plainString } from "./argProblems";
import { chosenClientSecretProblems, createClientSecret, SecretSlotsReport } from "./clientSecret";
import {
    ApiServicePrincipal,
    connectorTarget,
    ConnectorResource,
    connectorTargetProblems,
    ProtectedApiReference,
    wellKnownScopeProblems,
} from "./connectorTarget";
import { DelegatedConsent } from "./consent";
import { DeprecatedOwnershipArgs, Ownership, consentingAppProblems, ownershipOf } from "./ownership";
import { answeredGuid, answeredIdMap } from "./providerAnswers";
import { ConnectorFederatedCredential } from "./federatedCredential";
import type { KeyVaultSecretReference, KeyVaultTarget } from "./keyVaultDelivery";

export type { ConnectorResource, ProtectedApiReference, SecurityTabSettings };

/** Arguments of a ConnectorClient. Name the API with exactly one of `api`, `wellKnownApi` or `apiAppId`. */
export interface ConnectorClientArgs extends DeprecatedOwnershipArgs {
    /**
     * Stable key the names that force replacement derive from (the federated credential, the passwords, the Key
     * Vault secret): keep it when you rename the component. Default: the component's name.
     */
    readonly stableKey?: string;
    /**
     * Deprecated: use `stableKey` (same meaning; removed in the next release).
     * @deprecated Use `stableKey`.
     */
    readonly connectorKey?: string;
    /** Display name in Entra, environment suffix included. */
    readonly displayName: pulumi.Input<string>;
    /** The tenant id (GUID): the connector's Tenant ID, and the tenant a managed-identity subject must encode. */
    readonly tenantId: string;
    /** Sovereign cloud: "public", "usgovernment", "usgovernmentdod" or "china". Default "public". */
    readonly cloud?: string;
    /** The API to call, when it is a ProtectedApi of this library (pass the component, or its outputs). */
    readonly api?: ProtectedApiReference;
    /** The API to call, when it is a Microsoft API by name, e.g. "microsoftGraph" (entra/wellKnownApis.ts WELL_KNOWN_API_NAMES). */
    readonly wellKnownApi?: string;
    /** The API to call, by its application (client) id; needs `resourceUrl`. Scope ids are read from its service principal. */
    readonly apiAppId?: string;
    /** The connector's Resource URL; default the ProtectedApi's identifier URI or the well-known API's URL in the cloud. */
    readonly resourceUrl?: string;
    /**
     * The called API's service principal, when the program already has it (with wellKnownApi or apiAppId), e.g.
     * because it created it in a tenant that lacked it. Default: read from the tenant by app id.
     */
    readonly apiServicePrincipal?: ApiServicePrincipal;
    /** Delegated permission names on the API, e.g. ["User.Read"]; at least one. */
    readonly scopes: string[];
    /** "clientSecret" (two rotating passwords) or "managedIdentity" (a federated credential, no secret). */
    readonly authentication: string;
    /** clientSecret only: lifetime of each password in whole days, 1-730. Default 180. */
    readonly secretLifetimeDays?: number;
    /** clientSecret only: days between renewals of the older slot, at most half the lifetime. Default half the lifetime. */
    readonly secretRotationDays?: number;
    /** clientSecret only: also write the newest secret to this Key Vault. Default none. */
    readonly keyVault?: KeyVaultTarget;
    /** managedIdentity only: the subject the connector shows once created; absent on the first pass. */
    readonly federatedSubject?: string;
    /**
     * Web redirect URIs: the connector's consent redirect. Default the cloud's global consent redirect; required in
     * clouds without one (US Government, China). `[]` registers none here: for a PowerPlatformConnector that registers
     * the connector's own redirect URL on this app.
     */
    readonly redirectUrls?: string[];
    /** Grant admin consent for `scopes` to all users. Default false (users consent themselves). */
    readonly adminConsent?: boolean;
    /** Grant admin consent for `scopes` to this one user (object id) instead of all users. Default none. */
    readonly adminConsentUserObjectId?: string;
    /**
     * Let Entra issue access tokens from the authorization endpoint (implicit flow). Default false, and no
     * connector needs it: connectors use the authorization code flow (`flow: accessCode`), and this setting only
     * enables the implicit flow (https://learn.microsoft.com/graph/api/resources/implicitgrantsettings). The
     * policy rule implicit-grant-minimal flags it.
     */
    readonly accessTokenIssuance?: boolean;
    /** Owners, protection and adoption of the app registration and service principal. Default: the deployer owns them. */
    readonly ownership?: Ownership;
    /** The Security tab's "Enable on-behalf-of login". Default false. */
    readonly onBehalfOfLogin?: boolean;
    /** The custom connector's title in apiDefinition.swagger.json (`info.title`). Default: `displayName`. */
    readonly connectorDisplayName?: pulumi.Input<string>;
    /**
     * Host of the API in apiDefinition.swagger.json, e.g. "orders.contoso.com". Default: a well-known API's host in
     * the cloud, or the host of an https Resource URL of a ProtectedApi or well-known API, else a placeholder
     * (api.contoso.example) to replace.
     */
    readonly host?: string;
    /** clientSecret only: also deploy the connector as a Logic Apps custom API (Microsoft.Web/customApis). Default none. */
    readonly logicApps?: LogicAppsCustomApi;
}

/** The federated credential of a managed-identity connector, as plain values. */
export interface FederatedCredentialReport {
    /** Token issuer. */
    readonly issuer: string;
    /** The connector's subject. */
    readonly subject: string;
    /** Token exchange audience. */
    readonly audience: string;
}

/**
 * Looks up each scope's id in the resource's service principal (`oauth2PermissionScopeIds`), failing with the
 * argument, the scope and the resource named instead of sending an empty id. Inside a component (`where`), a
 * pulumi.ResourceError against it that names the component and the argument path (`ConnectorClient
 * "connector-orders": args.scopes: ...`), so `pulumi up` reports it on the component, not as a provider input
 * error; a program with its own keys (the stack's config) maps that path onto them.
 */
export function resolveScopeIds(
    label: string,
    scopeIds: Record<string, string>,
    scopes: readonly string[],
    where?: { readonly argument: string; readonly resource: pulumi.Resource; readonly component: string },
): string[] {
    answeredIdMap(
        scopeIds,
        `${where ? `${where.component}: args.${where.argument}: ` : ""}the service principal of ${label} (output oauth2PermissionScopeIds)`,
        where?.resource,
    );
    const missing = scopes.filter((s) => !Object.prototype.hasOwnProperty.call(scopeIds, s) || !scopeIds[s]);
    if (missing.length > 0) {
        const published = Object.keys(scopeIds);
        const hints = missing.map(
            (m) =>
                `"${m}": ${published.length ? didYouMean(m, published, `the delegated permissions ${label} publishes`) : "it publishes no delegated permissions."}`,
        );
        const message =
            `${where ? `${where.component}: args.${where.argument}: ` : ""}${label} has no delegated permission named ${missing.map((m) => `"${m}"`).join(", ")} in this tenant ` +
            `(resolved at deploy time through its service principal). ${hints.join(" ")}`;
        throw where ? new pulumi.ResourceError(message, where.resource) : new Error(message);
    }
    return scopes.map((s) => scopeIds[s]!);
}

/** Every problem with ConnectorClient arguments. */
export function connectorClientProblems(name: string, args: ConnectorClientArgs): ArgProblems {
    const problems = new ArgProblems(ConnectorClient.TYPE, name);
    if (problems.shapes(args, CONNECTOR_CLIENT_ARG_KINDS)) return problems;
    const cloud = args.cloud ?? "public";
    problems.check("cloud", choiceProblem(cloud, CLOUD_NAMES));
    problems.check("tenantId", guidProblem(args.tenantId));
    problems.check("displayName", appDisplayNameProblem(args.displayName));
    problems.check("authentication", choiceProblem(args.authentication, CONNECTOR_AUTHENTICATIONS));
    connectorTargetProblems(problems, args);
    wellKnownScopeProblems(problems, args, "scopes", args.scopes ?? []);
    (args.scopes ?? []).forEach((s, i) => problems.checkValue(`scopes[${i}]`, s, permissionValueProblem(s)));
    problems.check("scopes", duplicateProblem(args.scopes ?? []));
    if (args.host !== undefined && !/^[^{}/ :\\]+(?::\d+)?$/.test(args.host))
        problems.checkValue(
            "host",
            args.host,
            'is not a host name with an optional port; give it without scheme or path, e.g. "orders.contoso.com"',
        );
    if (args.logicApps !== undefined && args.authentication !== "clientSecret")
        problems.check(
            "logicApps",
            'needs authentication "clientSecret": a Logic Apps custom API signs in with the client secret',
        );
    if (args.logicApps?.openApiDefinition !== undefined && openApiProblem(args.logicApps.openApiDefinition))
        problems.check("logicApps.openApiDefinition", openApiProblem(args.logicApps.openApiDefinition));
    if (!args.scopes || args.scopes.length === 0)
        problems.check("scopes", "is empty; name at least one delegated permission, e.g. User.Read");
    const redirectUrls = redirectUrlsOf(args);
    if (redirectUrls.length > MAX_REDIRECT_URIS_PER_APP)
        problems.check("redirectUrls", `has ${redirectUrls.length} URLs; Entra allows ${MAX_REDIRECT_URIS_PER_APP}`);
    redirectUrls.forEach((u, i) => problems.checkValue(`redirectUrls[${i}]`, u, redirectUriProblem(u)));
    problems.check("redirectUrls", duplicateProblem(redirectUrls));
    // An explicit [] is how a program lets a PowerPlatformConnector register the connector's own redirect URL on
    // this app (one ApplicationRedirectUris per app); config, which has no such composition, refuses it.
    if (CLOUD_NAMES.includes(cloud as CloudName) && args.redirectUrls?.length !== 0)
        problems.check(
            "redirectUrls",
            redirectUrlsProblem(args.redirectUrls, cloud as CloudName, "leave args.redirectUrls out"),
        );
    apiReferenceProblems(problems, args.api, args.scopes);
    const key = problems.renamed("stableKey", args.stableKey, "connectorKey", args.connectorKey);
    if (key !== undefined && key.trim() === "")
        problems.check(
            args.stableKey !== undefined ? "stableKey" : "connectorKey",
            "is empty; give the connector a stable key, e.g. orders",
        );
    consentingAppProblems(problems, args, redirectUrls.length > 0);
    if (args.authentication === "clientSecret") {
        chosenClientSecretProblems(problems, "authentication", args);
        if (args.federatedSubject !== undefined)
            problems.check(
                "federatedSubject",
                'is only for authentication "managedIdentity"; remove it or change authentication',
            );
    } else if (args.authentication === "managedIdentity") {
        for (const arg of ["secretLifetimeDays", "secretRotationDays", "keyVault"] as const) {
            if (args[arg] !== undefined)
                problems.check(
                    arg,
                    'is only for authentication "clientSecret": a managed-identity connector has no secret; remove it',
                );
        }
        if (
            args.federatedSubject !== undefined &&
            CLOUD_NAMES.includes(cloud as CloudName) &&
            !guidProblem(args.tenantId)
        ) {
            problems.check(
                "federatedSubject",
                federatedSubjectProblem(args.federatedSubject, args.tenantId, cloud as CloudName, "args.tenantId"),
            );
        }
    }
    return problems;
}

/** Problem with an OpenAPI definition given as JSON text. */
function openApiProblem(text: string): string | undefined {
    try {
        const value: unknown = JSON.parse(text);
        return typeof value === "object" && value !== null && !Array.isArray(value)
            ? undefined
            : "is not a JSON object; give the OpenAPI 2.0 definition";
    } catch (err) {
        return `is not JSON (${(err as Error).message}); give the OpenAPI 2.0 definition as JSON text`;
    }
}

/** The JavaScript types of the arguments (ArgProblems.shapes): checked first, the other rules read them. */
const CONNECTOR_CLIENT_ARG_KINDS = {
    stableKey: "text?",
    connectorKey: "text?",
    displayName: "input",
    tenantId: "text",
    cloud: "text?",
    wellKnownApi: "text?",
    apiAppId: "text?",
    resourceUrl: "text?",
    scopes: "texts",
    authentication: "text",
    secretLifetimeDays: "number?",
    secretRotationDays: "number?",
    federatedSubject: "text?",
    redirectUrls: "texts?",
    adminConsent: "boolean?",
    adminConsentUserObjectId: "text?",
    accessTokenIssuance: "boolean?",
    owners: "texts?",
    "ownership.owners": "texts?",
    onBehalfOfLogin: "boolean?",
    connectorDisplayName: "input?",
    host: "text?",
    "logicApps.resourceGroupName": "text?",
    "logicApps.location": "text?",
    "logicApps.baseUrl": "text?",
    "logicApps.apiName": "text?",
    "logicApps.openApiDefinition": "text?",
} as const satisfies Record<string, ArgKind>;

function redirectUrlsOf(args: ConnectorClientArgs): string[] {
    if (args.redirectUrls !== undefined) return args.redirectUrls;
    const global = CLOUD_NAMES.includes((args.cloud ?? "public") as CloudName)
        ? globalConsentRedirectUrl((args.cloud ?? "public") as CloudName)
        : undefined;
    return global ? [global] : [];
}

/** What the deprecated securitySettings() needs beyond the outputs (kept off the class: its properties are the schema). */
const makerValues = new WeakMap<ConnectorClient, ConnectorMakerValues>();

/** A custom connector's client app registration: API access, pre-authorization, credential, consent, owners. */
export class ConnectorClient extends pulumi.ComponentResource {
    /** Pulumi type token. */
    static readonly TYPE = "entra-connectors:index:ConnectorClient";

    /** Resource id (`/applications/{objectId}`) of the client app registration. */
    readonly applicationId: pulumi.Output<string>;
    /** The connector's Client ID. */
    readonly clientId: pulumi.Output<string>;
    /** Object id of the client's service principal. */
    readonly servicePrincipalObjectId: pulumi.Output<string>;
    /** The connector's Resource URL. */
    readonly resourceUrl: pulumi.Output<string>;
    /** clientSecret only: the newest password; always a Pulumi secret. */
    readonly clientSecret?: pulumi.Output<string>;
    /** clientSecret only: end date (RFC 3339) of the newest password. */
    readonly secretEndDate?: pulumi.Output<string>;
    /** clientSecret only: key id and end date of both password slots. */
    readonly secretSlots?: pulumi.Output<SecretSlotsReport>;
    /** clientSecret with keyVault only: where the newest secret is kept. */
    readonly keyVaultSecret?: KeyVaultSecretReference;
    /** managedIdentity with a subject only: the federated credential. */
    readonly federatedCredential?: FederatedCredentialReport;
    /** With admin consent only: id of the oAuth2PermissionGrant. */
    readonly consentGrantId?: pulumi.Output<string>;
    /** What to type into the connector's Security tab, field by field (no secret: that is `clientSecret`). */
    readonly securityTab: pulumi.Output<SecurityTabSettings>;
    /** The text of apiProperties.json for `pac connector create` / `paconn create` (no secret in it). */
    readonly apiProperties: pulumi.Output<string>;
    /** The text of apiDefinition.swagger.json: the OAuth 2.0 security definition, no operations yet. */
    readonly apiDefinition: pulumi.Output<string>;
    /** With logicApps only: resource id of the Logic Apps custom API. */
    readonly logicAppsCustomApiId?: pulumi.Output<string>;
    /** With logicApps only: the custom API's sign-in settings, without the secret. */
    readonly logicAppsOAuthSettings?: pulumi.Output<CustomApiOAuthSettings>;

    constructor(name: string, args: ConnectorClientArgs, opts?: pulumi.ComponentResourceOptions) {
        super(ConnectorClient.TYPE, name, {}, opts);
        connectorClientProblems(name, args).throwIfAny(this);
        const parent = { parent: this };
        const cloud = (args.cloud ?? "public") as CloudName;
        const resource = connectorTarget(args, cloud, { parent: this });
        const ownership = ownershipOf(args);
        const stableKey = args.stableKey ?? args.connectorKey ?? name;
        const deployerObjectId = ownership.deployerObjectId ?? azuread.getClientConfigOutput(parent).objectId;
        this.resourceUrl = pulumi.output(resource.resourceUrl);

        const app = singleTenantApp(
            name,
            {
                displayName: args.displayName,
                implicitAccessTokenIssuanceEnabled: args.accessTokenIssuance ?? false,
                protect: ownership.protect,
                adopt: ownership.adopt,
            },
            this,
        );
        this.applicationId = app.id;
        this.clientId = app.clientId.apply((id) =>
            answeredGuid(id, `the app registration "${childName(name, "app")}" (output clientId)`, this),
        );

        const redirectUrls = redirectUrlsOf(args);
        if (redirectUrls.length > 0) {
            new azuread.ApplicationRedirectUris(
                childName(name, "redirect-uris"),
                { applicationId: app.id, type: "Web", redirectUris: [...redirectUrls] },
                {
                    ...parent,
                    ...adoptPartOptions(ownership.adopt, "redirectUris", (objectId) =>
                        redirectUrisImportId(objectId, "Web"),
                    ),
                },
            );
        }

        const scopeIds = pulumi.output(resource.scopeIds).apply((ids) =>
            resolveScopeIds(resource.label, ids, args.scopes, {
                argument: "scopes",
                resource: this,
                component: `ConnectorClient "${name}"`,
            }),
        );
        const afterPermissions = { parent: this, dependsOn: [...(resource.permissionResources ?? [])] };
        // The import id names the API's client id, so an existing API access is adopted only where it is a plain value.
        const apiClientId = plainString(resource.appId);
        if (ownership.adopt?.existingParts?.includes("apiAccess") && apiClientId === undefined) {
            const problems = new ArgProblems(ConnectorClient.TYPE, name);
            problems.check(
                `${args.ownership?.adopt !== undefined ? "ownership.adopt" : "adopt"}.existingParts`,
                "names apiAccess, but the API's client id is only known at deployment (an API registered in the same program), and the import id contains it; remove the adopted app's API permission on that API in the portal and drop apiAccess, so the stack creates it",
            );
            problems.throwIfAny(this);
        }
        new azuread.ApplicationApiAccess(
            childName(name, "api-access"),
            { applicationId: app.id, apiClientId: resource.appId, scopeIds },
            {
                ...afterPermissions,
                ...adoptPartOptions(ownership.adopt, "apiAccess", (objectId) =>
                    apiAccessImportId(objectId, apiClientId ?? ""),
                ),
            },
        );
        if (resource.preAuthorizeOn) {
            new azuread.ApplicationPreAuthorized(
                childName(name, "pre-authorized"),
                {
                    applicationId: resource.preAuthorizeOn.applicationId,
                    authorizedClientId: app.clientId,
                    permissionIds: scopeIds,
                },
                afterPermissions,
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
        this.servicePrincipalObjectId = sp.objectId;

        if (args.authentication === "clientSecret") {
            const secret = createClientSecret(
                name,
                {
                    applicationId: app.id,
                    lifetimeDays: args.secretLifetimeDays,
                    rotationDays: args.secretRotationDays,
                    description: `entra-connectors: connector ${stableKey}`,
                    keyVault: args.keyVault,
                    // The first key, like the passwords' names: a renamed connector keeps its Key Vault secret.
                    stableName: connectorComponentName(stableKey),
                },
                this,
            );
            this.clientSecret = secret.value;
            this.secretEndDate = secret.endDate;
            this.secretSlots = secret.slots;
            this.keyVaultSecret = secret.keyVaultSecret;
        } else if (args.federatedSubject !== undefined) {
            const fic = new ConnectorFederatedCredential(
                childName(name, "federated"),
                { applicationId: app.id, stableKey, tenantId: args.tenantId, cloud, subject: args.federatedSubject },
                parent,
            );
            this.federatedCredential = { issuer: fic.issuer, subject: fic.subject, audience: fic.audience };
        }

        if (args.adminConsent || args.adminConsentUserObjectId !== undefined) {
            const consent = new DelegatedConsent(
                childName(name, "consent"),
                {
                    clientServicePrincipalObjectId: sp.objectId,
                    resourceServicePrincipalObjectId: resource.servicePrincipalObjectId,
                    scopes: [...args.scopes],
                    adminConsentUserObjectId: args.adminConsentUserObjectId,
                    adopt:
                        ownership.adopt?.consentGrantId !== undefined
                            ? { consentGrantId: ownership.adopt.consentGrantId }
                            : undefined,
                },
                { parent: this, dependsOn: [...(resource.permissionResources ?? [])] },
                true, // the scopes were checked above
            );
            this.consentGrantId = consent.grantId;
        }

        const values: ConnectorMakerValues = {
            stableKey,
            title: args.connectorDisplayName ?? args.displayName,
            cloud,
            tenantId: args.tenantId,
            clientId: this.clientId,
            resourceUrl: this.resourceUrl,
            scopes: args.scopes,
            authentication: args.authentication as ConnectorAuthentication,
            onBehalfOfLogin: args.onBehalfOfLogin ?? false,
            redirectUrls: redirectUrlsOf(args),
            host: args.host,
            wellKnownApi: args.wellKnownApi,
            ownApi: args.api !== undefined,
        };
        makerValues.set(this, values);
        const input = securityInputOutput(values);
        this.securityTab = input.apply(securityTab);
        const files = connectorFileOutputs(input, values);
        this.apiProperties = files.apiProperties;
        this.apiDefinition = files.apiDefinition;
        if (args.logicApps && this.clientSecret) {
            // Loaded only when used: azure-native is large, and most users never deploy a Logic Apps custom API.
            const { createLogicAppsCustomApi } = withAzureNative(
                // eslint-disable-next-line @typescript-eslint/no-require-imports
                () => require("./logicAppsCustomApi") as typeof import("./logicAppsCustomApi"),
                `ConnectorClient "${name}": args.logicApps`,
                this,
            );
            const logicApps = args.logicApps;
            const customApi = createLogicAppsCustomApi(
                childName(name, "custom-api"),
                {
                    security: input,
                    clientSecret: this.clientSecret,
                    resourceGroupName: logicApps.resourceGroupName,
                    location: logicApps.location,
                    baseUrl: logicApps.baseUrl,
                    apiName: logicApps.apiName ?? name,
                    displayName: args.displayName,
                    openApi:
                        logicApps.openApiDefinition !== undefined
                            ? (JSON.parse(logicApps.openApiDefinition) as Record<string, unknown>)
                            : undefined,
                },
                this,
            );
            this.logicAppsCustomApiId = customApi.customApi.id;
            this.logicAppsOAuthSettings = customApi.oAuthSettings;
        }

        this.registerOutputs({
            applicationId: this.applicationId,
            clientId: this.clientId,
            servicePrincipalObjectId: this.servicePrincipalObjectId,
            clientSecret: this.clientSecret,
            securityTab: this.securityTab,
            apiProperties: this.apiProperties,
            apiDefinition: this.apiDefinition,
        });
    }

    /**
     * The fields of the connector's Security tab (no secret: `clientSecret` is a separate secret output).
     * Deprecated: read the `securityTab` output (every language sees it; a method only TypeScript does), and set
     * "Enable on-behalf-of login" with the `onBehalfOfLogin` argument. Removed in the next release.
     * @deprecated Use the `securityTab` output.
     */
    securitySettings(options: { readonly onBehalfOfLogin?: boolean } = {}): pulumi.Output<ConnectorSecuritySettings> {
        const values = makerValues.get(this)!;
        // The same values, typed with the Security tab's literal choices as before.
        const tab = (o: pulumi.Output<SecurityTabSettings>) => o as unknown as pulumi.Output<ConnectorSecuritySettings>;
        if (options.onBehalfOfLogin === undefined || options.onBehalfOfLogin === values.onBehalfOfLogin)
            return tab(this.securityTab);
        return tab(securityInputOutput({ ...values, onBehalfOfLogin: options.onBehalfOfLogin }).apply(securityTab));
    }
}
