// The stack's Microsoft service principals: each looked up (or ensured) once per run and handed to every component
// that calls the API, through the components' public `apiServicePrincipal` / `connectorServicePrincipalObjectId`.
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { type ApiServicePrincipal, ensureServicePrincipal } from "../components";
import { firstPartyServicePrincipalName } from "../entra/naming";
import { WELL_KNOWN_APIS, WellKnownApiName } from "../entra/wellKnownApis";

/**
 * One per program run. Looks each Microsoft service principal up once (`getServicePrincipal`): it is the
 * tenant's, not the stack's. A principal a tenant may lack is ensured: looked up at deploy time, created only
 * when missing (or always declared when config lists it in `createServicePrincipals`), and retained.
 *
 * Why not `ServicePrincipal` with `useExisting: true`: the provider's create then runs its update, which PATCHes
 * accountEnabled (default true), appRoleAssignmentRequired (default false) and tags from the program's inputs
 * (internal/services/serviceprincipals/service_principal_resource.go: servicePrincipalResourceCreate calls
 * servicePrincipalResourceUpdate when use_existing is set). An admin who disabled the HTTP with Microsoft Entra
 * ID app, or required assignment, would be silently overridden on every `pulumi up`.
 */
export class StackServicePrincipals {
    private readonly facts = new Map<
        string,
        ApiServicePrincipal & { readonly servicePrincipalObjectId: pulumi.Output<string> }
    >();

    constructor(
        /** Microsoft principals (by name: `powerPlatformApi`, `httpWithEntraId`) config declares the tenant lacks. */
        private readonly create: readonly string[] = [],
    ) {}

    /**
     * The service principal of a Microsoft API: looked up where every tenant has it (Graph, Service Management);
     * ensured where a tenant may lack it (Power Platform API).
     */
    wellKnown(
        name: WellKnownApiName,
    ): ApiServicePrincipal & { readonly servicePrincipalObjectId: pulumi.Output<string> } {
        const api = WELL_KNOWN_APIS[name];
        return api.mayBeMissingFromTenant ? this.ensure(name, api.appId) : this.lookUp(api.appId);
    }

    /** The service principal of a Microsoft multi-tenant app (the HTTP with Microsoft Entra ID connector's app): ensured. */
    firstParty(
        name: string,
        appId: string,
    ): ApiServicePrincipal & { readonly servicePrincipalObjectId: pulumi.Output<string> } {
        return this.ensure(name, appId);
    }

    /** Any API's service principal by app id, looked up. */
    lookUp(appId: string): ApiServicePrincipal & { readonly servicePrincipalObjectId: pulumi.Output<string> } {
        const key = `lookup:${appId.toLowerCase()}`;
        let facts = this.facts.get(key);
        if (!facts) {
            const sp = azuread.getServicePrincipalOutput({ clientId: appId });
            facts = { servicePrincipalObjectId: sp.objectId, scopeIds: sp.oauth2PermissionScopeIds };
            this.facts.set(key, facts);
        }
        return facts;
    }

    private ensure(
        name: string,
        appId: string,
    ): ApiServicePrincipal & { readonly servicePrincipalObjectId: pulumi.Output<string> } {
        const key = `ensure:${name}`;
        let facts = this.facts.get(key);
        if (!facts) {
            // Listed in createServicePrincipals (stacks from before the lookup): always declared, as they were.
            // The same resource name either way: a stack that drops the key from createServicePrincipals keeps its principal.
            const ensured = ensureServicePrincipal(
                firstPartyServicePrincipalName(name),
                appId,
                {},
                this.create.includes(name),
            );
            facts = { servicePrincipalObjectId: ensured.objectId, scopeIds: ensured.scopeIds };
            this.facts.set(key, facts);
        }
        return facts;
    }
}
