// Federated identity credentials of managed-identity connectors: issuer per cloud and why a subject cannot be used.
import { parsePowerPlatformSubject } from "./powerPlatformSubject";
import { CLOUDS, CloudName } from "./clouds";

/** Issuer of Power Platform managed-identity tokens: the tenant's v2.0 authority in the stack's cloud. */
export function federatedIssuer(cloud: CloudName, tenantId: string): string {
    return `${CLOUDS[cloud].federatedIssuerHost}/${tenantId}/v2.0`;
}

/**
 * Why a managed-identity subject cannot be used with this tenant and cloud, or undefined when it can.
 * `tenantSource` names where the tenant id came from (a config key, or an argument), for the message.
 */
export function federatedSubjectProblem(
    subject: string,
    tenantId: string,
    cloud: CloudName,
    tenantSource = "tenantId",
): string | undefined {
    const parsed = parsePowerPlatformSubject(subject);
    if ("error" in parsed) {
        return `"${subject}" ${parsed.error}. Fix: copy the subject the connector shows after it is created, or remove federatedSubject until then.`;
    }
    const expectedSegment = CLOUDS[cloud].subjectCloudSegment;
    if (parsed.cloudSegment !== expectedSegment) {
        return `"${subject}" is a subject for cloud segment "${parsed.cloudSegment}", but this stack's cloud is "${cloud}" (expects /eid1/c/${expectedSegment}/...). Fix: copy the subject from the connector created in this cloud, or correct entra-connectors:cloud.`;
    }
    if (parsed.tenantId.toLowerCase() !== tenantId.toLowerCase()) {
        return `"${subject}" belongs to tenant ${parsed.tenantId}, not this stack's tenant ${tenantId} (${tenantSource}); it was copied from another tenant's connector. Fix: copy the subject from the connector in this tenant.`;
    }
    return undefined;
}
