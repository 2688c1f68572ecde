// Rules on who can sign in: single-tenant registrations (federated clients included) and Application ID URIs.
import { TYPES, SINGLE_TENANT } from "../facts";
import { known, quote, componentOf, siblingsOfType } from "../ruleHelpers";
import { Rule } from "../ruleTypes";

export const federatedClientSingleTenant: Rule = {
    name: "federated-client-single-tenant",
    description: "Managed-identity (federated) connector clients are single tenant (signInAudience AzureADMyOrg).",
    defaultSeverity: "mandatory",
    crossResource: true,
    configKeys: [],
    check(r, ctx) {
        if (r.type !== TYPES.registration) return [];
        const audience = known(r.inputs.signInAudience) ?? (r.inputs.signInAudience === undefined ? SINGLE_TENANT : undefined);
        if (audience === undefined || audience === SINGLE_TENANT) return [];
        const fics = siblingsOfType(r, TYPES.federatedCredential, ctx);
        if (fics.length === 0) return [];
        return [
            `has federated credential ${fics.map((f) => quote(f.name)).join(", ")} but signInAudience ${quote(audience)}: ` +
                `a managed-identity connector's client must be single tenant. Set signInAudience to "${SINGLE_TENANT}".`,
        ];
    },
};

export const signInAudienceSingleTenant: Rule = {
    name: "sign-in-audience-single-tenant",
    description: "App registrations are single tenant (AzureADMyOrg) unless the component is allow-listed in multiTenantAllowed.",
    defaultSeverity: "mandatory",
    crossResource: false,
    configKeys: ["multiTenantAllowed"],
    check(r, ctx) {
        if (r.type !== TYPES.registration) return [];
        const audience = known(r.inputs.signInAudience);
        if (audience === undefined || audience === SINGLE_TENANT) return [];
        const component = componentOf(r);
        if (ctx.config.multiTenantAllowed.includes(component) || ctx.config.multiTenantAllowed.includes(r.name)) return [];
        return [
            `has signInAudience ${quote(audience)}: users of other tenants${audience.includes("Personal") ? " and personal Microsoft accounts" : ""} could sign in. ` +
                `Set signInAudience to "${SINGLE_TENANT}", or add "${component}" to multiTenantAllowed after a security review.`,
        ];
    },
};

export const identifierUriScheme: Rule = {
    name: "identifier-uri-scheme",
    description: "Application ID URIs use api:// or an https URL on a (verified) domain, without wildcards, query or fragment.",
    defaultSeverity: "mandatory",
    crossResource: false,
    configKeys: [],
    check(r) {
        if (r.type !== TYPES.identifierUri) return [];
        const uri = known(r.inputs.identifierUri);
        if (uri === undefined) return [];
        const fix = "Use api://<client id> (the default), api://<tenant id>/<name>, or https://<verified domain>/<path>.";
        if (/[\s*#?]/.test(uri)) return [`identifier URI ${quote(uri)} contains a wildcard, space, query or fragment. ${fix}`];
        if (/^api:\/\/[^/]/.test(uri)) return [];
        if (/^https:\/\//.test(uri)) {
            try {
                const host = new URL(uri).hostname;
                if (host.includes(".") && host !== "localhost") return [];
            } catch {
                // fall through
            }
        }
        return [`identifier URI ${quote(uri)} is neither api://... nor an https URL on a domain. ${fix}`];
    },
};
