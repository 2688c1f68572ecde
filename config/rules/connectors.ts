// Cross-field rules of connectors.<key>: resources and scopes, authentication fields, platform, redirect URLs.
import { permissionValueProblem, redirectUriProblem } from "../../entra/entraRules";
import { federatedSubjectProblem as entraFederatedSubjectProblem } from "../../entra/federatedCredentialRules";
import { defaultRotationDays } from "../../entra/secretRotation";
import { wellKnownApiByAppId, WellKnownApiName } from "../../entra/wellKnownApis";
import { ownApiScopeProblem, redirectUrlsProblem } from "../../entra/argRules";
import { CloudName } from "../../entra/clouds";
import { wellKnownResourceUrlProblem, wellKnownScopeProblem } from "./wellKnownScopes";
import { ConfigProblem, describeValue } from "../errors";
import { NAMESPACE, TENANT_KEY } from "../keys";
import { DEFAULT_SECRET_LIFETIME_DAYS } from "../../entra/secretRotation";
import { ConnectorConfig, StackConfig } from "../model";

export function connectorProblems(config: StackConfig, input: Record<string, unknown>): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const add = (path: string, message: string) => problems.push({ path: `${NAMESPACE}:${path}`, message });
    for (const [key, c] of Object.entries(config.connectors)) {
        const at = (field: string) => `connectors.${key}.${field}`;
        const resource = c.resource;
        // Each scope name's form, checked once: a malformed name gets that message, not also "not a scope of ...".
        const formProblems = c.scopes.map((scope) => permissionValueProblem(scope));
        if ("api" in resource) {
            const api = config.apis[resource.api];
            if (!api) {
                const declared = Object.keys(config.apis);
                add(
                    at("resource.api"),
                    `"${resource.api}" is not declared under ${NAMESPACE}:apis (declared: ${declared.length ? declared.join(", ") : "none"}). Fix: add it to apis or correct the name.`,
                );
            } else {
                const known = api.scopes.map((s) => s.value);
                c.scopes.forEach((scope, i) => {
                    const problem = ownApiScopeProblem(
                        scope,
                        `API "${resource.api}"`,
                        known,
                        `${NAMESPACE}:apis.${resource.api}.scopes`,
                    );
                    if (problem) add(`${at("scopes")}[${i}]`, `${problem}.`);
                });
            }
        } else if ("wellKnown" in resource) {
            const name = resource.wellKnown as WellKnownApiName;
            const urlProblem = wellKnownResourceUrlProblem(name, config.cloud, resource.resourceUrl);
            if (urlProblem) add(at("resource.resourceUrl"), urlProblem);
            c.scopes.forEach((scope, i) => {
                const problem = wellKnownScopeProblem(name, scope);
                if (problem && formProblems[i] === undefined) add(`${at("scopes")}[${i}]`, problem);
            });
        } else {
            const urlProblem = /^(https:\/\/|api:\/\/)\S+$/.test(resource.external.resourceUrl)
                ? undefined
                : "must be an https:// URL or an api:// identifier URI";
            if (urlProblem)
                add(
                    at("resource.external.resourceUrl"),
                    `"${resource.external.resourceUrl}" ${urlProblem}. Fix: give the API's resource URL, e.g. https://orders.contoso.com or api://orders.`,
                );
            // Microsoft's own API named by app id: its names are as checkable as under wellKnown.
            const known = wellKnownApiByAppId(resource.external.appId);
            if (known) {
                c.scopes.forEach((scope, i) => {
                    const problem = wellKnownScopeProblem(known, scope);
                    if (problem && formProblems[i] === undefined) add(`${at("scopes")}[${i}]`, problem);
                });
            }
        }
        c.scopes.forEach((scope, i) => {
            const problem = formProblems[i];
            if (problem) add(`${at("scopes")}[${i}]`, `"${scope}" ${problem}.`);
            if (c.scopes.indexOf(scope) !== i)
                add(`${at("scopes")}[${i}]`, `"${scope}" is listed twice. Fix: list each scope once.`);
        });

        const raw = (input.connectors as Record<string, Record<string, unknown>>)[key];
        problems.push(...platformProblems(key, c, raw));
        // The component adopts the grant only with its consent (components/adoption.ts adoptProblems): say so at the key.
        if (c.adopt?.consentGrantId !== undefined && c.adminConsent === false) {
            add(
                at("adopt.consentGrantId"),
                `is set (${describeValue(c.adopt.consentGrantId)}) but adminConsent is false, so the stack manages no consent grant to adopt. Fix: set adminConsent (true or { user: <object id> }) to manage the existing grant, or remove adopt.consentGrantId.`,
            );
        }
        if (c.authentication === "clientSecret") {
            const rotation = rotationProblem(
                c.secretLifetimeDays ?? DEFAULT_SECRET_LIFETIME_DAYS,
                raw.secretRotationDays,
            );
            if (rotation) add(at("secretRotationDays"), rotation);
            if (c.federatedSubject !== undefined) {
                add(
                    at("federatedSubject"),
                    `is set (${describeValue(c.federatedSubject)}) but authentication is "clientSecret"; a federated subject belongs to authentication: managedIdentity. Fix: remove federatedSubject or set authentication: managedIdentity.`,
                );
            }
        } else {
            if (raw.secretLifetimeDays !== undefined) {
                add(
                    at("secretLifetimeDays"),
                    `is set (${describeValue(raw.secretLifetimeDays)}) but authentication is "managedIdentity", which has no secret. Fix: remove secretLifetimeDays.`,
                );
            }
            if (raw.secretRotationDays !== undefined) {
                add(
                    at("secretRotationDays"),
                    `is set (${describeValue(raw.secretRotationDays)}) but authentication is "managedIdentity", which has no secret. Fix: remove secretRotationDays.`,
                );
            }
            if (c.federatedSubject !== undefined) {
                const subjectProblem = stackFederatedSubjectProblem(c.federatedSubject, config.tenantId, config.cloud);
                if (subjectProblem) add(at("federatedSubject"), subjectProblem);
            }
        }

        problems.push(...powerPlatformProblems(key, c));
        // A connector the stack creates registers its own redirect URL: config's are extras, none is fine.
        const rawRedirects = Array.isArray(raw.redirectUrls) ? c.redirectUrls : undefined;
        const redirects = c.powerPlatform
            ? undefined
            : redirectUrlsProblem(rawRedirects, config.cloud, "leave redirectUrls out");
        if (redirects) add(at("redirectUrls"), `${redirects}.`);
        c.redirectUrls.forEach((url, i) => {
            const problem = redirectUriProblem(url);
            if (problem) add(`${at("redirectUrls")}[${i}]`, `"${url}" ${problem}.`);
            if (c.redirectUrls.indexOf(url) !== i)
                add(`${at("redirectUrls")}[${i}]`, `"${url}" is listed twice. Fix: list each redirect URL once.`);
        });
    }
    return problems;
}

