// Cross-field rules of apis.<key>: key clashes, scope and role values (identifier URIs and other Entra limits: limits.ts).
import { permissionValueProblem } from "../../entra/entraRules";
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
            add(`apis.${apiKey}`, `the key "${apiKey}" reads as the wellKnown API ${clash} in grants and resource names. Fix: choose another key.`);
        }
        const seen = new Map<string, string>();
        const values = [
            ...api.scopes.map((s, i) => [`apis.${apiKey}.scopes[${i}].value`, s.value] as const),
            ...api.appRoles.map((r, i) => [`apis.${apiKey}.appRoles[${i}].value`, r.value] as const),
        ];
        for (const [path, value] of values) {
            const problem = permissionValueProblem(value);
            if (problem) add(path, `"${value}" ${problem}.`);
            const first = seen.get(value);
            if (first) {
                add(path, `"${value}" is already used at ${NAMESPACE}:${first}; scope and role values must be unique within an API. Fix: rename one of them.`);
            } else {
                seen.set(value, path);
            }
        }
    }
    return problems;
}
