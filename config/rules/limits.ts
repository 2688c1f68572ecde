// What Entra, Azure or the mandatory policy would reject, rejected at the config key first (limits that span fields).
import { regionProblem } from "../../entra/azureRegions";
import {
    applicationDisplayNameProblem,
    hostNameProblem,
    identifierUriProblem,
    MAX_OWNERS_PER_APP,
    MAX_PERMISSION_DEFINITIONS_PER_APP,
    MAX_REQUESTED_PERMISSIONS_PER_APP,
    MAX_REDIRECT_URIS_PER_APP,
    nilGuidProblem,
    quote,
    secretLifetimePolicyProblem,
} from "../../entra/entraRules";
import { environmentDisplayName } from "../../entra/naming";
import { isGuid } from "../../entra/guid";
import { ConfigProblem } from "../errors";
import { NAMESPACE, TENANT_KEY } from "../keys";
import { StackConfig } from "../model";

const at = (path: string) => `${NAMESPACE}:${path}`;

/** How a message shows a value: quoted, or [secret] when its top-level key is secret (never echo a secure value). */
type Show = (path: string, value: string) => string;
function shower(secretKeys: ReadonlySet<string>): Show {
    return (path, value) => {
        const top = path.includes(":") ? path : at(path.split(/[.[]/)[0]);
        return secretKeys.has(top) ? "[secret]" : quote(value);
    };
}

/** Every limit of this file, for crossFieldProblems. */
export function limitProblems(
    config: StackConfig,
    input: Record<string, unknown>,
    raw: Readonly<Record<string, string>>,
    secretKeys: ReadonlySet<string> = new Set(),
): ConfigProblem[] {
    const show = shower(secretKeys);
    return [
        ...providerKeyProblems(config, raw, show),
        ...apiLimitProblems(config, show),
        ...connectorLimitProblems(config, input, show),
        ...powerPlatformApiClientLimitProblems(config, show),
        ...ownerAndUniquenessProblems(config, show),
    ];
}

/**
 * Limits across sections: owners per app (every app gets the listed owners, and the deploying identity with
 * explicit ownership), one Application ID URI per API across the stack (Entra refuses a second app with a URI the
 * tenant already has), and lists whose duplicates say nothing twice.
 */
export function ownerAndUniquenessProblems(config: StackConfig, show: Show = shower(new Set())): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const owners = config.owners.length + (config.deployerOwnership === "explicit" ? 1 : 0);
    if (owners > MAX_OWNERS_PER_APP) {
        problems.push({
            path: at("owners"),
            message: `lists ${config.owners.length} owners${config.deployerOwnership === "explicit" ? ", and the deploying identity owns each app too" : ""}: ${owners} per app; Entra allows at most ${MAX_OWNERS_PER_APP} owners of one application. Fix: name a group's few admins, not every member.`,
        });
    }
    const byUri = new Map<string, string>();
    for (const [key, api] of Object.entries(config.apis)) {
        if (api.identifierUri === undefined) continue;
        const uri = api.identifierUri.toLowerCase();
        const first = byUri.get(uri);
        if (first !== undefined) {
            problems.push({
                path: at(`apis.${key}.identifierUri`),
                message: `${show("apis", api.identifierUri)} is also the identifierUri of apis.${first}; an Application ID URI names one application in the tenant. Fix: give each API its own, or leave it out for api://{clientId}.`,
            });
        } else byUri.set(uri, key);
    }
    for (const [key, c] of Object.entries(config.powerPlatformApiClients)) {
        problems.push(...duplicateProblems(`powerPlatformApiClients.${key}.permissions`, c.permissions, show));
        if (c.permissions.length > MAX_REQUESTED_PERMISSIONS_PER_APP) {
            problems.push({
                path: at(`powerPlatformApiClients.${key}.permissions`),
                message: `lists ${c.permissions.length} permissions; Entra allows at most ${MAX_REQUESTED_PERMISSIONS_PER_APP} requested permissions per application. Fix: keep the ones the client uses.`,
            });
        }
    }
    for (const [key, c] of Object.entries(config.connectors)) {
        if (c.scopes.length > MAX_REQUESTED_PERMISSIONS_PER_APP) {
            problems.push({
                path: at(`connectors.${key}.scopes`),
                message: `lists ${c.scopes.length} scopes; Entra allows at most ${MAX_REQUESTED_PERMISSIONS_PER_APP} requested permissions per application. Fix: keep the ones the connector's operations need.`,
            });
        }
        if (c.host !== undefined) {
            const problem = hostNameProblem(c.host);
            if (problem)
                problems.push({
                    path: at(`connectors.${key}.host`),
                    message: `${show("connectors", c.host)} ${problem}.`,
                });
        }
    }
    problems.push(...duplicateProblems("createServicePrincipals", config.createServicePrincipals ?? [], show));
    return problems;
}

