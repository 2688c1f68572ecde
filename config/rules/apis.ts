// Cross-field rules of apis.<key>: key clashes, scope and role values (identifier URIs and other Entra limits: limits.ts).
import { exposedPermissionsProblem, permissionKeyProblem } from "../../entra/argRules";
import { permissionValueProblem } from "../../entra/entraRules";
import { apiComponentName, childName } from "../../entra/naming";
import { WELL_KNOWN_API_NAMES } from "../../entra/wellKnownApis";
import { ConfigProblem } from "../errors";
import { NAMESPACE } from "../keys";
import { StackConfig } from "../model";

export function apiProblems(config: StackConfig): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const add = (path: string, message: string) => problems.push({ path: `${NAMESPACE}:${path}`, message });
    for (const [apiKey, api] of Object.entries(config.apis)) {
        const clash = WELL_KNOWN_API_NAMES.find((n) => n.toLowerCase() === apiKey.toLowerCase());
        if (clash) {
            add(
                `apis.${apiKey}`,
                `the key "${apiKey}" reads as the wellKnown API ${clash} in grants and resource names. Fix: choose another key.`,
            );
        }
        const exposed = exposedPermissionsProblem(api.scopes.length, api.appRoles.length);
        if (exposed) add(`apis.${apiKey}.scopes`, `${exposed}.`);
        const seen = new Map<string, string>();
        const values = [
            ...api.scopes.map((s, i) => [`apis.${apiKey}.scopes[${i}].value`, s.value] as const),
            ...api.appRoles.map((r, i) => [`apis.${apiKey}.appRoles[${i}].value`, r.value] as const),
        ];
        for (const [path, value] of values) {
            const problem = permissionValueProblem(value) ?? permissionKeyProblem(value);
            if (problem) add(path, `"${value}" ${problem}.`);
            const first = seen.get(value);
            if (first) {
                add(
                    path,
                    `"${value}" is already used at ${NAMESPACE}:${first}; scope and role values must be unique within an API. Fix: rename one of them.`,
                );
            } else {
                seen.set(value, path);
            }
        }
    }
    problems.push(...childNameClashes(config));
    return problems;
}

/**
 * Two APIs whose scope or role child resources get one name: `apis.hr` scope `leave-scope-read` and
 * `apis.hr-scope-leave` scope `read` are both `api-hr-scope-leave-scope-read` (childName joins with '-'). Pulumi
 * would refuse the duplicate URN at deployment without naming either key; renaming a child would replace the live
 * scope, so names stay as they are and config says which keys clash.
 */
function childNameClashes(config: StackConfig): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const seen = new Map<string, { readonly key: string; readonly path: string }>();
    for (const [apiKey, api] of Object.entries(config.apis)) {
        const children = [
            ...api.scopes.map((s, i) => ["scope", s.value, `apis.${apiKey}.scopes[${i}].value`] as const),
            ...api.appRoles.map((r, i) => ["role", r.value, `apis.${apiKey}.appRoles[${i}].value`] as const),
        ];
        for (const [kind, value, path] of children) {
            const name = childName(apiComponentName(apiKey), kind, value);
            const first = seen.get(`${kind} ${name}`);
            if (first && first.key !== apiKey) {
                problems.push({
                    path: `${NAMESPACE}:${path}`,
                    message: `"${value}" gives the ${kind} resource the name "${name}", which ${NAMESPACE}:${first.path} of API "${first.key}" already gives its ${kind} (names join the API key and the value with '-'), so APIs "${first.key}" and "${apiKey}" clash. Fix: rename one of the two values, or one API key.`,
                });
            } else if (!first) {
                seen.set(`${kind} ${name}`, { key: apiKey, path });
            }
        }
    }
    return problems;
}
