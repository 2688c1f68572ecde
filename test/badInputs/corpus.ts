// The bad-input corpus driver: one test per case of test/badInputs/*.cases.ts, each planned with the plan command.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import { parse, stringify } from "yaml";
import { planCommand } from "../../offline/plan/planCli";
import { BadInputCase } from "./badInputCase";

const projectDir = path.resolve(__dirname, "..", "..");

/** Every `*.cases.ts` module's exported `cases`. */
export function loadCases(): BadInputCase[] {
    return fs
        .readdirSync(__dirname)
        .filter((f) => f.endsWith(".cases.ts"))
        .sort()
        .flatMap((f) => (require(path.join(__dirname, f)) as { cases: BadInputCase[] }).cases);
}

const INTERNAL = [
    /failed unexpectedly/,
    /\n\s+at [\w.<>]+ \(/,
    /Invalid input/,
    /ZodError/,
    /TypeError/,
    /Maximum call stack/,
    /received (string|number|object|array|boolean|null|undefined)/,
];

function stackText(c: BadInputCase): string {
    if (typeof c.stack === "string") return c.stack;
    const doc = parse(fs.readFileSync(path.join(projectDir, "Pulumi.dev.yaml"), "utf8")) as {
        config: Record<string, any>;
    };
    c.stack(doc.config);
    return stringify(doc);
}

/**
 * Defines one test per case: rejected with exit 1, names its key path and value, says how to fix it, shows no
 * internal error text and writes nothing under <out>. Called inside a describe.
 */
export function itRejectsEach(cases: readonly BadInputCase[]): void {
    let tmp: string;
    before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-bad-"))));
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    for (const c of cases) {
        it(`[${c.category}] ${c.name}`, async () => {
            const caseDir = fs.mkdtempSync(path.join(tmp, "case-"));
            const stackFile = path.join(caseDir, "Pulumi.bad.yaml");
            fs.writeFileSync(stackFile, stackText(c));
            const scratch = path.join(projectDir, "scratch", "bad-inputs");
            for (const [rel, content] of Object.entries(c.files ?? {})) {
                fs.mkdirSync(path.dirname(path.join(scratch, rel)), { recursive: true });
                fs.writeFileSync(path.join(scratch, rel), content);
            }
            fs.mkdirSync(scratch, { recursive: true });
            c.setup?.(scratch);
            const out = path.join(caseDir, "out");
            const result = await planCommand(projectDir, { stack: "bad", configFile: stackFile, out });
            expect(result.exitCode, result.text).to.equal(1);
            expect(result.text, "names the key path").to.include(c.path);
            const lines = result.text.split("\n").filter((l) => l.includes(c.path));
            expect(lines.join("\n"), "gives a fix").to.match(/fix/i);
            if (c.value !== undefined) expect(lines.join("\n"), "shows the value").to.include(c.value);
            for (const re of INTERNAL) expect(result.text, "no internal error text").not.to.match(re);
            for (const s of c.mustNotContain ?? []) expect(result.text).not.to.include(s);
            const written = fs.existsSync(out) ? fs.readdirSync(out).filter((f) => !f.startsWith(".staging")) : [];
            expect(written, "nothing written under <out>").to.deep.equal([]);
        });
    }
}
