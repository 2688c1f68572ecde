// Keeps secret values out of violation messages. CrossGuard hands a policy the resources' properties with secrets
// unwrapped (@pulumi/policy deserialize.js: "secrets must be fully unpacked into plain-old-JSON"), and the offline
// plan merges simulated outputs, so a rule quoting an input could print a secret that sits in it.
import { PolicyResource, UNKNOWN } from "./ruleTypes";

/** Property names that hold secret material (ApplicationPassword.value, tls privateKeyPem, Key Vault properties.value, ...). */
const SECRET_KEY_RE = /secret|password|passwd|privatekey|private_key|token|^value$/i;
/** Shorter strings are not redacted: they would mask ordinary words, and no generated secret is that short. */
const MIN_SECRET_LENGTH = 8;
export const REDACTED = "[secret]";

function collect(value: unknown, underSecretKey: boolean, out: Set<string>): void {
    if (typeof value === "string") {
        if (underSecretKey && value.length >= MIN_SECRET_LENGTH && value !== UNKNOWN) out.add(value);
    } else if (Array.isArray(value)) {
        for (const item of value) collect(item, underSecretKey, out);
    } else if (value !== null && typeof value === "object") {
        for (const [key, item] of Object.entries(value)) collect(item, underSecretKey || SECRET_KEY_RE.test(key), out);
    }
}

/** Every secret-looking string value of the resources (values under a secret-named property, at any depth). */
export function secretValues(resources: readonly PolicyResource[]): string[] {
    const out = new Set<string>();
    for (const r of resources) collect(r.inputs, false, out);
    return [...out].sort((a, b) => b.length - a.length);
}

/** The message with every one of `secrets` replaced by [secret], wherever a rule quoted it. */
export function redactSecrets(message: string, secrets: readonly string[]): string {
    let text = message;
    for (const secret of secrets) if (text.includes(secret)) text = text.split(secret).join(REDACTED);
    return text;
}
