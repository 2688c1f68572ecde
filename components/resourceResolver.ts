// Resolves a connector's `resource` config to ids: own APIs directly, Microsoft APIs through their service principal.
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { ConnectorResource } from "./connectorClient";
import { ensureServicePrincipal } from "./ensureServicePrincipal";
import { firstPartyServicePrincipalName } from "../entra/naming";
import { permissionResourcesOf, ProtectedApi } from "./protectedApi";
import { externalLabel, WELL_KNOWN_APIS, WellKnownApiName } from "../entra/wellKnownApis";
import { CloudName } from "../entra/clouds";

/** What a connector's `resource` names: an API of this stack, a well-known Microsoft API, or any API by app id. */
export type ResourceRef =
    | { readonly api: string }
    | { readonly wellKnown: WellKnownApiName; readonly resourceUrl?: string }
    | { readonly external: { readonly appId: string; readonly resourceUrl: string } };

interface ServicePrincipalFacts {
    readonly objectId: pulumi.Output<string>;
    readonly scopeIds: pulumi.Output<Record<string, string>>;
}

/**
 * One resolver per program run. Looks each Microsoft service principal up once (`getServicePrincipal`): it is
 * the tenant's, not the stack's. A principal a tenant may lack is ensured: looked up at deploy time, created only when missing.
 *
 * Why not `ServicePrincipal` with `useExisting: true`: the provider's create then runs its update, which PATCHes
 * accountEnabled (default true), appRoleAssignmentRequired (default false) and tags from the program's inputs
 * (internal/services/serviceprincipals/service_principal_resource.go: servicePrincipalResourceCreate calls
 * servicePrincipalResourceUpdate when use_existing is set). An admin who disabled the HTTP with Microsoft Entra
 * ID app, or required assignment, would be silently overridden on every `pulumi up`.
 */
export class ResourceResolver {
    private readonly servicePrincipals = new Map<string, ServicePrincipalFacts>();

    constructor(
        private readonly cloud: CloudName,
        private readonly apis: Readonly<Record<string, ProtectedApi>>,
        /** Microsoft principals (by name: `powerPlatformApi`, `httpWithEntraId`) the tenant lacks: created. */
        private readonly create: readonly string[] = [],
    ) {}

    resolve(ref: ResourceRef): ConnectorResource {
        if ("api" in ref) {
            const api = this.apis[ref.api];
            if (!api) {
                throw new Error(`resource.api "${ref.api}" is not declared under apis`);
            }
            return {
                label: `API "${ref.api}"`,
                appId: api.clientId,
                resourceUrl: api.identifierUri,
                scopeIds: api.scopeIds,
                servicePrincipalObjectId: api.servicePrincipalObjectId,
                preAuthorizeOn: { applicationId: api.applicationId },
                permissionResources: permissionResourcesOf(api),
            };
        }
        if ("wellKnown" in ref) {
            return this.wellKnown(ref.wellKnown, ref.resourceUrl);
        }
        const sp = this.lookUp(ref.external.appId);
        return {
            label: externalLabel(ref.external.appId),
            appId: ref.external.appId,
            resourceUrl: ref.external.resourceUrl,
            scopeIds: sp.scopeIds,
            servicePrincipalObjectId: sp.objectId,
        };
    }

    /**
     * The service principal of a Microsoft API: looked up where every tenant has it (Graph, Service Management);
     * where a tenant may lack it (Power Platform API), ensured: created when config lists it in `create`, else
     * looked up at deploy time and created only when missing (ensureServicePrincipal.ts).
     */
    servicePrincipal(name: WellKnownApiName): ServicePrincipalFacts {
        const api = WELL_KNOWN_APIS[name];
        return api.mayBeMissingFromTenant ? this.ensure(name, api.appId) : this.lookUp(api.appId);
    }

    /**
     * The service principal of a Microsoft multi-tenant app (e.g. the HTTP with Microsoft Entra ID connector's
     * app), which a tenant may lack: ensured (created when listed in `create`, else created only when missing).
     */
    firstPartyServicePrincipal(name: string, appId: string): ServicePrincipalFacts {
        return this.ensure(name, appId);
    }

