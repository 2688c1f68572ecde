// The custom connector the stack creates, simulated: a deterministic name, its redirect URL and a placeholder subject.
import { createHash } from "crypto";
import { POWER_PLATFORM_CONNECTOR_TYPE } from "../../components/powerPlatformConnectorProvider";
import { CLOUDS, CloudName } from "../../entra/clouds";
import { powerPlatformSubject } from "../../entra/powerPlatformSubject";
import { publicRedirectUrl } from "../../powerPlatform/requests";
import { unwrapSecret } from "./secretValues";
import { UNKNOWN_VALUE } from "./schemaCheck";
import { Handler, str } from "./context";

/** Power Platform's own app id, which the `a/` segment of the subjects Power Platform shows encodes (a placeholder here). */
const POWER_PLATFORM_APP_ID = "58e835ab-2e39-46a9-b797-accce6633447";

/**
 * The name is simulated (or, adopting, the given one) (the platform assigns the real one; its scheme is undocumented): `shared_` plus the key
 * and a hash of environment and key, stable across plans. The public cloud's redirect URL follows from the name
 * (the recorded GET, powerPlatform/requests.ts); elsewhere it is unknown until the connector exists. A managed-identity
 * connector gets a placeholder subject in this tenant, never a value to copy anywhere.
 */
export const POWER_PLATFORM_CONNECTOR_HANDLERS: Readonly<Record<string, Handler>> = {
    [POWER_PLATFORM_CONNECTOR_TYPE]: (r, _objectId, ctx) => {
        const environment = str(r.inputs.environment) ?? "";
        const key = str(r.inputs.connectorKey) ?? r.name;
        const cloud = str(r.inputs.cloud) ?? "public";
        const prior = ctx.prior(r.urn)?.outputs;
        const hash = createHash("sha256").update(`${environment}/${key}`).digest("hex").slice(0, 16);
        // An adopted connector keeps the name the maker's connector has.
        const adopted = str(r.inputs.adoptName);
        const name =
            adopted ??
            (typeof prior?.name === "string" && prior.environment === environment
                ? prior.name
                : `shared_${key.replace(/[^a-z0-9]/gi, "").toLowerCase()}-${hash}`);
        const managedIdentity = unwrapSecret(r.inputs.managedIdentity) === true;
        return {
            id: name,
            state: {
                ...r.inputs,
                name,
                redirectUrl: cloud === "public" ? publicRedirectUrl(name) : UNKNOWN_VALUE,
                federatedSubject: managedIdentity
                    ? powerPlatformSubject(
                          ctx.options.tenantId,
                          POWER_PLATFORM_APP_ID,
                          name,
                          (CLOUDS[cloud as CloudName] ?? CLOUDS.public).subjectCloudSegment,
                      )
                    : "",
            },
        };
    },
};
