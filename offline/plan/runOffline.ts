// Runs the stack's program (or a fixture program with stack-shaped config) offline: config files, overrides and the
// stack's config keys in messages around the generic runner (runProgram.ts). No CLI, no tenant.
import { defaultProgram } from "./projectRoot";
import { deployTimeResourcesOf } from "./deployTimeResources";
import { Plan, runProgramOffline } from "./runProgram";
import { TenantServicePrincipal } from "../simulator";
import { loadStackConfigFiles, StackConfigFiles } from "./stackFiles";
import { TenantFixture } from "../simulator/tenantFixture";
import { parseStackConfig, StackConfig } from "../../config";
import { adoptionKeys } from "../../stack/adoptionKeys";
import { withConfigKey } from "../../stack/argumentKeys";

export { dependencyDepths, dependencyWaves, ProgramError, runProgramOffline } from "./runProgram";
export type { Plan, ProgramRunOptions } from "./runProgram";

export interface RunOfflineOptions {
    /** Directory holding Pulumi.yaml (and by default the program and the stack files). */
    readonly projectDir: string;
    readonly stack: string;
    /** Stack config file; default `<projectDir>/Pulumi.<stack>.yaml`. */
    readonly configFile?: string;
    /** The stack's config as already loaded (planCli validates it first); default: read from the files. */
    readonly configFiles?: StackConfigFiles;
    /** Config values laid over the file's (fully qualified keys; objects are passed as JSON like the CLI does). */
    readonly configOverrides?: Readonly<Record<string, unknown>>;
    /** Keys (fully qualified) to remove from the file's config before overrides apply. */
    readonly configRemovals?: readonly string[];
    /** The program module; default `<projectDir>/index.ts`, or `dist/index.js` when this runs compiled. */
    readonly program?: string;
    /** The simulated deployment time (RFC 3339); default DEFAULT_NOW so plans are reproducible. */
    readonly now?: string;
    /** Service principals the simulated tenant already has; default Graph and Service Management. */
    readonly tenantServicePrincipals?: readonly TenantServicePrincipal[];
    /** The plan of the previous simulated deployment: rotation state continues from it. Default: first deployment. */
    readonly previous?: Plan;
    /** What the tenant already holds: a fixture or the path of a fixture file (YAML/JSON). Default: an empty tenant. */
    readonly tenant?: TenantFixture | string;
    /** The stack's parsed config, when the caller has it: findings then name the config keys that adopt. */
    readonly stackConfig?: StackConfig;
}

function configText(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * Plans one stack offline. Throws ProgramError when the program itself fails (its message is the program's,
 * e.g. the config errors); returns the plan, with findings, otherwise.
 */
export async function runOffline(options: RunOfflineOptions): Promise<Plan> {
    const files = options.configFiles ?? loadStackConfigFiles(options.projectDir, options.stack, options.configFile);
    const config: Record<string, string> = { ...files.config };
    for (const key of options.configRemovals ?? []) delete config[key];
    for (const [key, value] of Object.entries(options.configOverrides ?? {})) config[key] = configText(value);
    return runProgramOffline({
        projectDir: options.projectDir,
        stack: options.stack,
        configFiles: { ...files, config },
        program: options.program ?? defaultProgram(options.projectDir),
        now: options.now,
        tenantServicePrincipals: options.tenantServicePrincipals,
        previous: options.previous,
        tenant: options.tenant,
        adoptionKeys: stackAdoptionKeys(options.stackConfig, config, files.secretKeys),
        assumedServicePrincipals: deployTimeResourcesOf(config, files.secretKeys),
        // Only the stack's own program has config keys to name in messages.
        rewriteMessage: options.program === undefined ? withConfigKey : undefined,
        // The stack's program and the fixture programs create only this library's dynamic resources.
        serializeDynamicProviders: false,
    });
}

/** Which config key adopts which resource, when the config is the stack's (fixture programs have other config). */
function stackAdoptionKeys(
    given: StackConfig | undefined,
    config: Record<string, string>,
    secretKeys: readonly string[],
) {
    if (given) return adoptionKeys(given);
    try {
        return adoptionKeys(parseStackConfig(config, secretKeys));
    } catch {
        return undefined;
    }
}
