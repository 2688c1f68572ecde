// Rules on credentials: client-secret lifetime (two-slot rotation) and federated credentials.
import { CLOUDS } from "../vendor/entra/clouds";
import { TYPES } from "../facts";
import { known, isUnknown, asJson, DAY_MS, goDurationDays, rotationDays, formatDays } from "../ruleHelpers";
import { PolicyResource, Rule } from "../ruleTypes";

export const clientSecretMaxLifetime: Rule = {
    name: "client-secret-max-lifetime",
    description: "Client secrets end within the maximum lifetime (default 180 days).",
    defaultSeverity: "mandatory",
    crossResource: true,
    configKeys: ["maxSecretLifetimeDays"],
    check(r, ctx) {
        // A service principal password (azuread.ServicePrincipalPassword) is a client secret too, with the same 2-year default.
        if (r.type !== TYPES.password && r.type !== TYPES.servicePrincipalPassword) return [];
        const max = ctx.config.maxSecretLifetimeDays;
        const fix = `Lower secretLifetimeDays (entra-connectors:connectors.<key>.secretLifetimeDays) to ${max} or less.`;
        const endDate = known(r.inputs.endDate);
        if (endDate !== undefined) {
            const end = Date.parse(endDate);
            const now = Date.parse(ctx.now);
            if (Number.isNaN(end))
                return [
                    `has endDate ${asJson(endDate)}, which is not an RFC 3339 date. Use e.g. 2026-06-30T00:00:00Z.`,
                ];
            const days = (end - now) / DAY_MS;
            return days > max
                ? [
                      `ends ${endDate}, ${formatDays(days)} days after ${ctx.now}; secrets may live at most ${max} days. ${fix}`,
                  ]
                : [];
        }
        const relative = known(r.inputs.endDateRelative);
        if (relative !== undefined) {
            const days = goDurationDays(relative);
            if (days === undefined)
                return [`has endDateRelative ${asJson(relative)}, which is not a duration like "4320h".`];
            return days > max
                ? [
                      `ends ${formatDays(days)} days after creation (endDateRelative ${relative}); secrets may live at most ${max} days. ${fix}`,
                  ]
                : [];
        }
        if (!isUnknown(r.inputs.endDate) && !isUnknown(r.inputs.endDateRelative)) {
            return [
                `has no endDate, so Entra makes it valid for 2 years; secrets may live at most ${max} days. Set endDate (anchored in a time.Rotating). ${fix}`,
            ];
        }
        // Preview: the end date is not known yet. Since two-slot rotation (components/clientSecret.ts) the
        // time.Rotating period is the renewal interval (at most half the lifetime), not the lifetime: the lifetime
        // is the `lifetimeDays` input of the SecretSlots beside the password (`<c>-secret-slots` for `<c>-secret-a`/`-b`).
        const slots = siblingSlots(r, ctx.all);
        if (slots) {
            const lifetime = slots.inputs.lifetimeDays;
            if (typeof lifetime !== "number") {
                if (isUnknown(lifetime)) return [];
                return [
                    `has secret slots ${asJson(slots.name)} without a numeric lifetimeDays, so its lifetime cannot be checked. Set lifetimeDays (days, at most ${max}).`,
                ];
            }
            return lifetime > max
                ? [
                      `lives ${formatDays(lifetime)} days (lifetimeDays of secret slots ${asJson(slots.name)}); secrets may live at most ${max} days. ${fix}`,
                  ]
                : [];
        }
        // A single password whose endDate comes from its own time.Rotating (`<name>-rotation`): that period is its lifetime.
        const rotation = ctx.all.find(
            (s) => s.type === TYPES.rotating && s.parent === r.parent && s.name === `${r.name}-rotation`,
        );
        const days = rotation ? rotationDays(rotation) : undefined;
        if (days === undefined) {
            return [
                `has an end date that is not known before deployment and no secret slots (lifetimeDays) beside it to read the lifetime from, so its lifetime cannot be checked. Create it with createClientSecret (components/clientSecret.ts), or set a known endDate.`,
            ];
        }
        return days > max
            ? [
                  `rotates every ${formatDays(days)} days (time.Rotating ${asJson(rotation!.name)}); secrets may live at most ${max} days. ${fix}`,
              ]
            : [];
    },
};

/** The SecretSlots that carries a slot password's lifetime: same parent, named `<prefix>-slots` for `<prefix>-a`/`-b`. */
function siblingSlots(r: PolicyResource, all: readonly PolicyResource[]): PolicyResource | undefined {
    const slots = all.filter((s) => s.type === TYPES.secretSlots && s.parent === r.parent);
    const prefix = r.name.replace(/-[ab]$/, "");
    return slots.find((s) => s.name === `${prefix}-slots`) ?? (slots.length === 1 ? slots[0] : undefined);
}

export const federatedCredentialAudienceIssuer: Rule = {
    name: "federated-credential-audience-issuer",
    description:
        "Federated credentials use exactly the token-exchange audience of the stack's cloud and an https issuer.",
    defaultSeverity: "mandatory",
    crossResource: false,
    configKeys: [],
    check(r, ctx) {
        if (r.type !== TYPES.federatedCredential) return [];
        const messages: string[] = [];
        const expected = CLOUDS[ctx.cloud].tokenExchangeAudience;
        const audiences = r.inputs.audiences;
        if (
            !isUnknown(audiences) &&
            !(
                Array.isArray(audiences) &&
                audiences.length === 1 &&
                (audiences[0] === expected || isUnknown(audiences[0]))
            )
        ) {
            messages.push(
                `has audiences ${asJson(audiences ?? [])}; cloud "${ctx.cloud}" requires exactly [${asJson(expected)}]. Set audiences to ["${expected}"].`,
            );
        }
        const issuer = r.inputs.issuer;
        if (!isUnknown(issuer)) {
            let https: boolean;
            try {
                https = typeof issuer === "string" && new URL(issuer).protocol === "https:";
            } catch {
                https = false;
            }
            if (!https) {
                messages.push(
                    `has issuer ${asJson(issuer ?? null)}, which is not an https URL. Use the identity provider's https issuer, e.g. ${CLOUDS[ctx.cloud].federatedIssuerHost}/<tenant id>/v2.0.`,
                );
            }
        }
        return messages;
    },
};
