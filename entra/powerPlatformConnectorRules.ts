// Rules for the custom connector the stack creates: its environment id and the name of a connector it adopts.

/**
 * Why `value` is not a Power Platform environment id, or undefined. Environment ids are a GUID or `Default-<tenant
 * id>` (the admin center's Environment ID); they go into `$filter=environment eq '<id>'` of every call, so only
 * letters, digits and '-' are let through.
 */
export function environmentIdProblem(value: string): string | undefined {
    return /^[A-Za-z0-9-]{1,100}$/.test(value)
        ? undefined
        : "is not an environment id (letters, digits and '-', e.g. Default-<tenant id> or a GUID); copy the Environment ID from the Power Platform admin center";
}

/**
 * Why `value` is not a custom connector's name, or undefined. The platform assigns names such as
 * `shared_orders-20connector-5fe1d2c3b4a59687` (the recorded GET answers `shared_sharepointonline`); the name is a
 * path segment of every call.
 */
export function connectorNameProblem(value: string): string | undefined {
    return /^[A-Za-z0-9_-]{1,200}$/.test(value)
        ? undefined
        : "is not a connector name (letters, digits, '_' and '-', e.g. shared_orders-20connector-5fe1d2c3b4a59687); it is shared_ plus the tail of the redirect URL the connector's Security tab shows";
}

/** Why `minutes` is not a wait for the managed-identity subject, or undefined. */
export function subjectTimeoutProblem(minutes: number): string | undefined {
    return Number.isInteger(minutes) && minutes >= 1 && minutes <= 120
        ? undefined
        : `is ${minutes}; use a whole number of minutes from 1 to 120`;
}
