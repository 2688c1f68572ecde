// Simulator handlers for service principals: the ServicePrincipal resource and the getServicePrincipal lookup.
import { unwrapSecret } from "./secretValues";
import {
    assumeAdopted,
    Handler,
    hint,
    ServicePrincipalSettings,
    ServicePrincipalState,
    SimulatedResource,
    SimulatorContext,
    str,
    strings,
} from "./context";
import { firstPartyApp } from "./tenant";

/**
 * The settings the provider's update writes, as the inputs ask for them: it PATCHes accountEnabled (schema
 * Default true), appRoleAssignmentRequired and tags on every update, also right after `useExisting` adopted a
 * principal (service_principal_resource.go, servicePrincipalResourceUpdate).
 */
function requestedSettings(r: SimulatedResource): ServicePrincipalSettings {
    const enabled = unwrapSecret(r.inputs.accountEnabled);
    const required = unwrapSecret(r.inputs.appRoleAssignmentRequired);
    return {
        accountEnabled: enabled === undefined ? true : enabled === true,
        appRoleAssignmentRequired: required === true,
        tags: strings(r.inputs.tags),
    };
}

/** The settings an update would change on a tenant principal, as "field: now -> then". */
function settingChanges(current: ServicePrincipalSettings, wanted: ServicePrincipalSettings): string[] {
    const changes: string[] = [];
    if (current.accountEnabled !== wanted.accountEnabled)
        changes.push(`accountEnabled: ${current.accountEnabled} -> ${wanted.accountEnabled}`);
    if (current.appRoleAssignmentRequired !== wanted.appRoleAssignmentRequired)
        changes.push(
            `appRoleAssignmentRequired: ${current.appRoleAssignmentRequired} -> ${wanted.appRoleAssignmentRequired}`,
        );
    if ([...current.tags].sort().join(",") !== [...wanted.tags].sort().join(","))
        changes.push(`tags: ${JSON.stringify(current.tags)} -> ${JSON.stringify(wanted.tags)}`);
    return changes;
}

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
export function lookUpServicePrincipal(
    inputs: Record<string, unknown>,
    urn: string,
    ctx: SimulatorContext,
): Record<string, unknown> {
    const clientId = str(inputs.clientId)?.toLowerCase();
    const sp = clientId ? (ctx.spByClientId.get(clientId) ?? ctx.assume(clientId, urn)) : undefined;
    if (!sp) {
        const key = clientId ? ctx.adoptionKey(`appId:${clientId}`) : undefined;
        ctx.find(
            "error",
            "service-principal-missing",
            urn,
            `getServicePrincipal(clientId: ${clientId ?? "?"}): the tenant has no service principal for this app; ` +
                (key
                    ? `the stack looks it up unless told the tenant lacks it. Fix: add it to ${key} (the stack then creates it and never deletes it), or create it once: az ad sp create --id ${clientId}`
                    : `create it (azuread.ServicePrincipal) before looking it up, or once: az ad sp create --id ${clientId ?? "<app id>"}`),
        );
        const missing = ctx.objectIdFor(`missing-sp/${clientId}`);
        ctx.missingServicePrincipals.add(missing);
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

/**
 * `azuread.getServicePrincipals` by client ids. Without `ignoreMissing` a missing one fails like the provider
 * ("Service principal not found with application ID"); with it, it is skipped (v3.8.0
 * service_principals_data_source.go), which is how the stack ensures a principal: the plan says which it assumed.
 */
export function lookUpServicePrincipals(
    inputs: Record<string, unknown>,
    urn: string,
    ctx: SimulatorContext,
): Record<string, unknown> {
    const ignoreMissing = unwrapSecret(inputs.ignoreMissing) === true;
    const found: ServicePrincipalState[] = [];
    for (const clientId of strings(inputs.clientIds).map((c) => c.toLowerCase())) {
        const sp = ctx.spByClientId.get(clientId);
        const name = firstPartyApp(clientId)?.displayName ?? `app ${clientId}`;
        if (sp) {
            found.push(sp);
            if (ignoreMissing)
                ctx.find(
                    "info",
                    "ensured-service-principal",
                    urn,
                    `${name}: the tenant has its service principal (object id ${sp.objectId}): the stack looks it up and leaves it as it is`,
                );
        } else if (ignoreMissing) {
            ctx.find(
                "info",
                "ensured-service-principal",
                urn,
                `${name}: the ${ctx.options.tenant ? "tenant fixture" : "simulated tenant (empty: no --tenant fixture)"} has no service principal for app ${clientId}, so the stack creates it (retained on delete: never deleted); ` +
                    `in a tenant that has it, \`pulumi up\` looks it up instead and leaves it as it is (plan with --tenant <fixture> listing it under servicePrincipals to see that)`,
            );
        } else {
            ctx.find(
                "error",
                "service-principal-missing",
                urn,
                `getServicePrincipals: Service principal not found with application ID: "${clientId}"`,
            );
        }
    }
    return {
        id: ctx.objectIdFor(`service-principals/${found.map((sp) => sp.objectId).join(",")}`),
        clientIds: found.map((sp) => sp.clientId),
        objectIds: found.map((sp) => sp.objectId),
        displayNames: found.map((sp) => ctx.tenant.get(sp.clientId.toLowerCase())?.displayName ?? ""),
        servicePrincipals: found.map((sp) => ({
            objectId: sp.objectId,
            clientId: sp.clientId,
            ...(sp.settings ?? {}),
        })),
        ...(ignoreMissing ? { ignoreMissing } : {}),
    };
}

export const SERVICE_PRINCIPAL_HANDLERS: Readonly<Record<string, Handler>> = {
    "azuread:index/servicePrincipal:ServicePrincipal": (r, objectId, ctx) => {
        const clientId = (str(r.inputs.clientId) ?? "").toLowerCase();
        const own = ctx.appsByClientId.get(clientId);
        const existing = ctx.spByClientId.get(clientId);
        const useExisting = unwrapSecret(r.inputs.useExisting) === true;
        if (r.importId !== undefined) return importServicePrincipal(r, clientId, ctx);
        if (existing) {
            // Entra holds one service principal per app: a second one (tenant's or this run's) fails to create.
            if (!useExisting) {
                const key = ctx.adoptionKey(r.name);
                const fix =
                    !existing.urn && key
                        ? key.endsWith("createServicePrincipals")
                            ? `. Fix: remove it from ${key}: the stack then looks the tenant's principal up and leaves its settings alone`
                            : `. Fix: set ${key} to ${existing.objectId} (the stack then imports it)`
                        : "; import it (Pulumi's import option, id /servicePrincipals/{objectId}) or look it up with getServicePrincipal";
                ctx.find(
                    "error",
                    "service-principal-exists",
                    r.urn,
                    `${r.name}: clientId ${clientId}: the tenant already has a service principal for this app` +
                        (existing.urn ? ` (${existing.urn})` : ` (object id ${existing.objectId})`) +
                        ` - the provider refuses: it already exists and needs to be imported${fix}`,
                );
            } else if (existing.settings) {
                const changes = settingChanges(existing.settings, requestedSettings(r));
                if (changes.length > 0) {
                    ctx.find(
                        "warning",
                        "use-existing-resets",
                        r.urn,
                        `${r.name}: useExisting adopts the tenant's principal and then runs the provider's update, which changes what an admin set: ${changes.join(", ")}. Look it up (getServicePrincipal) instead`,
                    );
                }
            }
            return { id: existing.objectId, state: spState(r, existing) };
        }
        if (own) {
            const sp = ctx.addServicePrincipal(
                objectId,
                clientId,
                Object.fromEntries(own.scopes),
                Object.fromEntries(own.roles),
                r.urn,
            );
            return { id: objectId, state: spState(r, sp) };
        }
        const firstParty = firstPartyApp(clientId);
        if (!firstParty) {
            ctx.find(
                "error",
                "service-principal-reference",
                r.urn,
                `${r.name}: clientId "${clientId}" is neither an application registered in this run nor a Microsoft app the simulator knows`,
            );
        }
        const sp = ctx.addServicePrincipal(objectId, clientId, { ...(firstParty?.scopes ?? {}) }, {}, r.urn);
        return { id: objectId, state: spState(r, sp) };
    },
};

/** `import: /servicePrincipals/{objectId}`: the tenant's principal of that id, for this clientId; drift is an update. */
function importServicePrincipal(r: SimulatedResource, clientId: string, ctx: SimulatorContext) {
    const match = /^\/servicePrincipals\/([0-9a-fA-F-]{36})$/.exec(r.importId ?? "");
    let existing = match ? ctx.servicePrincipals.get(match[1].toLowerCase()) : undefined;
    if (!existing && match && !ctx.spByClientId.has(clientId) && assumeAdopted(ctx, r)) {
        // Assumed (no fixture): the principal of this clientId, with the scopes and roles of its app if it is this run's.
        const own = ctx.appsByClientId.get(clientId);
        existing = ctx.addServicePrincipal(
            match[1].toLowerCase(),
            clientId,
            own ? Object.fromEntries(own.scopes) : {},
            own ? Object.fromEntries(own.roles) : {},
        );
    }
    if (!existing || existing.urn !== undefined) {
        ctx.find(
            "error",
            "import-missing",
            r.urn,
            `${r.name}: import id "${r.importId}" names no service principal in the tenant fixture (the provider's import id is /servicePrincipals/{objectId}, the Enterprise application's Object ID; if this is it, add the principal to the fixture's servicePrincipals)` +
                hint(ctx, r.name, "the Enterprise application's Object ID (az ad sp show --id <client id> --query id)"),
        );
        const missing = ctx.addServicePrincipal(ctx.objectIdFor(`missing-import/${r.urn}`), clientId, {}, {}, r.urn);
        return { id: missing.objectId, state: spState(r, missing) };
    }
    if (existing.clientId.toLowerCase() !== clientId) {
        ctx.find(
            "error",
            "import-mismatch",
            r.urn,
            `${r.name}: import id ${r.importId} is the service principal of app ${existing.clientId}, not of clientId ${clientId}` +
                hint(ctx, r.name, "the Object ID of this app's service principal"),
        );
    }
    // An input under ignoreChanges keeps the tenant's value through the import's update (appRegistration.ts).
    const changes = (existing.settings ? settingChanges(existing.settings, requestedSettings(r)) : []).filter(
        (c) => !r.ignoreChanges?.includes(c.split(":")[0]),
    );
    if (changes.length > 0) {
        ctx.find(
            "warning",
            "adopted-drift",
            r.urn,
            `${r.name}: adopting ${r.importId} updates it: ${changes.join(", ")}`,
        );
    }
    return { id: existing.objectId, state: spState(r, existing), importUpdates: changes.map((c) => c.split(":")[0]) };
}
