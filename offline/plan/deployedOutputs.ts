// A deployed stack's outputs (`pulumi stack output --json`) as the connector files need them, checked key by key.
import { NAMESPACE, StackConfig } from "../../config";
import { isGuid } from "../../entra/guid";

/** What `pulumi stack output --json` prints for a secret it does not show (pulumi/pulumi pkg/backend/display, MassageSecrets). */
const MASKED_SECRET = "[secret]";

/** The values of one deployed Power Platform connector the connector files carry. */
export interface DeployedConnector {
    readonly clientId: string;
    readonly resourceUrl: string;
    /** The connector files ConnectorClient rendered (its outputs); absent from a deployment made before they existed. */
    readonly apiProperties?: string;
    readonly apiDefinition?: string;
}

/** A connector file's text as an output: JSON of an object. */
const isJsonObjectText = (v: unknown): v is string => {
    if (typeof v !== "string") return false;
    try {
        return isRecord(JSON.parse(v));
    } catch {
        return false;
    }
};

export interface DeployedOutputs {
    readonly connectors: Readonly<Record<string, DeployedConnector>>;
    readonly nextSteps: readonly string[];
}

export class DeployedOutputsError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "DeployedOutputsError";
    }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The connector outputs of a deployment: `text` is what `pulumi stack output --json --stack <stack>` printed
 * (`source` names where it came from, for messages). Every Power Platform connector of `config` must be there with a
 * client id (a GUID) and a resource URL; anything else is one error naming the output key and the fix. Other fields
 * (the client secret, shown or masked) are never read.
 */
export function parseDeployedOutputs(
    text: string,
    source: string,
    stack: string,
    config: StackConfig,
): DeployedOutputs {
    const command = `pulumi stack output --json --stack ${stack}`;
    let parsed: unknown;
    try {
        parsed = JSON.parse(text.replace(/^\uFEFF/, ""));
    } catch {
        throw new DeployedOutputsError(
            `${source} is not JSON. Fix: give the output of \`${command}\` (a JSON object of the stack's outputs).`,
        );
    }
    if (!isRecord(parsed)) {
        throw new DeployedOutputsError(
            `${source} is not a JSON object of stack outputs. Fix: give the output of \`${command}\`.`,
        );
    }
    const keys = Object.keys(config.connectors)
        .filter((k) => config.connectors[k].platform === "powerPlatform")
        .sort();
    const all = parsed.connectors;
    if (all === undefined) {
        const named = Object.keys(parsed);
        throw new DeployedOutputsError(
            `${source} has no "connectors" output (its outputs: ${named.length ? named.join(", ") : "none"}): the stack was not deployed with this program. ` +
                `Fix: run \`pulumi up --stack ${stack}\` first, then give the output of \`${command}\`.`,
        );
    }
    if (all === MASKED_SECRET) {
        throw new DeployedOutputsError(
            `${source}: the "connectors" output is masked as a whole ("[secret]"), so its client ids cannot be read. Fix: deploy with this program's ` +
                `index.ts, which keeps only clientSecret secret.`,
        );
    }
    if (!isRecord(all))
        throw new DeployedOutputsError(
            `${source}: the "connectors" output is not an object of connectors. Fix: give the output of \`${command}\`.`,
        );
    const connectors: Record<string, DeployedConnector> = {};
    const problems: string[] = [];
    for (const key of keys) {
        const at = `connectors["${key}"]`;
        const out = Object.prototype.hasOwnProperty.call(all, key) ? all[key] : undefined;
        if (!isRecord(out)) {
            problems.push(
                `${at} is missing: the stack config has the connector but the deployment does not. Fix: run \`pulumi up --stack ${stack}\`, then render the files again.`,
            );
            continue;
        }
        const { clientId, resourceUrl } = out;
        if (typeof clientId !== "string" || !isGuid(clientId)) {
            problems.push(
                `${at}.clientId is ${JSON.stringify(clientId ?? null)}, not a client id (a GUID). Fix: give the output of \`${command}\`.`,
            );
        }
        if (typeof resourceUrl !== "string" || resourceUrl === "" || resourceUrl === MASKED_SECRET) {
            problems.push(
                `${at}.resourceUrl is ${JSON.stringify(resourceUrl ?? null)}, not a resource URL. Fix: give the output of \`${command}\`.`,
            );
        }
        // A connector the stack is to create, deployed before it did: its files would say the stack owns a connector
        // that does not exist yet, and carry no redirect URL the platform assigned.
        if (config.connectors[key].powerPlatform && !isRecord(out.powerPlatformConnector)) {
            problems.push(
                `${at}.powerPlatformConnector is missing: the stack config has ${NAMESPACE}:connectors.${key}.powerPlatform but the deployment has not created the connector yet. ` +
                    `Fix: run \`pulumi up --stack ${stack}\`, then render the files again.`,
            );
        }
        const files: { apiProperties?: string; apiDefinition?: string } = {};
        for (const file of ["apiProperties", "apiDefinition"] as const) {
            const text = out[file];
            if (text === undefined) continue;
            if (isJsonObjectText(text)) files[file] = text;
            else
                problems.push(
                    `${at}.${file} is not the JSON text of a connector file. Fix: give the output of \`${command}\`.`,
                );
        }
        if (typeof clientId === "string" && typeof resourceUrl === "string")
            connectors[key] = { clientId, resourceUrl, ...files };
    }
    const steps = parsed.nextSteps;
    if (steps !== undefined && !(Array.isArray(steps) && steps.every((s) => typeof s === "string"))) {
        problems.push(`nextSteps is not a list of sentences. Fix: give the output of \`${command}\`.`);
    }
    if (problems.length)
        throw new DeployedOutputsError(
            `${source} cannot give the connector files:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
        );
    return { connectors, nextSteps: (steps as string[] | undefined) ?? [] };
}
