// Rules of `adopt`: one existing object is adopted by one entry only; the parts an entry adopts are parts it has.
import { ConfigProblem } from "../errors";
import { NAMESPACE } from "../keys";
import { StackConfig } from "../model";

/**
 * Two entries adopting one app registration (or one service principal) would import the same object twice: both
 * manage it, each resetting what the other declares, and destroying one leaves the other pointing at nothing.
 * The second adoption is refused at its key (entries in config order: apis, connectors, powerPlatformApiClients).
 */
export function adoptionProblems(config: StackConfig): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const seen = new Map<string, string>();
    for (const section of ["apis", "connectors", "powerPlatformApiClients"] as const) {
        const entries = config[section] as Readonly<
            Record<string, { adopt?: { applicationObjectId?: string; servicePrincipalObjectId?: string } }>
        >;
        for (const [key, entry] of Object.entries(entries)) {
            for (const field of ["applicationObjectId", "servicePrincipalObjectId"] as const) {
                const id = entry.adopt?.[field]?.toLowerCase();
                if (id === undefined) continue;
                const at = `${section}.${key}.adopt.${field}`;
                const first = seen.get(`${field}|${id}`);
                if (first) {
                    problems.push({
                        path: `${NAMESPACE}:${at}`,
                        message: `is ${id}, which ${NAMESPACE}:${first} already adopts; one ${field === "applicationObjectId" ? "app registration" : "service principal"} can be managed by one entry only. Fix: remove the adoption from one of the two entries (or give this entry its own object).`,
                    });
                } else seen.set(`${field}|${id}`, at);
            }
        }
    }
    return [...problems, ...adoptedPartProblems(config)];
}

/**
 * `existingParts`, `scopeIds` and `appRoleIds` name what the entry declares: an API's identifier URI (its import id
 * contains the URI, so `identifierUri` must be given), a connector's API access (its import id contains the API's
 * client id, unknown before deployment for an API of this stack), a Power Platform API client's public-client
 * redirect URI (only with `publicClient`), an API's scopes and roles by value.
 */
function adoptedPartProblems(config: StackConfig): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const problem = (path: string, message: string) => problems.push({ path: `${NAMESPACE}:${path}`, message });
    const partsOf = (
        section: string,
        key: string,
        parts: readonly string[] | undefined,
        allowed: readonly string[],
        why: string,
    ) =>
        (parts ?? []).forEach((part, i) => {
            if (!allowed.includes(part))
                problem(
                    `${section}.${key}.adopt.existingParts[${i}]`,
                    `is "${part}", but ${why}; allowed here: ${allowed.join(", ") || "none"}. Fix: remove it.`,
                );
        });
    for (const [key, api] of Object.entries(config.apis)) {
        partsOf(
            "apis",
            key,
            api.adopt?.existingParts,
            ["identifierUri"],
            "an API declares only its identifier URI among these parts",
        );
        if (api.adopt?.existingParts?.includes("identifierUri") && api.identifierUri === undefined) {
            problem(
                `apis.${key}.identifierUri`,
                "is unset, but adopt.existingParts names identifierUri: the import id contains the URI, and the default api://{clientId} is only known at deployment. Fix: set it to the adopted app's Application ID URI (az ad app show --id <client id> --query identifierUris), e.g. api://<its client id>.",
            );
        }
        for (const [field, declared, what] of [
            ["scopeIds", api.scopes.map((s) => s.value), "scopes"],
            ["appRoleIds", api.appRoles.map((r) => r.value), "appRoles"],
        ] as const) {
            for (const value of Object.keys(api.adopt?.[field] ?? {})) {
                if (!declared.includes(value))
                    problem(
                        `apis.${key}.adopt.${field}.${value}`,
                        `names "${value}", which apis.${key}.${what} does not declare (declared: ${declared.join(", ") || "none"}). Fix: declare it, or remove the id.`,
                    );
            }
        }
    }
    for (const [key, c] of Object.entries(config.connectors)) {
        const ownApi = typeof c.resource === "object" && "api" in c.resource;
        partsOf(
            "connectors",
            key,
            c.adopt?.existingParts,
            ownApi ? ["redirectUris"] : ["redirectUris", "apiAccess"],
            ownApi
                ? "the API access of a connector to an API of this stack cannot be imported (its import id contains the API's client id, known only at deployment); remove that API permission from the adopted app in the portal so the stack creates it"
                : "a connector declares only its redirect URIs and API access",
        );
    }
    for (const [key, client] of Object.entries(config.powerPlatformApiClients)) {
        partsOf(
            "powerPlatformApiClients",
            key,
            client.adopt?.existingParts,
            client.publicClient ? ["redirectUris", "apiAccess"] : ["apiAccess"],
            client.publicClient
                ? "a Power Platform API client declares only its redirect URIs and API access"
                : "without publicClient the client declares no redirect URIs",
        );
    }
    return problems;
}
