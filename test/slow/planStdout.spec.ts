// The plan command's stdout through a shell pipe: a slow reader gets the whole `--json` plan, and a reader that stops
// early (`| head`) ends nothing with a stack trace.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { expect } from "chai";
import { compiledPlanCli } from "../helpers/compiledProject";

describe("plan command stdout through a shell pipe", function () {
    this.timeout(120_000);
    let tmp: string;
    let cli: string;
    before(() => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-stdout-"));
        cli = compiledPlanCli();
    });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    /** `<plan> | <reader>` in bash (a kernel pipe of 64 KB, as `| jq` gets), and the plan's own exit code. */
    const piped = (out: string, reader: string) => {
        const plan = [process.execPath, cli, "--stack", "dev", "--json", "--out", out].map((a) => `'${a}'`).join(" ");
        const run = spawnSync("bash", ["-c", `${plan} | ${reader}; echo "plan exit \${PIPESTATUS[0]}" >&2`], {
            cwd: path.resolve(cli, "..", "..", "..", ".."),
            encoding: "utf8",
            maxBuffer: 64 * 1024 * 1024,
            env: { ...process.env, NODE_OPTIONS: "" },
        });
        return { stdout: run.stdout, stderr: run.stderr };
    };

    it("a reader slower than the plan still gets the whole --json plan (well over the pipe's 64 KB)", () => {
        const out = path.join(tmp, "slow");
        const { stdout, stderr } = piped(out, "(sleep 1; cat)");
        expect(stderr).to.contain("plan exit 0");
        expect(stdout.length).to.be.greaterThan(64 * 1024);
        expect(stdout).to.equal(fs.readFileSync(path.join(out, "dev", "plan.json"), "utf8"));
    });

    it("a reader that stops after 100 bytes (| head -c 100): exit 0, no stack trace", () => {
        const { stdout, stderr } = piped(path.join(tmp, "head"), "(sleep 1; head -c 100)");
        expect(stdout).to.have.length(100);
        expect(stderr).to.contain("plan exit 0");
        expect(stderr).to.not.match(/\n\s+at /);
        expect(stderr).to.not.contain("EPIPE");
    });
});
