// Rule on high-privilege Microsoft Graph application permissions (its own file: the catalog may edit it).
import { TYPES, GRAPH_APP_ID, HIGH_PRIVILEGE_GRAPH_APP_ROLES } from "../facts";
import { known, knownList, sameId } from "../ruleHelpers";
import { Rule } from "../ruleTypes";
import { applicationRequestedIds } from "./applicationInputs";

export const noHighPrivilegeGraphApplicationPermissions: Rule = {
    name: "no-high-privilege-graph-application-permissions",
    description:
        "No high-privilege Microsoft Graph application permissions (Directory.ReadWrite.All, Application.ReadWrite.All, RoleManagement.ReadWrite.Directory, AppRoleAssignment.ReadWrite.All) unless allow-listed by name.",
    defaultSeverity: "mandatory",
    crossResource: false,
    configKeys: ["allowedGraphApplicationPermissions"],
    check(r, ctx) {
        let ids: string[] = [];
        if (r.type === TYPES.apiAccess && sameId(known(r.inputs.apiClientId), GRAPH_APP_ID))
            ids = knownList(r.inputs.roleIds);
        // Graph's app-role ids are unique GUIDs, so an assignment of one is recognised without resolving its resource.
        if (r.type === TYPES.appRoleAssignment) ids = knownList([r.inputs.appRoleId]);
        if (r.type === TYPES.application)
            ids = applicationRequestedIds(r, (appId) => sameId(appId, GRAPH_APP_ID), "Role");
        const allowed = ctx.config.allowedGraphApplicationPermissions;
        return ids
            .map((id) => HIGH_PRIVILEGE_GRAPH_APP_ROLES[id.toLowerCase()])
            .filter((name): name is string => name !== undefined && !allowed.includes(name))
            .map(
                (name) =>
                    `grants the high-privilege Microsoft Graph application permission ${name}. Remove it or use a narrower one ` +
                    `(e.g. Application.ReadWrite.OwnedBy), or allow-list "${name}" in allowedGraphApplicationPermissions after a security review.`,
            );
    },
};
