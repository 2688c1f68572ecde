// `npm run bench`: the project's plan command beside the Pulumi SDK's own floor, in one run, as child processes:
// wall time, peak RSS, ratio to the floor and time per resource for the dev stack and generated 100/500-connector stacks,
// and `npm start` beside node loading the SDKs alone.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { generatedStackYaml } from "./generatedStack";
import { findProjectRoot, newestSourceMtime } from "../plan/projectRoot";

const projectDir = findProjectRoot(__dirname);
const node = process.execPath;
const compiledCli = path.join(projectDir, "dist", "offline", "plan", "planCli.js");
const floorProgram = path.join(projectDir, "offline", "tools", "benchFloor.js");
/** GNU time reports a child's peak RSS (`%M`, KiB) including its children; without it the child reports its own. */
const GNU_TIME = "/usr/bin/time";
const RSS_PRELOAD = path.join(projectDir, "offline", "tools", "benchRss.js");

export interface Measurement {
    readonly label: string;
    /** Wall time from spawn to exit. */
    readonly ms: number;
    /** CPU time (user + system) of the process tree: steadier than wall time on a shared machine. */
    readonly cpuMs: number;
    readonly rssMb: number;
}

/** Runs a command to completion, timing it from spawn to exit and reading its peak RSS and CPU time. Throws when it fails. */
export function measure(
    label: string,
    command: string,
    args: readonly string[],
    env: NodeJS.ProcessEnv = {},
    useTime = fs.existsSync(GNU_TIME),
): Measurement {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-rss-"));
    const rssFile = path.join(tmp, "rss");
    try {
        // One line per process: peak RSS in KiB, user and system CPU seconds.
        const [cmd, argv] = useTime
            ? [GNU_TIME, ["-f", "%M %U %S", "-o", rssFile, command, ...args]]
            : [command, [...args]];
        const childEnv = { ...process.env, ...env };
        if (!useTime) {
            childEnv.NODE_OPTIONS = `${childEnv.NODE_OPTIONS ?? ""} --require ${RSS_PRELOAD}`.trim();
            childEnv.BENCH_RSS_FILE = rssFile;
        }
        const start = process.hrtime.bigint();
        const run = spawnSync(cmd, argv, {
            cwd: projectDir,
            env: childEnv,
            stdio: ["ignore", "ignore", "pipe"],
            encoding: "utf8",
            maxBuffer: 1 << 26,
        });
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        if (run.status !== 0) throw new Error(`${label}: exit ${run.status}: ${(run.stderr ?? "").slice(0, 2000)}`);
        // GNU time reports the tree (RSS: its largest process; CPU: including waited-for children). Without it
        // every node process of the tree (npm and its child) appends its own line: the peak is the largest, CPU the sum.
        const lines = fs
            .readFileSync(rssFile, "utf8")
            .split("\n")
            .map((l) => l.trim().split(/\s+/).map(Number))
            .filter((l) => l.length === 3 && l.every(Number.isFinite));
        if (lines.length === 0) throw new Error(`${label}: no resource usage was reported`);
        const cpuMs = useTime
            ? (lines[0][1] + lines[0][2]) * 1000
            : lines.reduce((sum, l) => sum + (l[1] + l[2]) * 1000, 0);
        return { label, ms, cpuMs, rssMb: Math.max(...lines.map((l) => l[0])) / 1024 };
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}

/** The sources are newer than the build: `npm run build` first, so the bench measures this code. */
function buildIsStale(): boolean {
    return !fs.existsSync(compiledCli) || newestSourceMtime(projectDir) > fs.statSync(compiledCli).mtimeMs;
}

interface Row {
    readonly stack: string;
    readonly resources: number;
    readonly floor: Measurement;
    readonly plans: Measurement[];
}

/** The run of median wall time among runs of the same command: short runs on a shared machine are noisy. */
function median(runs: readonly Measurement[]): Measurement {
    return [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)];
}

