// The resources whose service principal and scope names only the tenant knows: external APIs and well-known APIs
// outside the always-present ones. The simulator plans them as existing, with a warning naming the config key.
import { NAMESPACE, parseStackConfig, StackConfig } from "../../config";
import {
    externalLabel,
    WELL_KNOWN_API_NAMES,
    WELL_KNOWN_APIS,
    wellKnownApiByAppId,
    WellKnownApiName,
} from "../../entra/wellKnownApis";
import { AssumedServicePrincipal } from "../simulator";

/** Every external or looked-up well-known resource the config names, merged per app id. */
export function deployTimeResources(config: StackConfig): AssumedServicePrincipal[] {
    const byAppId = new Map<string, { appId: string; name: string; scopes: Set<string>; configKeys: string[] }>();
    const add = (appId: string, name: string, scopes: readonly string[], configKey: string) => {
        const id = appId.toLowerCase();
        const entry = byAppId.get(id) ?? { appId: id, name, scopes: new Set<string>(), configKeys: [] };
        scopes.forEach((s) => entry.scopes.add(s));
        entry.configKeys.push(`${NAMESPACE}:${configKey}`);
        byAppId.set(id, entry);
    };
    const wellKnown = (name: WellKnownApiName, scopes: readonly string[], configKey: string) => {
        const api = WELL_KNOWN_APIS[name];
        // Ensured principals (Power Platform API) are created by the stack itself, with the catalog's scopes.
        if (!api.mayBeMissingFromTenant) add(api.appId, api.displayName, scopes, configKey);
    };
    for (const [key, c] of Object.entries(config.connectors).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        if ("external" in c.resource)
            add(
                c.resource.external.appId,
                externalLabel(c.resource.external.appId),
                c.scopes,
                `connectors.${key}.resource`,
            );
        else if ("wellKnown" in c.resource)
            wellKnown(c.resource.wellKnown as WellKnownApiName, c.scopes, `connectors.${key}.resource`);
    }
    config.httpWithEntraIdGrants.forEach((grant, i) => {
        const at = `httpWithEntraId.grants[${i}].resource`;
        const resource = grant.resource;
        if (typeof resource === "string") {
            if ((WELL_KNOWN_API_NAMES as readonly string[]).includes(resource))
                wellKnown(resource as WellKnownApiName, grant.scopes, at);
        } else {
            const known = wellKnownApiByAppId(resource.appId);
            if (known) wellKnown(known, grant.scopes, at);
            else add(resource.appId, externalLabel(resource.appId), grant.scopes, at);
        }
    });
    return [...byAppId.values()].map((e) => ({
        appId: e.appId,
        name: e.name,
        scopes: [...e.scopes].sort(),
        configKeys: e.configKeys,
    }));
}

/** The same from raw stack config; none when the config is invalid (the program then fails on it anyway). */
export function deployTimeResourcesOf(
    rawConfig: Readonly<Record<string, string>>,
    secretKeys: readonly string[],
): AssumedServicePrincipal[] {
    try {
        return deployTimeResources(parseStackConfig(rawConfig, secretKeys));
    } catch {
        return [];
    }
}
