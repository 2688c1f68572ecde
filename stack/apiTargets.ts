// The API a connector or a grant calls, from config to the components' public arguments (api, wellKnownApi,
// apiAppId + resourceUrl), with the stack's shared look-ups passed as apiServicePrincipal.
import { type ApiTarget, type ProtectedApi } from "../components";
import type { ConnectorResourceConfig } from "../config/model";
import { externalLabel, WELL_KNOWN_APIS, WellKnownApiName } from "../entra/wellKnownApis";
import type { StackServicePrincipals } from "./servicePrincipals";

/** Component arguments naming the API, and its name as the stack's outputs and messages show it. */
export interface StackApiTarget {
    readonly args: ApiTarget;
    /** e.g. `API "orders"`, "Microsoft Graph", "the API with app id ...". */
    readonly label: string;
}

/** A connector's `resource` config as ConnectorClient arguments. */
export function connectorApiTarget(
    ref: ConnectorResourceConfig,
    apis: Readonly<Record<string, ProtectedApi>>,
    principals: StackServicePrincipals,
): StackApiTarget {
    if ("api" in ref) {
        const api = apis[ref.api];
        if (!api) throw new Error(`resource.api "${ref.api}" is not declared under apis`);
        return { args: { api }, label: `API "${ref.api}"` };
    }
    if ("wellKnown" in ref) {
        const name = ref.wellKnown as WellKnownApiName;
        return {
            args: { wellKnownApi: name, resourceUrl: ref.resourceUrl, apiServicePrincipal: principals.wellKnown(name) },
            label: WELL_KNOWN_APIS[name].displayName,
        };
    }
    const { appId, resourceUrl } = ref.external;
    return {
        args: { apiAppId: appId, resourceUrl, apiServicePrincipal: principals.lookUp(appId) },
        label: externalLabel(appId),
    };
}

/** A delegated grant's resource (a key of apis, a well-known API name, or an app id) as HttpWithEntraIdConsent arguments. */
export function grantApiTarget(
    resource: string | { readonly appId: string; readonly resourceUrl?: string },
    configuredUrl: string | undefined,
    apis: Readonly<Record<string, ProtectedApi>>,
    principals: StackServicePrincipals,
): StackApiTarget {
    if (typeof resource !== "string") {
        return {
            args: {
                apiAppId: resource.appId,
                resourceUrl: resource.resourceUrl,
                apiServicePrincipal: principals.lookUp(resource.appId),
            },
            label: externalLabel(resource.appId),
        };
    }
    const api = apis[resource];
    if (api) return { args: { api }, label: resource };
    const name = resource as WellKnownApiName;
    const known = WELL_KNOWN_APIS[name];
    if (!known) throw new Error(`"${resource}" is neither a key of apis nor a wellKnown API`);
    return {
        args: { wellKnownApi: name, resourceUrl: configuredUrl, apiServicePrincipal: principals.wellKnown(name) },
        label: known.displayName,
    };
}
