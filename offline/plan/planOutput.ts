// Writes a plan's files into <out>/<stack>/ atomically: staged inside <out>, swapped in only when complete.
import * as fs from "fs";
import * as path from "path";

/** The file that makes <out>/<stack>/ a plan folder. */
const PLAN_FILE = "plan.json";
/**
 * `npm run connector-files` writes only <out>/<stack>/connectors/, with this README: a folder holding it is one the
 * plan may replace too (the plan then writes its own, simulated, connector files).
 */
export const DEPLOYED_FILES_MARKER = path.join("connectors", "README.md");

/** Staging folders live inside <out> (never beside it) and start with this prefix; `.gitignore` covers them. */
export const STAGING_PREFIX = ".staging-";
/** A staging folder older than this belongs to a killed plan (a plan of 500 connectors stages in well under a second). */
export const STALE_STAGING_MS = 10 * 60_000;
/** A lock older than this was left by a killed plan: the swap it guards takes a few milliseconds. */
const STALE_LOCK_MS = 30_000;
const LOCK_WAIT_MS = 60_000;

/** Staging folders and locks this process holds, so a signal handler can remove them before exiting. */
const active = { staging: new Set<string>(), locks: new Set<string>() };

/**
 * Why <out>/<stack> must not be written, or undefined. Reads only: run before planning, so a refused
 * command touches nothing. An existing target is replaced only when it is a plan folder (holds plan.json).
 */
export function outputProblem(outRoot: string, stack: string, projectDir: string): string | undefined {
    const target = path.join(outRoot, stack);
    const rel = path.relative(target, path.resolve(projectDir));
    if (rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel))) {
        return `--out ${outRoot} with --stack ${stack} would replace ${target}, which holds the project itself. Fix: use an output folder inside the project, e.g. --out out`;
    }
    // stat, not lstat: a symbolic link to a folder is a folder to write into.
    const outStat = followedStatOrUndefined(outRoot);
    if (outStat && !outStat.isDirectory())
        return `--out ${outRoot} exists and is not a folder. Fix: name a folder, e.g. --out out`;
    const unwritable = notWritable(outRoot);
    if (unwritable) return unwritable;
    const targetStat = statOrUndefined(target);
    const planFolder = [PLAN_FILE, DEPLOYED_FILES_MARKER].some((f) => statOrUndefined(path.join(target, f))?.isFile());
    if (targetStat && (!targetStat.isDirectory() || !planFolder)) {
        return `${target} exists and is not a plan folder (no plan.json): the plan replaces <out>/<stack>/ as a whole and will not delete other files. Fix: choose another --out, or move that folder away`;
    }
    return undefined;
}

function followedStatOrUndefined(file: string): fs.Stats | undefined {
    try {
        return fs.statSync(file);
    } catch {
        return undefined;
    }
}

/**
 * Why <out> cannot be created or written, found before planning (a plan that runs and then cannot be written
 * wastes the run and used to end in an internal error): the nearest existing folder at or above it must be a
 * writable folder.
 */
