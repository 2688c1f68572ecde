// The packed tarball installed into a fresh consumer as a real folder: every component, its unit tests, the README's code.
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { buildLibrary, ENTRY, ROOT } from "../helpers/library";

const FIXTURE = path.join(ROOT, "test", "fixtures", "installedConsumer");
const CONSUMER_TENANT = "3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45";
/** What the consumer installs beside the tarball, at this repository's pinned versions. */
const CONSUMER_DEPENDENCIES = [
    "@pulumi/pulumi",
    "@pulumi/azuread",
    "@pulumi/azure-native",
    "mocha",
    "chai",
    "@types/chai",
    "@types/mocha",
    "@types/node",
    "ts-node",
    "typescript",
];

/** The one README line starting with `prefix` (a command users copy), as argv without its first word (`npx`). */
function readmeCommand(prefix: string): string[] {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const lines = readme.split("\n").filter((l) => l.startsWith(prefix));
    if (lines.length !== 1) throw new Error(`README.md: expected one line starting "${prefix}", found ${lines.length}`);
    return lines[0].trim().split(/\s+/).slice(1);
}

/** The README's command that plans your program offline. */
const readmePlanCommand = () => readmeCommand("npx entra-connectors plan ");
/** The README's command that runs the test of your program. */
const readmeTestCommand = () => readmeCommand("npx mocha ");

/** The fenced block of README.md whose first line is the marker comment `// README: <name>`. */
export function readmeBlock(name: string): string {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const blocks = [...readme.matchAll(/```typescript\n([\s\S]*?)```/g)].map((m) => m[1]);
    const found = blocks.filter((b) => b.startsWith(`// README: ${name} `));
    if (found.length !== 1)
        throw new Error(
            `README.md: expected one typescript block starting "// README: ${name} ", found ${found.length}`,
        );
    return found[0];
}

/** The classes the built barrel exports that are component resources (what a consumer must be able to construct). */
function exportedComponents(): string[] {
    const lib = require(ENTRY) as Record<string, unknown>;
    return Object.entries(lib)
        .filter(
            ([, v]) =>
                typeof v === "function" && (v as { prototype: unknown }).prototype instanceof pulumi.ComponentResource,
        )
        .map(([name]) => name)
        .sort();
}

