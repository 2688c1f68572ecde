// Simulator handlers for delegated permission grants (oAuth2PermissionGrants): one per client, resource and target.
import {
    assumeAdopted,
    Handler,
    HandlerResult,
    hint,
    PriorResource,
    SimulatedResource,
    SimulatorContext,
    str,
    strings,
} from "./context";

/** The grant id inside the provider's import id /oauth2PermissionGrants/{id} (the provider docs' Import section). */
const GRANT_IMPORT_ID = /^\/oauth2PermissionGrants\/([A-Za-z0-9_-]+)$/i;

/**
 * `import` of a grant: it must exist and be the grant of this client, resource and target. Its scopes may differ
 * from the program's claimValues: the import then updates them (the provider's update PATCHes `scope`), so
 * scopes granted outside the stack and missing from config would be revoked: a warning naming them.
 */
function importGrant(
    r: SimulatedResource,
    grantKey: string,
    claims: string[],
    ctx: SimulatorContext,
): HandlerResult | undefined {
    const id = GRANT_IMPORT_ID.exec(r.importId ?? "")?.[1];
    let existing = id === undefined ? undefined : ctx.tenantGrants.get(id);
    if (!existing && id !== undefined && assumeAdopted(ctx, r)) {
        // Assumed (no fixture): the grant of this client, resource and target, with the scopes the config gives.
        existing = {
            id,
            key: grantKey,
            clientAppId: "",
            resourceAppId: "",
            consentType: "AllPrincipals",
            scopes: claims,
        };
    }
    if (!existing) {
        ctx.find(
            "error",
            "import-missing",
            r.urn,
            `${r.name}: import id "${r.importId}" names no delegated permission grant in this tenant (list them: az ad app permission list-grants --id <client app id>)` +
                hint(ctx, r.name, "the id of the existing grant"),
        );
        return undefined;
    }
    if (existing.key !== grantKey) {
        ctx.find(
            "error",
            "import-mismatch",
            r.urn,
            `${r.name}: grant ${existing.id} is consent of client ${existing.clientAppId} on ${existing.resourceAppId} for ${existing.principalId ?? "AllPrincipals"}, not the client, resource and consent target of this grant` +
                hint(ctx, r.name, "the id of this client's grant on this resource"),
        );
    }
    ctx.grants.set(grantKey, r.name);
    const added = claims.filter((c) => !existing.scopes.includes(c));
    const removed = existing.scopes.filter((c) => !claims.includes(c));
    if (removed.length > 0) {
        ctx.find(
            "warning",
            "adopted-drift",
            r.urn,
            `${r.name}: adopting grant ${existing.id} revokes ${removed.join(", ")} (granted outside this stack, not in config): add them to the grant's scopes to keep them`,
        );
    }
    if (added.length > 0)
        ctx.find(
            "info",
            "adopted-drift",
            r.urn,
            `${r.name}: adopting grant ${existing.id} adds ${added.join(", ")} to its scopes (${existing.scopes.join(" ")})`,
        );
    return {
        id: grantImportIdOf(existing.id),
        state: { ...r.inputs },
        importUpdates: added.length + removed.length > 0 ? ["claimValues"] : [],
    };
}

const grantImportIdOf = (grantId: string) => `/oauth2PermissionGrants/${grantId}`;