/** One problem per value listed more than once, at its second position. */
function duplicateProblems(path: string, values: readonly string[], show: Show): ConfigProblem[] {
    const seen = new Map<string, number>();
    const problems: ConfigProblem[] = [];
    values.forEach((v, i) => {
        const first = seen.get(v);
        if (first !== undefined) {
            problems.push({
                path: at(`${path}[${i}]`),
                message: `${show(path, v)} is already listed at [${first}]. Fix: list each value once.`,
            });
        } else seen.set(v, i);
    });
    return problems;
}

/** The registration's display name Entra stores ("Orders API (dev)") within Entra's limit. */
function displayNameProblem(path: string, displayName: string, environment: string, show: Show): ConfigProblem[] {
    const problem = applicationDisplayNameProblem(environmentDisplayName(displayName, environment));
    return problem ? [{ path: at(path), message: `${show(path, displayName)} ${problem}.` }] : [];
}

/** apis.<key>: display name length, permission definitions per app, Application ID URI. */
export function apiLimitProblems(config: StackConfig, show: Show = shower(new Set())): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    for (const [key, api] of Object.entries(config.apis)) {
        problems.push(...displayNameProblem(`apis.${key}.displayName`, api.displayName, config.environment, show));
        const definitions = api.scopes.length + api.appRoles.length;
        if (definitions > MAX_PERMISSION_DEFINITIONS_PER_APP) {
            problems.push({
                path: at(`apis.${key}`),
                message: `defines ${definitions} scopes and app roles (${api.scopes.length} + ${api.appRoles.length}); Entra allows at most ${MAX_PERMISSION_DEFINITIONS_PER_APP} per application, shared between the two. Fix: remove some, or split the API into two.`,
            });
        }
        if (api.identifierUri !== undefined) {
            const problem = identifierUriProblem(api.identifierUri);
            if (problem)
                problems.push({
                    path: at(`apis.${key}.identifierUri`),
                    message: `${show("apis", api.identifierUri)} ${problem}.`,
                });
        }
    }
    return problems;
}

/** connectors.<key>: display name length, redirect URI count, Azure region. */
export function connectorLimitProblems(
    config: StackConfig,
    input: Record<string, unknown>,
    show: Show = shower(new Set()),
): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const rawConnectors = (input.connectors ?? {}) as Record<string, Record<string, unknown>>;
    for (const [key, c] of Object.entries(config.connectors)) {
        const raw = rawConnectors[key] ?? {};
        problems.push(...displayNameProblem(`connectors.${key}.displayName`, c.displayName, config.environment, show));
        if (c.redirectUrls.length > MAX_REDIRECT_URIS_PER_APP) {
            problems.push({
                path: at(`connectors.${key}.redirectUrls`),
                message: `lists ${c.redirectUrls.length} redirect URLs; Entra allows at most ${MAX_REDIRECT_URIS_PER_APP} per app registration. Fix: keep only the redirect URLs the connector shows (one per connector).`,
            });
        }
        if (c.logicApps && typeof raw.location === "string") {
            const problem = regionProblem(raw.location, config.cloud);
            if (problem)
                problems.push({
                    path: at(`connectors.${key}.location`),
                    message: `${show("connectors", raw.location)} ${problem}.`,
                });
        }
    }
    return problems;
}

/** powerPlatformApiClients.<key>: display name length. */
export function powerPlatformApiClientLimitProblems(
    config: StackConfig,
    show: Show = shower(new Set()),
): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    for (const [key, c] of Object.entries(config.powerPlatformApiClients)) {
        problems.push(
            ...displayNameProblem(
                `powerPlatformApiClients.${key}.displayName`,
                c.displayName,
                config.environment,
                show,
            ),
        );
    }
    return problems;
}

