// The README's config reference lists exactly the keys the config schema accepts, section by section.
import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import { CONFIG_REFERENCE } from "../config";

const readme = fs.readFileSync(path.resolve(__dirname, "..", "README.md"), "utf8");

/** Backticked names in the first column of the table that follows the line `` `<section>`...: ``. */
function documentedFields(section: string): string[] {
    const lines = readme.split("\n");
    const start = section === "" ? lines.findIndex((l) => l.startsWith("| key |")) : lines.findIndex((l) => l.startsWith(`\`${section}\``));
    expect(start, `README has no config table for ${section || "the top level"}`).to.be.greaterThan(-1);
    const table = lines.slice(start).findIndex((l) => l.startsWith("|"));
    const rows: string[] = [];
    for (const line of lines.slice(start + table + 2)) {
        if (!line.startsWith("|")) break;
        rows.push(line.split("|")[1]);
    }
    const names = rows.flatMap((cell) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]));
    // Top level: `apis.<key>` documents `apis`; `azuread:tenantId` belongs to the provider.
    return section === "" ? names.filter((n) => !n.includes(":")).map((n) => n.split(".")[0]) : names;
}

describe("README config reference", () => {
    for (const [section, keys] of Object.entries(CONFIG_REFERENCE)) {
        it(`documents exactly the keys of ${section || "the top level"}`, () => {
            expect([...new Set(documentedFields(section))].sort()).to.deep.equal([...keys].sort());
        });
    }
});

describe("README quick start", function () {
    this.timeout(60_000);

    it("shows a sample whose every line is a line of today's `npm start` output, in order", async () => {
        // Imported here so the config-reference tests above stay free of the program.
        const { planCommand } = await import("../offline/planCli");
        const os = await import("os");
        const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-readme-"));
        try {
            const projectDir = path.resolve(__dirname, "..");
            const result = await planCommand(projectDir, { stack: "dev", out: path.join(tmp, "out") });
            expect(result.exitCode, result.text).to.equal(0);
            const real = result.text.split("\n");
            const start = readme.indexOf("A shortened sample");
            const block = readme.slice(readme.indexOf("```\n", start) + 4, readme.indexOf("\n```", readme.indexOf("```\n", start) + 4));
            const sample = block.split("\n");
            expect(sample.length).to.be.greaterThan(20);
            let at = 0;
            for (const line of sample) {
                if (line === "...") continue;
                const matches = (r: string) => (line.endsWith(" ...") ? r.startsWith(line.slice(0, -4)) : r === line);
                const found = real.findIndex((r, i) => i >= at && matches(r));
                expect(found, `README sample line not in the plan (or out of order): ${line}`).to.be.greaterThan(-1);
                at = found + 1;
            }
        } finally {
            fs.rmSync(tmp, { recursive: true, force: true });
        }
    });
});

describe("tests that need ../shared/reference", () => {
    it("say so in their name: every skipWithoutReference sits in a test or suite titled with 'reference'", () => {
        const dir = path.resolve(__dirname);
        let calls = 0;
        const specs = [...fs.readdirSync(dir), ...fs.readdirSync(path.join(dir, "slow")).map((f) => path.join("slow", f))].filter((f) =>
            f.endsWith(".spec.ts"),
        );
        for (const file of specs) {
            const lines = fs.readFileSync(path.join(dir, file), "utf8").split("\n");
            lines.forEach((line, i) => {
                if (!/skipWithoutReference\(this\)/.test(line)) return;
                calls++;
                const title = lines
                    .slice(0, i)
                    .reverse()
                    .map((l) => /\b(?:describe|it)\(\s*(["'`])(.*?)\1/.exec(l)?.[2])
                    .find((t) => t !== undefined);
                expect(title, `${file}:${i + 1}`).to.match(/reference/i);
            });
        }
        expect(calls).to.be.greaterThan(0);
    });
});
