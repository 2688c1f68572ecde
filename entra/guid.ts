// The one GUID predicate: tenant, app, object and subscription ids everywhere in config, components, plan and tools.

const GUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** True for a GUID in its usual form, xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx (hex digits of either case, no braces). */
export function isGuid(value: string): boolean {
    return GUID_PATTERN.test(value);
}
