// The one resolver of the API a connector or a consent calls: one of this library's ProtectedApis, a well-known API,
// any app id. Direct users and the stack pass the same arguments and get the same result.
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { choiceProblem, guidProblem, resourceUrlProblem } from "../entra/argRules";
import { isGuid } from "../entra/guid";
import {
    externalLabel,
    WELL_KNOWN_API_NAMES,
    WELL_KNOWN_APIS,
    wellKnownApiByAppId,
    WellKnownApiName,
} from "../entra/wellKnownApis";
import { CLOUD_NAMES, CloudName } from "../entra/clouds";
import { wellKnownScopeProblem } from "../entra/wellKnownScopes";
import { ArgProblems } from "./argProblems";
import { permissionResourcesOf, ProtectedApi, protectedApiName } from "./protectedApi";

/** The API a connector calls, resolved to ids by connectorTarget. */
export interface ConnectorResource {
    /** Human name for messages, e.g. "Microsoft Graph" or "api orders". */
    readonly label: string;
    /** Client id of the resource API's application. */
    readonly appId: pulumi.Input<string>;
    /** The connector's "Resource URL". */
    readonly resourceUrl: pulumi.Input<string>;
    /** Delegated scope name -> id of the resource. */
    readonly scopeIds: pulumi.Input<Record<string, string>>;
    /** Object id of the resource API's service principal (grants name it). */
    readonly servicePrincipalObjectId: pulumi.Input<string>;
    /** Set for this project's own APIs: the client is pre-authorized there so users see no consent prompt. */
    readonly preAuthorizeOn?: { readonly applicationId: pulumi.Input<string> };
    /** Resources that create the scopes (own APIs): references to scope ids wait for them. */
    readonly permissionResources?: readonly pulumi.Resource[];
}

/**
 * What a connector needs of an API it calls. A ProtectedApi of this library is one (pass it as it is); from
 * another language, pass its outputs.
 */
export interface ProtectedApiReference {
    /** Resource id (`/applications/{objectId}`) of the API's app registration. */
    readonly applicationId: pulumi.Input<string>;
    /** Client id of the API. */
    readonly clientId: pulumi.Input<string>;
    /** Application ID URI of the API: the connector's Resource URL. */
    readonly identifierUri: pulumi.Input<string>;
    /** Object id of the API's service principal. */
    readonly servicePrincipalObjectId: pulumi.Input<string>;
    /** Scope value -> scope id, once the scopes exist: the ProtectedApi's `delegatedScopeIds`. */
    readonly delegatedScopeIds: pulumi.Input<Record<string, string>>;
}

/** An API's service principal in the tenant: its object id and its delegated scope ids. */
export interface ApiServicePrincipal {
    /** Object id of the service principal (Enterprise application). */
    readonly servicePrincipalObjectId: pulumi.Input<string>;
    /** Delegated scope name -> id, as the principal's `oauth2PermissionScopeIds` holds them. */
    readonly scopeIds: pulumi.Input<Record<string, string>>;
}

/**
 * The three ways to name the API: exactly one of `api`, `wellKnownApi` or `apiAppId`. Every form resolves the
 * same way for a direct user and for the stack: `{ api }` takes ids from the ProtectedApi, the other two read the
 * API's service principal from the tenant unless `apiServicePrincipal` gives it.
 */
export interface ApiTarget {
    /** A ProtectedApi of this library, or its outputs. */
    readonly api?: ProtectedApiReference;
    /** A Microsoft API by name (WELL_KNOWN_API_NAMES). */
    readonly wellKnownApi?: string;
    /** Any API by application (client) id. */
    readonly apiAppId?: string;
    /** The Resource URL; required with apiAppId. */
    readonly resourceUrl?: string;
    /** The API's service principal, when the program already has it (with wellKnownApi or apiAppId). */
    readonly apiServicePrincipal?: ApiServicePrincipal;
}

/** How a component uses the resolved API: a consent may name a resource by its app id, a connector may not. */
export interface ApiTargetUse {
    /**
     * A consent's resource URI may be the API's app id, and defaults to it where the API has no URL (Entra accepts
     * an application's app id wherever a v1 `resource` is expected); a connector's Resource URL may not.
     */
    readonly appIdAsResourceUrl?: boolean;
}

