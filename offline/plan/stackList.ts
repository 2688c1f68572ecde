// The stacks of a project: one per `Pulumi.<stack>.yaml` beside Pulumi.yaml (used by `plan --all` and the deploy matrix).
import * as fs from "fs";
import * as path from "path";
import { loadStackConfigFiles } from "./stackFiles";

export interface StackEntry {
    /** The stack name: `<stack>` of `Pulumi.<stack>.yaml`; also the GitHub environment its deploy job runs in. */
    readonly stack: string;
    readonly file: string;
    /**
     * A production stack (`entra-connectors:production`, default true for `environment: prod`, as config/model.ts
     * decides it): the deploy workflow runs it after every other stack succeeded.
     */
    readonly production: boolean;
}

// Pulumi stack names: letters, digits, `-`, `_` and `.` (https://www.pulumi.com/docs/iac/concepts/stacks/).
const STACK_FILE = /^Pulumi\.([A-Za-z0-9_.-]+)\.yaml$/;

/** Every stack file's stack, sorted by name. A file that cannot be read or parsed counts as not production. */
export function listStacks(projectDir: string): StackEntry[] {
    return fs
        .readdirSync(projectDir)
        .map((f) => STACK_FILE.exec(f))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => m[1])
        .sort()
        .map((stack) => {
            const file = path.join(projectDir, `Pulumi.${stack}.yaml`);
            let production = false;
            try {
                const { config, project } = loadStackConfigFiles(projectDir, stack);
                const flag = config[`${project}:production`];
                production = flag !== undefined ? flag === "true" : config[`${project}:environment`] === "prod";
            } catch {
                // The plan of that stack reports what is wrong with its file; listing it is enough here.
            }
            return { stack, file, production };
        });
}