    /** A delegated-grant target: a key of apis, a wellKnown API name, or an external app id. */
    grantResource(
        resource: string | { readonly appId: string; readonly resourceUrl?: string },
        configuredUrl?: string,
    ): {
        readonly label: string;
        readonly servicePrincipalObjectId: pulumi.Output<string>;
        readonly resourceUri: pulumi.Output<string>;
        /** Own APIs: the scope resources a grant must wait for. */
        readonly permissionResources?: readonly pulumi.Resource[];
    } {
        if (typeof resource !== "string") {
            const sp = this.lookUp(resource.appId);
            return {
                label: externalLabel(resource.appId),
                servicePrincipalObjectId: sp.objectId,
                resourceUri: pulumi.output(resource.resourceUrl ?? resource.appId),
            };
        }
        const api = this.apis[resource];
        if (api) {
            return {
                label: resource,
                servicePrincipalObjectId: api.servicePrincipalObjectId,
                resourceUri: api.identifierUri,
                permissionResources: permissionResourcesOf(api),
            };
        }
        const name = resource as WellKnownApiName;
        const known = WELL_KNOWN_APIS[name];
        if (!known) throw new Error(`"${resource}" is neither a key of apis nor a wellKnown API`);
        return {
            label: known.displayName,
            servicePrincipalObjectId: this.servicePrincipal(name).objectId,
            // Where the resource URL is tenant-specific (SharePoint, Dataverse) the app id stands in: Entra
            // accepts an application's app id wherever a resource (v1 `resource`) is expected.
            resourceUri: pulumi.output(configuredUrl ?? known.resourceUrl[this.cloud] ?? known.appId),
        };
    }

    private wellKnown(name: WellKnownApiName, configuredUrl: string | undefined): ConnectorResource {
        const api = WELL_KNOWN_APIS[name];
        const resourceUrl = configuredUrl ?? api.resourceUrl[this.cloud];
        // Config validation requires resource.resourceUrl where the catalog has none; a direct caller gets this.
        if (resourceUrl === undefined) throw new Error(`wellKnown ${name} has no resource URL in cloud "${this.cloud}": give resource.resourceUrl`);
        const sp = this.servicePrincipal(name);
        return {
            label: api.displayName,
            appId: api.appId,
            resourceUrl,
            scopeIds: sp.scopeIds,
            servicePrincipalObjectId: sp.objectId,
        };
    }

    private lookUp(appId: string): ServicePrincipalFacts {
        const key = `lookup:${appId.toLowerCase()}`;
        let facts = this.servicePrincipals.get(key);
        if (!facts) {
            const sp = azuread.getServicePrincipalOutput({ clientId: appId });
            facts = { objectId: sp.objectId, scopeIds: sp.oauth2PermissionScopeIds };
            this.servicePrincipals.set(key, facts);
        }
        return facts;
    }

    private ensure(name: string, appId: string): ServicePrincipalFacts {
        const key = `ensure:${name}`;
        let facts = this.servicePrincipals.get(key);
        if (!facts) {
            if (this.create.includes(name)) {
                // Listed in createServicePrincipals (stacks from before the lookup): always declared, as they were.
                // No useExisting (it would reset an existing principal's settings, see above): if the tenant has it
                // after all, the provider refuses "already exists - needs to be imported" and the fix is to drop it
                // from createServicePrincipals. retainOnDelete: tenant-wide, other apps may depend on it.
                const sp = new azuread.ServicePrincipal(firstPartyServicePrincipalName(name), { clientId: appId }, { retainOnDelete: true });
                facts = { objectId: sp.objectId, scopeIds: sp.oauth2PermissionScopeIds };
            } else {
                // The same resource name: a stack that drops the key from createServicePrincipals keeps its principal.
                facts = ensureServicePrincipal(firstPartyServicePrincipalName(name), appId);
            }
            this.servicePrincipals.set(key, facts);
        }
        return facts;
    }
}
