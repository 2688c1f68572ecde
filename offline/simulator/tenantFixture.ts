// Tenant fixtures: what a brownfield tenant already holds, the simulator's starting state (plan/tenantFile.ts reads `--tenant`).
import { z } from "zod";
import { sanitize, ValueProblem } from "../../config/safeValue";
import { MICROSOFT_APP_NAMES } from "../../entra/microsoftApps.generated";
import { WELL_KNOWN_APIS } from "../../entra/wellKnownApis";

const guid = z.guid({ error: "must be a GUID" });
/** The end of every fixture message: where the format is described. */
const FIXTURE_FIX =
    "Fix: correct the entries named above (keys: deployer, servicePrincipals, grants, applications; examples under test/fixtures/tenants/ of the entra-connectors repository).";
const GRANT_ID = /^[A-Za-z0-9_-]{16,}$/;

const servicePrincipalSchema = z.strictObject({
    appId: guid,
    objectId: guid.optional(),
    displayName: z.string().optional(),
    /** What an admin may have set; the provider's defaults otherwise (true, false, none). */
    accountEnabled: z.boolean().default(true),
    appRoleAssignmentRequired: z.boolean().default(false),
    tags: z.array(z.string()).default([]),
    /** Delegated scope name -> id; default: the scopes the simulator knows for a Microsoft API. */
    scopes: z.record(z.string(), guid).optional(),
});

const grantSchema = z.strictObject({
    id: z.string().regex(GRANT_ID, { error: "must be a grant id (base64url characters, as Graph lists it)" }),
    /** App (client) ids of the client's and the resource's service principals. */
    clientAppId: guid,
    resourceAppId: guid,
    consentType: z.enum(["AllPrincipals", "Principal"]).default("AllPrincipals"),
    principalId: guid.optional(),
    scopes: z.array(z.string()).min(1),
});

/** A scope or app role the app publishes: its value and its id (ids are what grants and API access refer to). */
const permissionSchema = z.strictObject({ value: z.string().min(1), id: guid });

/**
 * An app registration the tenant holds, with the parts the split resources manage (redirect URIs per type, API
 * access per API, identifier URIs, scopes, app roles) and the optional fields an admin may have set, named like
 * the ApplicationRegistration inputs: the simulator compares what an adoption would change against them.
 */
const applicationSchema = z.strictObject({
    objectId: guid,
    clientId: guid,
    displayName: z.string(),
    owners: z.array(guid).default([]),
    /** Redirect URIs by platform, named like ApplicationRedirectUris `type`. */
    redirectUris: z
        .strictObject({
            Web: z.array(z.string()).optional(),
            SPA: z.array(z.string()).optional(),
            PublicClient: z.array(z.string()).optional(),
        })
        .default({}),
    /** API permissions (requiredResourceAccess), one entry per API. */
    apiAccess: z
        .array(
            z.strictObject({
                apiClientId: guid,
                scopeIds: z.array(guid).default([]),
                roleIds: z.array(guid).default([]),
            }),
        )
        .default([]),
    identifierUris: z.array(z.string()).default([]),
    scopes: z.array(permissionSchema).default([]),
    appRoles: z.array(permissionSchema).default([]),
    description: z.string().optional(),
    notes: z.string().optional(),
    groupMembershipClaims: z.array(z.string()).optional(),
    requestedAccessTokenVersion: z.number().int().optional(),
    homepageUrl: z.string().optional(),
    logoutUrl: z.string().optional(),
    marketingUrl: z.string().optional(),
    privacyStatementUrl: z.string().optional(),
    supportUrl: z.string().optional(),
    termsOfServiceUrl: z.string().optional(),
    serviceManagementReference: z.string().optional(),
    signInAudience: z.string().optional(),
    implicitAccessTokenIssuanceEnabled: z.boolean().optional(),
    implicitIdTokenIssuanceEnabled: z.boolean().optional(),
});

const fixtureSchema = z.strictObject({
    deployer: z
        .strictObject({
            objectId: guid.optional(),
            permission: z
                .enum(["Application.ReadWrite.All", "Application.ReadWrite.OwnedBy"])
                .default("Application.ReadWrite.All"),
            /** Entra adds the deployer as owner of every app it creates (OwnedBy callers, users without an admin role). */
            autoOwner: z.boolean().optional(),
        })
        .default({ permission: "Application.ReadWrite.All" }),
    servicePrincipals: z.array(servicePrincipalSchema).default([]),
    grants: z.array(grantSchema).default([]),
    applications: z.array(applicationSchema).default([]),
});

export type TenantFixture = z.output<typeof fixtureSchema>;
export type TenantFixtureServicePrincipal = TenantFixture["servicePrincipals"][number];
export type TenantFixtureGrant = TenantFixture["grants"][number];
export type TenantFixtureApplication = TenantFixture["applications"][number];

/** An empty tenant (the simulator's default): Graph and Service Management only, a ReadWrite.All deployer. */
export const EMPTY_TENANT: TenantFixture = fixtureSchema.parse({});

