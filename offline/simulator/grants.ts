// Simulator handlers for delegated permission grants (oAuth2PermissionGrants): one per client, resource and target.
import { Handler, str, strings } from "./context";

export const GRANT_HANDLERS: Readonly<Record<string, Handler>> = {
    "azuread:index/servicePrincipalDelegatedPermissionGrant:ServicePrincipalDelegatedPermissionGrant": (r, objectId, ctx) => {
        ctx.spObjectId(r, "servicePrincipalObjectId");
        const resource = ctx.spObjectId(r, "resourceServicePrincipalObjectId");
        const claims = strings(r.inputs.claimValues);
        const target = str(r.inputs.userObjectId)?.toLowerCase();
        const grantKey = [str(r.inputs.servicePrincipalObjectId), str(r.inputs.resourceServicePrincipalObjectId), target ?? "AllPrincipals"].join("|");
        const previous = ctx.grants.get(grantKey);
        if (previous) {
            ctx.find(
                "error",
                "duplicate-grant",
                r.urn,
                `${r.name}: ${previous} already grants this client consent on the same resourceServicePrincipalObjectId for ${target ? `user ${target}` : "AllPrincipals"}; Entra keeps one grant per client, resource and consent target: merge the claimValues into one grant`,
            );
        } else {
            ctx.grants.set(grantKey, r.name);
        }
        if (claims.length === 0) ctx.find("error", "grant-claims", r.urn, `${r.name}: claimValues must name at least one scope`);
        if (resource) {
            // A service principal publishes its app's scopes as they are now: a scope registered after the
            // grant is not there yet, which is why grants on own APIs must depend on the scope resources.
            const own = ctx.appsByClientId.get(resource.clientId.toLowerCase());
            const scopes = own ? Object.fromEntries(own.scopes) : resource.scopes;
            for (const claim of claims) {
                // hasOwnProperty, not `in`: "constructor" is no scope of any API.
                if (!Object.prototype.hasOwnProperty.call(scopes, claim)) {
                    ctx.find("error", "grant-claims", r.urn, `${r.name}: claimValues entry "${claim}" is not a delegated permission of the resource service principal ${resource.clientId}`);
                }
            }
        }
        return { id: objectId, state: { ...r.inputs } };
    },
};
