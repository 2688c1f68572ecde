// Rules on what outlives a deployment: owners besides the deployer, retained first-party principals, protected production apps.
import { TYPES, MICROSOFT_FIRST_PARTY_APP_IDS } from "../facts";
import { known, sameId, siblingsOfType } from "../ruleHelpers";
import { Rule } from "../ruleTypes";

export const appOwnerBesidesDeployer: Rule = {
    name: "app-owner-besides-deployer",
    description: "In production stacks, every app registration has at least one owner besides the deploying identity.",
    defaultSeverity: "mandatory",
    crossResource: true,
    configKeys: [],
    check(r, ctx) {
        if (!ctx.production || r.type !== TYPES.registration) return [];
        // The deployer is recognised by object id when known, and by the child name owners.ts gives it otherwise.
        const others = siblingsOfType(r, TYPES.owner, ctx).filter(
            (o) => !o.name.endsWith("-owner-deployer") && !sameId(known(o.inputs.ownerObjectId), ctx.deployerObjectId),
        );
        if (others.length > 0) return [];
        return [
            // Application owners can only be users or service principals (Graph "Add owner", application-post-owners):
            // a group is refused.
            `has no owner besides the deploying identity. Add a named administrator's user object id (or a service principal's) to entra-connectors:owners ` +
                `(each becomes an ApplicationOwner; Entra accepts only users and service principals as owners, not groups), so someone can manage the app if the pipeline identity goes.`,
        ];
    },
};

export const firstPartyServicePrincipalRetained: Rule = {
    name: "first-party-service-principal-retained",
    description:
        "Service principals of Microsoft first-party apps (or adopted with useExisting) are retainOnDelete: destroying a stack never deletes them.",
    defaultSeverity: "mandatory",
    crossResource: false,
    configKeys: [],
    check(r) {
        if (r.type !== TYPES.servicePrincipal || r.retainOnDelete !== false) return [];
        const clientId = known(r.inputs.clientId);
        const firstParty = MICROSOFT_FIRST_PARTY_APP_IDS.some((id) => sameId(id, clientId));
        if (!firstParty && r.inputs.useExisting !== true) return [];
        return [
            `is the tenant-wide service principal of ${firstParty ? `Microsoft app ${clientId}` : "an existing app (useExisting)"} but is not retainOnDelete: ` +
                "destroying the stack would delete it for every user of the tenant. Add { retainOnDelete: true } to its resource options.",
        ];
    },
};

export const productionAppRegistrationProtected: Rule = {
    name: "production-app-registration-protected",
    description:
        "In production stacks, app registrations are protected: deleting or replacing one breaks every connection using it.",
    defaultSeverity: "mandatory",
    crossResource: false,
    configKeys: [],
    check(r, ctx) {
        if (!ctx.production || r.type !== TYPES.registration || r.protect) return [];
        return [
            `is not protected in production stack "${ctx.environment}"; a delete or replace would break every connection using it. ` +
                "Add { protect: true } to its resource options.",
        ];
    },
};
