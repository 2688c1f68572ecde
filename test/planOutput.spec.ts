// Plan output: staged inside <out>, swapped in whole, concurrent writers never mix, stale staging cleaned.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import { MAX_OPENAPI_FILE_BYTES } from "../config/openApiFile";
import { MAX_DEPTH } from "../config/safeValue";
import {
    outputProblem,
    removeStaleStaging,
    STAGING_PREFIX,
    STALE_STAGING_MS,
    writePlanOutput,
} from "../offline/plan/planOutput";
import { MAX_ALIAS_COUNT, MAX_STACK_FILE_BYTES } from "../offline/plan/stackFiles";
import { docPage } from "./helpers/docs";

function tree(dir: string): Record<string, string> {
    const files: Record<string, string> = {};
    const walk = (d: string) => {
        for (const e of fs.readdirSync(d, { withFileTypes: true })) {
            const full = path.join(d, e.name);
            if (e.isDirectory()) walk(full);
            else files[path.relative(dir, full)] = fs.readFileSync(full, "utf8");
        }
    };
    walk(dir);
    return files;
}

describe("plan output (offline/plan/planOutput.ts)", () => {
    let tmp: string;
    beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plan-output-"))));
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("creates a missing <out> with its parents and writes only <out>/<stack>/", async () => {
        const out = path.join(tmp, "a", "b", "out");
        await writePlanOutput(out, "dev", { "plan.json": "{}", "connectors/x/README.md": "x" });
        expect(fs.readdirSync(tmp)).to.deep.equal(["a"]);
        expect(fs.readdirSync(out)).to.deep.equal(["dev"]);
        expect(tree(path.join(out, "dev"))).to.deep.equal({
            "plan.json": "{}",
            [path.join("connectors", "x", "README.md")]: "x",
        });
    });

    it("replaces the previous plan as a whole: no file of the old plan survives", async () => {
        const out = path.join(tmp, "out");
        await writePlanOutput(out, "dev", { "plan.json": "1", "connectors/old/README.md": "old" });
        await writePlanOutput(out, "dev", { "plan.json": "2" });
        expect(tree(path.join(out, "dev"))).to.deep.equal({ "plan.json": "2" });
        expect(fs.readdirSync(out)).to.deep.equal(["dev"]);
    });

    it("a write that fails leaves the previous plan byte-identical and no staging folder", async () => {
        const out = path.join(tmp, "out");
        await writePlanOutput(out, "dev", { "plan.json": "good" });
        let failed = false;
        try {
            await writePlanOutput(out, "dev", { "plan.json": "new", "../escape.txt": "x" });
        } catch {
            failed = true;
        }
        expect(failed).to.equal(true);
        expect(tree(path.join(out, "dev"))).to.deep.equal({ "plan.json": "good" });
        expect(fs.readdirSync(out)).to.deep.equal(["dev"]);
        expect(fs.existsSync(path.join(tmp, "escape.txt"))).to.equal(false);
    });

    it("concurrent writers of one stack each install a complete plan: the result is exactly one of them", async () => {
        const out = path.join(tmp, "out");
        const plans = Array.from({ length: 8 }, (_, i) =>
            Object.fromEntries(
                Array.from({ length: 20 }, (__, f) => [`connectors/c${f}/file.json`, `writer ${i}`]).concat([
                    ["plan.json", `writer ${i}`],
                ]),
            ),
        );
        await Promise.all(plans.map((p) => writePlanOutput(out, "dev", p)));
        const result = tree(path.join(out, "dev"));
        expect(
            plans.some(
                (p) => JSON.stringify(Object.entries(p).sort()) === JSON.stringify(Object.entries(result).sort()),
            ),
        ).to.equal(true);
        expect(new Set(Object.values(result)).size, "never a mix").to.equal(1);
        expect(fs.readdirSync(out)).to.deep.equal(["dev"]);
    });

    it("removes staging folders older than the stale age, keeps fresh ones", () => {
        const out = path.join(tmp, "out");
        fs.mkdirSync(path.join(out, `${STAGING_PREFIX}old`), { recursive: true });
        fs.mkdirSync(path.join(out, `${STAGING_PREFIX}fresh`));
        fs.mkdirSync(path.join(out, "dev"));
        const old = (Date.now() - STALE_STAGING_MS - 60_000) / 1000;
        fs.utimesSync(path.join(out, `${STAGING_PREFIX}old`), old, old);
        expect(removeStaleStaging(out)).to.deep.equal([`${STAGING_PREFIX}old`]);
        expect(fs.readdirSync(out).sort()).to.deep.equal([`${STAGING_PREFIX}fresh`, "dev"]);
    });

    it("the next plan removes a stale staging folder left by a killed plan (kill -9)", async () => {
        const out = path.join(tmp, "out");
        const left = path.join(out, `${STAGING_PREFIX}killed`);
        fs.mkdirSync(left, { recursive: true });
        fs.writeFileSync(path.join(left, "plan.json"), "partial");
        const old = (Date.now() - STALE_STAGING_MS - 1000) / 1000;
        fs.utimesSync(left, old, old);
        await writePlanOutput(out, "dev", { "plan.json": "new" });
        expect(fs.readdirSync(out)).to.deep.equal(["dev"]);
    });

    it("the docs state the limits this code enforces", () => {
        const readme = docPage("plan") + docPage("configuration");
        const MIB = 1024 * 1024;
        expect(readme).to.include(`after ${STALE_STAGING_MS / 60_000} minutes`);
        expect(readme).to.include(`files over ${MAX_OPENAPI_FILE_BYTES / MIB} MB are refused`);
        expect(readme).to.include(`Stack and project files over ${MAX_STACK_FILE_BYTES / MIB} MB`);
        expect(readme).to.include(`nesting deeper than ${MAX_DEPTH} levels`);
        expect(readme).to.include(`more than ${MAX_ALIAS_COUNT} copies`);
        for (const code of ["| 0 |", "| 1 |", "| 2 |", "| 130 / 143 |"]) expect(readme).to.include(code);
    });

    it("refuses to replace a folder that is not a plan, or one that holds the project", () => {
        const out = path.join(tmp, "out");
        fs.mkdirSync(path.join(out, "docs"), { recursive: true });
        fs.writeFileSync(path.join(out, "docs", "notes.md"), "mine");
        expect(outputProblem(out, "docs", "/elsewhere")).to.match(/is not a plan folder.*Fix:/);
        fs.writeFileSync(path.join(out, "file"), "x");
        expect(outputProblem(out, "file", "/elsewhere")).to.match(/not a plan folder/);
        expect(outputProblem(path.join(out, "file"), "dev", "/elsewhere")).to.match(/is not a folder/);
        expect(outputProblem(tmp, "out", path.join(tmp, "out", "project"))).to.match(/holds the project itself/);
        expect(outputProblem(out, "new", "/elsewhere")).to.equal(undefined);
        fs.mkdirSync(path.join(out, "dev"));
        fs.writeFileSync(path.join(out, "dev", "plan.json"), "{}");
        expect(outputProblem(out, "dev", "/elsewhere")).to.equal(undefined);
    });
});
