// Stack files the audit specs start from: the dev stack's config, as the plan command reads it.
import * as path from "path";
import { loadStackConfigFiles } from "../../offline/plan/stackFiles";

export const projectDir = path.resolve(__dirname, "..", "..");

export function devFiles() {
    return loadStackConfigFiles(projectDir, "dev");
}

/** The dev stack's connectors, as plain objects to modify and pass back as a config override. */
export function devConnectors(): Record<string, any> {
    return JSON.parse(devFiles().config["entra-connectors:connectors"]);
}
