// The simulated tenant before the deployment: which Microsoft service principals exist, with which scopes.
import { uuidV5 } from "../../entra/deterministicIds";
import { GRAPH_APPLICATION_PERMISSION_IDS } from "../../entra/graphPermissions.generated";
import { HTTP_WITH_ENTRA_ID_APP_ID, WELL_KNOWN_APIS } from "../../entra/wellKnownApis";
import type { TenantFixture } from "./tenantFixture";
import { TenantServicePrincipal } from "./context";

/** A Microsoft API's scopes as the simulator knows them: documented ids where Microsoft publishes them. */
export function wellKnownScopes(appId: string): Record<string, string> {
    const api = Object.values(WELL_KNOWN_APIS).find((a) => a.appId === appId);
    if (!api) return {};
    return Object.fromEntries(
        (api.delegatedScopes ?? []).map((name) => [
            name,
            api.documentedScopeIds[name] ?? uuidV5(`simulated-scope/${appId}/${name}`),
        ]),
    );
}

/**
 * Graph and Service Management exist in every tenant. The Power Platform API and the HTTP-with-Entra app may
 * not, which is why the stack ensures them; the simulator leaves them out so that path is exercised.
 */
export function defaultTenantServicePrincipals(): TenantServicePrincipal[] {
    return [WELL_KNOWN_APIS.microsoftGraph, WELL_KNOWN_APIS.azureServiceManagement].map((api) => ({
        appId: api.appId,
        displayName: api.displayName,
        scopes: wellKnownScopes(api.appId),
        // Graph's application permissions with their published ids (generated catalog), as its principal has them.
        appRoles: api.appId === WELL_KNOWN_APIS.microsoftGraph.appId ? { ...GRAPH_APPLICATION_PERMISSION_IDS } : {},
    }));
}

/** What a first-party app looks like when the stack creates or adopts its service principal. */
export function firstPartyApp(appId: string): TenantServicePrincipal | undefined {
    const api = Object.values(WELL_KNOWN_APIS).find((a) => a.appId === appId);
    if (api) return { appId, displayName: api.displayName, scopes: wellKnownScopes(appId) };
    if (appId === HTTP_WITH_ENTRA_ID_APP_ID) return { appId, displayName: "HTTP with Microsoft Entra ID", scopes: {} };
    return undefined;
}

/** A fixture's service principals as tenant principals: Microsoft apps get the scopes the simulator knows. */
export function fixtureServicePrincipals(fixture: TenantFixture | undefined): TenantServicePrincipal[] {
    return (fixture?.servicePrincipals ?? []).map((sp) => {
        const known = firstPartyApp(sp.appId.toLowerCase());
        return {
            appId: sp.appId.toLowerCase(),
            displayName: sp.displayName ?? known?.displayName ?? sp.appId,
            scopes: sp.scopes ?? known?.scopes ?? {},
            appRoles: {},
            objectId: sp.objectId,
            settings: {
                accountEnabled: sp.accountEnabled,
                appRoleAssignmentRequired: sp.appRoleAssignmentRequired,
                tags: sp.tags,
            },
        };
    });
}
