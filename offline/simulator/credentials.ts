// Simulator handlers for credentials: federated identity credentials, passwords, certificates, tls keys, rotation.
import { uuidV5 } from "../../entra/deterministicIds";
import { MAX_FEDERATED_CREDENTIALS_PER_APP } from "../../entra/entraRules";
import { plannedRotationState, RotationState } from "../../entra/secretRotation";
import { SECRET_SLOTS_TYPE } from "../../components/secretSlots";
import { secretValue, unwrapSecret } from "./secretValues";
import { replacingInputs, UNKNOWN_VALUE } from "./schemaCheck";
import { Handler, PASSWORD_INPUTS, priorOf, str, strings, unreplaced } from "./context";

const SELF_SIGNED_CERT_TYPE = "tls:index/selfSignedCert:SelfSignedCert";

export const CREDENTIAL_HANDLERS: Readonly<Record<string, Handler>> = {
    "azuread:index/applicationFederatedIdentityCredential:ApplicationFederatedIdentityCredential": (
        r,
        objectId,
        ctx,
    ) => {
        const app = ctx.appFor(r);
        const issuer = str(r.inputs.issuer) ?? "";
        const subject = str(r.inputs.subject) ?? "";
        const audiences = strings(r.inputs.audiences);
        const name = str(r.inputs.displayName) ?? "";
        if (audiences.length !== 1)
            ctx.find(
                "error",
                "federated-audience",
                r.urn,
                `${r.name}: audiences must hold exactly one audience (got ${audiences.length})`,
            );
        if (!/^https:\/\//.test(issuer))
            ctx.find("error", "federated-issuer", r.urn, `${r.name}: issuer "${issuer}" must be an https URL`);
        if (!/^[A-Za-z0-9][A-Za-z0-9_-]{2,119}$/.test(name)) {
            ctx.find(
                "error",
                "federated-name",
                r.urn,
                `${r.name}: displayName "${name}" must be 3-120 letters, digits, '-' or '_', starting with a letter or digit`,
            );
        }
        if (app) {
            const key = `${issuer}|${subject}`;
            const other = app.federated.get(key);
            if (other)
                ctx.find(
                    "error",
                    "federated-unique",
                    r.urn,
                    `${r.name}: issuer and subject are already used by ${other}; they must be unique per app`,
                );
            app.federated.set(key, r.urn);
            if (app.federated.size > MAX_FEDERATED_CREDENTIALS_PER_APP) {
                ctx.find(
                    "error",
                    "federated-count",
                    r.urn,
                    `${r.name}: applicationId ${app.urn} would have ${app.federated.size} federated credentials; Entra allows at most ${MAX_FEDERATED_CREDENTIALS_PER_APP}`,
                );
            }
        }
        return {
            id: `${app?.id ?? ""}/federatedIdentityCredential/${objectId}`,
            state: { ...r.inputs, credentialId: objectId },
        };
    },
    "azuread:index/applicationPassword:ApplicationPassword": (r, objectId, ctx) => {
        const app = ctx.appFor(r);
        const endDate = str(r.inputs.endDate);
        // Every input of a password forces replacement: unchanged inputs keep the password, and its key id.
        const prior = ctx.prior(r.urn);
        const kept = unreplaced(prior, r, PASSWORD_INPUTS);
        const keyId = kept ? String(prior.outputs.keyId) : prior ? uuidV5(`${objectId}/${ctx.options.now}`) : objectId;
        // Entra checks the end date when a password is added; a kept one may expire (the older slot may).
        if (endDate !== undefined && !kept) {
            const end = Date.parse(endDate);
            if (Number.isNaN(end))
                ctx.find(
                    "error",
                    "password-end-date",
                    r.urn,
                    `${r.name}: endDate "${endDate}" is not an RFC 3339 time`,
                );
            else if (end <= ctx.nowMs)
                ctx.find(
                    "error",
                    "password-end-date",
                    r.urn,
                    `${r.name}: endDate ${endDate} is not in the future (now is ${ctx.options.now})`,
                );
        }
        return {
            id: `${app?.id ?? ""}/password/${keyId}`,
            state: {
                ...r.inputs,
                keyId,
                startDate: kept ? String(prior.outputs.startDate) : ctx.options.now,
                endDate: endDate ?? new Date(ctx.nowMs + 2 * 365 * 86_400_000).toISOString(),
                // Never a real secret, but secret all the same (the provider marks `value` secret): a program
                // that exports it must get a secret Output, or the plan's stack outputs would show it.
                value: secretValue(`simulated-secret-${keyId.slice(0, 8)}`),
            },
        };
    },
    "azuread:index/applicationCertificate:ApplicationCertificate": (r, objectId, ctx) => {
        const app = ctx.appFor(r);
        const endDate = str(r.inputs.endDate);
        if (endDate !== undefined && Date.parse(endDate) <= ctx.nowMs) {
            ctx.find(
                "error",
                "certificate-end-date",
                r.urn,
                `${r.name}: endDate ${endDate} is not in the future (now is ${ctx.options.now})`,
            );
        }
        if (str(r.inputs.value) === undefined)
            ctx.find("error", "certificate-value", r.urn, `${r.name}: value (the certificate) is missing`);
        return { id: `${app?.id ?? ""}/certificate/${objectId}`, state: { ...r.inputs, keyId: objectId } };
    },
    "tls:index/privateKey:PrivateKey": (r, objectId) => ({
        id: objectId,
        state: {
            ...r.inputs,
            // Never a real key, but secret (the tls SDK's additionalSecretOutputs, which the engine applies):
            // a program that exports it must get a secret Output, like ApplicationPassword.value.
            privateKeyPem: secretValue(
                `-----BEGIN PRIVATE KEY-----\nsimulated-key-${objectId.slice(0, 8)}\n-----END PRIVATE KEY-----\n`,
            ),
            publicKeyPem: `-----BEGIN PUBLIC KEY-----\nsimulated-${objectId.slice(0, 8)}\n-----END PUBLIC KEY-----\n`,
        },
    }),
    [SELF_SIGNED_CERT_TYPE]: (r, objectId, ctx) => {
        const hours = Number(unwrapSecret(r.inputs.validityPeriodHours) ?? 0);
        // The provider sets the serial, PEM and validity times at create and keeps them in state (UseStateForUnknown,
        // resource_self_signed_cert.go) until an input forces replacement or the certificate is ready for renewal:
        // now at or past validity_end_time minus early_renewal_hours, default 0 (common_cert.go,
        // modifyPlanIfCertificateReadyForRenewal), which marks ready_for_renewal unknown and requires replacement.
        const prior = priorOf(ctx, r);
        const stored = prior?.outputs ?? {};
        const renewAt =
            Date.parse(String(stored.validityEndTime)) -
            Number(unwrapSecret(r.inputs.earlyRenewalHours) ?? 0) * 3_600_000;
        if (unreplaced(prior, r, replacingInputs(SELF_SIGNED_CERT_TYPE)) && renewAt > ctx.nowMs) {
            const { id, certPem, validityStartTime, validityEndTime } = stored;
            return {
                id: typeof id === "string" ? id : objectId,
                state: { ...r.inputs, certPem, validityStartTime, validityEndTime },
            };
        }
        // A re-issued certificate has a new serial, so a new PEM, as a replaced password has a new key id.
        const id = prior ? uuidV5(`${objectId}/${ctx.options.now}`) : objectId;
        return {
            id,
            state: {
                ...r.inputs,
                certPem: `-----BEGIN CERTIFICATE-----\nsimulated-${id.slice(0, 8)}\n-----END CERTIFICATE-----\n`,
                validityStartTime: ctx.options.now,
                validityEndTime: new Date(ctx.nowMs + hours * 3_600_000).toISOString().replace(/\.000Z$/, "Z"),
            },
        };
    },
    "time:index/rotating:Rotating": (r, _objectId, ctx) => {
        const days = Number(unwrapSecret(r.inputs.rotationDays) ?? 0);
        // `pulumi up --refresh`: the provider's Read drops a Rotating whose rotation time has passed, and
        // the deployment re-creates it at "now"; until then it keeps its base time (a changed period
        // moves only the rotation time).
        const prior = ctx.prior(r.urn);
        const base = typeof prior?.outputs.rfc3339 === "string" ? prior.outputs.rfc3339 : undefined;
        const keep = base !== undefined && Date.parse(base) + days * 86_400_000 > ctx.nowMs;
        const start = keep ? base : ctx.options.now;
        const rotation = new Date(Date.parse(start) + days * 86_400_000).toISOString().replace(/\.000Z$/, "Z");
        return { id: start, state: { ...r.inputs, rfc3339: start, rotationRfc3339: rotation } };
    },
    [SECRET_SLOTS_TYPE]: (r, _objectId, ctx) => {
        // The same function the dynamic provider's check runs, on the state the last deployment stored.
        const epoch = str(r.inputs.epoch) ?? "";
        const lifetimeDays = Number(unwrapSecret(r.inputs.lifetimeDays));
        const problems = [
            ...(Number.isNaN(Date.parse(epoch)) ? [`epoch "${epoch}" is not an RFC 3339 time`] : []),
            ...(!Number.isInteger(lifetimeDays) || lifetimeDays < 1
                ? [`lifetimeDays must be a positive whole number`]
                : []),
        ];
        for (const problem of problems) ctx.find("error", "secret-slots", r.urn, `${r.name}: ${problem}`);
        if (problems.length > 0) return { id: "secret-slots", state: { epoch, lifetimeDays, state: UNKNOWN_VALUE } };
        const previous = ctx.prior(r.urn)?.outputs.state as RotationState | undefined;
        const state = plannedRotationState(previous, epoch, lifetimeDays, UNKNOWN_VALUE);
        return { id: "secret-slots", state: { epoch, lifetimeDays, state } };
    },
};
