// Pulumi's wire form of a secret ({ 4dabf18193072939515e22adb298388d: <sig>, value }), as mocks receive it.

const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export function isSecret(value: unknown): boolean {
    return (
        typeof value === "object" && value !== null && (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG
    );
}

/** The value inside a secret wrapper (repeatedly, if wrapped twice); anything else as it is. */
export function unwrapSecret(value: unknown): unknown {
    while (isSecret(value)) value = (value as { value: unknown }).value;
    return value;
}

/** Like unwrapSecret, through objects and arrays: for reading nested inputs in rule checks. */
export function unwrapSecretsDeep(value: unknown): unknown {
    const v = unwrapSecret(value);
    if (Array.isArray(v)) return v.map(unwrapSecretsDeep);
    if (v && typeof v === "object")
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwrapSecretsDeep(x)]));
    return v;
}

/** Wraps a value the way the engine hands secrets to the program, so the program's Output is secret too. */
export function secretValue(value: unknown): unknown {
    return isSecret(value) ? value : { [SECRET_SIG_KEY]: SECRET_SIG, value };
}

/** Every string inside a secret anywhere in `value`: what findings must never quote. */
export function secretStrings(value: unknown, inSecret = false, out: string[] = []): string[] {
    if (isSecret(value)) return secretStrings((value as { value: unknown }).value, true, out);
    if (typeof value === "string") {
        if (inSecret && value !== "") out.push(value);
    } else if (Array.isArray(value)) {
        for (const v of value) secretStrings(v, inSecret, out);
    } else if (value && typeof value === "object") {
        for (const v of Object.values(value)) secretStrings(v, inSecret, out);
    }
    return out;
}
