// `npm run connector-files -- --stack <name>`: the connector files rendered from a real deployment's outputs.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ConfigError, parseStackConfig } from "../config";
import { connectorFileSets, connectorOpenApi } from "../offline/plan/connectorFiles";
import { DeployedOutputsError, parseDeployedOutputs } from "../offline/plan/deployedOutputs";
import { readOptions, stackNameProblem } from "../offline/plan/planArgs";
import { outputProblem, writeConnectorFilesOutput } from "../offline/plan/planOutput";
import { findProjectRoot } from "../offline/plan/projectRoot";
import { loadStackConfigFiles, StackFileError } from "../offline/plan/stackFiles";

export const USAGE = [
    "usage: npm run connector-files -- --stack <name> [--outputs <file> | --outputs -] [--out <dir>]",
    "",
    "  --stack <name>      the deployed stack: its config is Pulumi.<name>.yaml beside Pulumi.yaml (required)",
    "  --outputs <file>    read the stack's outputs from this file (what `pulumi stack output --json --stack <name>` printed);",
    "                      `-` reads them from stdin. Default: run `pulumi stack output --json --stack <name>` (never --show-secrets)",
    "  --out <dir>         output folder (default: out); writes <dir>/<name>/connectors/ and nothing else",
    "  -h, --help          print this help and exit",
    "",
    "Renders apiProperties.json, apiDefinition.swagger.json and a README per Power Platform connector from the deployed",
    "client ids and resource URLs (the offline plan's files carry simulated ids). No client secret is read or written.",
    "",
    "exit codes: 0 written, 1 refused (config, outputs or the Pulumi CLI; nothing written), 2 usage error",
    "",
].join("\n");

/** Largest outputs document read. */
const MAX_OUTPUTS_BYTES = 50 * 1024 * 1024;

export interface ConnectorFilesOptions {
    readonly stack: string;
    /** A file of `pulumi stack output --json`, or "-" for `stdin`; default: run the Pulumi CLI. */
    readonly outputs?: string;
    readonly out?: string;
    /** What "-" reads (tests pass a string). */
    readonly stdin?: () => string;
    /** Runs `pulumi stack output --json --stack <name>` (tests replace it). */
    readonly pulumiStackOutput?: (stack: string, cwd: string) => string;
}

export interface ConnectorFilesResult {
    readonly exitCode: 0 | 1 | 2;
    readonly text: string;
}

class RefusedError extends Error {}

/** `pulumi stack output --json --stack <stack>` in the project: its stdout, or a RefusedError saying why not. */
function runPulumiStackOutput(stack: string, cwd: string): string {
    const run = spawnSync("pulumi", ["stack", "output", "--json", "--stack", stack], {
        cwd,
        encoding: "utf8",
        maxBuffer: MAX_OUTPUTS_BYTES,
    });
    if (run.error) {
        const missing = (run.error as NodeJS.ErrnoException).code === "ENOENT";
        throw new RefusedError(
            `${missing ? "the Pulumi CLI (pulumi) is not on PATH" : `pulumi stack output failed: ${run.error.message}`}. Fix: install it and sign in, ` +
                `or save \`pulumi stack output --json --stack ${stack}\` where it runs and pass --outputs <file>.`,
        );
    }
    if (run.status !== 0) {
        throw new RefusedError(
            `\`pulumi stack output --json --stack ${stack}\` exited ${run.status}: ${run.stderr.trim()}`,
        );
    }
    return run.stdout;
}

function readOutputsFile(file: string): string {
    let stat: fs.Stats;
    try {
        stat = fs.statSync(file);
    } catch {
        throw new RefusedError(
            `--outputs ${file} does not exist. Fix: save \`pulumi stack output --json\` to it first, or pass --outputs - to read stdin.`,
        );
    }
    if (!stat.isFile())
        throw new RefusedError(
            `--outputs ${file} is not a file. Fix: name the file \`pulumi stack output --json\` was saved to.`,
        );
    if (stat.size > MAX_OUTPUTS_BYTES)
        throw new RefusedError(
            `--outputs ${file} is over ${MAX_OUTPUTS_BYTES / 1024 / 1024} MB: not a stack's outputs.`,
        );
    return fs.readFileSync(file, "utf8");
}

