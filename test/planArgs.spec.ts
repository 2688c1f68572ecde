// Plan command options: parsePlanArgs is pure; every usage error is named before anything touches the disk.
import { expect } from "chai";
import { parsePlanArgs, planUsage, PLAN_OPTIONS, stackNameProblem } from "../offline/plan/planArgs";

describe("plan command options (offline/plan/planArgs.ts)", () => {
    it("accepts a stack, a config file and an output folder", () => {
        const args = parsePlanArgs(["--stack", "dev", "--config-file", "x.yaml", "--out", "o"]);
        expect(args).to.deep.include({ kind: "run", stack: "dev" });
        if (args.kind === "run") expect(args.values).to.include({ "config-file": "x.yaml", out: "o" });
    });

    it("accepts every Pulumi stack name character: letters, digits, '-', '_', '.'", () => {
        for (const name of ["dev", "Prod-2", "team_a.eu", "a.b", "..a", "x".repeat(100)])
            expect(stackNameProblem(name), name).to.equal(undefined);
    });

    it("refuses path-like and empty stack names", () => {
        for (const name of ["..", ".", "a/b", "../x", "a\\b", "/abs", "", "dev ", "dév", "x".repeat(101), "a\0b"]) {
            expect(stackNameProblem(name), JSON.stringify(name)).to.match(
                /is not a Pulumi stack name.*Fix: e\.g\. --stack dev/,
            );
            const args = parsePlanArgs(["--stack", name]);
            expect(args.kind, JSON.stringify(name)).to.equal("usage-error");
        }
    });

    it("--help and -h ask for the usage, even with other options", () => {
        expect(parsePlanArgs(["--help"])).to.deep.equal({ kind: "help" });
        expect(parsePlanArgs(["-h"])).to.deep.equal({ kind: "help" });
        expect(parsePlanArgs(["--stack", "..", "-h"])).to.deep.equal({ kind: "help" });
    });

    it("an unknown option, a positional argument, a missing --stack or a missing value is a usage error naming it", () => {
        expect(parsePlanArgs(["--stak", "dev"])).to.deep.include({ kind: "usage-error" });
        expect((parsePlanArgs(["--stak", "dev"]) as { message: string }).message).to.include("--stak");
        expect(parsePlanArgs(["dev"]).kind).to.equal("usage-error");
        expect((parsePlanArgs([]) as { message: string }).message).to.include("--stack is required");
        expect(parsePlanArgs(["--stack"]).kind).to.equal("usage-error");
        expect((parsePlanArgs(["--stack", "dev", "--out", ""]) as { message: string }).message).to.include(
            "--out needs a value",
        );
    });

    it("the usage lists every option of the table and the exit codes", () => {
        const usage = planUsage();
        for (const name of Object.keys(PLAN_OPTIONS)) expect(usage).to.include(`--${name}`);
        expect(usage).to.include("-h, --help");
        expect(usage).to.include("0 planned, 1 rejected");
        expect(usage).to.include("2 usage error");
    });
});
