// A team adds a stack file of its own (docs/ci-cd.md "A fleet of stacks"): the whole fast tier still passes in that project.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import { parse, stringify } from "yaml";

const projectDir = path.resolve(__dirname, "..", "..");
/** What a copy leaves out: installed and generated folders (node_modules is linked instead), and git. */
const NOT_COPIED = new Set(["node_modules", ".git", "out", "scratch"]);

describe("a team's own stack file", function () {
    // The fast tier in full, in a second process: about as long as `npm test` itself.
    this.timeout(900_000);
    let tmp: string;
    before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-team-"))));
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("keeps `npm test` green in a copy of the project that adds Pulumi.staging.yaml", () => {
        const project = path.join(tmp, "project");
        fs.cpSync(projectDir, project, {
            recursive: true,
            filter: (src) => path.dirname(src) !== projectDir || !NOT_COPIED.has(path.basename(src)),
        });
        fs.symlinkSync(path.join(projectDir, "node_modules"), path.join(project, "node_modules"), "dir");
        // The reference data sits beside the repository on development and CI machines; beside the copy too, when it exists.
        const shared = path.resolve(projectDir, "..", "shared");
        if (fs.existsSync(shared)) fs.symlinkSync(shared, path.join(tmp, "shared"), "dir");

        // A staging stack as a team would add one: the test stack's connectors, its own environment name.
        const staging = parse(fs.readFileSync(path.join(projectDir, "Pulumi.test.yaml"), "utf8")) as {
            config: Record<string, unknown>;
        };
        staging.config["entra-connectors:environment"] = "staging";
        fs.writeFileSync(path.join(project, "Pulumi.staging.yaml"), stringify(staging));

        // How many tests the fast tier holds in that project (a dry run counts them as passing without running them).
        const listing = path.join(tmp, "listing.json");
        const dry = spawnSync(
            "npm",
            ["test", "--silent", "--", "--dry-run", "--reporter", "json", "--reporter-option", `output=${listing}`],
            {
                cwd: project,
                encoding: "utf8",
            },
        );
        expect(dry.status, dry.stderr).to.equal(0);
        const planned = (JSON.parse(fs.readFileSync(listing, "utf8")) as { stats: { tests: number } }).stats.tests;

        const summary = path.join(tmp, "summary");
        const run = spawnSync("npm", ["test", "--silent", "--", "--reporter", "./test/summaryReporter.js"], {
            cwd: project,
            encoding: "utf8",
            env: { ...process.env, MOCHA_SUMMARY_FILE: summary },
            maxBuffer: 256 * 1024 * 1024,
        });
        const tail = `${run.stdout.slice(-6000)}\n${run.stderr.slice(-3000)}`;
        expect(run.status, tail).to.equal(0);
        const [passed, failed, pending] = fs.readFileSync(summary, "utf8").trim().split(" ").map(Number);
        expect(failed, tail).to.equal(0);
        // Without the reference data only the tests that need it may skip (a lone clone); beside it nothing skips.
        if (fs.existsSync(shared)) expect(pending, tail).to.equal(0);
        // The whole tier ran, not a part of it.
        expect(passed + pending).to.equal(planned);
        expect(planned).to.be.greaterThan(500);
    });
});