/** Renders and writes the connector files of a deployed stack. Checks everything before writing anything. */
export async function runConnectorFilesCommand(
    projectDir: string,
    options: ConnectorFilesOptions,
): Promise<ConnectorFilesResult> {
    const stackProblem = stackNameProblem(options.stack);
    if (stackProblem) return { exitCode: 2, text: `${stackProblem}\n` };
    const outRoot = path.resolve(projectDir, options.out ?? "out");
    const outProblem = outputProblem(outRoot, options.stack, projectDir);
    if (outProblem) return { exitCode: 2, text: `${outProblem}\n` };
    try {
        const files = loadStackConfigFiles(projectDir, options.stack);
        const config = parseStackConfig(files.config, files.secretKeys);
        const source =
            options.outputs === undefined
                ? "`pulumi stack output`"
                : options.outputs === "-"
                  ? "stdin"
                  : `--outputs ${options.outputs}`;
        const text =
            options.outputs === undefined
                ? (options.pulumiStackOutput ?? runPulumiStackOutput)(options.stack, projectDir)
                : options.outputs === "-"
                  ? (options.stdin ?? (() => fs.readFileSync(0, "utf8")))()
                  : readOutputsFile(path.resolve(options.outputs));
        const deployed = parseDeployedOutputs(text, source, options.stack, config);
        const { sets, findings } = connectorFileSets(config, deployed.connectors, deployed.nextSteps, {
            source: { kind: "deployment", stack: options.stack },
            openApi: connectorOpenApi(config, projectDir),
        });
        if (sets.length === 0)
            return {
                exitCode: 0,
                text: `Stack "${options.stack}" has no Power Platform connector: no files to write.\n`,
            };
        const written: Record<string, string> = {
            "README.md": folderReadme(
                options.stack,
                sets.map((s) => s.connectorKey),
            ),
        };
        for (const set of sets)
            for (const [name, body] of Object.entries(set.files)) written[path.join(set.connectorKey, name)] = body;
        const target = await writeConnectorFilesOutput(outRoot, options.stack, written);
        const shown = path.relative(process.cwd(), target) || target;
        return {
            exitCode: 0,
            text: [
                `Wrote the connector files of ${sets.length} connector${sets.length === 1 ? "" : "s"} from stack "${options.stack}"'s deployment to ${shown}/: ${sets.map((s) => s.connectorKey).join(", ")}.`,
                ...findings.map((f) => `warning: ${f.message}`),
                "",
            ].join("\n"),
        };
    } catch (err) {
        if (
            err instanceof RefusedError ||
            err instanceof DeployedOutputsError ||
            err instanceof ConfigError ||
            err instanceof StackFileError
        ) {
            return { exitCode: 1, text: `${err.message}\nNothing was written.\n` };
        }
        throw err;
    }
}

/** connectors/README.md: where these files came from (and the marker that lets a later plan replace the folder). */
function folderReadme(stack: string, keys: readonly string[]): string {
    return [
        `# Connector files of stack ${stack}, from its deployment`,
        "",
        `Rendered by \`npm run connector-files -- --stack ${stack}\` from \`pulumi stack output --json\`: the ids are the deployed ones.`,
        "`npm run plan` replaces this folder with files whose ids are simulated; render these again after it.",
        "",
        ...keys.map((k) => `- [${k}](${k}/README.md)`),
        "",
    ].join("\n");
}

async function main(argv: string[]): Promise<number> {
    const read = readOptions(argv, {
        stack: { type: "string" },
        outputs: { type: "string" },
        out: { type: "string" },
        help: { type: "boolean", short: "h" },
    } as const);
    if (read.kind === "usage-error") {
        process.stderr.write(`${read.message}\n\n${USAGE}`);
        return 2;
    }
    if (read.kind === "help") {
        process.stdout.write(USAGE);
        return 0;
    }
    const values = read.values;
    if (!values.stack) {
        process.stderr.write(`--stack is required. Fix: --stack dev\n\n${USAGE}`);
        return 2;
    }
    const result = await runConnectorFilesCommand(findProjectRoot(__dirname), {
        stack: values.stack,
        outputs: values.outputs === undefined || values.outputs === "-" ? values.outputs : path.resolve(values.outputs),
        out: values.out === undefined ? undefined : path.resolve(values.out),
    });
    (result.exitCode === 0 ? process.stdout : process.stderr).write(result.text);
    if (result.exitCode === 2) process.stderr.write(`\n${USAGE}`);
    return result.exitCode;
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (err: unknown) => {
            process.stderr.write(
                `entra-connectors connector-files failed unexpectedly: ${(err as Error)?.message ?? String(err)}\n`,
            );
            process.exit(1);
        },
    );
}
