// Resolves a connector's `resource` config to ids: own APIs directly, Microsoft APIs through their service principal.
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { ConnectorResource } from "./connectorClient";
import { firstPartyServicePrincipalName } from "../entra/naming";
import { permissionResourcesOf, ProtectedApi } from "./protectedApi";
import { CloudName, WELL_KNOWN_APIS, WellKnownApiName } from "../entra/wellKnownApis";

/** What a connector's `resource` names: an API of this stack, a well-known Microsoft API, or any API by app id. */
export type ResourceRef =
    | { readonly api: string }
    | { readonly wellKnown: WellKnownApiName }
    | { readonly external: { readonly appId: string; readonly resourceUrl: string } };

interface ServicePrincipalFacts {
    readonly objectId: pulumi.Output<string>;
    readonly scopeIds: pulumi.Output<Record<string, string>>;
}

/**
 * One resolver per program run. Looks each Microsoft service principal up once, and ensures the ones that can
 * be missing from a tenant (Power Platform API) exist, without ever deleting them.
 */
export class ResourceResolver {
    private readonly servicePrincipals = new Map<string, ServicePrincipalFacts>();

    constructor(
        private readonly cloud: CloudName,
        private readonly apis: Readonly<Record<string, ProtectedApi>>,
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
            return this.wellKnown(ref.wellKnown);
        }
        const sp = this.lookUp(ref.external.appId);
        return {
            label: `the API with app id ${ref.external.appId}`,
            appId: ref.external.appId,
            resourceUrl: ref.external.resourceUrl,
            scopeIds: sp.scopeIds,
            servicePrincipalObjectId: sp.objectId,
        };
    }

    /** The service principal of a Microsoft API, ensured when it can be missing, looked up otherwise. */
    servicePrincipal(name: WellKnownApiName): ServicePrincipalFacts {
        const api = WELL_KNOWN_APIS[name];
        return api.mayBeMissingFromTenant ? this.ensure(name, api.appId) : this.lookUp(api.appId);
    }

    /**
     * Ensures the service principal of a Microsoft multi-tenant app (e.g. the HTTP with Microsoft Entra ID
     * connector's app) exists in the tenant, adopting it when it does, never deleting it.
     */
    firstPartyServicePrincipal(name: string, appId: string): ServicePrincipalFacts {
        return this.ensure(name, appId);
    }

    /** A delegated-grant target: a key of apis, a wellKnown API name, or an external app id. */
    grantResource(resource: string | { readonly appId: string; readonly resourceUrl?: string }): {
        readonly label: string;
        readonly servicePrincipalObjectId: pulumi.Output<string>;
        readonly resourceUri: pulumi.Output<string>;
        /** Own APIs: the scope resources a grant must wait for. */
        readonly permissionResources?: readonly pulumi.Resource[];
    } {
        if (typeof resource !== "string") {
            const sp = this.lookUp(resource.appId);
            return {
                label: resource.appId,
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
            label: resource,
            servicePrincipalObjectId: this.servicePrincipal(name).objectId,
            resourceUri: pulumi.output(known.resourceUrl(this.cloud)),
        };
    }

    private wellKnown(name: WellKnownApiName): ConnectorResource {
        const api = WELL_KNOWN_APIS[name];
        const sp = this.servicePrincipal(name);
        return {
            label: api.displayName,
            appId: api.appId,
            resourceUrl: api.resourceUrl(this.cloud),
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
            // useExisting adopts the principal when the tenant has it; retainOnDelete keeps it when the stack goes:
            // it is tenant-wide and other apps may depend on it.
            const sp = new azuread.ServicePrincipal(
                firstPartyServicePrincipalName(name),
                { clientId: appId, useExisting: true },
                { retainOnDelete: true },
            );
            facts = { objectId: sp.objectId, scopeIds: sp.oauth2PermissionScopeIds };
            this.servicePrincipals.set(key, facts);
        }
        return facts;
    }
}
