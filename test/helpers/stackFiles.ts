// The stacks a project directory holds, read from its Pulumi.<stack>.yaml files, so tests follow whatever stacks a team adds.
import * as fs from "fs";

/** Stack names of the Pulumi.<stack>.yaml files in `dir`, sorted. */
export function stackFileNames(dir: string): string[] {
    return fs
        .readdirSync(dir)
        .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

/** True for the project file and the three stack files the repository ships (dev, test, prod): a fixture copy that ignores a team's own stacks. */
export const isShippedProjectFile = (f: string): boolean => /^Pulumi\.((dev|test|prod)\.)?yaml$/.test(f);
