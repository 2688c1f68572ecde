// Runs a Pulumi program in-process against the Entra simulator and returns the plan: no CLI, no tenant, no stack config layer.
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { setAllConfig } from "@pulumi/pulumi/runtime/config";
import { runInPulumiStack } from "@pulumi/pulumi/runtime/stack";
import { DYNAMIC_PROVIDER_PLACEHOLDER, RecordedResource, RecordingMonitor } from "../simulator/recordingMonitor";
import {
    AssumedServicePrincipal,
    DEFAULT_NOW,
    EntraSimulator,
    SimulatorOptions,
    Finding,
    TenantServicePrincipal,
} from "../simulator";
import { StackConfigFiles } from "./stackFiles";
import { TenantFixture } from "../simulator/tenantFixture";
import { loadTenantFixture } from "./tenantFile";
import { captureProgramLog } from "./programLog";

// Internal runtime helpers (exported by @pulumi/pulumi's JS, not its typings): the same calls setMocks makes.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const state = require("@pulumi/pulumi/runtime/state");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const serializeClosure = require("@pulumi/pulumi/runtime/closure/serializeClosure");

/** One run of a program: the project, its stack's config (already loaded) and the program module. */
export interface ProgramRunOptions {
    /** Directory holding Pulumi.yaml: `pulumi up`'s root directory. */
    readonly projectDir: string;
    readonly stack: string;
    /** The project name and the stack's config, as the program will read it. */
    readonly configFiles: StackConfigFiles;
    /** The program module (a path `require` loads: compiled JavaScript, or TypeScript with ts-node registered). */
    readonly program: string;
    /** The simulated deployment time (RFC 3339); default DEFAULT_NOW so plans are reproducible. */
    readonly now?: string;
    /** Service principals the simulated tenant already has; default Graph and Service Management. */
    readonly tenantServicePrincipals?: readonly TenantServicePrincipal[];
    /** The plan of the previous simulated deployment: rotation state continues from it. Default: first deployment. */
    readonly previous?: Plan;
    /** What the tenant already holds: a fixture or the path of a fixture file (YAML/JSON). Default: an empty tenant. */
    readonly tenant?: TenantFixture | string;
    /** Which config key adopts which resource, when the program has such keys (findings then name them). */
    readonly adoptionKeys?: SimulatorOptions["adoptionKeys"];
    /** Resources only the tenant knows, planned as existing with a warning. */
    readonly assumedServicePrincipals?: readonly AssumedServicePrincipal[];
    /** Rewrites a failure's message after the generic clean-up (the stack names its config keys). */
    readonly rewriteMessage?: (message: string) => string;
    /**
     * Serialize each dynamic resource's provider as `pulumi up` does (default true), so a provider that cannot be
     * serialized fails the plan. False when the program's dynamic providers are this library's own, whose
     * serialization their tests check: the plan only ever shows a placeholder for it.
     */
    readonly serializeDynamicProviders?: boolean;
}

export interface Plan {
    readonly project: string;
    readonly stack: string;
    readonly resources: RecordedResource[];
    readonly outputs: Record<string, unknown>;
    readonly findings: Finding[];
    /** Depth of the dependency graph: how many sequential steps a deployment needs. */
    readonly waves: number;
}

/** The program failed before it finished (e.g. invalid config); `cause` is what it threw. */
export class ProgramError extends Error {
    constructor(
        message: string,
        readonly cause: unknown,
        /** What the simulator found before the program failed: often the reason it failed. */
        readonly findings: readonly Finding[] = [],
    ) {
        super(message);
        this.name = "ProgramError";
    }
}

/** Longest chain of custom resources, following dependencies through components to their custom children. */
export function dependencyWaves(resources: readonly RecordedResource[]): number {
    return Math.max(0, ...dependencyDepths(resources).values());
}

/** Per custom resource (by URN), the wave it deploys in: 1 + the deepest wave among what it depends on. */
export function dependencyDepths(resources: readonly RecordedResource[]): Map<string, number> {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const children = new Map<string, string[]>();
    for (const r of resources) {
        if (!children.has(r.parent)) children.set(r.parent, []);
        children.get(r.parent)!.push(r.urn);
    }
    const customUnder = (urn: string): string[] => {
        const r = byUrn.get(urn);
        if (!r) return [];
        if (r.custom) return [urn];
        return (children.get(urn) ?? []).flatMap(customUnder);
    };
    const depth = new Map<string, number>();
    const visiting = new Set<string>();
    const depthOf = (urn: string): number => {
        const known = depth.get(urn);
        if (known !== undefined) return known;
        if (visiting.has(urn)) return 0;
        visiting.add(urn);
        const deps = byUrn
            .get(urn)!
            .dependencies.flatMap(customUnder)
            .filter((d) => d !== urn);
        const d = 1 + Math.max(0, ...deps.map(depthOf));
        visiting.delete(urn);
        depth.set(urn, d);
        return d;
    };
    return new Map(resources.filter((r) => r.custom).map((r) => [r.urn, depthOf(r.urn)]));
}

