// Checks of a connector's `api` argument before any child exists: a whole reference, and scopes the API defines.
import * as pulumi from "@pulumi/pulumi";
import { ownApiScopeProblem } from "../entra/argRules";
import { ArgProblems, describeArg } from "./argProblems";
import { ProtectedApi } from "./protectedApi";
import type { ProtectedApiReference } from "./connectorTarget";

/** The outputs a reference must carry: the ProtectedApi's own property names, so passing the component works. */
const REFERENCE_PROPERTIES = [
    "applicationId",
    "clientId",
    "identifierUri",
    "servicePrincipalObjectId",
    "delegatedScopeIds",
] as const;

/**
 * Scope values the API defines when they are known before deployment: a ProtectedApi's `scopeIds` (derived, not
 * generated), or a reference's plain `delegatedScopeIds` map. Undefined when only the deployment knows them.
 */
function definedScopes(api: ProtectedApiReference): string[] | undefined {
    if (api instanceof ProtectedApi) return Object.keys(api.scopeIds);
    const ids: unknown = api.delegatedScopeIds;
    if (
        typeof ids !== "object" ||
        ids === null ||
        Array.isArray(ids) ||
        pulumi.Output.isInstance(ids) ||
        ids instanceof Promise
    )
        return undefined;
    return Object.keys(ids);
}

/**
 * Problems with `args.api` (when set) and with `scopes` against it. A reference from another language or from
 * JavaScript may lack an output (it would fail only after the app, redirect URIs and API access exist); a scope the
 * API does not define would fail only at deployment, when resolving its id. The scope rule is the one config applies
 * to `connectors.<key>.scopes` (entra/argRules.ts ownApiScopeProblem).
 */
export function apiReferenceProblems(
    problems: ArgProblems,
    api: unknown,
    scopes: readonly unknown[] | undefined,
    scopesArg = "scopes",
): void {
    if (api === undefined) return;
    if (typeof api !== "object" || api === null || pulumi.Output.isInstance(api)) {
        problems.check(
            "api",
            `is ${describeArg(api)}; pass the ProtectedApi, or an object with its outputs ${REFERENCE_PROPERTIES.join(", ")}`,
        );
        return;
    }
    const reference = api as ProtectedApiReference;
    const missing = REFERENCE_PROPERTIES.filter((p) => reference[p] === undefined || reference[p] === null);
    if (missing.length > 0) {
        problems.check(
            "api",
            `lacks ${missing.join(", ")}; pass the ProtectedApi itself, or an object with all of its outputs ${REFERENCE_PROPERTIES.join(", ")} (delegatedScopeIds, not scopeIds: it waits for the scopes to exist)`,
        );
        return;
    }
    const defined = definedScopes(reference);
    if (defined === undefined || !Array.isArray(scopes)) return;
    scopes.forEach((scope, i) => {
        if (typeof scope === "string")
            problems.check(
                `${scopesArg}[${i}]`,
                ownApiScopeProblem(scope, "the API passed as args.api", defined, "that ProtectedApi's args.scopes"),
            );
    });
}
