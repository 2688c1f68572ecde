// A stack plan shows a placeholder for a dynamic resource's provider, so it does not serialize it; the testing entry does.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import { ClientSecret } from "../components";
import { SECRET_SLOTS_TYPE } from "../components/secretSlots";
import { generatedStackYaml } from "../offline/tools/generatedStack";
import { DYNAMIC_PROVIDER_PLACEHOLDER } from "../offline/simulator/recordingMonitor";
import { runOffline } from "../offline/plan/runOffline";
import { setEntraMocks } from "../offline/simulator/testing";

const serializeClosure = require("@pulumi/pulumi/runtime/closure/serializeClosure");

const projectDir = path.resolve(__dirname, "..");

describe("dynamic providers: a stack plan does not serialize them, the testing entry does", function () {
    this.timeout(60_000);
    let dir: string;
    let serializeFunction: (...args: unknown[]) => Promise<unknown>;
    let calls: number;

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-providers-"));
        fs.writeFileSync(path.join(dir, "Pulumi.generated-2.yaml"), generatedStackYaml(2));
        serializeFunction = serializeClosure.serializeFunction;
        calls = 0;
        serializeClosure.serializeFunction = (...args: unknown[]) => {
            calls++;
            return serializeFunction(...args);
        };
    });
    after(() => {
        serializeClosure.serializeFunction = serializeFunction;
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("plans client-secret rotation with the placeholder as __provider, never calling the serializer, and restores it", async () => {
        const counting = serializeClosure.serializeFunction;
        const plan = await runOffline({
            projectDir,
            stack: "generated-2",
            configFile: path.join(dir, "Pulumi.generated-2.yaml"),
        });
        const slots = plan.resources.filter((r) => r.type === SECRET_SLOTS_TYPE);
        expect(slots).to.have.length(1);
        expect(slots[0].inputs.__provider).to.equal(DYNAMIC_PROVIDER_PLACEHOLDER);
        expect(calls).to.equal(0);
        expect(serializeClosure.serializeFunction).to.equal(counting);
    });

    it("a program under the testing entry afterwards still gets the provider serialized (no placeholder kept in the runtime's cache)", async () => {
        const entra = setEntraMocks({ stack: "after-plan" });
        new ClientSecret("after-plan-secret", { applicationId: "/applications/00000000-0000-4000-8000-000000000001" });
        const [slots] = entra.ofType(await entra.resources(), SECRET_SLOTS_TYPE);
        expect(entra.providerCodeOf(slots)).to.be.a("string").and.contain("plannedRotationState");
    });
});
