// `entra-connectors plan`: your own program planned offline; usage errors name the argument (exit 2), a plan names your resources.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import { parseProgramPlanArgs, planProgram, ProgramPlanRequest } from "../offline/plan/programPlan";

const ROOT = path.join(__dirname, "..");
const TENANT = "3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45";

/** A user's project: Pulumi.yaml, Pulumi.dev.yaml and a JavaScript program using the components. */
function project(files: Record<string, string> = {}): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "program-plan-"));
    const all: Record<string, string> = {
        "Pulumi.yaml": "name: inventory\nruntime: nodejs\n",
        "Pulumi.dev.yaml": `config:\n  azuread:tenantId: ${TENANT}\n`,
        "index.js": [
            `const { ProtectedApi } = require(${JSON.stringify(path.join(ROOT, "components"))});`,
            `const api = new ProtectedApi("inventory-api", { stableKey: "inventory", displayName: "Inventory API",`,
            `  scopes: [{ value: "access_as_user", adminConsentDisplayName: "Access Inventory", adminConsentDescription: "Call Inventory" }] });`,
            `exports.inventoryClientId = api.clientId;`,
        ].join("\n"),
        ...files,
    };
    for (const [name, text] of Object.entries(all)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
    }
    return dir;
}

function usageError(argv: string[], cwd: string): string {
    const args = parseProgramPlanArgs(argv, cwd);
    expect(args.kind, JSON.stringify(args)).to.equal("usage-error");
    return (args as { message: string }).message;
}

describe("entra-connectors plan (your own program, offline)", function () {
    this.timeout(60_000);
    const made: string[] = [];
    const fresh = (files?: Record<string, string>) => {
        const dir = project(files);
        made.push(dir);
        return dir;
    };
    after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

    describe("usage errors (exit 2) name the argument, the value and the fix, before anything runs", () => {
        it("a program file that does not exist", () => {
            const dir = fresh();
            expect(usageError(["--program", "main.ts", "--stack", "dev"], dir)).to.match(
                /^--program main\.ts: there is no such file .*Fix: /,
            );
        });
        it("a stack name Pulumi refuses", () => {
            expect(usageError(["--program", "index.js", "--stack", "dev/eu"], fresh())).to.match(
                /^--stack "dev\/eu" is not a Pulumi stack name/,
            );
        });
        it("a stack without a stack file lists the project's stacks", () => {
            const message = usageError(
                ["--program", "index.js", "--stack", "prod"],
                fresh({ "Pulumi.test.yaml": "config: {}\n" }),
            );
            expect(message).to.match(
                /^--stack prod: there is no Pulumi\.prod\.yaml in .*Stacks of this project: dev, test\. Fix: --stack dev/,
            );
        });
        it("no --stack", () => {
            expect(usageError(["--program", "index.js"], fresh())).to.equal(
                "--stack is required. Fix: npx entra-connectors plan --stack dev",
            );
        });
        it("a program outside any Pulumi project", () => {
            const dir = fresh();
            fs.rmSync(path.join(dir, "Pulumi.yaml"));
            expect(usageError(["--program", "index.js", "--stack", "dev"], dir)).to.match(
                /^--program index\.js: no Pulumi\.yaml in its folder or above it/,
            );
        });
        it("a TypeScript program in a project without ts-node", () => {
            const dir = fresh({ "index.ts": "export const x = 1;\n" });
            expect(usageError(["--program", "index.ts", "--stack", "dev"], dir)).to.match(
                /^--program index\.ts is TypeScript and ts-node is not installed in .*Fix: npm install --save-dev ts-node typescript@5,/,
            );
        });
        it("a file that is not a program", () => {
            expect(usageError(["--program", "Pulumi.yaml", "--stack", "dev"], fresh())).to.match(
                /^--program Pulumi\.yaml: a program is \.ts, \.js, \.cjs/,
            );
        });
        it("an unknown option, as Node names it", () => {
            expect(usageError(["--stak", "dev"], fresh())).to.match(/Unknown option '--stak'/);
        });
        it("without --program: Pulumi.yaml's main, else index.js beside it", () => {
            const dir = fresh({
                "Pulumi.yaml": "name: inventory\nruntime: nodejs\nmain: app/main.js\n",
                "app/main.js": "",
            });
            const args = parseProgramPlanArgs(["--stack", "dev"], dir);
            expect(args.kind).to.equal("run");
            expect((args as { request: ProgramPlanRequest }).request.program).to.equal(
                path.join(dir, "app", "main.js"),
            );
            const plain = fresh();
            expect(
                (parseProgramPlanArgs(["--stack", "dev"], plain) as { request: ProgramPlanRequest }).request.program,
            ).to.equal(path.join(plain, "index.js"));
        });
    });

    describe("a plan of the program", () => {
        it("names the program's resources, writes plan.json under --out, and exits 0", async () => {
            const dir = fresh();
            const args = parseProgramPlanArgs(["--program", "index.js", "--stack", "dev", "--out", "plans"], dir);
            expect(args.kind).to.equal("run");
            const result = await planProgram((args as { request: ProgramPlanRequest }).request);
            expect(result.exitCode, result.text).to.equal(0);
            expect(result.text).to.match(/^Plan of stack "dev" \(project inventory\): \d+ resources/);
            expect(result.text).to.contain("ProtectedApi inventory-api");
            expect(result.text).to.contain("+ ApplicationRegistration inventory-api-app  displayName=Inventory API");
            const written = JSON.parse(fs.readFileSync(path.join(dir, "plans", "dev", "plan.json"), "utf8"));
            expect(written.project).to.equal("inventory");
            expect(written.resources.map((r: { name: string }) => r.name)).to.include("inventory-api-sp");
            expect(written.outputs.inventoryClientId).to.match(/^[0-9a-f-]{36}$/);
        });

        it("a program that fails is exit 1 with the component's message, and writes nothing", async () => {
            const dir = fresh({
                "index.js": `const { ProtectedApi } = require(${JSON.stringify(path.join(ROOT, "components"))});\nnew ProtectedApi("bad", { stableKey: "", displayName: "Bad", scopes: [] });\n`,
            });
            const result = await planProgram(
                (
                    parseProgramPlanArgs(["--program", "index.js", "--stack", "dev"], dir) as {
                        request: ProgramPlanRequest;
                    }
                ).request,
            );
            expect(result.exitCode).to.equal(1);
            expect(result.text).to.match(/^The program failed:\n.*ProtectedApi.*"bad".*stableKey/s);
            expect(fs.existsSync(path.join(dir, "out"))).to.equal(false);
        });

        it("a JavaScript program that does not parse names its file and line, and shows the code under a caret", async () => {
            const dir = fresh({ "index.js": "const a = 1;\nconst b = ;\n" });
            const result = await planProgram(
                (
                    parseProgramPlanArgs(["--program", "index.js", "--stack", "dev"], dir) as {
                        request: ProgramPlanRequest;
                    }
                ).request,
            );
            expect(result.exitCode).to.equal(1);
            expect(result.text).to.match(
                /^The program failed:\n\S*index\.js line 2: Unexpected token ';'\n {4}const b = ;\n {4} {10}\^\n/,
            );
            expect(result.text).to.not.match(/\n\s+at /);
        });
    });
});
