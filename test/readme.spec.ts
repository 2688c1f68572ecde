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
