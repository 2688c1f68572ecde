// The `apis` section: one ProtectedApi per entry, and the outputs a client of each needs.
import * as pulumi from "@pulumi/pulumi";
import { StackConfig } from "../config";
import { ProtectedApi } from "../components";
import { apiComponentName, environmentDisplayName } from "../entra/naming";
import { ownership, renamedFrom } from "./componentArgs";

export interface ApiOutput {
    readonly clientId: pulumi.Output<string>;
    readonly identifierUri: pulumi.Output<string>;
    readonly scopeIds: Record<string, string>;
}

/** Every protected API of the stack, by config key. */
export function composeApis(config: StackConfig, deployerObjectId: pulumi.Input<string>): Record<string, ProtectedApi> {
    const apis: Record<string, ProtectedApi> = {};
    for (const [key, api] of Object.entries(config.apis)) {
        apis[key] = new ProtectedApi(
            apiComponentName(key),
            {
                // Scope ids derive from this key; a renamed API keeps deriving them from its first name.
                stableKey: api.previousName ?? key,
                displayName: environmentDisplayName(api.displayName, config.environment),
                identifierUri: api.identifierUri,
                scopes: [...api.scopes],
                appRoles: api.appRoles.map((r) => ({ ...r, allowedMemberTypes: [...r.allowedMemberTypes] })),
                assignmentRequired: api.assignmentRequired,
                accessTokenVersion: api.accessTokenVersion,
                ownership: ownership(config, deployerObjectId, api.adopt),
            },
            renamedFrom(api.previousName, apiComponentName),
        );
    }
    return apis;
}

/** The stack output of each API. */
export function apiOutputs(apis: Readonly<Record<string, ProtectedApi>>): Record<string, ApiOutput> {
    return Object.fromEntries(
        Object.entries(apis).map(([key, api]) => [
            key,
            { clientId: api.clientId, identifierUri: api.identifierUri, scopeIds: api.scopeIds },
        ]),
    );
}