/**
 * The newest secret must keep at least half its lifetime: a renewal every R days leaves it L - R, so R may be
 * at most L/2.
 */
export function rotationProblem(lifetimeDays: number, rotationDays: unknown): string | undefined {
    if (typeof rotationDays !== "number" || rotationDays <= defaultRotationDays(lifetimeDays)) return undefined;
    return (
        `is ${rotationDays} days, more than half of secretLifetimeDays (${lifetimeDays}): the newest secret could then have less than half its lifetime left. ` +
        `Fix: set it to at most ${defaultRotationDays(lifetimeDays)}, or leave it out for that default.`
    );
}

const LOGIC_APPS_FIELDS = ["resourceGroupName", "location", "baseUrl"] as const;

/** A Logic Apps connector needs its Azure placement; a Power Platform one has none. */
function platformProblems(key: string, c: ConnectorConfig, raw: Record<string, unknown>): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const at = (field: string) => `${NAMESPACE}:connectors.${key}.${field}`;
    if (c.platform === "logicApps") {
        if (c.authentication === "managedIdentity") {
            problems.push({
                path: at("authentication"),
                message: `is "managedIdentity" but platform is "logicApps": managed identity (a federated credential) is for Power Platform custom connectors only; a Logic Apps custom API signs in with a client secret. Fix: set authentication: clientSecret, or platform: powerPlatform.`,
            });
        }
        for (const field of LOGIC_APPS_FIELDS) {
            if (raw[field] === undefined) {
                problems.push({
                    path: at(field),
                    message: `is required for platform: logicApps (the custom API's ${field === "baseUrl" ? "backend URL" : `Azure ${field}`}). Fix: set ${field}, or use platform: powerPlatform.`,
                });
            }
        }
    } else {
        for (const field of LOGIC_APPS_FIELDS) {
            if (raw[field] !== undefined) {
                problems.push({
                    path: at(field),
                    message: `is set (${describeValue(raw[field])}) but platform is "powerPlatform"; it describes a Logic Apps custom API. Fix: remove it, or set platform: logicApps.`,
                });
            }
        }
    }
    return problems;
}

/** `powerPlatform` makes the stack create a Power Platform custom connector: not for Logic Apps; only a subject is waited for. */
function powerPlatformProblems(key: string, c: ConnectorConfig): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const at = (field: string) => `${NAMESPACE}:connectors.${key}.powerPlatform${field}`;
    if (!c.powerPlatform) return problems;
    if (c.platform === "logicApps") {
        problems.push({
            path: at(""),
            message: `is set but platform is "logicApps": the stack already deploys a Logic Apps connector as a custom API, and powerPlatform creates a Power Platform custom connector. Fix: remove powerPlatform, or set platform: powerPlatform.`,
        });
    }
    if (c.powerPlatform.subjectTimeoutMinutes !== undefined && c.authentication !== "managedIdentity") {
        problems.push({
            path: at(".subjectTimeoutMinutes"),
            message: `is set (${c.powerPlatform.subjectTimeoutMinutes}) but authentication is "${c.authentication}": only a managed-identity connector waits for its subject. Fix: remove subjectTimeoutMinutes.`,
        });
    }
    return problems;
}

/** Why a managed-identity subject cannot be used in this stack (the pure rule lives in entra/, shared with the component). */
export function stackFederatedSubjectProblem(subject: string, tenantId: string, cloud: CloudName): string | undefined {
    return entraFederatedSubjectProblem(subject, tenantId, cloud, TENANT_KEY);
}
