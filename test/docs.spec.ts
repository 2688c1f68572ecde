// The documentation tells the truth: config tables equal the schema, samples equal real output, links resolve.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import { CONFIG_REFERENCE } from "../config";
import { CLOUDS, CLOUD_NAMES } from "../entra/clouds";
import { anchorsOf, docFiles, docPage, docSection, productFiles, PROJECT_DIR, relativeLinks } from "./helpers/docs";

const configuration = docPage("configuration");

/** Backticked names in the first column of the table that follows the line `` `<section>`...: ``. */
function documentedFields(section: string): string[] {
    const lines = configuration.split("\n");
    const start =
        section === ""
            ? lines.findIndex((l) => l.startsWith("| key |"))
            : lines.findIndex((l) => l.startsWith(`\`${section}\``));
    expect(start, `docs/configuration.md has no config table for ${section || "the top level"}`).to.be.greaterThan(-1);
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

/** Plans `configFile` as stack `stack` of this project into a temporary folder; the command's result. */
async function plan(stack: string, configFile?: string) {
    // Imported here so the table tests stay free of the program.
    const { planCommand } = await import("../offline/plan/planCli");
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-docs-"));
    try {
        return await planCommand(PROJECT_DIR, { stack, configFile, out: path.join(tmp, "out") });
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}

describe("docs: configuration reference", () => {
    for (const [section, keys] of Object.entries(CONFIG_REFERENCE)) {
        it(`documents exactly the keys of ${section || "the top level"}`, () => {
            expect([...new Set(documentedFields(section))].sort()).to.deep.equal([...keys].sort());
        });
    }
});

describe("docs: samples that are real", function () {
    this.timeout(60_000);

    it("docs/plan.md shows a sample whose every line is a line of today's `npm start` output, in order", async () => {
        const result = await plan("dev");
        expect(result.exitCode, result.text).to.equal(0);
        const real = result.text.split("\n");
        const page = docPage("plan");
        const start = page.indexOf("A shortened sample");
        const block = page.slice(
            page.indexOf("```\n", start) + 4,
            page.indexOf("\n```", page.indexOf("```\n", start) + 4),
        );
        const sample = block.split("\n");
        expect(sample.length).to.be.greaterThan(20);
        let at = 0;
        for (const line of sample) {
            if (line === "...") continue;
            const matches = (r: string) => (line.endsWith(" ...") ? r.startsWith(line.slice(0, -4)) : r === line);
            const found = real.findIndex((r, i) => i >= at && matches(r));
            expect(found, `docs/plan.md sample line not in the plan (or out of order): ${line}`).to.be.greaterThan(-1);
            at = found + 1;
        }
    });

    it("the README's complete minimal stack file plans as the README says", async () => {
        const section = docSection(docPage("README"), "## A complete minimal stack file");
        const yaml = /```yaml\n([\s\S]*?)```/.exec(section)![1];
        const claim = /`(Plan of stack "<stack>" [^`]*)`/.exec(section)![1];
        const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-minimal-"));
        try {
            const file = path.join(tmp, "Pulumi.minimal.yaml");
            fs.writeFileSync(file, yaml);
            const result = await plan("minimal", file);
            expect(result.exitCode, result.text).to.equal(0);
            expect(result.text.split("\n")[0]).to.equal(claim.replace("<stack>", "minimal"));
        } finally {
            fs.rmSync(tmp, { recursive: true, force: true });
        }
    });

    it("docs/clouds.md has one row per cloud with the values of CLOUDS", () => {
        const code = (v: string) => `\`${v}\``;
        const rows = docPage("clouds")
            .split("\n")
            .filter((l) => /^\| `[a-z]+` \| `https:/.test(l));
        expect(rows).to.deep.equal(
            CLOUD_NAMES.map((c) => {
                const f = CLOUDS[c];
                const consent = f.connectorConsentHost ? code(f.connectorConsentHost) : "none documented";
                const cells = [
                    c,
                    f.loginHost,
                    f.graphHost,
                    f.powerPlatformApiHost,
                    f.tokenExchangeAudience,
                    f.federatedIssuerHost,
                    f.subjectCloudSegment,
                ].map(code);
                return `| ${[...cells, consent, f.azureadEnvironments.map(code).join(", "), code(f.azureNativeEnvironment)].join(" | ")} |`;
            }),
        );
    });
});

describe("docs: structure", () => {
    it("every relative link in README.md, CONTRIBUTING.md and docs/*.md names a file that exists, and a heading there", () => {
        const broken: string[] = [];
        const files = docFiles();
        expect(files).to.include.members(["README.md", "docs/configuration.md"]);
        for (const file of files) {
            const text = fs.readFileSync(path.join(PROJECT_DIR, file), "utf8");
            for (const [line, target] of relativeLinks(text)) {
                const [target0, anchor] = target.split("#");
                const resolved =
                    target0 === ""
                        ? path.join(PROJECT_DIR, file)
                        : path.resolve(path.dirname(path.join(PROJECT_DIR, file)), target0);
                if (!fs.existsSync(resolved)) {
                    broken.push(`${file}:${line}: ${target} (no such file)`);
                    continue;
                }
                if (anchor === undefined) continue;
                if (!resolved.endsWith(".md") || !anchorsOf(fs.readFileSync(resolved, "utf8")).has(anchor)) {
                    broken.push(`${file}:${line}: ${target} (no heading with anchor #${anchor})`);
                }
            }
        }
        expect(broken).to.deep.equal([]);
    });

    it("the link checker itself finds a missing file and a missing anchor", () => {
        expect(
            relativeLinks("see [a](docs/x.md#y) and `[b](c.md)`, [c](https://e.com)\n```\n[d](e.md)\n```"),
        ).to.deep.equal([[1, "docs/x.md#y"]]);
        expect([
            ...anchorsOf(
                "# Title\n## `apis.<key>`\n## Deploying, CI/CD and fleets\n```\n# not a heading\n```\n## Title",
            ),
        ]).to.deep.equal(["title", "apiskey", "deploying-cicd-and-fleets", "title-1"]);
    });

    it("the README is a landing page: at most 250 lines, linking every page under docs/", () => {
        const readme = docPage("README");
        expect(readme.split("\n").length).to.be.at.most(250);
        for (const page of docFiles().filter((f) => f.startsWith("docs/")))
            expect(readme, page).to.include(`](${page})`);
    });

    it("every repository file the docs name in backticks exists (plan output under out/ and other repositories' files aside)", () => {
        const missing: string[] = [];
        for (const file of docFiles()) {
            const text = fs.readFileSync(path.join(PROJECT_DIR, file), "utf8");
            for (const m of text.matchAll(/`([A-Za-z0-9_.-]+\/[A-Za-z0-9_./-]*\.(?:ts|js|mjs|json|ya?ml|md))`/g)) {
                if (m[1].startsWith("out/") || m[1].startsWith("developer-docs/")) continue;
                if (!fs.existsSync(path.join(PROJECT_DIR, m[1]))) missing.push(`${file}: ${m[1]}`);
            }
        }
        expect(missing).to.deep.equal([]);
    });

    it("shipped code carries no process leftovers: no 'this session', no issue numbers, no DESIGN.md", () => {
        const found: string[] = [];
        for (const rel of productFiles(/\.(ts|js|mjs|ya?ml)$/)) {
            fs.readFileSync(path.join(PROJECT_DIR, rel), "utf8")
                .split("\n")
                .forEach((line, i) => {
                    if (/this session|issue [0-9]|DESIGN\.md/i.test(line))
                        found.push(`${rel}:${i + 1}: ${line.trim()}`);
                });
        }
        expect(found).to.deep.equal([]);
    });

    it("tests carry none either: their titles and comments describe behaviour, not how the work was organised", () => {
        const found: string[] = [];
        const walk = (dir: string): void => {
            for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
                const file = path.join(dir, entry.name);
                if (entry.isDirectory()) walk(file);
                else if (/\.(ts|js)$/.test(entry.name) && file !== __filename)
                    fs.readFileSync(file, "utf8")
                        .split("\n")
                        .forEach((line, i) => {
                            if (/this session|issue [0-9]/i.test(line))
                                found.push(`${path.relative(PROJECT_DIR, file)}:${i + 1}: ${line.trim()}`);
                        });
            }
        };
        walk(__dirname);
        expect(found).to.deep.equal([]);
    });

    it("LICENSE is the license package.json declares", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8"));
        expect(pkg.license).to.equal("MIT");
        expect(fs.readFileSync(path.join(PROJECT_DIR, "LICENSE"), "utf8")).to.match(/^MIT License\n/);
    });
});

describe("tests that need ../shared/reference", () => {
    it("say so in their name: every skipWithoutReference sits in a test or suite titled with 'reference'", () => {
        const dir = path.resolve(__dirname);
        let calls = 0;
        const specs = [
            ...fs.readdirSync(dir),
            ...fs.readdirSync(path.join(dir, "slow")).map((f) => path.join("slow", f)),
        ].filter((f) => f.endsWith(".spec.ts"));
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