/** Provider keys the stack reads: the tenant, and the azure-native subscription (Logic Apps custom APIs, Key Vault). */
export function providerKeyProblems(
    config: StackConfig,
    raw: Readonly<Record<string, string>>,
    show: Show = shower(new Set()),
): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const tenant = nilGuidProblem(config.tenantId, "the tenant id (az account show --query tenantId)");
    if (tenant) problems.push({ path: TENANT_KEY, message: `${show(TENANT_KEY, config.tenantId)} ${tenant}.` });
    const subscriptionId = raw[SUBSCRIPTION_KEY];
    if (subscriptionId !== undefined) {
        const what = "the subscription id (az account show --query id)";
        const problem = isGuid(subscriptionId)
            ? nilGuidProblem(subscriptionId, what)
            : `is not a GUID. Fix: replace it with ${what}`;
        if (problem)
            problems.push({ path: SUBSCRIPTION_KEY, message: `${show(SUBSCRIPTION_KEY, subscriptionId)} ${problem}.` });
    }
    return problems;
}

export const SUBSCRIPTION_KEY = "azure-native:subscriptionId";

/**
 * Provider keys that hold credentials. azuread: `secret: true` in the provider schema (clientSecret,
 * clientCertificatePassword; ../shared/reference/pulumi-azuread/schema.json `config.variables`) and the keys whose
 * schema description is a credential (clientCertificate: "Base64 encoded PKCS#12 certificate bundle", oidcToken,
 * oidcRequestToken). azure-native: the same credentials in @pulumi/azure-native config/vars.d.ts. (The azuread schema
 * also marks clientId secret; a client id is not a credential, so a plain one is not warned about.)
 */
export const PROVIDER_CREDENTIAL_KEYS = [
    "azuread:clientSecret",
    "azuread:clientCertificatePassword",
    "azuread:clientCertificate",
    "azuread:oidcToken",
    "azuread:oidcRequestToken",
    "azure-native:clientSecret",
    "azure-native:clientCertificatePassword",
    "azure-native:oidcToken",
    "azure-native:oidcRequestToken",
] as const;

/**
 * Warnings, not errors: a credential in the stack file in plain text, and a secret lifetime over the policy pack's
 * default maximum. The latter is a warning because the pack's maxSecretLifetimeDays can be raised for a deployment
 * (`pulumi up --policy-pack ... --policy-pack-config`); with the defaults, the offline plan and the pack then fail on
 * client-secret-max-lifetime, and this warning names the key to change.
 */
export function configWarnings(
    raw: Readonly<Record<string, string>>,
    secretKeys: readonly string[],
    config?: StackConfig,
    input: Record<string, unknown> = {},
): ConfigProblem[] {
    const secrets = new Set(secretKeys);
    const warnings: ConfigProblem[] = PROVIDER_CREDENTIAL_KEYS.filter(
        (key) => raw[key] !== undefined && !secrets.has(key),
    ).map((key) => ({
        path: key,
        message: `is a credential stored in plain text in the stack file (value not shown). Fix: pulumi config set --secret ${key} <value>, so Pulumi encrypts it; better, sign in without a stored credential (OIDC or az login).`,
    }));
    if (!config) return warnings;
    const lifetime = (section: "connectors" | "powerPlatformApiClients", key: string, usesSecret: boolean) => {
        const value = ((input[section] ?? {}) as Record<string, Record<string, unknown>>)[key]?.secretLifetimeDays;
        const problem = usesSecret && typeof value === "number" ? secretLifetimePolicyProblem(value) : undefined;
        if (problem) warnings.push({ path: at(`${section}.${key}.secretLifetimeDays`), message: problem + "." });
    };
    for (const [key, c] of Object.entries(config.connectors))
        lifetime("connectors", key, c.authentication === "clientSecret");
    for (const [key, c] of Object.entries(config.powerPlatformApiClients))
        lifetime("powerPlatformApiClients", key, c.credential === "clientSecret");
    return warnings;
}