/** Problems with how the arguments name the API. */
export function connectorTargetProblems(
    problems: ArgProblems,
    args: ApiTarget & { readonly cloud?: string },
    use: ApiTargetUse = {},
): void {
    const named = [args.api !== undefined, args.wellKnownApi !== undefined, args.apiAppId !== undefined].filter(
        Boolean,
    ).length;
    if (named !== 1) {
        problems.check(
            "api",
            `, wellKnownApi and apiAppId: ${named === 0 ? "none is" : `${named} are`} set; name the API the connector calls with exactly one of them`,
        );
    }
    if (args.wellKnownApi !== undefined)
        problems.check("wellKnownApi", choiceProblem(args.wellKnownApi, WELL_KNOWN_API_NAMES));
    if (args.apiAppId !== undefined) {
        problems.check("apiAppId", guidProblem(args.apiAppId));
        if (args.resourceUrl === undefined && !use.appIdAsResourceUrl)
            problems.check(
                "resourceUrl",
                "is required with apiAppId: the connector's Resource URL (https://... or api://...)",
            );
    }
    if (args.apiServicePrincipal !== undefined && args.api !== undefined)
        problems.check(
            "apiServicePrincipal",
            "is set with api; a ProtectedApi brings its own service principal, remove apiServicePrincipal",
        );
    const wellKnown =
        args.wellKnownApi !== undefined && WELL_KNOWN_API_NAMES.includes(args.wellKnownApi as WellKnownApiName)
            ? (args.wellKnownApi as WellKnownApiName)
            : undefined;
    // A well-known API's resource URL may be its app id where Microsoft uses one (Azure DevOps), as config allows.
    const appIdUrl =
        (wellKnown !== undefined || (use.appIdAsResourceUrl && args.apiAppId !== undefined)) &&
        isGuid(args.resourceUrl ?? "");
    if (args.resourceUrl !== undefined && !appIdUrl)
        problems.check("resourceUrl", resourceUrlProblem(args.resourceUrl));
    const cloud = (args.cloud ?? "public") as CloudName;
    if (
        wellKnown &&
        !use.appIdAsResourceUrl &&
        args.resourceUrl === undefined &&
        CLOUD_NAMES.includes(cloud) &&
        WELL_KNOWN_APIS[wellKnown].resourceUrl[cloud] === undefined
    ) {
        const api = WELL_KNOWN_APIS[wellKnown];
        const why = api.resourceUrlHint
            ? `its resource URL is ${api.resourceUrlHint}`
            : `Microsoft documents no resource URL of ${api.displayName} in cloud "${cloud}"`;
        problems.check("resourceUrl", `is required with wellKnownApi "${wellKnown}" in cloud "${cloud}": ${why}`);
    }
}

/**
 * Scope names of a well-known API (by name, or by a Microsoft app id) must be ones the catalog knows, as config
 * requires (entra/wellKnownScopes.ts): a typo would otherwise surface only at deployment.
 */
export function wellKnownScopeProblems(
    problems: ArgProblems,
    args: ApiTarget,
    scopesArg: string,
    scopes: readonly string[],
): void {
    const name =
        args.wellKnownApi !== undefined
            ? WELL_KNOWN_API_NAMES.includes(args.wellKnownApi as WellKnownApiName)
                ? (args.wellKnownApi as WellKnownApiName)
                : undefined
            : args.apiAppId !== undefined
              ? wellKnownApiByAppId(args.apiAppId)
              : undefined;
    if (name === undefined) return;
    scopes.forEach((scope, i) => problems.check(`${scopesArg}[${i}]`, wellKnownScopeProblem(name, scope)));
}

/**
 * The API's service principal: given, or read from the tenant. A principal the tenant may lack (Power Platform
 * API) is not created here: two components calling it would both create it; a program that must create it does so
 * once (ensureServicePrincipal) and passes it as `apiServicePrincipal`, as the stack does.
 */
function principalOf(args: ApiTarget, appId: string, where: { readonly parent: pulumi.Resource }): ApiServicePrincipal {
    if (args.apiServicePrincipal !== undefined) return args.apiServicePrincipal;
    const sp = azuread.getServicePrincipalOutput({ clientId: appId }, { parent: where.parent });
    return { servicePrincipalObjectId: sp.objectId, scopeIds: sp.oauth2PermissionScopeIds };
}

/**
 * Resolves validated target arguments (connectorTargetProblems first): the one resolver of the API a connector or
 * a consent calls. `where` names the component that resolves it (look-ups and ensured principals are its children).
 */
export function connectorTarget(
    args: ApiTarget,
    cloud: CloudName,
    where: { readonly parent: pulumi.Resource },
    use: ApiTargetUse = {},
): ConnectorResource {
    if (args.api !== undefined) {
        const api = args.api;
        return {
            label: api instanceof ProtectedApi ? `the API "${protectedApiName(api)}"` : "the API",
            appId: api.clientId,
            resourceUrl: args.resourceUrl ?? api.identifierUri,
            scopeIds: api.delegatedScopeIds,
            servicePrincipalObjectId: api.servicePrincipalObjectId,
            preAuthorizeOn: { applicationId: api.applicationId },
            permissionResources: api instanceof ProtectedApi ? permissionResourcesOf(api) : [],
        };
    }
    if (args.wellKnownApi !== undefined) {
        const known = WELL_KNOWN_APIS[args.wellKnownApi as WellKnownApiName];
        const sp = principalOf(args, known.appId, where);
        return {
            label: known.displayName,
            appId: known.appId,
            // Validated: the catalog has a URL in this cloud, or the caller gave one, or a consent names the app id.
            resourceUrl: args.resourceUrl ?? known.resourceUrl[cloud] ?? known.appId,
            scopeIds: sp.scopeIds,
            servicePrincipalObjectId: sp.servicePrincipalObjectId,
        };
    }
    const appId = args.apiAppId as string;
    const sp = principalOf(args, appId, where);
    return {
        label: externalLabel(appId),
        appId,
        resourceUrl: args.resourceUrl ?? (use.appIdAsResourceUrl ? appId : ""),
        scopeIds: sp.scopeIds,
        servicePrincipalObjectId: sp.servicePrincipalObjectId,
    };
}
