// `npm run build` starts from an empty dist/: a module an older layout compiled (dist/offline/simulator.js beside
// today's dist/offline/simulator/index.js) would otherwise shadow the new one and ship in the package.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { execSync } from "child_process";
import { expect } from "chai";

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8")) as {
    scripts: Record<string, string>;
};

describe("the build starts from an empty dist/", () => {
    it("prebuild (which npm runs before build: docs.npmjs.com/cli/using-npm/scripts#pre--post-scripts) removes dist/ and nothing else", () => {
        expect(pkg.scripts.build).to.equal("tsc -p tsconfig.build.json");
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-prebuild-"));
        try {
            fs.mkdirSync(path.join(dir, "dist", "offline", "simulator"), { recursive: true });
            fs.writeFileSync(path.join(dir, "dist", "offline", "simulator.js"), "// from an older layout\n");
            fs.writeFileSync(path.join(dir, "dist", "offline", "simulator", "index.js"), "\n");
            fs.mkdirSync(path.join(dir, "offline"));
            fs.writeFileSync(path.join(dir, "offline", "simulator.ts"), "\n");
            execSync(pkg.scripts.prebuild, { cwd: dir, stdio: "pipe" });
            expect(fs.existsSync(path.join(dir, "dist"))).to.equal(false);
            expect(fs.readdirSync(dir)).to.deep.equal(["offline"]);
            // A second run, with nothing to remove, succeeds too (a fresh clone has no dist/).
            execSync(pkg.scripts.prebuild, { cwd: dir, stdio: "pipe" });
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
