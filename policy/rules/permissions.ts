// Rules on permissions: Power Platform API is delegated-only; high-privilege Graph delegated permissions.
import { TYPES, GRAPH_APP_ID, POWER_PLATFORM_API_APP_ID, HIGH_PRIVILEGE_GRAPH_SCOPES } from "../facts";
import { known, isUnknown, knownList, sameId, asJson } from "../ruleHelpers";
import { Rule } from "../ruleTypes";
import { applicationRequestedIds } from "./applicationInputs";

export const noPowerPlatformApplicationPermissions: Rule = {
    name: "no-power-platform-application-permissions",
    description:
        "No application permissions (app-role assignments or roleIds) on the Power Platform API: its clients are delegated-only.",
    defaultSeverity: "mandatory",
    crossResource: true,
    configKeys: [],
    check(r, ctx) {
        const fix =
            "Power Platform API clients use delegated permissions only (scopeIds); remove the application permission.";
        if (r.type === TYPES.apiAccess && sameId(known(r.inputs.apiClientId), POWER_PLATFORM_API_APP_ID)) {
            const roles = r.inputs.roleIds;
            if (isUnknown(roles) || (Array.isArray(roles) && roles.length > 0)) {
                return [
                    `requests application permissions (roleIds ${isUnknown(roles) ? "[unknown]" : asJson(roles)}) on the Power Platform API. ${fix}`,
                ];
            }
        }
        if (
            r.type === TYPES.application &&
            applicationRequestedIds(r, (appId) => sameId(appId, POWER_PLATFORM_API_APP_ID), "Role").length > 0
        ) {
            return [
                `requests application permissions (requiredResourceAccesses type Role) on the Power Platform API. ${fix}`,
            ];
        }
        if (r.type === TYPES.appRoleAssignment) {
            const resourceObjectId = known(r.inputs.resourceObjectId);
            const target = ctx.all.find(
                (sp) =>
                    sp.type === TYPES.servicePrincipal &&
                    sameId(known(sp.inputs.clientId), POWER_PLATFORM_API_APP_ID) &&
                    (sameId(resourceObjectId, known(sp.inputs.objectId)) ||
                        sameId(resourceObjectId, known(sp.inputs.id))),
            );
            if (target)
                return [
                    `assigns an app role of the Power Platform API (service principal ${asJson(target.name)}). ${fix}`,
                ];
        }
        return [];
    },
};

export const noHighPrivilegeGraphDelegatedPermissions: Rule = {
    name: "no-high-privilege-graph-delegated-permissions",
    description:
        "No high-privilege Microsoft Graph delegated permissions (Directory.AccessAsUser.All, Directory.ReadWrite.All, Application.ReadWrite.All, RoleManagement.ReadWrite.Directory, AppRoleAssignment.ReadWrite.All) in API access or consent grants unless allow-listed by name.",
    defaultSeverity: "advisory",
    crossResource: false,
    configKeys: ["allowedGraphDelegatedPermissions"],
    check(r, ctx) {
        let names: string[] = [];
        if (r.type === TYPES.apiAccess && sameId(known(r.inputs.apiClientId), GRAPH_APP_ID)) {
            names = knownList(r.inputs.scopeIds)
                .map((id) => HIGH_PRIVILEGE_GRAPH_SCOPES[id.toLowerCase()])
                .filter((n): n is string => n !== undefined);
        }
        if (r.type === TYPES.application) {
            names = applicationRequestedIds(r, (appId) => sameId(appId, GRAPH_APP_ID), "Scope")
                .map((id) => HIGH_PRIVILEGE_GRAPH_SCOPES[id.toLowerCase()])
                .filter((n): n is string => n !== undefined);
        }
        if (r.type === TYPES.delegatedGrant) {
            const high = new Set(Object.values(HIGH_PRIVILEGE_GRAPH_SCOPES));
            names = knownList(r.inputs.claimValues).filter((c) => high.has(c));
        }
        const allowed = ctx.config.allowedGraphDelegatedPermissions;
        return names
            .filter((name) => !allowed.includes(name))
            .map(
                (name) =>
                    `includes the high-privilege delegated permission ${name}: the connector could act on the whole directory as its admins. ` +
                    `Use a narrower scope (e.g. User.Read, Directory.Read.All), or allow-list "${name}" in allowedGraphDelegatedPermissions.`,
            );
    },
};
