// Reads Pulumi.yaml and Pulumi.<stack>.yaml the way the Pulumi CLI hands config to a program (key -> string).
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

export interface StackConfigFiles {
    readonly project: string;
    /** Fully qualified key -> value text (structured values as JSON), defaults from Pulumi.yaml applied. */
    readonly config: Record<string, string>;
    /** Keys whose value is `secure:` in the stack file; their value is a placeholder, never the ciphertext. */
    readonly secretKeys: string[];
}

/** Placeholder for `secure:` values: the offline plan cannot (and must not) decrypt them. */
export const SECRET_PLACEHOLDER = "[secret]";

export class StackFileError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "StackFileError";
    }
}

function readYaml(file: string): Record<string, unknown> {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch {
        throw new StackFileError(`cannot read ${file}: the file does not exist or is not readable`);
    }
    try {
        const value = parse(text) as unknown;
        return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
    } catch (err) {
        throw new StackFileError(`${file} is not valid YAML: ${(err as Error).message.split("\n")[0]}`);
    }
}

function qualify(key: string, project: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

/** The CLI passes strings as they are and everything else as JSON. */
function configText(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

function isSecure(value: unknown): boolean {
    return !!value && typeof value === "object" && !Array.isArray(value) && "secure" in value && Object.keys(value).length === 1;
}

/**
 * Loads the project's config defaults and one stack's config. `configFile` overrides the default
 * `Pulumi.<stack>.yaml` beside Pulumi.yaml.
 */
export function loadStackConfigFiles(projectDir: string, stack: string, configFile?: string): StackConfigFiles {
    const projectFile = path.join(projectDir, "Pulumi.yaml");
    const projectYaml = readYaml(projectFile);
    const project = typeof projectYaml.name === "string" ? projectYaml.name : "";
    if (!project) throw new StackFileError(`${projectFile} has no project name`);

    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    const declared = (projectYaml.config ?? {}) as Record<string, unknown>;
    for (const [key, spec] of Object.entries(declared)) {
        if (spec && typeof spec === "object" && "default" in spec) {
            config[qualify(key, project)] = configText((spec as { default: unknown }).default);
        }
    }

    const stackFile = configFile ?? path.join(projectDir, `Pulumi.${stack}.yaml`);
    const stackYaml = readYaml(stackFile);
    const values = (stackYaml.config ?? {}) as Record<string, unknown>;
    for (const [key, value] of Object.entries(values)) {
        const full = qualify(key, project);
        if (isSecure(value)) {
            config[full] = SECRET_PLACEHOLDER;
            secretKeys.push(full);
        } else {
            config[full] = configText(value);
        }
    }
    return { project, config, secretKeys };
}
