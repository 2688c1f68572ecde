// Admin consent for Microsoft's "HTTP with Microsoft Entra ID" connector app: ManagePermissionGrant.ps1 as code.
import * as pulumi from "@pulumi/pulumi";
import { DelegatedConsent, grantClaimValues } from "./consent";
import { childName } from "../entra/naming";
import { ResourceResolver } from "./resourceResolver";
import { HTTP_WITH_ENTRA_ID_APP_ID, HTTP_WITH_ENTRA_ID_PRINCIPAL, WELL_KNOWN_API_NAMES, WELL_KNOWN_APIS } from "../entra/wellKnownApis";

/** One admin-consent grant asked for the HTTP with Microsoft Entra ID connector (the stack: `httpWithEntraId.grants[i]`). */
export interface HttpWithEntraIdGrantRequest {
    /** A wellKnown API name, a key of this stack's apis, or any API by app id. */
    readonly resource: string | { readonly appId: string; readonly resourceUrl?: string };
    /** Delegated scope names. */
    readonly scopes: readonly string[];
    /** All users, or one user by object id. */
    readonly consent: "allUsers" | { readonly user: string };
    /** The tenant already has this grant: adopt it (Pulumi `import`) instead of creating it. */
    readonly adopt?: { readonly grantId: string };
}

type GrantResource = HttpWithEntraIdGrantRequest["resource"];

/** One grant after merging: a (resource, consent target) pair with the union of its scopes. */
export interface MergedGrant {
    /** Stable key naming the grant's resource: `microsoftGraph`, `orders`, or the external app id. */
    readonly resourceKey: string;
    readonly resource: GrantResource;
    /** undefined: all users (AllPrincipals); else the user's object id (Principal). */
    readonly userObjectId?: string;
    readonly scopes: string[];
    /** Id of the existing grant to adopt (any configured entry of the pair may name it). */
    readonly adoptGrantId?: string;
    /** Config key path of the first entry of this pair (for messages). */
    readonly firstIndex: number;
    /** A resource URL config gave with `{ appId, resourceUrl }` (kept when the app id is a well-known API's). */
    readonly resourceUrl?: string;
}

/**
 * Entra holds one oAuth2PermissionGrant per (client, resource, consent target); two config entries for the
 * same pair would create two grants that overwrite each other, so they merge into one with the union of scopes.
 */
export function mergeHttpWithEntraIdGrants(grants: readonly HttpWithEntraIdGrantRequest[]): MergedGrant[] {
    const merged = new Map<string, MergedGrant>();
    for (const [index, configured] of grants.entries()) {
        const grant = { ...configured, resource: canonicalGrantResource(configured.resource) };
        const configuredUrl = typeof configured.resource === "string" ? undefined : configured.resource.resourceUrl;
        const resourceKey = typeof grant.resource === "string" ? grant.resource : grant.resource.appId.toLowerCase();
        const userObjectId = grant.consent === "allUsers" ? undefined : grant.consent.user.toLowerCase();
        const key = `${resourceKey}|${userObjectId ?? "all"}`;
        const existing = merged.get(key);
        merged.set(key, {
            resourceKey,
            resource: existing?.resource ?? grant.resource,
            userObjectId,
            scopes: grantClaimValues([...(existing?.scopes ?? []), ...grant.scopes]),
            adoptGrantId: existing?.adoptGrantId ?? grant.adopt?.grantId,
            firstIndex: existing?.firstIndex ?? index,
            ...((existing?.resourceUrl ?? configuredUrl) !== undefined ? { resourceUrl: existing?.resourceUrl ?? configuredUrl } : {}),
        });
    }
    return [...merged.values()].sort((a, b) => (a.resourceKey + (a.userObjectId ?? "")).localeCompare(b.resourceKey + (b.userObjectId ?? "")));
}

/**
 * A well-known API named by its app id (`{ appId: 00000003-... }`) is the same resource as its name
 * (`microsoftGraph`): it must merge with grants that use the name (else two grants for one (client, resource,
 * target) triple, which Entra rejects), and resolve like the name (ensured where its principal may be missing).
 */
