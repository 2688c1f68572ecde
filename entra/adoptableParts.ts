// The parts of an adopted app registration that config can say already exist (imported instead of created).

/**
 * `redirectUris`: the app's redirect URIs of the platform the component manages; `apiAccess`: its API permissions
 * on the API the component calls; `identifierUri`: an API's Application ID URI. Scopes and roles are adopted by id.
 */
export const ADOPTABLE_PARTS = ["redirectUris", "apiAccess", "identifierUri"] as const;
export type AdoptablePart = (typeof ADOPTABLE_PARTS)[number];
