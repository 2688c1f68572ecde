// The policy pack as `pulumi policy publish` ships it: only policy/ (pulumi/pulumi#12093), so it must stand alone.
import * as fs from "fs";
import * as path from "path";
import { builtinModules } from "module";
import { expect } from "chai";
import { VENDOR_DIR, vendoredFiles } from "../scripts/vendorPolicyEntra";

const ROOT = path.resolve(__dirname, "..");
const POLICY = path.join(ROOT, "policy");

/** Every .ts file under policy/ (no node_modules, no build output). */
function policyFiles(dir = POLICY): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) return e.name === "node_modules" || e.name === "bin" ? [] : policyFiles(full);
        return e.name.endsWith(".ts") ? [full] : [];
    });
}

function importsOf(file: string): string[] {
    const text = fs.readFileSync(file, "utf8");
    return [...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+"([^"]+)"|require\("([^"]+)"\)/gm)].map(
        (m) => m[1] ?? m[2],
    );
}

describe("policy pack: self-contained for pulumi policy publish", function () {
    this.timeout(120_000);
    const pkg = JSON.parse(fs.readFileSync(path.join(POLICY, "package.json"), "utf8"));

    it("imports nothing outside policy/ but its own dependencies and Node built-ins", () => {
        const files = policyFiles();
        expect(files.length).to.be.greaterThan(5);
        const allowed = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})]);
        for (const file of files) {
            for (const spec of importsOf(file)) {
                if (spec.startsWith(".")) {
                    const target = path.resolve(path.dirname(file), spec);
                    expect(
                        path.relative(POLICY, target).startsWith(".."),
                        `${path.relative(ROOT, file)} imports ${spec}`,
                    ).to.equal(false);
                } else {
                    const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
                    expect(
                        allowed.has(name) || builtinModules.includes(name.replace(/^node:/, "")),
                        `${path.relative(ROOT, file)} imports ${spec}`,
                    ).to.equal(true);
                }
            }
        }
        const tsconfig = JSON.parse(fs.readFileSync(path.join(POLICY, "tsconfig.json"), "utf8"));
        expect(tsconfig.include.filter((p: string) => p.includes(".."))).to.deep.equal([]);
    });

    it("vendors the entra/ modules it needs byte for byte (npm run gen:policy-vendor)", () => {
        const expected = vendoredFiles();
        expect([...expected.keys()]).to.include.members(["entraRules.ts", "wellKnownApis.ts"]);
        const present = fs
            .readdirSync(VENDOR_DIR)
            .filter((f) => f.endsWith(".ts"))
            .sort();
        expect(present).to.deep.equal([...expected.keys()].sort());
        for (const [file, text] of expected) {
            expect(
                fs.readFileSync(path.join(VENDOR_DIR, file), "utf8"),
                `policy/vendor/entra/${file} is stale: run npm run gen:policy-vendor`,
            ).to.equal(text);
        }
    });

    it("has its own lockfile pinning the versions its package.json names", () => {
        const lock = JSON.parse(fs.readFileSync(path.join(POLICY, "package-lock.json"), "utf8"));
        expect(lock.name).to.equal(pkg.name);
        expect(lock.packages[""].dependencies).to.deep.equal(pkg.dependencies);
        for (const [name, version] of Object.entries(pkg.dependencies as Record<string, string>)) {
            expect(lock.packages[`node_modules/${name}`]?.version, name).to.equal(version);
        }
    });

    it("keeps every hand-written file under 300 lines", () => {
        const handWritten = policyFiles().filter((f) => !f.startsWith(VENDOR_DIR));
        expect(handWritten.length).to.be.greaterThan(5);
        for (const file of handWritten) {
            const lines = fs.readFileSync(file, "utf8").split("\n").length;
            expect(lines, path.relative(ROOT, file)).to.be.lessThan(300);
        }
    });
});
