// Simulator handlers for an app registration and its split resources (URI, scopes, roles, redirects, access, owners).
import {
    MAX_DISPLAY_NAME_LENGTH,
    MAX_REDIRECT_URIS_PER_APP,
    permissionValueProblem,
    redirectUriProblem,
} from "../../entra/entraRules";
import { isGuid } from "../../entra/guid";
import { unwrapSecret } from "./secretValues";
import { checkPart, EMPTY_PARTS, listDrift, tenantParts } from "./appParts";
import {
    AdoptedApp,
    AppState,
    assumeAdopted,
    Handler,
    HandlerResult,
    hint,
    SimulatedResource,
    SimulatorContext,
    str,
    strings,
} from "./context";

export const APP = "azuread:index/applicationRegistration:ApplicationRegistration";
export const LEGACY_APP = "azuread:index/application:Application";

function checkDisplayName(resource: SimulatedResource, ctx: SimulatorContext): void {
    const name = str(resource.inputs.displayName);
    if (name !== undefined && (name.length === 0 || name.length > MAX_DISPLAY_NAME_LENGTH)) {
        ctx.find(
            "error",
            "display-name",
            resource.urn,
            `${resource.name}: displayName must be 1-${MAX_DISPLAY_NAME_LENGTH} characters (got ${name.length})`,
        );
    }
}

function declareValue(
    resource: SimulatedResource,
    app: AppState,
    kind: "scope" | "role",
    idField: string,
    ctx: SimulatorContext,
): void {
    const value = str(resource.inputs.value);
    const id = str(resource.inputs[idField]);
    if (value !== undefined) {
        const problem = permissionValueProblem(value);
        if (problem)
            ctx.find("error", "permission-value", resource.urn, `${resource.name}: value "${value}" ${problem}`);
        const other = app.values.get(value);
        if (other) {
            ctx.find(
                "error",
                "permission-value-unique",
                resource.urn,
                `${resource.name}: value "${value}" is already declared on this app by ${other}; scope and role values must be unique per app`,
            );
        }
        app.values.set(value, resource.urn);
    }
    if (id !== undefined) {
        if (!isGuid(id))
            ctx.find("error", "permission-id", resource.urn, `${resource.name}: ${idField} "${id}" must be a GUID`);
        const other = app.ids.get(id.toLowerCase());
        if (other) {
            ctx.find(
                "error",
                "permission-id-unique",
                resource.urn,
                `${resource.name}: ${idField} ${id} is already used on this app by ${other}; scope and role ids must be unique per app`,
            );
        }
        app.ids.set(id.toLowerCase(), resource.urn);
        if (value !== undefined) (kind === "scope" ? app.scopes : app.roles).set(value, id);
    }
}

/**
 * A scope or role on an adopted app. Same id: the part exists (import it). Same value under another id: Graph
 * refuses a second scope or role with that value, so the program must give the existing id; an "re-consent"
 * with a new id is no way out. Returns the import updates when the resource imports it.
 */
function adoptedPermission(
    r: SimulatedResource,
    app: AppState | undefined,
    kind: "scope" | "role",
    ctx: SimulatorContext,
): string[] | undefined {
    if (!app) return undefined;
    const idField = kind === "scope" ? "scopeId" : "roleId";
    const id = (str(r.inputs[idField]) ?? "").toLowerCase();
    const value = str(r.inputs.value);
    const existing = kind === "scope" ? tenantParts(app).scopes : tenantParts(app).appRoles;
    const same = existing.find((p) => p.id.toLowerCase() === id);
    const sameValue =
        value === undefined ? undefined : existing.find((p) => p.value === value && p.id.toLowerCase() !== id);
    if (sameValue) {
        ctx.find(
            "error",
            "permission-value-unique",
            r.urn,
            `${r.name}: the adopted app ${app.objectId} already has a ${kind} "${value}" with id ${sameValue.id}; Graph refuses a second ${kind} of the same value` +
                (hint(ctx, r.name, sameValue.id) ||
                    `. Fix: give this ${kind} its existing id ${sameValue.id} (it is then imported)`),
        );
    }
    const partId = `${app.id}/${kind === "scope" ? "permissionScopes" : "appRoles"}/${id}`;
    const drift = same && value !== undefined && same.value !== value ? [`value (${same.value} -> ${value})`] : [];
    return checkPart(
        r,
        app,
        { id: partId, exists: same !== undefined, what: `${kind} "${same?.value ?? value}" (${id})`, drift },
        ctx,
    );
}

