// Which config key adopts which resource: lets the offline plan say "set <key>" when a brownfield tenant already
// holds what the stack would create (the simulator knows Entra, this file knows the config).
import { StackConfig } from "../config";
import { grantName, mergeHttpWithEntraIdGrants } from "./httpWithEntraIdGrants";
import { NAMESPACE } from "../config/keys";
import { apiStableKeys } from "./composeStack";
import {
    apiComponentName,
    childName,
    connectorComponentName,
    firstPartyServicePrincipalName,
    powerPlatformApiClientComponentName,
} from "../entra/naming";
import { CREATABLE_SERVICE_PRINCIPALS } from "../entra/wellKnownApis";

/** The key that adopts `what` (a resource name, or `appId:<appId>` for a looked-up Microsoft principal). */
export type AdoptionKeys = ReadonlyMap<string, string>;

/** Resource names (as the components name them) -> the full config key path that adopts or fixes them. */
export function adoptionKeys(config: StackConfig): AdoptionKeys {
    const keys = new Map<string, string>();
    const at = (path: string) => `${NAMESPACE}:${path}`;
    for (const grant of mergeHttpWithEntraIdGrants(config.httpWithEntraIdGrants)) {
        keys.set(
            childName(grantName(grant, apiStableKeys(config)), "consent", "grant"),
            at(`httpWithEntraId.grants[${grant.firstIndex}].adopt.grantId`),
        );
    }
    const apps: Array<[string, string, string]> = [
        ...Object.keys(config.apis).map((k) => ["apis", k, apiComponentName(k)] as [string, string, string]),
        ...Object.keys(config.connectors).map(
            (k) => ["connectors", k, connectorComponentName(k)] as [string, string, string],
        ),
        ...Object.keys(config.powerPlatformApiClients).map(
            (k) => ["powerPlatformApiClients", k, powerPlatformApiClientComponentName(k)] as [string, string, string],
        ),
    ];
    for (const [section, key, component] of apps) {
        keys.set(childName(component, "app"), at(`${section}.${key}.adopt.applicationObjectId`));
        keys.set(childName(component, "sp"), at(`${section}.${key}.adopt.servicePrincipalObjectId`));
        keys.set(childName(component, "consent", "grant"), at(`${section}.${key}.adopt.consentGrantId`));
        keys.set(childName(component, "owner", "deployer"), at("deployerOwnership"));
        for (const owner of config.owners) keys.set(childName(component, "owner", owner.toLowerCase()), at("owners"));
        // The parts an adopted app already holds: existingParts, and an API's scopes and roles by id.
        for (const part of ["redirect-uris", "api-access", "identifier-uri"])
            keys.set(childName(component, part), at(`${section}.${key}.adopt.existingParts`));
    }
    for (const [key, api] of Object.entries(config.apis)) {
        for (const s of api.scopes)
            keys.set(childName(apiComponentName(key), "scope", s.value), at(`apis.${key}.adopt.scopeIds.${s.value}`));
        for (const r of api.appRoles)
            keys.set(childName(apiComponentName(key), "role", r.value), at(`apis.${key}.adopt.appRoleIds.${r.value}`));
    }
    for (const { name, appId } of CREATABLE_SERVICE_PRINCIPALS) {
        keys.set(firstPartyServicePrincipalName(name), at("createServicePrincipals"));
        keys.set(`appId:${appId.toLowerCase()}`, at("createServicePrincipals"));
    }
    return keys;
}
