// Simulator handlers for service principals: the ServicePrincipal resource and the getServicePrincipal lookup.
import { unwrapSecret } from "../secretValues";
import { Handler, ServicePrincipalState, SimulatedResource, SimulatorContext, str } from "./context";
import { firstPartyApp } from "./tenant";

function spState(r: SimulatedResource, sp: ServicePrincipalState): Record<string, unknown> {
    return {
        ...r.inputs,
        objectId: sp.objectId,
        clientId: sp.clientId,
        oauth2PermissionScopeIds: sp.scopes,
        appRoleIds: sp.roles,
    };
}

/** `azuread.getServicePrincipal`: unknown service principals fail like the provider does. */
export function lookUpServicePrincipal(inputs: Record<string, unknown>, urn: string, ctx: SimulatorContext): Record<string, unknown> {
    const clientId = str(inputs.clientId)?.toLowerCase();
    const sp = clientId ? ctx.spByClientId.get(clientId) : undefined;
    if (!sp) {
        ctx.find(
            "error",
            "service-principal-missing",
            urn,
            `getServicePrincipal(clientId: ${clientId ?? "?"}): the tenant has no service principal for this app; ` +
                `create it (azuread.ServicePrincipal with useExisting) before looking it up`,
        );
        const missing = ctx.objectIdFor(`missing-sp/${clientId}`);
        return { id: missing, objectId: missing, clientId, oauth2PermissionScopeIds: {}, appRoleIds: {} };
    }
    return {
        id: sp.objectId,
        objectId: sp.objectId,
        clientId: sp.clientId,
        displayName: ctx.tenant.get(sp.clientId.toLowerCase())?.displayName ?? "",
        oauth2PermissionScopeIds: sp.scopes,
        appRoleIds: sp.roles,
    };
}

export const SERVICE_PRINCIPAL_HANDLERS: Readonly<Record<string, Handler>> = {
    "azuread:index/servicePrincipal:ServicePrincipal": (r, objectId, ctx) => {
        const clientId = (str(r.inputs.clientId) ?? "").toLowerCase();
        const own = ctx.appsByClientId.get(clientId);
        const existing = ctx.spByClientId.get(clientId);
        const useExisting = unwrapSecret(r.inputs.useExisting) === true;
        if (existing) {
            // Entra holds one service principal per app: a second one (tenant's or this run's) fails to create.
            if (!useExisting) {
                ctx.find(
                    "error",
                    "service-principal-exists",
                    r.urn,
                    `${r.name}: clientId ${clientId}: the tenant already has a service principal for this app` +
                        (existing.urn ? ` (${existing.urn})` : "") +
                        "; set useExisting: true to adopt it",
                );
            }
            return { id: existing.objectId, state: spState(r, existing) };
        }
        if (own) {
            const sp = ctx.addServicePrincipal(objectId, clientId, Object.fromEntries(own.scopes), Object.fromEntries(own.roles), r.urn);
            return { id: objectId, state: spState(r, sp) };
        }
        const firstParty = firstPartyApp(clientId);
        if (!firstParty) {
            ctx.find("error", "service-principal-reference", r.urn, `${r.name}: clientId "${clientId}" is neither an application registered in this run nor a Microsoft app the simulator knows`);
        }
        const sp = ctx.addServicePrincipal(objectId, clientId, { ...(firstParty?.scopes ?? {}) }, {}, r.urn);
        return { id: objectId, state: spState(r, sp) };
    },
};