/**
 * What the provider writes when an input is not declared (v3.8.0 application_registration_resource.go: schema
 * defaults; every other optional input is cleared).
 */
const APP_INPUT_DEFAULTS: Readonly<Record<string, unknown>> = {
    requestedAccessTokenVersion: 2,
    signInAudience: "AzureADMyOrg",
    implicitAccessTokenIssuanceEnabled: false,
    implicitIdTokenIssuanceEnabled: false,
};

/** The app registration inputs a tenant fixture may describe: every input of the provider's schema. */
const APP_FIELDS = [
    "displayName",
    "description",
    "notes",
    "groupMembershipClaims",
    "requestedAccessTokenVersion",
    "homepageUrl",
    "logoutUrl",
    "marketingUrl",
    "privacyStatementUrl",
    "supportUrl",
    "termsOfServiceUrl",
    "serviceManagementReference",
    "signInAudience",
    "implicitAccessTokenIssuanceEnabled",
    "implicitIdTokenIssuanceEnabled",
] as const;

/**
 * Every field of the tenant's app that importing this registration then updates, as `field "now" -> "then"`:
 * Pulumi >= 3.174 imports and updates to the declared inputs, an undeclared input becomes the provider's default
 * (or is cleared), and an input under `ignoreChanges` keeps the tenant's value (pulumi/pulumi
 * pkg/resource/deploy/step.go, ImportStep.Apply). Fields the fixture does not describe are unknown: not compared.
 */
function appDrift(r: SimulatedResource, existing: AdoptedApp): string[] {
    const show = (v: unknown) => (v === undefined ? "(cleared)" : JSON.stringify(v));
    const changes: string[] = [];
    for (const field of APP_FIELDS) {
        const now = (existing as Record<string, unknown>)[field];
        if (now === undefined || r.ignoreChanges?.includes(field)) continue;
        const declared = unwrapSecret(r.inputs[field]);
        const then = declared ?? APP_INPUT_DEFAULTS[field];
        const same =
            Array.isArray(now) && Array.isArray(then)
                ? [...now].sort().join("\n") === [...then].sort().join("\n")
                : now === then;
        if (!same) changes.push(`${field} ${show(now)} -> ${show(then)}`);
    }
    return changes;
}

/** An imported registration: the tenant's app of that object id, or a finding that there is none. */
function importedApp(
    r: SimulatedResource,
    ctx: SimulatorContext,
): { objectId: string; clientId: string; owners: string[]; updates: string[]; existing: AdoptedApp } | undefined {
    const match = /^\/applications\/([0-9a-fA-F-]{36})$/.exec(r.importId ?? "");
    let existing: AdoptedApp | undefined = match ? ctx.tenantApps.get(match[1].toLowerCase()) : undefined;
    if (!existing && match && assumeAdopted(ctx, r)) {
        // Assumed as the config describes it: its client id is unknown offline (a stable stand-in), no parts known.
        const objectId = match[1].toLowerCase();
        existing = {
            ...EMPTY_PARTS,
            objectId,
            clientId: ctx.objectIdFor(`assumed-app/${objectId}/clientId`),
            displayName: str(r.inputs.displayName) ?? "",
            owners: [],
            assumed: true,
        };
    }
    if (!existing) {
        ctx.find(
            "error",
            "import-missing",
            r.urn,
            `${r.name}: import id "${r.importId}" names no app registration in the tenant fixture (the provider's import id is /applications/{objectId}, the Object ID; if this is the app's Object ID, add the app to the fixture's applications)` +
                hint(ctx, r.name, "the app registration's Object ID (az ad app show --id <client id> --query id)"),
        );
        return undefined;
    }
    const changes = appDrift(r, existing);
    if (changes.length > 0) {
        ctx.find(
            "warning",
            "adopted-drift",
            r.urn,
            `${r.name}: adopting /applications/${existing.objectId} updates ${changes.join(", ")}`,
        );
    }
    const updates = changes.map((c) => c.split(" ")[0]);
    return {
        objectId: existing.objectId.toLowerCase(),
        clientId: existing.clientId.toLowerCase(),
        owners: existing.owners.map((o) => o.toLowerCase()),
        updates,
        existing,
    };
}

