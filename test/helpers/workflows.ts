// The GitHub workflows as parsed YAML, for the workflow specs of both tiers.
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

export type Yaml = Record<string, any>;

export const projectDir = path.resolve(__dirname, "..", "..");
export const workflowDir = path.join(projectDir, ".github", "workflows");
export const PR_FILE = "pull-request.yml";
export const DEPLOY_FILE = "deploy.yml";

export const text = (file: string) => fs.readFileSync(path.join(workflowDir, file), "utf8");
export const workflow = (file: string): Yaml => parse(text(file));

export function steps(job: Yaml): Yaml[] {
    return (job.steps ?? []) as Yaml[];
}

/** The output of the stacks job a deploy job's matrix expands: `${{ fromJSON(needs.stacks.outputs.<x>) }}` -> x. */
export const matrixSource = (job: Yaml): string | undefined =>
    /^\$\{\{\s*fromJSON\(needs\.stacks\.outputs\.(\w+)\)\s*\}\}$/.exec(job.strategy?.matrix?.stack ?? "")?.[1];

/** The deploy jobs GitHub would start for a $GITHUB_OUTPUT the stacks job wrote: [job key, stack]. */
export function expandDeployJobs(githubOutput: string): Array<[string, string]> {
    const jobs = workflow(DEPLOY_FILE).jobs as Record<string, Yaml>;
    const deployJobs = Object.entries(jobs).filter(([, job]) => job.environment !== undefined);
    const outputs: Record<string, string> = {};
    for (const [name, expr] of Object.entries(jobs.stacks.outputs as Record<string, string>)) {
        const step = /^\$\{\{\s*steps\.list\.outputs\.(\w+)\s*\}\}$/.exec(expr)![1];
        const line = githubOutput.split("\n").find((l) => l.startsWith(`${step}=`));
        outputs[name] = line ? line.slice(step.length + 1) : "";
    }
    return deployJobs.flatMap(([key, job]) =>
        (JSON.parse(outputs[matrixSource(job)!]) as string[]).map((stack): [string, string] => [key, stack]),
    );
}
