// Reads a tenant fixture file (`--tenant`, YAML or JSON) under the stack files' size cap; the fixture's shape is the simulator's.
import { parse } from "yaml";
import { parseTenantFixture, TenantFixture, TenantFixtureError } from "../simulator/tenantFixture";
import { InputFileError, readBoundedRegularFile } from "./inputFile";
import { MAX_STACK_FILE_BYTES } from "./stackFiles";

/** Reads a fixture file (YAML, which includes JSON). */
export function loadTenantFixture(file: string): TenantFixture {
    let text: string;
    try {
        text = readBoundedRegularFile(
            file,
            "--tenant",
            MAX_STACK_FILE_BYTES,
            "Fix: name a tenant fixture file (YAML or JSON), e.g. --tenant tenants/dev.yaml.",
        );
    } catch (err) {
        throw err instanceof InputFileError ? new TenantFixtureError(err.message) : err;
    }
    let value: unknown;
    try {
        value = parse(text);
    } catch (err) {
        throw new TenantFixtureError(
            `--tenant "${file}" is not valid YAML or JSON: ${(err as Error).message.split("\n")[0]}. Fix: correct the YAML at that line.`,
        );
    }
    return parseTenantFixture(value, file);
}
