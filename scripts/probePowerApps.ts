// Live probe: creates, PATCHes, reads back and deletes a throwaway custom connector under the current credential.
import { randomBytes } from "node:crypto";
import { isGuid } from "../entra/guid";
import { PowerAppsClient, type PowerAppsClientOptions } from "../powerPlatform/client";
import { POWER_APPS_CLOUDS } from "../powerPlatform/endpoints";
import { PowerAppsError } from "../powerPlatform/errors";
import { createPayload, readBack, updatePayload, type ConnectorDefinition } from "../powerPlatform/requests";

const USAGE =
    "usage: npm run probe:power-apps -- --environment <environment id> [--cloud public|usgovernment|usgovernmentdod|china]";

/** What a probe run printed and how it ended (0 all steps worked, 1 a step failed, 2 bad arguments). */
export interface ProbeResult {
    readonly lines: string[];
    readonly exitCode: number;
}

/** Parsed arguments, or the usage error. */
function parseArgs(args: readonly string[]): { environment: string; cloud: string } | string {
    let environment: string | undefined;
    let cloud = "public";
    for (let i = 0; i < args.length; i++) {
        const a = args[i];
        if (a === "--environment" || a === "--cloud") {
            const v = args[i + 1];
            if (v === undefined || v.startsWith("--")) return `${a} needs a value`;
            if (a === "--environment") environment = v;
            else cloud = v;
            i++;
        } else return `unknown argument "${a}"`;
    }
    if (environment === undefined)
        return "--environment is required (the environment id from the Power Platform admin center)";
    if (!isGuid(environment.replace(/^Default-/, "")))
        return `--environment "${environment}" is not an environment id: expected a GUID or Default-<tenant GUID>`;
    if (!Object.prototype.hasOwnProperty.call(POWER_APPS_CLOUDS, cloud))
        return `--cloud "${cloud}" is not one of ${Object.keys(POWER_APPS_CLOUDS).join(", ")}`;
    return { environment, cloud };
}

/** A minimal OAuth connector: one backend, no actions (the probe tests the API, not a definition). */
function probeDefinition(displayName: string): ConnectorDefinition {
    return {
        displayName,
        apiProperties: {
            properties: {
                connectionParameters: {
                    token: {
                        type: "oauthSetting",
                        oAuthSettings: {
                            identityProvider: "aad",
                            clientId: "00000000-0000-0000-0000-000000000000",
                            scopes: [],
                            redirectMode: "GlobalPerConnector",
                            customParameters: { resourceUri: { value: "https://graph.microsoft.com" } },
                        },
                    },
                },
            },
        },
        openApiDefinition: {
            swagger: "2.0",
            info: { title: displayName, version: "1.0" },
            host: "example.invalid",
            basePath: "/",
            schemes: ["https"],
            paths: {},
            securityDefinitions: {
                oauth2_auth: {
                    type: "oauth2",
                    flow: "accessCode",
                    authorizationUrl: "https://login.microsoftonline.com/common/oauth2/authorize",
                    tokenUrl: "https://login.windows.net/common/oauth2/authorize",
                    scopes: {},
                },
            },
        },
    };
}

function failed(step: string, e: unknown): string {
    if (e instanceof PowerAppsError) return `${step}: failed (HTTP ${e.status}) ${e.message}`;
    return `${step}: failed ${e instanceof Error ? e.message : String(e)}`;
}

/** Runs the probe; `options` lets tests pass a transport or retry tuning. */
export async function probe(
    args: readonly string[],
    env: NodeJS.ProcessEnv = process.env,
    options: Partial<PowerAppsClientOptions> = {},
): Promise<ProbeResult> {
    const parsed = parseArgs(args);
    if (typeof parsed === "string") return { lines: [`error: ${parsed}`, USAGE], exitCode: 2 };
    const lines: string[] = [];
    const client = new PowerAppsClient({ ...options, cloud: parsed.cloud, env });
    const displayName = `entra-connectors probe ${randomBytes(4).toString("hex")}`;
    // A throwaway secret: random, never printed, masked if the API echoes it.
    const secret = randomBytes(24).toString("base64url");
    const context = { connector: displayName, environment: parsed.environment, secrets: [secret] };
    const definition = probeDefinition(displayName);
    let name: string;
    try {
        name = readBack(await client.create(context, createPayload(definition, parsed.environment, undefined))).name;
        lines.push(`create: ok (${name})`);
    } catch (e) {
        lines.push(failed("create", e));
        return { lines, exitCode: 1 };
    }
    let ok = true;
    try {
        const current = await client.get(context, name);
        await client.update(context, name, updatePayload(definition, parsed.environment, secret, current));
        lines.push("patch secret: ok");
    } catch (e) {
        ok = false;
        lines.push(failed("patch secret", e));
    }
    try {
        const redirectUrl = readBack(await client.get(context, name)).redirectUrl;
        if (redirectUrl === undefined) {
            ok = false;
            lines.push("read redirect URL: failed (the answer has no oAuthSettings.redirectUrl)");
        } else lines.push(`read redirect URL: ok (${redirectUrl})`);
    } catch (e) {
        ok = false;
        lines.push(failed("read redirect URL", e));
    }
    try {
        await client.delete(context, name);
        lines.push("delete: ok");
    } catch (e) {
        ok = false;
        lines.push(failed("delete", e) + ` Delete connector ${name} by hand.`);
    }
    return { lines, exitCode: ok ? 0 : 1 };
}

/** The command line: thin on purpose, everything testable is in probe(). */
if (require.main === module) {
    void probe(process.argv.slice(2)).then((result) => {
        for (const line of result.lines) (result.exitCode === 2 ? console.error : console.log)(line);
        process.exitCode = result.exitCode;
    });
}
