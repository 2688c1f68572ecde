// The bench's parts (offline/tools/bench.ts, benchFloor.js, benchRss.js): what they measure is real and complete.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { expect } from "chai";
import { parse } from "yaml";
import { measure } from "../../offline/tools/bench";
import { generatedStackYaml } from "../../offline/tools/generatedStack";

const projectDir = path.resolve(__dirname, "..", "..");

describe("bench (npm run bench)", function () {
    this.timeout(60_000);

    for (const gnuTime of [true, false].filter((t) => !t || fs.existsSync("/usr/bin/time"))) {
        it(`measures wall time, CPU time and peak RSS of a child process (${gnuTime ? "GNU time" : "the preloaded reporter"})`, () => {
            // A child that holds ~64 MB and spins ~200 ms of CPU, then fails: both must show, and the failure too.
            const script =
                "const b = Buffer.alloc(64 * 2 ** 20, 1); while (process.cpuUsage().user < 200000); process.exitCode = b[0] === 1 ? 0 : 2;";
            const m = measure("probe", process.execPath, ["-e", script], {}, gnuTime);
            expect(m.rssMb).to.be.greaterThan(64);
            expect(m.cpuMs).to.be.greaterThan(150);
            expect(m.ms).to.be.at.least(150);
            expect(() =>
                measure("fails", process.execPath, ["-e", "process.exit(3)"], { NODE_OPTIONS: "" }, gnuTime),
            ).to.throw(/fails: exit 3/);
        });
    }

    it("the floor registers every resource of the list it is given, through the SDK classes, in plain node", () => {
        const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-floor-"));
        try {
            const list = [
                {
                    type: "entra-connectors:index:ProtectedApi",
                    name: "orders",
                    parent: "",
                    urn: "urn:c",
                    custom: false,
                    inputs: {},
                },
                {
                    type: "azuread:index/applicationRegistration:ApplicationRegistration",
                    name: "orders-app",
                    parent: "urn:c",
                    urn: "urn:a",
                    custom: true,
                    inputs: { displayName: "Orders" },
                },
                {
                    type: "time:index/rotating:Rotating",
                    name: "r",
                    parent: "urn:c",
                    urn: "urn:t",
                    custom: true,
                    inputs: { rotationDays: 30 },
                },
                {
                    type: "pulumi-nodejs:dynamic/entra-connectors:SecretSlots",
                    name: "s",
                    parent: "urn:c",
                    urn: "urn:s",
                    custom: true,
                    inputs: {},
                },
            ];
            const file = path.join(tmp, "list.json");
            fs.writeFileSync(file, JSON.stringify(list));
            const run = spawnSync(
                process.execPath,
                [path.join(projectDir, "offline", "tools", "benchFloor.js"), file],
                {
                    cwd: projectDir,
                    encoding: "utf8",
                    env: { ...process.env, NODE_OPTIONS: "" },
                },
            );
            expect(run.status, run.stderr).to.equal(0);
            expect(run.stdout.trim()).to.equal("registered 4 resources, 3 custom");
        } finally {
            fs.rmSync(tmp, { recursive: true, force: true });
        }
    });

    it("generated stacks have the asked number of connectors, half client secret, half managed identity, an API per 10", () => {
        const config = (
            parse(generatedStackYaml(100)) as { config: Record<string, Record<string, { authentication?: string }>> }
        ).config;
        const connectors = Object.values(config["entra-connectors:connectors"]);
        expect(connectors).to.have.lengthOf(100);
        expect(connectors.filter((c) => c.authentication === "managedIdentity")).to.have.lengthOf(50);
        expect(Object.keys(config["entra-connectors:apis"])).to.have.lengthOf(10);
    });
});
