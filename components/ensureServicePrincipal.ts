// Ensures a Microsoft app's service principal exists in the tenant: looked up at deploy time, created only when the
// tenant lacks it, and never deleted, so one config works in tenants with and without it.
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";

/** A service principal's object id and delegated scope ids (name -> id), however it came to exist. */
export interface EnsuredServicePrincipal {
    readonly objectId: pulumi.Output<string>;
    readonly scopeIds: pulumi.Output<Record<string, string>>;
}

/**
 * Looks the app's principal up with `getServicePrincipals({ clientIds, ignoreMissing: true })`: with
 * `ignore_missing` the provider skips a client id it does not find instead of failing (terraform-provider-azuread
 * v3.8.0 service_principals_data_source.go: `if ignoreMissing { continue }`), so an empty result means "the tenant
 * lacks it". Invokes run during `pulumi preview` too, so the preview already shows whether the principal is created.
 *
 * Only then is a `ServicePrincipal` (`resourceName`) declared, with `retainOnDelete`: it is tenant-wide, other
 * apps and consents may rely on it. Once it exists the next run finds it and stops declaring it; the engine then
 * drops it from state without deleting it (retainOnDelete is kept in state). Never `useExisting`: the provider's
 * create would run its update on the tenant's principal and reset accountEnabled, appRoleAssignmentRequired and
 * tags (service_principal_resource.go, servicePrincipalResourceCreate).
 */
export function ensureServicePrincipal(
    resourceName: string,
    appId: string,
    opts: pulumi.CustomResourceOptions = {},
    /**
     * Declare the principal without looking it up, for a program that always declared it (before the lookup
     * existed): keeps it in state under the same name. If the tenant has it after all, the provider refuses
     * "already exists - needs to be imported"; the fix is to drop this flag.
     */
    always = false,
): EnsuredServicePrincipal {
    if (always) {
        // retainOnDelete: tenant-wide, other apps and consents may rely on it.
        const sp = new azuread.ServicePrincipal(resourceName, { clientId: appId }, { ...opts, retainOnDelete: true });
        return { objectId: sp.objectId, scopeIds: sp.oauth2PermissionScopeIds };
    }
    const invokeOpts: pulumi.InvokeOutputOptions = opts.parent ? { parent: opts.parent } : {};
    const found = azuread.getServicePrincipalsOutput({ clientIds: [appId], ignoreMissing: true }, invokeOpts);
    const facts = found.objectIds.apply((ids) => {
        if (ids.length > 0) {
            const sp = azuread.getServicePrincipalOutput({ clientId: appId }, invokeOpts);
            return pulumi.all([sp.objectId, sp.oauth2PermissionScopeIds]);
        }
        const sp = new azuread.ServicePrincipal(resourceName, { clientId: appId }, { ...opts, retainOnDelete: true });
        return pulumi.all([sp.objectId, sp.oauth2PermissionScopeIds]);
    });
    return { objectId: facts.apply(([objectId]) => objectId), scopeIds: facts.apply(([, scopeIds]) => scopeIds) };
}
