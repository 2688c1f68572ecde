// Locates ../shared/reference (beside this repository in the project's CI); specs that check against it skip without it.
import * as fs from "fs";
import * as path from "path";

/** Microsoft's and Pulumi's published specs; present on the project's CI machines, absent in a lone clone. */
export const REFERENCE_DIR = path.resolve(__dirname, "..", "..", "..", "shared", "reference");

export function hasReference(): boolean {
    return fs.existsSync(path.join(REFERENCE_DIR, "README.md"));
}

/**
 * Skips the current suite or test when the reference specs are not beside this clone (a user's fork, GitHub
 * Actions). The project's own `.ci/run` counts a skipped test as a failure, so there they always run.
 */
export function skipWithoutReference(suite: Mocha.Context): void {
    if (!hasReference()) {
        suite.skip();
    }
}