function notWritable(outRoot: string): string | undefined {
    let dir = outRoot;
    while (!followedStatOrUndefined(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
    const stat = followedStatOrUndefined(dir);
    if (stat && !stat.isDirectory()) {
        return `--out ${outRoot} lies below ${dir}, which is a file, not a folder. Fix: name a folder, e.g. --out out`;
    }
    try {
        fs.accessSync(dir, fs.constants.W_OK | fs.constants.X_OK);
    } catch {
        return `--out ${outRoot}: ${dir === outRoot ? "the folder" : `its nearest existing folder ${dir}`} is not writable. Fix: name a folder you can write, e.g. --out out`;
    }
    return undefined;
}

function statOrUndefined(file: string): fs.Stats | undefined {
    try {
        return fs.lstatSync(file);
    } catch {
        return undefined;
    }
}

/** Removes staging folders of plans that were killed (older than STALE_STAGING_MS). */
export function removeStaleStaging(outRoot: string, now = Date.now()): string[] {
    const removed: string[] = [];
    for (const name of fs.readdirSync(outRoot)) {
        if (!name.startsWith(STAGING_PREFIX)) continue;
        const full = path.join(outRoot, name);
        const stat = statOrUndefined(full);
        if (stat && now - stat.mtimeMs > STALE_STAGING_MS && !active.staging.has(full)) {
            fs.rmSync(full, { recursive: true, force: true });
            removed.push(name);
        }
    }
    return removed;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Takes `<out>/.lock-<stack>` with O_EXCL (one swap at a time per stack and <out>), waiting for another plan's. */
async function acquireLock(outRoot: string, stack: string): Promise<string> {
    const lock = path.join(outRoot, `.lock-${stack}`);
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
        try {
            fs.closeSync(fs.openSync(lock, "wx"));
            active.locks.add(lock);
            return lock;
        } catch (err) {
            if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
        }
        const stat = statOrUndefined(lock);
        if (stat && Date.now() - stat.mtimeMs > STALE_LOCK_MS) fs.rmSync(lock, { force: true });
        if (Date.now() > deadline) throw new Error(`another plan holds ${lock}; remove it if no plan is running`);
        await sleep(10 + Math.random() * 20);
    }
}

function releaseLock(lock: string): void {
    fs.rmSync(lock, { force: true });
    active.locks.delete(lock);
}

/**
 * Writes `files` (path relative to the plan folder -> text) as `<out>/<stack>/`. Until the last file is written
 * the previous `<out>/<stack>/` stays as it was; the swap is two renames inside <out> under a lock, so two plans
 * of one stack into one <out> each install a complete plan and the later one wins. Nothing outside <out> is written.
 */
export async function writePlanOutput(
    outRoot: string,
    stack: string,
    files: Readonly<Record<string, string>>,
): Promise<string> {
    fs.mkdirSync(outRoot, { recursive: true });
    return stageAndSwapIn(outRoot, stack, path.join(outRoot, stack), files, holdForTests);
}

/**
 * Writes `files` (path relative to the connectors folder -> text) as `<out>/<stack>/connectors/`, keeping the rest of
 * `<out>/<stack>/` (a plan's plan.json). Staged inside <out> and swapped in under the plan's lock, like a plan.
 */
export async function writeConnectorFilesOutput(
    outRoot: string,
    stack: string,
    files: Readonly<Record<string, string>>,
): Promise<string> {
    const target = path.join(outRoot, stack, "connectors");
    fs.mkdirSync(path.dirname(target), { recursive: true });
    return stageAndSwapIn(outRoot, stack, target, files);
}

/** Writes `files` into a staging folder inside <out>, then swaps it in as `target` under the stack's lock. */
async function stageAndSwapIn(
    outRoot: string,
    stack: string,
    target: string,
    files: Readonly<Record<string, string>>,
    beforeSwap: () => Promise<void> = async () => {},
): Promise<string> {
    removeStaleStaging(outRoot);
    const staging = fs.mkdtempSync(path.join(outRoot, STAGING_PREFIX));
    active.staging.add(staging);
    try {
        writeFilesInto(staging, files);
        await beforeSwap();
        const lock = await acquireLock(outRoot, stack);
        try {
            swapIn(staging, target);
        } finally {
            releaseLock(lock);
        }
    } finally {
        if (active.staging.delete(staging)) fs.rmSync(staging, { recursive: true, force: true });
    }
    return target;
}

/** Writes each file under `dir`, refusing a name that would leave it. */
function writeFilesInto(dir: string, files: Readonly<Record<string, string>>): void {
    for (const [rel, text] of Object.entries(files)) {
        const file = path.resolve(dir, rel);
        if (path.relative(dir, file).startsWith("..") || path.isAbsolute(path.relative(dir, file))) {
            throw new Error(`plan file ${JSON.stringify(rel)} would leave the plan folder`);
        }
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, text);
    }
}

/** Replaces `target` by `staging` with two renames; sync, so no signal handler can run between them. */
function swapIn(staging: string, target: string): void {
    const old = `${staging}-previous`;
    let movedOld = false;
    try {
        fs.renameSync(target, old);
        movedOld = true;
    } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
    fs.renameSync(staging, target);
    active.staging.delete(staging);
    if (movedOld) fs.rmSync(old, { recursive: true, force: true });
}

/** Test hook: ENTRA_CONNECTORS_PLAN_HOLD_MS keeps the staged plan unswapped that long, so a test can kill it there. */
async function holdForTests(): Promise<void> {
    const ms = Number(process.env.ENTRA_CONNECTORS_PLAN_HOLD_MS ?? 0);
    if (ms > 0) await sleep(ms);
}

/** Removes this process's staging folders and locks (signal handlers call it before exiting). */
export function discardPlanOutput(): void {
    for (const dir of active.staging) fs.rmSync(dir, { recursive: true, force: true });
    for (const lock of active.locks) fs.rmSync(lock, { force: true });
    active.staging.clear();
    active.locks.clear();
}

/**
 * Runs a plan command's `main` as the process: exit codes 130/143 on Ctrl-C or a kill (128 + signal number, as
 * shells report it), and an unexpected failure reported briefly: a bug in entra-connectors, not in the user's input.
 */
export function runAsCommand(main: (argv: string[]) => Promise<number>): void {
    exitOnSignal("SIGINT", 130);
    exitOnSignal("SIGTERM", 143);
    // A reader that stops early (`| head`) closes the pipe (EPIPE): the rest of the text has nowhere to go, which
    // is no failure of the plan. Any other write error (a full disk under `> plan.txt`) fails the command.
    // Without a listener either would end the process with a stack trace.
    let lost: string | undefined;
    for (const [name, stream] of [
        ["stdout", process.stdout],
        ["stderr", process.stderr],
    ] as const) {
        stream.on("error", (err: NodeJS.ErrnoException) => {
            if (err.code !== "EPIPE") lost ??= `the plan's ${name} could not be written (${err.code ?? err.message})`;
        });
    }
    main(process.argv.slice(2)).then(
        async (code) => {
            await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
            if (lost !== undefined) {
                process.stderr.write(`${lost}.\n`);
                process.exit(1);
            }
            process.exit(code);
        },
        (err: unknown) => {
            discardPlanOutput();
            process.stderr.write(
                `entra-connectors plan failed unexpectedly: ${(err as Error)?.message ?? String(err)}\n`,
            );
            if (process.env.DEBUG) process.stderr.write(`${(err as Error)?.stack ?? ""}\n`);
            process.exit(1);
        },
    );
}

/**
 * Resolves once what was written to `stream` has left the process. A pipe whose reader is slower than the plan
 * (`--json | jq`) takes 64 KB at once and queues the rest; exiting then would cut a large plan's JSON short.
 */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
    // Writes complete in order: the callback of an empty write runs after every earlier one has been handed over.
    // A closed pipe calls back with its error: resolved all the same (nothing more can leave).
    return new Promise((resolve) => stream.write("", () => resolve()));
}

/** Ctrl-C or a kill: remove what this plan staged and stop at once, so nothing writes after the shell prompt returns. */
export function exitOnSignal(signal: "SIGINT" | "SIGTERM", code: number): void {
    process.on(signal, () => {
        discardPlanOutput();
        process.stderr.write(`plan interrupted (${signal}): nothing was written.\n`);
        process.exit(code);
    });
}
