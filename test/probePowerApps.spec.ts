// The live probe's steps and exit codes, run in process against the loopback fake.
import { expect } from "chai";
import { probe } from "../scripts/probePowerApps";
import { startFakePowerApps, type FakePowerApps } from "./helpers/fakePowerApps";

const ENV_ID = "Default-72f988bf-86f1-41af-91ab-2d7cd011db47";

describe("probe:power-apps", () => {
    let fake: FakePowerApps;
    let env: NodeJS.ProcessEnv;
    beforeEach(async () => {
        fake = await startFakePowerApps({ environments: [ENV_ID] });
        env = { ENTRA_CONNECTORS_POWERAPPS_URL: fake.url, ENTRA_CONNECTORS_POWERAPPS_TOKEN: fake.token };
    });
    afterEach(() => fake.close());

    it("reports every step ok, deletes the connector and exits 0", async () => {
        const result = await probe(["--environment", ENV_ID], env);
        expect(result.lines.map((l) => l.split(":")[0])).to.deep.equal([
            "create",
            "patch secret",
            "read redirect URL",
            "delete",
        ]);
        expect(result.lines.every((l) => /: ok/.test(l))).to.equal(true, result.lines.join("\n"));
        expect(result.exitCode).to.equal(0);
        expect(fake.requests.map((r) => r.method)).to.deep.equal(["POST", "GET", "PATCH", "GET", "DELETE"]);
        expect(fake.connectors.size).to.equal(0);
        const patch = fake.requests[2]!.body as {
            properties: { connectionParameters: { token: { oAuthSettings: { clientSecret: string } } } };
        };
        const secret = patch.properties.connectionParameters.token.oAuthSettings.clientSecret;
        expect(secret).to.be.a("string").and.not.equal("");
        expect(result.lines.join("\n")).not.to.contain(secret);
    });

    it("reports a 403 on create with the status and the error message, and exits 1", async () => {
        fake.fail({ method: "POST", status: 403, message: "Forbidden for this principal" });
        const result = await probe(["--environment", ENV_ID], env);
        expect(result.exitCode).to.equal(1);
        expect(result.lines).to.have.length(1);
        expect(result.lines[0]).to.match(/^create: failed \(HTTP 403\)/);
        expect(result.lines[0]).to.contain("Environment Maker role");
        expect(fake.requests.map((r) => r.method)).to.deep.equal(["POST"]);
    });

    it("exits 2 with usage for a missing or invalid --environment, without calling the API", async () => {
        const missing = await probe([], env);
        expect(missing.exitCode).to.equal(2);
        expect(missing.lines[0]).to.contain("--environment is required");
        const invalid = await probe(["--environment", "not-an-id"], env);
        expect(invalid.exitCode).to.equal(2);
        expect(invalid.lines[0]).to.contain('--environment "not-an-id" is not an environment id');
        expect(fake.requests).to.have.length(0);
    });
});
