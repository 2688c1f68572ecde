// Rules on who can sign in: single-tenant registrations (federated clients included) and Application ID URIs.
import { TYPES, SINGLE_TENANT } from "../facts";
import { known, knownList, asJson, componentOf, siblingsOfType } from "../ruleHelpers";
import { Rule } from "../ruleTypes";

export const federatedClientSingleTenant: Rule = {
    name: "federated-client-single-tenant",
    description: "Managed-identity (federated) connector clients are single tenant (signInAudience AzureADMyOrg).",
    defaultSeverity: "mandatory",
    crossResource: true,
    configKeys: [],
    check(r, ctx) {
        if (r.type !== TYPES.registration) return [];
        const audience =
            known(r.inputs.signInAudience) ?? (r.inputs.signInAudience === undefined ? SINGLE_TENANT : undefined);
        if (audience === undefined || audience === SINGLE_TENANT) return [];
        const fics = siblingsOfType(r, TYPES.federatedCredential, ctx);
        if (fics.length === 0) return [];
        return [
            `has federated credential ${fics.map((f) => asJson(f.name)).join(", ")} but signInAudience ${asJson(audience)}: ` +
                `a managed-identity connector's client must be single tenant. Set signInAudience to "${SINGLE_TENANT}".`,
        ];
    },
};

export const signInAudienceSingleTenant: Rule = {
    name: "sign-in-audience-single-tenant",
    description:
        "App registrations are single tenant (AzureADMyOrg) unless the component is allow-listed in multiTenantAllowed.",
    defaultSeverity: "mandatory",
    crossResource: false,
    configKeys: ["multiTenantAllowed"],
    check(r, ctx) {
        // azuread.Application defaults to AzureADMyOrg too (provider docs), so an absent audience is single tenant.
        if (r.type !== TYPES.registration && r.type !== TYPES.application) return [];
        const audience = known(r.inputs.signInAudience);
        if (audience === undefined || audience === SINGLE_TENANT) return [];
        const component = componentOf(r);
        if (ctx.config.multiTenantAllowed.includes(component) || ctx.config.multiTenantAllowed.includes(r.name))
            return [];
        return [
            `has signInAudience ${asJson(audience)}: users of other tenants${audience.includes("Personal") ? " and personal Microsoft accounts" : ""} could sign in. ` +
                `Set signInAudience to "${SINGLE_TENANT}", or add "${component}" to multiTenantAllowed after a security review.`,
        ];
    },
};

export const identifierUriScheme: Rule = {
    name: "identifier-uri-scheme",
    description:
        "Application ID URIs use api:// or an https URL on a (verified) domain, without wildcards, query or fragment.",
    defaultSeverity: "mandatory",
    crossResource: false,
    configKeys: [],
    check(r) {
        if (r.type === TYPES.application) return knownList(r.inputs.identifierUris).flatMap(identifierUriProblem);
        if (r.type !== TYPES.identifierUri) return [];
        const uri = known(r.inputs.identifierUri);
        if (uri === undefined) return [];
        return identifierUriProblem(uri);
    },
};

/** Why an Application ID URI is not acceptable ([] when it is). */
function identifierUriProblem(uri: string): string[] {
    const fix = "Use api://<client id> (the default), api://<tenant id>/<name>, or https://<verified domain>/<path>.";
    if (/[\s*#?]/.test(uri))
        return [`identifier URI ${asJson(uri)} contains a wildcard, space, query or fragment. ${fix}`];
    if (/^api:\/\/[^/]/.test(uri)) return [];
    if (/^https:\/\//.test(uri)) {
        let host = "";
        try {
            host = new URL(uri).hostname;
        } catch {
            // not a URL: the message below
        }
        // An https identifier URI must be on a verified domain of the tenant; an IP address is never one.
        if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith("[")) {
            return [
                `identifier URI ${asJson(uri)} is on the IP address ${host}, not a verified domain of the tenant. ${fix}`,
            ];
        }
        if (host.includes(".") && host !== "localhost") return [];
    }
    return [`identifier URI ${asJson(uri)} is neither api://... nor an https URL on a domain. ${fix}`];
}