export const GRANT_HANDLERS: Readonly<Record<string, Handler>> = {
    "azuread:index/servicePrincipalDelegatedPermissionGrant:ServicePrincipalDelegatedPermissionGrant": (
        r,
        objectId,
        ctx,
    ) => {
        ctx.spObjectId(r, "servicePrincipalObjectId");
        const resource = ctx.spObjectId(r, "resourceServicePrincipalObjectId");
        const claims = strings(r.inputs.claimValues);
        const target = str(r.inputs.userObjectId)?.toLowerCase();
        const grantKey = [
            str(r.inputs.servicePrincipalObjectId)?.toLowerCase(),
            str(r.inputs.resourceServicePrincipalObjectId)?.toLowerCase(),
            target ?? "AllPrincipals",
        ].join("|");
        const previous = ctx.grants.get(grantKey);
        const inTenant = ctx.tenantGrantsByKey.get(grantKey);
        const imported = r.importId !== undefined ? importGrant(r, grantKey, claims, ctx) : undefined;
        if (r.importId !== undefined) {
            // Checked by importGrant.
        } else if (inTenant && !previous) {
            // A plain POST (the provider's create), and Graph keeps one grant per triple (terraform-provider-azuread#690).
            ctx.find(
                "error",
                "grant-exists",
                r.urn,
                `${r.name}: Graph answers 409 "Permission entry already exists": the tenant already has grant ${inTenant.id} (scopes ${inTenant.scopes.join(" ")}) for this client, resource and consent target` +
                    (hint(ctx, r.name, `"${inTenant.id}" to adopt it (it is then imported, never deleted)`) ||
                        `. Fix: adopt it with Pulumi's import option (id /oauth2PermissionGrants/${inTenant.id})`),
            );
            ctx.grants.set(grantKey, r.name);
        } else if (previous) {
            ctx.find(
                "error",
                "duplicate-grant",
                r.urn,
                `${r.name}: ${previous} already grants this client consent on the same resourceServicePrincipalObjectId for ${target ? `user ${target}` : "AllPrincipals"}; Entra keeps one grant per client, resource and consent target: merge the claimValues into one grant`,
            );
        } else {
            ctx.grants.set(grantKey, r.name);
        }
        if (claims.length === 0)
            ctx.find("error", "grant-claims", r.urn, `${r.name}: claimValues must name at least one scope`);
        if (resource) {
            // A service principal publishes its app's scopes as they are now: a scope registered after the
            // grant is not there yet, which is why grants on own APIs must depend on the scope resources.
            const own = ctx.appsByClientId.get(resource.clientId.toLowerCase());
            const scopes = own ? Object.fromEntries(own.scopes) : resource.scopes;
            for (const claim of claims) {
                // hasOwnProperty, not `in`: "constructor" is no scope of any API.
                if (!Object.prototype.hasOwnProperty.call(scopes, claim)) {
                    ctx.find(
                        "error",
                        "grant-claims",
                        r.urn,
                        `${r.name}: claimValues entry "${claim}" is not a delegated permission of the resource service principal ${resource.clientId}`,
                    );
                }
            }
        }
        // The provider's id is the Graph grant id behind /oauth2PermissionGrants/ (v3.8.0
        // service_principal_delegated_permission_grant_resource.go: d.SetId(stable.NewOAuth2PermissionGrantID(...).ID())),
        // and a grant id is base64url, not a GUID.
        return (
            imported ?? {
                id: grantImportIdOf(Buffer.from(objectId.replace(/-/g, ""), "hex").toString("base64url")),
                state: { ...r.inputs },
            }
        );
    },
};

const GRANT_TYPE = "azuread:index/servicePrincipalDelegatedPermissionGrant:ServicePrincipalDelegatedPermissionGrant";

/**
 * Adopted grants of the previous deployment that this one no longer declares. Adopted grants are retainOnDelete,
 * and the engine applies retainOnDelete whenever a resource leaves the program, not only on destroy (pulumi/pulumi
 * pkg/resource/deploy/step.go, DeleteStep: a retained resource is dropped from state without a provider Delete):
 * narrowing consent, pointing the entry at another resource or removing it leaves the old consent in the tenant.
 * Each is a warning with the command that revokes it. `declared`: URNs (and former URNs) registered in this run.
 */
export function adoptedGrantsLeft(
    previous: ReadonlyMap<string, PriorResource> | undefined,
    declared: ReadonlySet<string>,
    ctx: SimulatorContext,
): void {
    for (const [urn, old] of previous ?? []) {
        if (old.type !== GRANT_TYPE || old.retainOnDelete !== true || declared.has(urn)) continue;
        const id = GRANT_IMPORT_ID.exec(str(old.outputs.id) ?? "")?.[1] ?? str(old.outputs.id) ?? "(unknown id)";
        const principal = str(old.inputs.principalObjectId);
        const scopes = strings(old.inputs.claimValues).join(" ");
        ctx.find(
            "warning",
            "adopted-grant-left",
            urn,
            `${old.name ?? urn.split("::").pop()}: the adopted grant ${id} left the config; it was adopted, so pulumi up only forgets it (retainOnDelete) and ` +
                `its consent (${scopes || "its scopes"} for ${principal ? `user ${principal}` : "all users"}) stays in the tenant. ` +
                `Next step: if nothing needs it, revoke it: az rest --method DELETE --url https://graph.microsoft.com/v1.0/oauth2PermissionGrants/${id} ` +
                `(https://learn.microsoft.com/en-us/graph/api/oauth2permissiongrant-delete; in a national cloud, its Graph host)`,
        );
    }
}