function registerApp(
    r: SimulatedResource,
    derivedObjectId: string,
    legacy: boolean,
    ctx: SimulatorContext,
): HandlerResult {
    checkDisplayName(r, ctx);
    const imported = r.importId !== undefined ? importedApp(r, ctx) : undefined;
    const objectId = imported?.objectId ?? derivedObjectId;
    const clientId = imported?.clientId ?? ctx.objectIdFor(`${r.identity ?? r.urn}/clientId`);
    const id = `/applications/${objectId}`;
    // Entra adds a creator that auto-owns (OwnedBy, or no admin role) as owner; an adopted app keeps its owners.
    const preexisting = new Set(imported ? imported.owners : ctx.deployer.autoOwner ? [ctx.deployerObjectId] : []);
    const app: AppState = {
        urn: r.urn,
        objectId,
        id,
        clientId,
        scopes: new Map(),
        roles: new Map(),
        values: new Map(),
        ids: new Map(),
        redirectUris: 0,
        redirectUriSet: new Set(),
        redirectUriTypes: new Map(),
        federated: new Map(),
        owners: new Set(preexisting),
        preexistingOwners: preexisting,
        splitResources: false,
        legacyApplication: legacy,
        ...(imported ? { adopted: imported.existing } : {}),
    };
    // What the adopted app already publishes is there for API access and grants, declared or not.
    for (const s of imported?.existing.scopes ?? []) app.scopes.set(s.value, s.id.toLowerCase());
    for (const role of imported?.existing.appRoles ?? []) app.roles.set(role.value, role.id.toLowerCase());
    ctx.apps.set(id, app);
    ctx.appsByClientId.set(clientId, app);
    return {
        id,
        state: {
            ...r.inputs,
            objectId,
            clientId,
            publisherDomain: "contoso.onmicrosoft.com",
            disabledByMicrosoft: "",
        },
        ...(imported ? { importUpdates: imported.updates } : {}),
    };
}

