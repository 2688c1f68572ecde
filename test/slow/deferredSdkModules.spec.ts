// The compiled commands as processes: `npm start`'s plan never loads the SDK's closure-serializer dependencies; the
// package's command runs a user's program with the SDK as it comes, closures over those modules included.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { expect } from "chai";
import { compiledPlanCli } from "../helpers/compiledProject";

/** A preload that writes, at exit, which of the deferred modules' real code the process loaded. */
const PROBE = `
process.on("exit", () => {
    const files = Object.keys(require.cache);
    const loaded = (re) => files.some((f) => re.test(f));
    require("fs").writeFileSync(process.env.PROBE_OUT, JSON.stringify({
        typescript: loaded(/node_modules[\\\\/]typescript[\\\\/]lib[\\\\/]typescript\\.js$/),
        pacote: loaded(/node_modules[\\\\/]pacote[\\\\/]/),
        spdx: loaded(/node_modules[\\\\/]spdx-correct[\\\\/]/),
    }));
});
`;

describe("the plan command starts without what it never runs", function () {
    this.timeout(120_000);
    let tmp: string;
    let cli: string;
    let root: string;
    before(() => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-startup-"));
        fs.writeFileSync(path.join(tmp, "probe.js"), PROBE);
        cli = compiledPlanCli();
        root = path.resolve(cli, "..", "..", "..", ".."); // <root>/dist/offline/plan/planCli.js
    });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    const run = (args: string[], cwd: string, probeOut: string) => {
        const result = spawnSync(process.execPath, ["--require", path.join(tmp, "probe.js"), ...args], {
            cwd,
            encoding: "utf8",
            env: { ...process.env, NODE_OPTIONS: "", TS_NODE_PROJECT: "", PROBE_OUT: probeOut },
        });
        return { ...result, loaded: JSON.parse(fs.readFileSync(probeOut, "utf8")) as Record<string, boolean> };
    };

    it("the dev stack's plan (what `npm start` runs) loads neither typescript nor @npmcli/arborist's packages", () => {
        const result = run([cli, "--stack", "dev", "--out", path.join(tmp, "out")], root, path.join(tmp, "dev.json"));
        expect(result.status, result.stderr).to.equal(0);
        expect(result.stdout).to.match(/^Plan of stack "dev"/);
        expect(result.loaded).to.deep.equal({ typescript: false, pacote: false, spdx: false });
    });

    it("a consumer program planned by the package's command serializes its providers, one closing over normalize-package-data", () => {
        const consumer = path.join(tmp, "consumer");
        fs.mkdirSync(consumer);
        fs.writeFileSync(path.join(consumer, "Pulumi.yaml"), "name: consumer\nruntime: nodejs\n");
        fs.writeFileSync(
            path.join(consumer, "Pulumi.dev.yaml"),
            "config:\n  azuread:tenantId: 72f988bf-86f1-41af-91ab-2d7cd011db47\n",
        );
        fs.symlinkSync(path.join(root, "node_modules"), path.join(consumer, "node_modules"), "dir");
        const library = JSON.stringify(path.join(root, "dist", "components", "index.js"));
        fs.writeFileSync(
            path.join(consumer, "index.js"),
            [
                `const pulumi = require("@pulumi/pulumi");`,
                `const { ConnectorClient, ProtectedApi } = require(${library});`,
                `const tenantId = new pulumi.Config("azuread").require("tenantId");`,
                `const api = new ProtectedApi("orders-api", { displayName: "Orders API", scopes: [{ value: "access_as_user", adminConsentDisplayName: "Access Orders API", adminConsentDescription: "Call Orders API as you." }] });`,
                `const connector = new ConnectorClient("orders-connector", { displayName: "Orders Connector", tenantId, api, scopes: ["access_as_user"], authentication: "clientSecret" });`,
                // A provider of the program's own that closes over a module the plan command alone defers.
                `const normalize = require("normalize-package-data");`,
                `const provider = { async create(inputs) { const p = { name: inputs.name, version: "1.0.0" }; normalize(p); return { id: p.name, outs: p }; } };`,
                `new pulumi.dynamic.Resource(provider, "normalized", { name: "orders" });`,
                `exports.clientSecret = connector.clientSecret;`,
            ].join("\n"),
        );
        const packageCli = path.join(root, "dist", "offline", "plan", "cli.js");
        const result = run(
            [packageCli, "plan", "--program", "index.js", "--stack", "dev", "--out", path.join(consumer, "out")],
            consumer,
            path.join(tmp, "consumer.json"),
        );
        expect(result.status, result.stderr).to.equal(0);
        expect(result.stdout).to.contain("+ SecretSlots orders-connector-secret-slots");
        expect(result.stdout).to.contain("normalized");
        // The serializer ran, with the SDK's own modules: a stand-in is no module object to it.
        expect(result.loaded).to.deep.equal({ typescript: true, pacote: true, spdx: true });
    });
});
