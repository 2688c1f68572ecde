// The policy pack's rules as pure functions: CrossGuard (policy/index.ts), the offline plan and the tests all run these.
// Each rule lives in policy/rules/<concern>.ts; this module lists them (RULES), runs them and re-exports the model.
import { redactSecrets, secretValues } from "./redact";
import { PolicyContext, PolicyResource, Rule, Severity, severityOf } from "./ruleTypes";
import { federatedClientSingleTenant, signInAudienceSingleTenant, identifierUriScheme } from "./rules/tenancy";
import { redirectUrisSecure, implicitGrantMinimal, publicClientFlowsRequireRopc } from "./rules/redirectsAndFlows";
import { clientSecretMaxLifetime, federatedCredentialAudienceIssuer } from "./rules/credentials";
import { noHighPrivilegeGraphApplicationPermissions } from "./rules/graphApplicationPermissions";
import { noPowerPlatformApplicationPermissions, noHighPrivilegeGraphDelegatedPermissions } from "./rules/permissions";
import {
    appOwnerBesidesDeployer,
    firstPartyServicePrincipalRetained,
    productionAppRegistrationProtected,
} from "./rules/lifecycle";

export * from "./ruleTypes";
export {
    HIGH_PRIVILEGE_GRAPH_APP_ROLES,
    HIGH_PRIVILEGE_GRAPH_SCOPES,
    MICROSOFT_FIRST_PARTY_APP_IDS,
    TYPES,
} from "./facts";
export { appGroup, appOf, componentOf, stackOfUrn } from "./ruleHelpers";

/** Every rule: the ten original rules (the tenth split in two), then the ones added since; docs/policy.md lists them in this order. */
export const RULES: readonly Rule[] = [
    federatedClientSingleTenant,
    redirectUrisSecure,
    implicitGrantMinimal,
    clientSecretMaxLifetime,
    noPowerPlatformApplicationPermissions,
    noHighPrivilegeGraphApplicationPermissions,
    appOwnerBesidesDeployer,
    federatedCredentialAudienceIssuer,
    publicClientFlowsRequireRopc,
    firstPartyServicePrincipalRetained,
    productionAppRegistrationProtected,
    signInAudienceSingleTenant,
    identifierUriScheme,
    noHighPrivilegeGraphDelegatedPermissions,
];

/** One rule's violation on one resource. */
export interface Violation {
    readonly rule: Rule;
    readonly severity: Severity;
    readonly resource: PolicyResource;
    readonly message: string;
}

/** Runs every rule on every resource of ctx.all; no message carries a secret value (see redact.ts). */
export function evaluateRules(ctx: PolicyContext, rules: readonly Rule[] = RULES): Violation[] {
    const violations: Violation[] = [];
    const secrets = secretValues(ctx.all);
    for (const rule of rules) {
        const severity = severityOf(rule, ctx.config);
        for (const resource of ctx.all) {
            for (const message of rule.check(resource, ctx))
                violations.push({ rule, severity, resource, message: redactSecrets(message, secrets) });
        }
    }
    return violations;
}