/**
 * `n` runs of each of two commands, in turn (a, b, a, b, ...), and the median run of each: a machine whose speed
 * drifts during the bench slows both alike.
 */
function medianPair(n: number, a: () => Measurement, b: () => Measurement): [Measurement, Measurement] {
    const runs: Array<[Measurement, Measurement]> = Array.from({ length: n }, () => [a(), b()]);
    return [median(runs.map((r) => r[0])), median(runs.map((r) => r[1]))];
}

function fmtMs(ms: number): string {
    return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`;
}

async function main(): Promise<void> {
    const started = Date.now();
    if (buildIsStale()) {
        process.stderr.write("bench: dist/ is older than the sources, running npm run build\n");
        const build = spawnSync("npm", ["run", "build", "--silent"], { cwd: projectDir, stdio: "inherit" });
        if (build.status !== 0) throw new Error("npm run build failed");
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-bench-"));
    try {
        const stacks: Array<{ stack: string; label: string; configFile?: string; npm: boolean; tsNode: boolean }> = [
            { stack: "dev", label: "dev stack", npm: true, tsNode: true },
        ];
        for (const n of [100, 500]) {
            const configFile = path.join(dir, `Pulumi.bench-${n}.yaml`);
            fs.writeFileSync(configFile, generatedStackYaml(n));
            stacks.push({
                stack: `bench-${n}`,
                label: `${n} connectors`,
                configFile,
                npm: n === 100,
                tsNode: n === 100,
            });
        }
        const rows: Row[] = [];
        for (const s of stacks) {
            const out = path.join(dir, "out");
            const cliArgs = [
                "--stack",
                s.stack,
                ...(s.configFile ? ["--config-file", s.configFile] : []),
                "--out",
                out,
            ];
            const plans = [
                measure(`${s.label}: plan (node dist/offline/plan/planCli.js)`, node, [compiledCli, ...cliArgs]),
            ];
            if (s.npm)
                plans.push(measure(`${s.label}: npm run plan`, "npm", ["run", "plan", "--silent", "--", ...cliArgs]));
            if (s.tsNode) {
                // How `npm run plan` ran before it was compiled: ts-node on the sources (source maps on).
                const tsNode = path.join(projectDir, "node_modules", "ts-node", "dist", "bin.js");
                plans.push(
                    measure(`${s.label}: plan under ts-node from the sources (how npm run plan ran before)`, node, [
                        tsNode,
                        "--transpile-only",
                        path.join(projectDir, "offline", "plan", "planCli.ts"),
                        ...cliArgs,
                    ]),
                );
            }
            // The floor registers exactly what the plan recorded.
            const plan = JSON.parse(fs.readFileSync(path.join(out, s.stack, "plan.json"), "utf8")) as {
                resources: Array<Record<string, unknown>>;
            };
            const list = path.join(dir, `${s.stack}.resources.json`);
            fs.writeFileSync(
                list,
                JSON.stringify(
                    plan.resources.map(({ type, name, parent, urn, custom, inputs }) => ({
                        type,
                        name,
                        parent,
                        urn,
                        custom,
                        inputs,
                    })),
                ),
            );
            const floor = measure(`${s.label}: SDK floor`, node, [floorProgram, list]);
            rows.push({ stack: s.stack, resources: plan.resources.filter((r) => r.custom).length, floor, plans });
        }

        // `npm start` beside what node needs just to load the two SDKs the dev stack's program cannot do without.
        const [sdkLoad, start] = medianPair(
            5,
            () =>
                measure("node loading @pulumi/pulumi and @pulumi/azuread", node, [
                    "-e",
                    'require("@pulumi/pulumi"); require("@pulumi/azuread");',
                ]),
            () => measure("dev stack: npm start", "npm", ["start", "--silent", "--", "--out", path.join(dir, "start")]),
        );

        console.log(
            `Bench on ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)} (absolute times are noise on a shared machine; the ratios are the figures)\n`,
        );
        console.log(
            "| run | resources | wall time | CPU time | peak RSS | wall / floor | CPU / floor | RSS / floor | ms per resource (wall) |",
        );
        console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        const x = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
        for (const row of rows) {
            for (const m of [row.floor, ...row.plans]) {
                console.log(
                    `| ${m.label} | ${row.resources} | ${fmtMs(m.ms)} | ${fmtMs(m.cpuMs)} | ${m.rssMb.toFixed(0)} MB | ${x(m.ms, row.floor.ms)} | ${x(m.cpuMs, row.floor.cpuMs)} | ${x(m.rssMb, row.floor.rssMb)} | ${(m.ms / row.resources).toFixed(2)} |`,
                );
            }
        }
        console.log("\n| run | wall time | CPU time | peak RSS | wall / load | CPU / load |");
        console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
        for (const m of [sdkLoad, start]) {
            console.log(
                `| ${m.label} | ${fmtMs(m.ms)} | ${fmtMs(m.cpuMs)} | ${m.rssMb.toFixed(0)} MB | ${x(m.ms, sdkLoad.ms)} | ${x(m.cpuMs, sdkLoad.cpuMs)} |`,
            );
        }
        const big = rows.find((r) => r.stack === "bench-500")!;
        const hundred = rows.find((r) => r.stack === "bench-100")!;
        const dev = rows.find((r) => r.stack === "dev")!;
        const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
        const ratio = (a: number, b: number) => a / b;
        const target = (label: string, value: number, limit: number, detail: string) =>
            console.log(
                `  ${label.padEnd(68)} ${value.toFixed(2)}x   target <= ${limit.toFixed(1)}x   ${verdict(value <= limit)}   (${detail})`,
            );
        console.log("\nThe two targets, each measured side by side in this run:");
        target(
            "500 connectors: plan time / SDK floor",
            ratio(big.plans[0].ms, big.floor.ms),
            1.3,
            `${fmtMs(big.plans[0].ms)} against ${fmtMs(big.floor.ms)} wall; CPU ${x(big.plans[0].cpuMs, big.floor.cpuMs)}`,
        );
        target(
            "500 connectors: plan peak memory / SDK floor",
            ratio(big.plans[0].rssMb, big.floor.rssMb),
            1.3,
            `${big.plans[0].rssMb.toFixed(0)} MB against ${big.floor.rssMb.toFixed(0)} MB`,
        );
        target(
            "dev stack: npm start / node loading @pulumi/pulumi + @pulumi/azuread",
            ratio(start.ms, sdkLoad.ms),
            2,
            `${fmtMs(start.ms)} against ${fmtMs(sdkLoad.ms)} wall, medians of 5 runs each in turn; CPU ${x(start.cpuMs, sdkLoad.cpuMs)}`,
        );
        console.log("\nOther figures:");
        console.log(
            `  npm run plan of the dev stack under 1.5 s: ${fmtMs(dev.plans[1].ms)}, ${verdict(dev.plans[1].ms < 1500)}`,
        );
        console.log(
            `  npm run plan of 100 connectors under 3 s: ${fmtMs(hundred.plans[1].ms)}, ${verdict(hundred.plans[1].ms < 3000)}`,
        );
        const per = (r: Row) => r.plans[0].ms / r.resources;
        const cpuPer = (r: Row) => r.plans[0].cpuMs / r.resources;
        console.log(
            `  time per resource, 100 -> 500 connectors: ${per(hundred).toFixed(2)} -> ${per(big).toFixed(2)} ms wall (${x(per(big), per(hundred))}), ` +
                `${cpuPer(hundred).toFixed(2)} -> ${cpuPer(big).toFixed(2)} ms CPU (${x(cpuPer(big), cpuPer(hundred))}); flat is 1x`,
        );
        console.log(`\nbench took ${((Date.now() - started) / 1000).toFixed(0)} s`);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

if (require.main === module) {
    main().catch((err: Error) => {
        console.error(`bench failed: ${err.message}`);
        process.exit(1);
    });
}