export const APPLICATION_HANDLERS: Readonly<Record<string, Handler>> = {
    [APP]: (r, objectId, ctx) => registerApp(r, objectId, false, ctx),
    [LEGACY_APP]: (r, objectId, ctx) => registerApp(r, objectId, true, ctx),
    "azuread:index/applicationIdentifierUri:ApplicationIdentifierUri": (r, _objectId, ctx) => {
        const app = ctx.appFor(r);
        const uri = str(r.inputs.identifierUri) ?? "";
        const guidUri = /^api:\/\/([0-9a-fA-F-]{36})$/.exec(uri);
        if (app && guidUri && guidUri[1].toLowerCase() !== app.clientId) {
            ctx.find(
                "error",
                "identifier-uri",
                r.urn,
                `${r.name}: identifierUri "${uri}" uses a GUID that is not this app's client id (${app.clientId}); Entra only accepts api://{its own clientId}`,
            );
        }
        if (uri && !/^(api:\/\/|https:\/\/|urn:)/.test(uri)) {
            ctx.find(
                "error",
                "identifier-uri",
                r.urn,
                `${r.name}: identifierUri "${uri}" must start with api://, https:// or urn:`,
            );
        }
        // The provider's id segment is the URI in standard base64 (application_identifier_uri_resource.go, Create).
        const id = `${app?.id ?? ""}/identifierUris/${Buffer.from(uri).toString("base64")}`;
        const updates = checkPart(
            r,
            app,
            { id, exists: tenantParts(app).identifierUris.includes(uri), what: `identifier URI ${uri}` },
            ctx,
        );
        return { id, state: { ...r.inputs }, ...(updates ? { importUpdates: updates } : {}) };
    },
    "azuread:index/applicationPermissionScope:ApplicationPermissionScope": (r, _objectId, ctx) => {
        const app = ctx.appFor(r);
        const updates = adoptedPermission(r, app, "scope", ctx);
        if (app) declareValue(r, app, "scope", "scopeId", ctx);
        const type = str(r.inputs.type);
        if (type !== undefined && type !== "Admin" && type !== "User") {
            ctx.find(
                "error",
                "permission-scope-type",
                r.urn,
                `${r.name}: type must be "Admin" or "User" (got "${type}")`,
            );
        }
        return {
            id: `${app?.id ?? ""}/permissionScopes/${str(r.inputs.scopeId)}`,
            state: { type: "User", ...r.inputs },
            ...(updates ? { importUpdates: updates } : {}),
        };
    },
    "azuread:index/applicationAppRole:ApplicationAppRole": (r, _objectId, ctx) => {
        const app = ctx.appFor(r);
        const updates = adoptedPermission(r, app, "role", ctx);
        if (app) declareValue(r, app, "role", "roleId", ctx);
        return {
            id: `${app?.id ?? ""}/appRoles/${str(r.inputs.roleId)}`,
            state: { ...r.inputs },
            ...(updates ? { importUpdates: updates } : {}),
        };
    },
    "azuread:index/applicationRedirectUris:ApplicationRedirectUris": (r, _objectId, ctx) => {
        const app = ctx.appFor(r);
        const uris = strings(r.inputs.redirectUris);
        const type = str(r.inputs.type);
        for (const uri of uris) {
            // Native (PublicClient) redirects like the nativeclient URL follow the same https rule.
            const problem = redirectUriProblem(uri);
            if (problem) ctx.find("error", "redirect-uri", r.urn, `${r.name}: redirectUris entry "${uri}" ${problem}`);
        }
        if (new Set(uris).size !== uris.length)
            ctx.find("error", "redirect-uri", r.urn, `${r.name}: redirectUris contain duplicates`);
        if (app) {
            for (const uri of uris) app.redirectUriSet.add(uri);
            app.redirectUris += uris.length;
            if (app.redirectUris > MAX_REDIRECT_URIS_PER_APP) {
                ctx.find(
                    "error",
                    "redirect-uri-count",
                    r.urn,
                    `${r.name}: with these redirectUris ${app.urn} would have ${app.redirectUris} redirect URIs; Entra allows at most ${MAX_REDIRECT_URIS_PER_APP}`,
                );
            }
        }
        if (type !== undefined && !["Web", "SPA", "PublicClient"].includes(type)) {
            ctx.find(
                "error",
                "redirect-uri-type",
                r.urn,
                `${r.name}: type must be Web, SPA or PublicClient (got "${type}")`,
            );
        }
        const id = `${app?.id ?? ""}/redirectUris/${type}`;
        // The resource owns the app's whole list of its type (its id names the type): a second one on the same app and
        // type is refused at create, since the first one's URIs are already there (application_redirect_uris_resource.go).
        const owner = app && type !== undefined ? app.redirectUriTypes.get(type) : undefined;
        if (owner !== undefined) {
            ctx.find(
                "error",
                "redirect-uris-owned",
                r.urn,
                `${r.name}: ${owner} already manages the ${type} redirect URIs of ${app!.urn}; the provider refuses a second ApplicationRedirectUris of the same type on one app ` +
                    `("a resource with the ID ${id} already exists"). Fix: register every ${type} redirect URI through one resource; with a PowerPlatformConnector on the app, pass redirectUrls: [] to its ConnectorClient and list extra URLs in the connector's additionalRedirectUrls.`,
            );
        } else if (app && type !== undefined) app.redirectUriTypes.set(type, r.name);
        // The provider refuses to create when the app has any redirect URI of this type (application_redirect_uris_resource.go, Create).
        const existing = tenantParts(app).redirectUris[type as "Web" | "SPA" | "PublicClient"] ?? [];
        const updates = checkPart(
            r,
            app,
            {
                id,
                exists: existing.length > 0,
                what: `${type} redirect URIs`,
                drift: listDrift("redirectUris", existing, uris),
            },
            ctx,
        );
        return { id, state: { ...r.inputs }, ...(updates ? { importUpdates: updates } : {}) };
    },
    "azuread:index/applicationApiAccess:ApplicationApiAccess": (r, _objectId, ctx) => {
        const app = ctx.appFor(r);
        const apiClientId = (str(r.inputs.apiClientId) ?? "").toLowerCase();
        const own = ctx.appsByClientId.get(apiClientId);
        const sp = ctx.spByClientId.get(apiClientId);
        const known = own ? Object.fromEntries(own.scopes) : sp?.scopes;
        const knownRoles = own ? Object.fromEntries(own.roles) : sp?.roles;
        if (!known) {
            const isResourceId = ctx.apps.has(str(r.inputs.apiClientId) ?? "");
            ctx.find(
                "error",
                "api-reference",
                r.urn,
                `${r.name}: apiClientId "${apiClientId}" is not the client id of an API in this run or tenant` +
                    (isResourceId ? " (it is an application resource id; pass app.clientId)" : ""),
            );
        } else {
            const scopeIds = new Set(Object.values(known));
            for (const id of strings(r.inputs.scopeIds)) {
                if (!scopeIds.has(id))
                    ctx.find(
                        "error",
                        "api-access-scope",
                        r.urn,
                        `${r.name}: scopeIds entry ${id} is not a delegated permission of API ${apiClientId}`,
                    );
            }
            const roleIds = new Set(Object.values(knownRoles ?? {}));
            for (const id of strings(r.inputs.roleIds)) {
                if (!roleIds.has(id))
                    ctx.find(
                        "error",
                        "api-access-role",
                        r.urn,
                        `${r.name}: roleIds entry ${id} is not an app role of API ${apiClientId}`,
                    );
            }
        }
        if (strings(r.inputs.scopeIds).length + strings(r.inputs.roleIds).length === 0) {
            ctx.find(
                "error",
                "api-access-empty",
                r.urn,
                `${r.name}: at least one of scopeIds or roleIds must be given`,
            );
        }
        const id = `${app?.id ?? ""}/apiAccess/${apiClientId}`;
        const existing = tenantParts(app).apiAccess.find((a) => a.apiClientId.toLowerCase() === apiClientId);
        const drift = existing
            ? [
                  ...listDrift(
                      "scopeIds",
                      existing.scopeIds.map((i) => i.toLowerCase()),
                      strings(r.inputs.scopeIds).map((i) => i.toLowerCase()),
                  ),
                  ...listDrift(
                      "roleIds",
                      existing.roleIds.map((i) => i.toLowerCase()),
                      strings(r.inputs.roleIds).map((i) => i.toLowerCase()),
                  ),
              ]
            : [];
        // The provider refuses to create access to an API the app already lists (application_api_access_resource.go, Create).
        const updates = checkPart(
            r,
            app,
            { id, exists: existing !== undefined, what: `API access to ${apiClientId}`, drift },
            ctx,
        );
        return { id, state: { ...r.inputs }, ...(updates ? { importUpdates: updates } : {}) };
    },
    "azuread:index/applicationPreAuthorized:ApplicationPreAuthorized": (r, _objectId, ctx) => {
        const app = ctx.appFor(r);
        const client = (str(r.inputs.authorizedClientId) ?? "").toLowerCase();
        if (!isGuid(client))
            ctx.find("error", "pre-authorized", r.urn, `${r.name}: authorizedClientId must be a client id (GUID)`);
        if (app) {
            const ids = new Set(app.scopes.values());
            for (const id of strings(r.inputs.permissionIds)) {
                if (!ids.has(id))
                    ctx.find(
                        "error",
                        "pre-authorized",
                        r.urn,
                        `${r.name}: permissionIds entry ${id} is not a scope of ${app.urn}`,
                    );
            }
        }
        return { id: `${app?.id ?? ""}/preAuthorizedApplication/${client}`, state: { ...r.inputs } };
    },
    "azuread:index/applicationOwner:ApplicationOwner": (r, _objectId, ctx) => {
        const app = ctx.appFor(r);
        const owner = (str(r.inputs.ownerObjectId) ?? "").toLowerCase();
        if (app) {
            if (app.preexistingOwners.has(owner)) {
                // The provider's create looks the owner up first (application_owner_resource.go, Create).
                const byEntra = owner === ctx.deployerObjectId && !ctx.tenantApps.has(app.objectId);
                ctx.find(
                    "error",
                    "owner-exists",
                    r.urn,
                    `${r.name}: the provider refuses: a resource with the ID "${app.id}/owners/${owner}" already exists - to be managed via Terraform this resource needs to be imported. ` +
                        (byEntra
                            ? `Entra made the deploying identity an owner when it created ${app.urn} (it has ${ctx.deployer.permission}, or no admin role)` +
                              (hint(ctx, r.name, '"automatic" (no ApplicationOwner for the deployer)') ||
                                  ". Fix: do not add the deployer as an explicit owner")
                            : `The app already has this owner. Fix: remove ${owner} from entra-connectors:owners, or import the owner (pulumi import --parent, id ${app.id}/owners/${owner})`),
                );
            } else if (app.owners.has(owner)) {
                ctx.find(
                    "error",
                    "duplicate-owner",
                    r.urn,
                    owner === ctx.deployerObjectId
                        ? `${r.name}: ownerObjectId ${owner} is the deploying identity, which is always an owner of ${app.urn}. Fix: remove ${owner} from entra-connectors:owners (in a program: ownership.owners)`
                        : `${r.name}: ownerObjectId ${owner} is already an owner of ${app.urn}. Fix: list ${owner} once in entra-connectors:owners (in a program: ownership.owners)`,
                );
            } else if (owner !== ctx.deployerObjectId && ctx.deployer.permission === "Application.ReadWrite.OwnedBy") {
                // learn.microsoft.com/graph/api/application-post-owners: "Application.ReadWrite.OwnedBy isn't sufficient
                // to add another owner": Graph answers 403, so `pulumi up` fails here. An error, at the owners key.
                const key = ctx.adoptionKey(r.name) ?? "entra-connectors:owners";
                ctx.find(
                    "error",
                    "owner-needs-readwrite-all",
                    r.urn,
                    `${key}: adding owner ${owner} to ${app.urn} fails with 403: the deploying identity has Application.ReadWrite.OwnedBy (--tenant deployer.permission), which Graph documents as not sufficient to add another owner. ` +
                        `Fix: remove ${owner} from ${key} and have an admin add the owner, or grant the deploying identity Application.ReadWrite.All`,
                );
            }
            app.owners.add(owner);
        }
        return { id: `${app?.id ?? ""}/owners/${owner}`, state: { ...r.inputs } };
    },
    "azuread:index/applicationFallbackPublicClient:ApplicationFallbackPublicClient": (r, _objectId, ctx) => {
        const app = ctx.appFor(r);
        return { id: `${app?.id ?? ""}/fallbackPublicClient`, state: { ...r.inputs } };
    },
};
