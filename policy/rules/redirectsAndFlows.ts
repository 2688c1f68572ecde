// Rules on how tokens are obtained: redirect URIs, the implicit flow, public client flows (ROPC).
import { redirectUriProblem } from "../vendor/entra/entraRules";
import { CLOUDS, isLogicAppsConsentHost } from "../vendor/entra/clouds";
import { TYPES } from "../facts";
import { known, knownList, asJson, insideComponent, componentOf, appOf } from "../ruleHelpers";
import { Rule } from "../ruleTypes";
import { applicationImplicitGrant, applicationRedirectUris } from "./applicationInputs";

export const redirectUrisSecure: Rule = {
    name: "redirect-uris-secure",
    description:
        "Redirect URIs are https (http only for localhost) without wildcards, and a connector's Web redirects point at the cloud's connector consent service (or, in the public cloud, a Logic Apps regional consent host) unless allow-listed.",
    defaultSeverity: "mandatory",
    crossResource: false,
    configKeys: ["allowedRedirectHosts"],
    check(r, ctx) {
        if (r.type === TYPES.application) return applicationRedirectProblems(r);
        if (r.type !== TYPES.redirectUris) return [];
        const messages: string[] = [];
        const consentHost = CLOUDS[ctx.cloud].connectorConsentHost;
        // Clouds where Microsoft documents no consent host (usgovernment, china) skip the host check: config
        // already requires the redirect URL the connector shows there.
        const checkHost =
            known(r.inputs.type) === "Web" && insideComponent(r, TYPES.connectorClient) && consentHost !== undefined;
        const allowedHosts = [consentHost, ...ctx.config.allowedRedirectHosts]
            .filter((h): h is string => !!h)
            .map((h) => h.toLowerCase());
        for (const uri of knownList(r.inputs.redirectUris)) {
            const problem = redirectUriProblem(uri);
            if (problem) {
                messages.push(
                    `redirect URI ${asJson(uri)} ${problem}. Use an https URL without wildcards or fragments.`,
                );
                continue;
            }
            if (checkHost) {
                const host = new URL(uri).hostname.toLowerCase();
                const logicApps = ctx.cloud === "public" && isLogicAppsConsentHost(host);
                if (!allowedHosts.includes(host) && !logicApps) {
                    messages.push(
                        `connector redirect URI ${asJson(uri)} points at ${host}, not the connector consent service (${consentHost}). ` +
                            `Use the redirect URL the connector shows (https://${consentHost}/redirect/...), or add ${host} to allowedRedirectHosts.`,
                    );
                }
            }
        }
        return messages;
    },
};

/**
 * An Application's inline redirect URIs: web and single-page ones as the split resources' (https, no wildcard);
 * public-client ones may use a custom scheme (msal<client id>://auth), so only http and wildcards are refused there.
 */
function applicationRedirectProblems(r: Parameters<Rule["check"]>[0]): string[] {
    const messages: string[] = [];
    for (const platform of ["web", "singlePageApplication"] as const) {
        for (const uri of applicationRedirectUris(r, platform)) {
            const problem = redirectUriProblem(uri);
            if (problem)
                messages.push(
                    `${platform} redirect URI ${asJson(uri)} ${problem}. Use an https URL without wildcards or fragments.`,
                );
        }
    }
    for (const uri of applicationRedirectUris(r, "publicClient")) {
        const localhost = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])([:/]|$)/i.test(uri);
        if (uri.includes("*") || (/^http:/i.test(uri) && !localhost)) {
            messages.push(
                `publicClient redirect URI ${asJson(uri)} uses a wildcard or plain http. Use https, http://localhost, or the client's custom scheme.`,
            );
        }
    }
    return messages;
}

export const implicitGrantMinimal: Rule = {
    name: "implicit-grant-minimal",
    description:
        "No implicit ID-token or access-token issuance: connectors use the authorization code flow, so no registration needs the implicit flow.",
    defaultSeverity: "mandatory",
    crossResource: false,
    configKeys: [],
    check(r) {
        if (r.type === TYPES.application) {
            const grant = applicationImplicitGrant(r);
            return [
                ...(grant.idToken
                    ? [
                          "enables implicit ID-token issuance (web.implicitGrant.idTokenIssuanceEnabled). Set it to false: connectors use the authorization code flow.",
                      ]
                    : []),
                ...(grant.accessToken
                    ? [
                          "enables implicit access-token issuance (web.implicitGrant.accessTokenIssuanceEnabled), which no connector needs. Set it to false.",
                      ]
                    : []),
            ];
        }
        if (r.type !== TYPES.registration) return [];
        const messages: string[] = [];
        if (r.inputs.implicitIdTokenIssuanceEnabled === true) {
            messages.push(
                "enables implicit ID-token issuance. Set implicitIdTokenIssuanceEnabled to false: connectors use the authorization code flow.",
            );
        }
        if (r.inputs.implicitAccessTokenIssuanceEnabled === true) {
            // No scenario needs it: connectors use the authorization code flow (apiDefinition's `flow: accessCode`),
            // and implicitGrantSettings.enableAccessTokenIssuance only lets an app get access tokens from the
            // authorization endpoint (implicit flow; https://learn.microsoft.com/graph/api/resources/implicitgrantsettings).
            messages.push(
                "enables implicit access-token issuance, which no connector needs (they use the authorization code flow). Set implicitAccessTokenIssuanceEnabled to false.",
            );
        }
        return messages;
    },
};

export const publicClientFlowsRequireRopc: Rule = {
    name: "public-client-flows-require-ropc",
    description:
        'Public client flows (ApplicationFallbackPublicClient enabled) only on registrations that declare ROPC: the component is in ropcAllowed, or the registration\'s notes or description contain "ROPC".',
    defaultSeverity: "mandatory",
    crossResource: true,
    configKeys: ["ropcAllowed"],
    check(r, ctx) {
        if (r.type === TYPES.application) {
            if (r.inputs.fallbackPublicClientEnabled !== true) return [];
            if (ctx.config.ropcAllowed.includes(componentOf(r)) || ctx.config.ropcAllowed.includes(r.name)) return [];
            if ([r.inputs.notes, r.inputs.description].some((text) => /\bROPC\b/.test(known(text) ?? ""))) return [];
            return [
                `enables public client flows (fallbackPublicClientEnabled: ROPC, device code) without declaring ROPC. ` +
                    `Set fallbackPublicClientEnabled to false, or put "ROPC" and the reason in its notes, or add "${r.name}" to ropcAllowed.`,
            ];
        }
        if (r.type !== TYPES.fallbackPublicClient || r.inputs.enabled !== true) return [];
        const component = componentOf(r);
        if (ctx.config.ropcAllowed.includes(component)) return [];
        const app = appOf(r, ctx.all);
        // The declaration travels with the app: Entra shows `notes` to its admins (description to its users).
        if (app && [app.inputs.notes, app.inputs.description].some((text) => /\bROPC\b/.test(known(text) ?? "")))
            return [];
        return [
            `enables public client flows (ROPC, device code) on ${app ? `app registration ${asJson(app.name)}` : "its app registration"}, which does not declare ROPC. ` +
                `Remove it (set enabled to false), or declare it: put "ROPC" and the reason in the registration's notes, or add "${component}" to ropcAllowed.`,
        ];
    },
};
