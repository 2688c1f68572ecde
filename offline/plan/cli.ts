#!/usr/bin/env node
// The package's command (`npx entra-connectors <command>`): today `plan`, the offline plan of your own program.
import { runAsCommand } from "./planOutput";
import { useColor } from "./planTextParts";
import { programPlanCommand, programPlanUsage } from "./programPlan";

const USAGE = `usage: npx entra-connectors plan --stack <name> [--program <file>] [options]   (npx entra-connectors plan --help)\n`;

export async function cli(argv: readonly string[]): Promise<number> {
    const [command, ...rest] = argv;
    if (command === "plan")
        return programPlanCommand(rest, {
            stdout: process.stdout,
            stderr: process.stderr,
            color: useColor(process.stdout, process.env),
        });
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
        process.stdout.write(programPlanUsage());
        return 0;
    }
    process.stderr.write(
        `unknown command "${command}": the command is plan. Fix: npx entra-connectors plan --stack dev\n${USAGE}`,
    );
    return 2;
}

if (require.main === module) {
    runAsCommand(cli);
}