export class TenantFixtureError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "TenantFixtureError";
    }
}

/** Validates a fixture object; problems name their path in the file. */
export function parseTenantFixture(value: unknown, source = "tenant fixture"): TenantFixture {
    const unsafe: ValueProblem[] = [];
    const safe = sanitize(value ?? {}, unsafe);
    if (unsafe.length > 0) {
        const problems = unsafe.map((p) => `  - ${p.path.map(String).join(".") || "(top)"}: ${p.message}`);
        throw new TenantFixtureError(
            `${source} is not a valid tenant fixture:\n${problems.join("\n")}\n${FIXTURE_FIX}`,
        );
    }
    const parsed = fixtureSchema.safeParse(safe);
    if (!parsed.success) {
        const problems = parsed.error.issues.map((i) => `  - ${i.path.map(String).join(".") || "(top)"}: ${i.message}`);
        throw new TenantFixtureError(
            `${source} is not a valid tenant fixture:\n${problems.join("\n")}\n${FIXTURE_FIX}`,
        );
    }
    const fixture = parsed.data;
    const contradictions = fixtureContradictions(fixture);
    if (contradictions.length > 0) {
        throw new TenantFixtureError(
            `${source} is not a valid tenant fixture:\n${contradictions.map((c) => `  - ${c}`).join("\n")}\n${FIXTURE_FIX}`,
        );
    }
    const known = new Set(fixture.servicePrincipals.map((sp) => sp.appId.toLowerCase()));
    fixture.grants.forEach((g, i) => {
        // Graph and Service Management are in every simulated tenant; any other client or resource must be listed.
        for (const [field, appId] of [
            ["clientAppId", g.clientAppId],
            ["resourceAppId", g.resourceAppId],
        ] as const) {
            if (!known.has(appId.toLowerCase()) && !DEFAULT_APP_IDS.includes(appId.toLowerCase())) {
                throw new TenantFixtureError(
                    `${source}: grants.${i}.${field} ${appId} has no entry under servicePrincipals. Fix: add { appId: ${appId} } under servicePrincipals.`,
                );
            }
        }
        if ((g.consentType === "Principal") !== (g.principalId !== undefined)) {
            throw new TenantFixtureError(
                `${source}: grants.${i}: principalId is required for consentType Principal and only then. Fix: give principalId with consentType: Principal, or drop it for AllPrincipals.`,
            );
        }
    });
    return fixture;
}

/**
 * What no tenant can hold: one app id or object id for two different objects, and a Microsoft first-party app
 * as an app registration of the customer's tenant (its registration lives in Microsoft's tenant; the customer's
 * tenant holds only its service principal).
 */
function fixtureContradictions(fixture: TenantFixture): string[] {
    const problems: string[] = [];
    const firstSeen = (
        list: readonly { id: string; other: string; path: string }[],
        what: string,
        otherWhat: string,
    ) => {
        const byId = new Map<string, { other: string; path: string }>();
        for (const e of list) {
            const key = e.id.toLowerCase();
            const seen = byId.get(key);
            if (!seen) byId.set(key, { other: e.other.toLowerCase(), path: e.path });
            else if (seen.other !== e.other.toLowerCase()) {
                problems.push(
                    `${e.path}: ${what} ${e.id} is also at ${seen.path} with another ${otherWhat}; one ${what} names one object. Fix: keep one entry, or correct the id.`,
                );
            } else {
                problems.push(
                    `${e.path}: ${what} ${e.id} is listed twice (also at ${seen.path}). Fix: keep one entry.`,
                );
            }
        }
    };
    firstSeen(
        fixture.servicePrincipals.map((sp, i) => ({
            id: sp.appId,
            other: sp.objectId ?? "",
            path: `servicePrincipals.${i}.appId`,
        })),
        "appId",
        "objectId",
    );
    firstSeen(
        fixture.applications.map((a, i) => ({ id: a.clientId, other: a.objectId, path: `applications.${i}.clientId` })),
        "clientId",
        "objectId",
    );
    firstSeen(
        fixture.applications.map((a, i) => ({ id: a.objectId, other: a.clientId, path: `applications.${i}.objectId` })),
        "objectId",
        "clientId",
    );
    fixture.applications.forEach((a, i) => {
        const name = MICROSOFT_APP_NAMES[a.clientId.toLowerCase()];
        if (name !== undefined) {
            problems.push(
                `applications.${i}.clientId: ${a.clientId} is Microsoft's first-party app "${name}"; its registration is in Microsoft's tenant, not this one. Fix: list it under servicePrincipals (appId: ${a.clientId}).`,
            );
        }
    });
    return problems;
}

/** Microsoft Graph and Windows Azure Service Management API: every simulated tenant has them (simulator/tenant.ts). */
const DEFAULT_APP_IDS = [WELL_KNOWN_APIS.microsoftGraph.appId, WELL_KNOWN_APIS.azureServiceManagement.appId].map((id) =>
    id.toLowerCase(),
);
