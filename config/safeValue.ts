// Config values as plain data: no key that JavaScript treats specially (`__proto__`, ...), no unbounded nesting.

/**
 * Keys refused anywhere in config. JSON.parse and the yaml package create an own `__proto__` key, and copying
 * such an object with `obj[key] = value` swaps its prototype: a `__proto__: { production: false }` could then
 * supply or switch off a key the schema reads. `constructor` and `prototype` are refused for the same reason.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** Deepest nesting accepted: the deepest real config key (`apis.<key>.appRoles[i].allowedMemberTypes[j]`) is 5 levels. */
export const MAX_DEPTH = 32;

export const FORBIDDEN_KEY_MESSAGE = (key: string) =>
    `"${key}" is not allowed as a config key: JavaScript gives it a special meaning, so it could change how other keys are read. Fix: rename or remove it.`;
export const TOO_DEEP_MESSAGE = `nests deeper than ${MAX_DEPTH} levels, far deeper than any config key. Fix: remove the extra nesting.`;

/** A problem at a path below the value's root (strings for keys, numbers for list indexes). */
export interface ValueProblem {
    readonly path: readonly (string | number)[];
    readonly message: string;
}

/**
 * A copy of `value` in null-prototype objects, without forbidden keys and cut at MAX_DEPTH; every removal is
 * reported at its path. The recursion stops at MAX_DEPTH, so no input can exhaust the stack.
 */
export function sanitize(
    value: unknown,
    problems: ValueProblem[],
    path: readonly (string | number)[] = [],
    depth = 0,
): unknown {
    if (value === null || typeof value !== "object") return value;
    if (depth >= MAX_DEPTH) {
        problems.push({ path, message: TOO_DEEP_MESSAGE });
        return undefined;
    }
    if (Array.isArray(value)) return value.map((item, i) => sanitize(item, problems, [...path, i], depth + 1));
    const copy: Record<string, unknown> = Object.create(null);
    for (const key of Object.keys(value)) {
        if (FORBIDDEN_KEYS.has(key)) {
            problems.push({ path: [...path, key], message: FORBIDDEN_KEY_MESSAGE(key) });
            continue;
        }
        copy[key] = sanitize((value as Record<string, unknown>)[key], problems, [...path, key], depth + 1);
    }
    return copy;
}
