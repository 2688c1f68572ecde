// The stack's HTTP with Microsoft Entra ID grants: config entries merged per (resource, consent target), each one
// HttpWithEntraIdConsent (the public component), with aliases to the names of the grants made before it existed.
import * as pulumi from "@pulumi/pulumi";
import { DelegatedConsent, grantClaimValues, HttpWithEntraIdConsent, type ProtectedApi } from "../components";
import { childName } from "../entra/naming";
import { CloudName } from "../entra/clouds";
import {
    HTTP_WITH_ENTRA_ID_APP_ID,
    HTTP_WITH_ENTRA_ID_PRINCIPAL,
    WELL_KNOWN_API_NAMES,
    WELL_KNOWN_APIS,
} from "../entra/wellKnownApis";
import { grantApiTarget } from "./apiTargets";
import type { StackServicePrincipals } from "./servicePrincipals";

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
            ...((existing?.resourceUrl ?? configuredUrl) !== undefined
                ? { resourceUrl: existing?.resourceUrl ?? configuredUrl }
                : {}),
        });
    }
    return [...merged.values()].sort((a, b) =>
        (a.resourceKey + (a.userObjectId ?? "")).localeCompare(b.resourceKey + (b.userObjectId ?? "")),
    );
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
    const key = Object.prototype.hasOwnProperty.call(stableKeys, grant.resourceKey)
        ? stableKeys[grant.resourceKey]!
        : grant.resourceKey;
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

/** The provider's type token of a delegated permission grant (the child of DelegatedConsent). */
const GRANT_TYPE = "azuread:index/servicePrincipalDelegatedPermissionGrant:ServicePrincipalDelegatedPermissionGrant";

/**
 * The stack made each grant as a bare DelegatedConsent `<grant name>` (its grant `<grant name>-grant`) before it
 * used HttpWithEntraIdConsent, whose DelegatedConsent is `<name>-consent`. Aliases to the old URNs carry the live
 * grants over, so nothing is replaced: explicit ones on both levels (a child's own name does not start with the
 * old one, so Pulumi could not derive it).
 */
function formerGrantAliases(name: string): pulumi.ResourceTransformation {
    const formerConsent = pulumi.createUrn(name, DelegatedConsent.TYPE);
    const formerGrant = pulumi.createUrn(childName(name, "grant"), GRANT_TYPE, formerConsent);
    return (args) => {
        if (args.type === DelegatedConsent.TYPE && args.name === childName(name, "consent"))
            return { props: args.props, opts: pulumi.mergeOptions(args.opts, { aliases: [formerConsent] }) };
        if (args.type === GRANT_TYPE && args.name === childName(name, "consent", "grant"))
            return { props: args.props, opts: pulumi.mergeOptions(args.opts, { aliases: [formerGrant] }) };
        return undefined;
    };
}

/** One HttpWithEntraIdConsent per merged grant, on the stack's shared service principals. */
export function httpWithEntraIdGrants(
    grants: readonly HttpWithEntraIdGrantRequest[],
    cloud: CloudName,
    apis: Readonly<Record<string, ProtectedApi>>,
    principals: StackServicePrincipals,
    /** API key -> the key its grants are named by (a renamed API's first key). */
    stableKeys: Readonly<Record<string, string>> = {},
): Record<string, HttpWithEntraIdGrantOutput> {
    const merged = mergeHttpWithEntraIdGrants(grants);
    if (merged.length === 0) return {};
    const client = principals.firstParty(HTTP_WITH_ENTRA_ID_PRINCIPAL, HTTP_WITH_ENTRA_ID_APP_ID);
    const outputs: Record<string, HttpWithEntraIdGrantOutput> = {};
    for (const grant of merged) {
        const target = grantApiTarget(grant.resource, grant.resourceUrl, apis, principals);
        const name = grantName(grant, stableKeys);
        const consent = new HttpWithEntraIdConsent(
            name,
            {
                ...target.args,
                scopes: grant.scopes,
                cloud,
                adminConsentUserObjectId: grant.userObjectId,
                connectorServicePrincipalObjectId: client.servicePrincipalObjectId,
                adopt: grant.adoptGrantId !== undefined ? { consentGrantId: grant.adoptGrantId } : undefined,
                // Retained only when adopted (the component's default): retainOnDelete keeps a grant whenever it
                // leaves the program, so a grant the stack created and config no longer asks for (narrowed to one
                // user, another resource, an entry removed) would stay as tenant-wide consent, silently.
            },
            { transformations: [formerGrantAliases(name)] },
        );
        outputs[name] = {
            resource: grant.resourceKey,
            resourceName: target.label,
            scopes: [...consent.scopes],
            consentType: grant.userObjectId === undefined ? "AllPrincipals" : "Principal",
            ...(grant.userObjectId ? { userObjectId: grant.userObjectId } : {}),
            resourceUri: consent.resourceUri,
            baseResourceUrl: consent.baseResourceUrl,
        };
    }
    return outputs;
}