/**
 * Runs `options.program` once under the simulator. Throws ProgramError when the program itself fails (its
 * message is the program's); returns the plan, with findings, otherwise.
 */
export async function runProgramOffline(options: ProgramRunOptions): Promise<Plan> {
    const files = options.configFiles;
    const config = files.config;
    const now = options.now ?? DEFAULT_NOW;
    const simulator = new EntraSimulator({
        tenantId: config["azuread:tenantId"] ?? "00000000-0000-0000-0000-000000000000",
        now,
        tenantServicePrincipals: options.tenantServicePrincipals,
        previous: options.previous ? new Map(options.previous.resources.map((r) => [r.urn, r])) : undefined,
        subscriptionId: config["azure-native:subscriptionId"],
        tenant: typeof options.tenant === "string" ? loadTenantFixture(options.tenant) : options.tenant,
        adoptionKeys: options.adoptionKeys,
        azureNativeEnvironment: config["azure-native:environment"],
        assumedServicePrincipals: options.assumedServicePrincipals,
    });
    const monitor = new RecordingMonitor(simulator);
    settings.setMockOptions(monitor, files.project, options.stack, false);
    // What `pulumi up` passes as --root-directory: files the config names resolve against it (config/openApiFile.ts).
    state.getStore().settings.options.rootDirectory = path.resolve(options.projectDir);
    const store = state.getStore();
    Object.assign(store, {
        supportsSecrets: true,
        supportsResourceReferences: true,
        supportsOutputValues: false,
        supportsDeletedWith: true,
        supportsAliasSpecs: true,
        supportsTransforms: false,
    });
    setAllConfig(config, files.secretKeys);

    const stackTraces = withoutStackTraces();
    const programLog = captureProgramLog();
    const providers = options.serializeDynamicProviders === false ? withoutProviderSerialization() : undefined;
    const programPath = require.resolve(path.resolve(options.program));
    const rewrite = options.rewriteMessage ?? ((m: string) => m);
    const messageOf = (err: unknown) => finishMessage(rewrite(programMessage(err)));
    const failures: unknown[] = [];
    const onRejection = (reason: unknown) => failures.push(reason);
    process.on("unhandledRejection", onRejection);
    try {
        await runInPulumiStack(async () => {
            // A fresh module per run: the program's top level is the deployment.
            delete require.cache[programPath];
            // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh load per run (require.cache), which import() cannot give.
            return require(programPath);
        });
        await settings.waitForRPCs();
        simulator.finish();
    } catch (err) {
        // What the program logged before it failed stays beside the failure, as `pulumi preview` shows it.
        throw new ProgramError(messageOf(err), err, [...simulator.findings, ...(await programLog.findings())]);
    } finally {
        // Rejections of a run surface a tick or two after it ends; they belong to this run, not the next one.
        await new Promise((resolve) => setImmediate(resolve));
        await new Promise((resolve) => setImmediate(resolve));
        process.off("unhandledRejection", onRejection);
        stackTraces.restore();
        programLog.restore();
        providers?.restore();
        // A failed run leaves registrations pending by design; the runtime's exit-time leak report would
        // only bury the real message.
        store.leakCandidates = new Set();
    }
    if (failures.length > 0) {
        const messages = [...new Set(failures.map(messageOf))];
        throw new ProgramError(messages.join("\n"), failures[0], [
            ...simulator.findings,
            ...(await programLog.findings()),
        ]);
    }

    const resources = [...monitor.recorded.values()].sort((a, b) => a.urn.localeCompare(b.urn));
    const logged = await programLog.findings();
    return {
        project: files.project,
        stack: options.stack,
        resources,
        outputs: monitor.stackOutputs,
        findings: [...simulator.findings, ...logged].sort(
            (a, b) =>
                a.severity.localeCompare(b.severity) ||
                a.urn.localeCompare(b.urn) ||
                a.message.localeCompare(b.message),
        ),
        waves: dependencyWaves(resources),
    };
}