function canonicalGrantResource(resource: GrantResource): GrantResource {
    if (typeof resource === "string") return resource;
    const appId = resource.appId.toLowerCase();
    return WELL_KNOWN_API_NAMES.find((name) => WELL_KNOWN_APIS[name].appId.toLowerCase() === appId) ?? resource;
}

/** Stable child name of a merged grant: resource key plus `all-users` or the user's object id. */
export function grantName(grant: MergedGrant, stableKeys: Readonly<Record<string, string>> = {}): string {
    // A renamed API (previousName) keeps its grants' names: a new name would create a second grant for the same
    // client, resource and target (Graph answers 409) while the old one is deleted.
    const key = Object.prototype.hasOwnProperty.call(stableKeys, grant.resourceKey) ? stableKeys[grant.resourceKey]! : grant.resourceKey;
    return childName("http-with-entra-id", key.toLowerCase(), grant.userObjectId ?? "all-users");
}

/** What the maker types into an "HTTP with Microsoft Entra ID" connection for this grant. */
export interface HttpWithEntraIdGrantOutput {
    readonly resource: string;
    /** The resource by name (e.g. "Office 365 SharePoint Online"). */
    readonly resourceName: string;
    readonly scopes: string[];
    readonly consentType: "AllPrincipals" | "Principal";
    readonly userObjectId?: string;
    /** "Microsoft Entra ID Resource URI (Application ID URI)" of the connection. */
    readonly resourceUri: pulumi.Output<string>;
    /** "Base Resource URL" of the connection, where it is the resource URI without a trailing slash. */
    readonly baseResourceUrl: pulumi.Output<string | undefined>;
}

/** Resolves the connector app's service principal and creates (or adopts) one DelegatedConsent per merged grant. */
export function httpWithEntraIdGrants(
    grants: readonly HttpWithEntraIdGrantRequest[],
    resolver: ResourceResolver,
    /** API key -> the key its grants are named by (a renamed API's first key). */
    stableKeys: Readonly<Record<string, string>> = {},
): Record<string, HttpWithEntraIdGrantOutput> {
    const merged = mergeHttpWithEntraIdGrants(grants);
    if (merged.length === 0) return {};
    const client = resolver.firstPartyServicePrincipal(HTTP_WITH_ENTRA_ID_PRINCIPAL, HTTP_WITH_ENTRA_ID_APP_ID);
    const outputs: Record<string, HttpWithEntraIdGrantOutput> = {};
    for (const grant of merged) {
        const target = resolver.grantResource(grant.resource, grant.resourceUrl);
        const name = grantName(grant, stableKeys);
        const consent = new DelegatedConsent(
            name,
            {
                clientServicePrincipalObjectId: client.objectId,
                resourceServicePrincipalObjectId: target.servicePrincipalObjectId,
                scopes: grant.scopes,
                userObjectId: grant.userObjectId,
                adoptGrantId: grant.adoptGrantId,
                // Retained only when adopted (DelegatedConsent's default): retainOnDelete keeps a grant whenever it
                // leaves the program, so a grant the stack created and config no longer asks for (narrowed to one
                // user, another resource, an entry removed) would stay as tenant-wide consent, silently.
            },
            { dependsOn: [...(target.permissionResources ?? [])] },
            true, // the stack's config rules checked each grant's scopes (config/rules/httpWithEntraId.ts)
        );
        outputs[name] = {
            resource: grant.resourceKey,
            resourceName: target.label,
            scopes: [...consent.scopes],
            consentType: grant.userObjectId === undefined ? "AllPrincipals" : "Principal",
            ...(grant.userObjectId ? { userObjectId: grant.userObjectId } : {}),
            resourceUri: target.resourceUri,
            baseResourceUrl: target.resourceUri.apply((uri) => (uri.startsWith("https://") ? uri.replace(/\/$/, "") : undefined)),
        };
    }
    return outputs;
}
