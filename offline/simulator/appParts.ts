// An adopted app's parts (redirect URIs, API access, identifier URIs, scopes, roles): the split resources refuse to
// create what the tenant's app already holds, so each part is imported, by the id the provider gives it.
import type { TenantFixtureApplication } from "./tenantFixture";
import { AppState, hint, SimulatedResource, SimulatorContext } from "./context";

/** The split resources whose create checks the app first (terraform-provider-azuread v3.8.0, each resource's Create). */
export const ADOPTABLE_PART_TYPES = [
    "azuread:index/applicationRedirectUris:ApplicationRedirectUris",
    "azuread:index/applicationApiAccess:ApplicationApiAccess",
    "azuread:index/applicationIdentifierUri:ApplicationIdentifierUri",
    "azuread:index/applicationPermissionScope:ApplicationPermissionScope",
    "azuread:index/applicationAppRole:ApplicationAppRole",
] as const;

/** What the tenant's app holds under one part id, as the plan names it ("Web redirect URIs", "scope access_as_user"). */
export interface ExistingPart {
    /** The provider's id of the part (its `import` id), e.g. /applications/{objectId}/redirectUris/Web. */
    readonly id: string;
    /** Does the tenant's app hold it? */
    readonly exists: boolean;
    /** The part, for messages. */
    readonly what: string;
    /** Inputs whose tenant value differs from the program's, as "field (what changes)": an import then updates them. */
    readonly drift?: readonly string[];
}

/**
 * Checks one part of an app against the tenant. An app created in this run holds nothing; an adopted app holds
 * what the fixture lists. Like the provider:
 * - create of a part the app holds: `ResourceRequiresImport` ("already exists - to be managed via Terraform this
 *   resource needs to be imported"; v3.8.0 application_redirect_uris_resource.go, application_api_access_resource.go,
 *   application_identifier_uri_resource.go, application_permission_scope_resource.go, application_app_role_resource.go);
 * - import of a part the app does not hold: the provider's read finds nothing ("Cannot import non-existent remote
 *   object").
 * Returns the import updates when the resource imports the part, undefined otherwise.
 */
/** The `existingParts` entry that adopts a part of this resource type (scopes and roles are adopted by id). */
const PART_NAMES: Readonly<Record<string, string>> = {
    "azuread:index/applicationRedirectUris:ApplicationRedirectUris": "redirectUris",
    "azuread:index/applicationApiAccess:ApplicationApiAccess": "apiAccess",
    "azuread:index/applicationIdentifierUri:ApplicationIdentifierUri": "identifierUri",
};

/** ". Fix: ..." naming the config key: add the part to (or remove it from) existingParts, or set an id key. */
function partHint(ctx: SimulatorContext, r: SimulatedResource, add: boolean, what: string): string {
    const key = ctx.adoptionKey(r.name);
    const part = PART_NAMES[r.type];
    if (key !== undefined && part !== undefined && key.endsWith(".existingParts"))
        return `. Fix: ${add ? `add ${part} to` : `remove ${part} from`} ${key}`;
    return hint(ctx, r.name, what);
}

export function checkPart(
    r: SimulatedResource,
    app: AppState | undefined,
    part: ExistingPart,
    ctx: SimulatorContext,
): string[] | undefined {
    if (!app) return undefined;
    // An app assumed without a fixture: what it holds is unknown offline; its adoption's warning says so.
    if (app.adopted?.assumed) return r.importId === undefined ? undefined : [];
    if (r.importId === undefined) {
        if (part.exists) {
            ctx.find(
                "error",
                "part-requires-import",
                r.urn,
                `${r.name}: the provider refuses: a resource with the ID "${part.id}" already exists - to be managed via Terraform this resource needs to be imported ` +
                    `(the adopted app ${app.objectId} already has ${part.what})` +
                    (partHint(ctx, r, true, part.id.split("/").pop()!) ||
                        `. Fix: adopt the part with Pulumi's import option (id ${part.id})`),
            );
        }
        return undefined;
    }
    if (r.importId !== part.id) {
        ctx.find(
            "error",
            "import-mismatch",
            r.urn,
            `${r.name}: import id "${r.importId}" is not this part's id; the provider names ${part.what} of this app "${part.id}"`,
        );
        return undefined;
    }
    if (!part.exists) {
        ctx.find(
            "error",
            "import-missing",
            r.urn,
            `${r.name}: import id "${r.importId}" names nothing: ${app.adopted ? `the adopted app ${app.objectId}` : "an app created in this run"} has no ${part.what}` +
                (partHint(ctx, r, false, "an id the app holds, or remove it to create the part") ||
                    "; remove the import to create it"),
        );
        return undefined;
    }
    const drift = part.drift ?? [];
    if (drift.length > 0) {
        ctx.find(
            "warning",
            "adopted-drift",
            r.urn,
            `${r.name}: adopting ${part.what} of app ${app.objectId} updates ${drift.join(", ")}`,
        );
    }
    return drift.map((d) => d.split(" ")[0]);
}

type Parts = Pick<TenantFixtureApplication, "redirectUris" | "apiAccess" | "identifierUris" | "scopes" | "appRoles">;

/** An app that holds no parts. */
export const EMPTY_PARTS: Parts = { redirectUris: {}, apiAccess: [], identifierUris: [], scopes: [], appRoles: [] };

/** The tenant's app of an AppState, or an empty one (an app this run creates holds no parts). */
export function tenantParts(app: AppState | undefined): Parts {
    return app?.adopted ?? EMPTY_PARTS;
}

/** "a, b" -> "[a, b]" with the entries the program drops and adds, for a drift finding. */
export function listDrift(field: string, tenant: readonly string[], program: readonly string[]): string[] {
    const removed = tenant.filter((v) => !program.includes(v));
    const added = program.filter((v) => !tenant.includes(v));
    if (removed.length + added.length === 0) return [];
    return [`${field} (${[...removed.map((v) => `-${v}`), ...added.map((v) => `+${v}`)].join(" ")})`];
}