/**
 * Switches off the stack traces Pulumi's runtime captures for every resource and promise while the program runs:
 * `Resource.callsites()` formats an unlimited `new Error().stack` per registration (the source position the
 * engine shows in diagnostics; ts-node's source-map-support maps every frame of it), and `debuggablePromise`
 * keeps a `new Error().stack` on each of the runtime's promises for its leak report, which an offline plan
 * discards (leakCandidates is cleared below). Neither reaches the mock monitor's recorded request fields,
 * so a plan is byte-identical either way (test/slow/planIdentity.spec.ts); errors keep their messages, which is
 * all a plan shows. `DEBUG=1` keeps them for a developer chasing a failure.
 */
function withoutStackTraces(): { restore(): void } {
    if (process.env.DEBUG) return { restore: () => undefined };
    const resource = pulumi.Resource as unknown as { callsites: () => unknown[] };
    const callsites = resource.callsites;
    const limit = Error.stackTraceLimit;
    resource.callsites = () => [];
    Error.stackTraceLimit = 0;
    return {
        restore: () => {
            resource.callsites = callsites;
            Error.stackTraceLimit = limit;
        },
    };
}

/**
 * Replaces Pulumi's closure serializer while the program runs: each dynamic resource's `__provider` becomes the
 * plan's placeholder instead of its serialized code. The first serialization enables the V8 debugger in-process
 * (`@pulumi/pulumi/runtime/closure/v8Hooks.js`: `Debugger.enable` replays a `scriptParsed` event for every script
 * already loaded, over a thousand with the SDKs) and walks the provider's closure: a fifth of the dev stack's
 * plan time, for code the plan replaces by a placeholder anyway (recordingMonitor.ts).
 */
function withoutProviderSerialization(): { restore(): void } {
    const serializeFunction = serializeClosure.serializeFunction;
    // The runtime caches a provider's serialization per provider object: a placeholder must not stay cached for
    // a later program in this process that serializes (the testing entry's providerCodeOf).
    const options = state.getStore().settings.options;
    const cache = options.cacheDynamicProviders;
    options.cacheDynamicProviders = false;
    serializeClosure.serializeFunction = async () => ({
        text: DYNAMIC_PROVIDER_PLACEHOLDER,
        exportName: "handler",
        containsSecrets: false,
    });
    return {
        restore: () => {
            serializeClosure.serializeFunction = serializeFunction;
            options.cacheDynamicProviders = cache;
        },
    };
}

/** A failure's message without the runtime's serialization wrapper (the input name it adds stays, shorter). */
function programMessage(err: unknown): string {
    const message =
        err instanceof pulumi.RunError || err instanceof pulumi.ResourceError || err instanceof Error
            ? err.message
            : String(err);
    const site = err instanceof SyntaxError ? syntaxErrorSite(err) : undefined;
    if (site !== undefined) return `${site.where}: ${message}${site.excerpt}`;
    // The runtime wraps failures of an input's Output; the input name it adds is useful, its phrasing is not.
    // A component's deploy-time check names its argument ("<Type> "<name>": args.<path>"): no input name needed.
    return message.replace(/^error serializing property "[^"]+": (?=\w+ "[^"]+": args\.)/, "");
}

/**
 * Where a file that does not parse fails, from the header Node puts first in a SyntaxError's stack when `require`
 * compiles it (`/path/index.js:3`, the line, a caret): the file relative to the working directory with its line, and
 * the code under the caret. Undefined for a SyntaxError that is no file's (JSON.parse, a RegExp).
 */
function syntaxErrorSite(err: SyntaxError): { where: string; excerpt: string } | undefined {
    const [header, code, caret] = (err.stack ?? "").split("\n");
    const site = /^(\/.+|[A-Za-z]:\\.+):(\d+)$/.exec(header ?? "");
    if (!site) return undefined;
    const file = path.relative(process.cwd(), site[1]) || site[1];
    const excerpt = code !== undefined && /^\s*\^+\s*$/.test(caret ?? "") ? `\n    ${code}\n    ${caret}` : "";
    return { where: `${file} line ${site[2]}`, excerpt };
}

/** The last clean-up of a message: a component's own error or an input name, never the runtime's wrapper phrase. */
function finishMessage(message: string): string {
    return message
        .replace(/^error serializing property "[^"]+": (?=entra-connectors:)/, "")
        .replace(/^error serializing property "([^"]+)": /, "input $1: ");
}