function run(cwd: string, command: string, args: string[]): { status: number | null; output: string } {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("PULUMI_")));
    const result = spawnSync(command, args, { cwd, env, encoding: "utf8", timeout: 60_000 });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("the package installed from its tarball (a consumer's program and tests)", function () {
    this.timeout(180_000);
    let dir: string;
    let consumer: string;

    before(function () {
        // Build, pack and a real npm install: minutes on a busy machine.
        this.timeout(480_000);
        buildLibrary();
        // Named like the package on purpose: a project folder whose path contains the package name makes Pulumi's
        // closure serializer miss the package.json (runtime/closure/package.js getPackageDefinition finds the name
        // with indexOf) and require the file path, which the exports map must then allow too.
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-consumer-"));
        const [packed] = JSON.parse(
            execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], {
                cwd: ROOT,
                encoding: "utf8",
            }),
        );
        consumer = path.join(dir, "consumer");
        fs.mkdirSync(path.join(consumer, "test"), { recursive: true });
        fs.writeFileSync(
            path.join(consumer, "package.json"),
            JSON.stringify({ name: "consumer", version: "1.0.0", private: true }, null, 2),
        );
        fs.copyFileSync(path.join(FIXTURE, "tsconfig.json"), path.join(consumer, "tsconfig.json"));
        fs.copyFileSync(path.join(FIXTURE, "allComponents.ts"), path.join(consumer, "allComponents.ts"));
        fs.copyFileSync(path.join(FIXTURE, "failOnUnhandled.js"), path.join(consumer, "failOnUnhandled.js"));
        fs.copyFileSync(
            path.join(FIXTURE, "documentedMocks.spec.ts"),
            path.join(consumer, "test", "documentedMocks.spec.ts"),
        );
        fs.writeFileSync(path.join(consumer, "index.ts"), readmeBlock("program"));
        // A Pulumi project with one stack, as `pulumi new` and `pulumi config set azuread:tenantId` leave it.
        fs.writeFileSync(path.join(consumer, "Pulumi.yaml"), "name: consumer\nruntime: nodejs\nmain: index.ts\n");
        fs.writeFileSync(path.join(consumer, "Pulumi.dev.yaml"), `config:\n  azuread:tenantId: ${CONSUMER_TENANT}\n`);
        fs.writeFileSync(path.join(consumer, "test", "program.spec.ts"), readmeBlock("test"));
        const dev = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).devDependencies as Record<
            string,
            string
        >;
        const pinned = CONSUMER_DEPENDENCIES.map((name) => `${name}@${dev[name]}`);
        execFileSync(
            "npm",
            [
                "install",
                "--prefer-offline",
                "--no-audit",
                "--no-fund",
                "--ignore-scripts",
                path.join(dir, packed.filename),
                ...pinned,
            ],
            {
                cwd: consumer,
                stdio: "pipe",
            },
        );
    });

    after(() => {
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it("lands as a real folder in node_modules (no symlink, no link to the repository)", () => {
        const installed = path.join(consumer, "node_modules", "entra-connectors");
        expect(fs.lstatSync(installed).isSymbolicLink()).to.equal(false);
        expect(fs.lstatSync(installed).isDirectory()).to.equal(true);
        expect(fs.existsSync(path.join(installed, "dist", "components", "index.js"))).to.equal(true);
        // One Pulumi runtime: the SDK is a peer dependency, not a copy nested in the package.
        expect(fs.existsSync(path.join(installed, "node_modules", "@pulumi", "pulumi"))).to.equal(false);
    });

    it("the consumer's program, tests and README code typecheck against the shipped types (Pulumi's default tsconfig)", () => {
        const result = run(consumer, process.execPath, [
            path.join(consumer, "node_modules", "typescript", "bin", "tsc"),
            "--noEmit",
            "-p",
            ".",
        ]);
        expect(result.output).to.equal("");
        expect(result.status).to.equal(0);
    });

    it("builds every exported component, a clientSecret ConnectorClient included; the rotation state's provider serializes", () => {
        const expected = exportedComponents();
        expect(expected).to.include.members(["ConnectorClient", "ClientSecret", "ProtectedApi"]);
        const result = run(consumer, process.execPath, ["-r", "ts-node/register/transpile-only", "allComponents.ts"]);
        expect(result.status, result.output).to.equal(0);
        const line = result.output.split("\n").find((l) => l.startsWith('{"exported"'));
        expect(line, result.output).to.be.a("string");
        const report = JSON.parse(line!);
        const exported = (report.exported as { name: string; type: string }[]).map((e) => e.name).sort();
        expect(exported, "components the installed package exports").to.deep.equal(expected);
        const uncovered = (report.exported as { name: string; type: string }[])
            .filter((e) => !report.components.includes(e.type))
            .map((e) => e.name);
        expect(uncovered, "exported components allComponents.ts does not construct").to.deep.equal([]);
        expect(report.errors).to.deep.equal([]);
        expect(report.secretsNonEmpty).to.equal(true);
        expect(report.slots.filter((s: { name: string }) => s.name.endsWith("-secret-slots")).length).to.be.greaterThan(
            1,
        );
        for (const slot of report.slots as { name: string; provider: string | null }[]) {
            expect(slot.provider, slot.name).to.be.a("string");
            const required = [...slot.provider!.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
            const rotation = required.filter(
                (m) => m === "entra-connectors/rotation" || m === "entra-connectors/dist/entra/secretRotation.js",
            );
            if (slot.name.endsWith("-secret-slots"))
                expect(rotation, `${slot.name} requires ${required.join(", ")}`).to.have.length(1);
            // What `pulumi up` runs requires these from the program's folder: each must resolve through the exports map.
            const resolved = run(consumer, process.execPath, [
                "-e",
                `for (const m of ${JSON.stringify(required)}) require.resolve(m)`,
            ]);
            expect(resolved.output, `${slot.name} requires ${required.join(", ")}`).to.equal("");
            expect(resolved.status).to.equal(0);
        }
    });

    it("plans the consumer's program offline through the shipped command, as README shows it (npx entra-connectors plan)", () => {
        const bin = path.join(consumer, "node_modules", ".bin", "entra-connectors");
        expect(fs.realpathSync(bin)).to.equal(
            path.join(
                fs.realpathSync(consumer),
                "node_modules",
                "entra-connectors",
                "dist",
                "offline",
                "plan",
                "cli.js",
            ),
        );
        const argv = readmePlanCommand();
        expect(argv.slice(0, 2)).to.deep.equal(["entra-connectors", "plan"]);
        const result = run(consumer, "npx", ["--no", ...argv]);
        expect(result.status, result.output).to.equal(0);
        expect(result.output).to.match(
            /^Plan of stack "dev" \(project consumer\): \d+ resources in \d+ waves, 0 errors/,
        );
        for (const line of [
            "ProtectedApi orders-api",
            "ConnectorClient orders-connector",
            "+ SecretSlots orders-connector-secret-slots",
            "+ ApplicationRegistration orders-connector-app",
        ]) {
            expect(result.output).to.contain(line);
        }
        const plan = JSON.parse(fs.readFileSync(path.join(consumer, "out", "dev", "plan.json"), "utf8"));
        expect(plan.resources.map((r: { name: string }) => r.name)).to.include.members([
            "orders-api-app",
            "orders-connector-secret-a",
        ]);
        // The program's secret output stays masked in the plan file.
        expect(JSON.stringify(plan.outputs.clientSecret)).to.not.match(/[A-Za-z0-9~._-]{30,}/);
        expect(plan.outputs.securitySettings.resourceUrl).to.match(/^api:\/\/[0-9a-f-]{36}$/);
    });

    it("the shipped command refuses a missing program with exit 2, naming --program", () => {
        const result = run(consumer, "npx", [
            "--no",
            "entra-connectors",
            "plan",
            "--program",
            "missing.ts",
            "--stack",
            "dev",
        ]);
        expect(result.status, result.output).to.equal(2);
        expect(result.output).to.match(/^--program missing\.ts: there is no such file/);
    });

    it("the README's test command names the README's test file and the options this suite runs it with", () => {
        const argv = readmeTestCommand();
        expect(argv.slice(0, 1)).to.deep.equal(["mocha"]);
        expect(argv.at(-1)).to.equal("test/program.spec.ts");
        expect(argv.slice(1, -1)).to.deep.equal(["--require", "ts-node/register/transpile-only", "--timeout", "10000"]);
    });

    for (const spec of ["program.spec.ts", "documentedMocks.spec.ts"]) {
        it(`mocha test/${spec} (the README's options): passes, no timeout, no unhandled rejection`, () => {
            const mocha = path.join(consumer, "node_modules", "mocha", "bin", "mocha.js");
            // The README's line, with a guard that turns an unhandled rejection into a failure.
            const options = readmeTestCommand().slice(1, -1);
            const result = run(consumer, process.execPath, [
                mocha,
                ...options,
                "--require",
                "./failOnUnhandled.js",
                `test/${spec}`,
            ]);
            expect(result.output).to.not.contain("UNHANDLED REJECTION");
            expect(result.output).to.not.match(/Timeout of \d+ms exceeded/);
            expect(result.output).to.match(/\b[1-9]\d* passing/);
            expect(result.output).to.not.match(/\d+ failing/);
            expect(result.status, result.output).to.equal(0);
        });
    }
});
