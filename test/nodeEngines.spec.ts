// Every locked package runs on the oldest Node.js the project claims to support, so `npm ci` there installs no EBADENGINE.
import * as fs from "fs";
import * as path from "path";
import * as semver from "semver";
import { expect } from "chai";

const ROOT = path.resolve(__dirname, "..");

function readJson(file: string): any {
    return JSON.parse(fs.readFileSync(file, "utf8"));
}

function minimumNode(dir: string): semver.SemVer {
    const range: string = readJson(path.join(dir, "package.json")).engines.node;
    const minimum = semver.minVersion(range);
    expect(minimum, `${path.relative(ROOT, dir) || "."}/package.json engines.node ${range}`).to.not.equal(null);
    return minimum!;
}

/** "name@version requires range" for each locked package whose engines.node excludes `minimum`. */
function excluding(lockFile: string, minimum: semver.SemVer): string[] {
    const packages: Record<string, { name?: string; version?: string; engines?: unknown }> =
        readJson(lockFile).packages;
    return Object.entries(packages).flatMap(([key, entry]) => {
        // npm reads only an object's node field; older packages wrote engines as an array, which npm ignores too.
        const range = (entry.engines as { node?: unknown } | undefined)?.node;
        if (key === "" || typeof range !== "string" || semver.satisfies(minimum, range)) return [];
        const name = entry.name ?? key.slice(key.lastIndexOf("node_modules/") + "node_modules/".length);
        return [`${name}@${entry.version} (${key}) requires node ${range}`];
    });
}

describe("Node.js engines", () => {
    // The policy pack installs from its own lockfile (`pulumi policy publish` ships policy/ alone).
    for (const dir of [ROOT, path.join(ROOT, "policy")]) {
        const where = path.relative(ROOT, dir) || ".";
        it(`${where}/package-lock.json holds only packages that run on package.json's minimum Node.js`, () => {
            const minimum = minimumNode(dir);
            expect(excluding(path.join(dir, "package-lock.json"), minimum), `on Node.js ${minimum}`).to.deep.equal([]);
        });
    }

    it("the policy pack asks for the same minimum Node.js as the package", () => {
        expect(minimumNode(path.join(ROOT, "policy")).version).to.equal(minimumNode(ROOT).version);
    });

    it("the docs state package.json's minimum Node.js", () => {
        const minimum = minimumNode(ROOT);
        for (const page of ["README.md", "docs/plan.md"]) {
            const stated = /Requires Node\.js (\d+(?:\.\d+){0,2}) or later/.exec(
                fs.readFileSync(path.join(ROOT, page), "utf8"),
            )?.[1];
            expect(semver.coerce(stated)?.version, page).to.equal(minimum.version);
        }
    });
});
