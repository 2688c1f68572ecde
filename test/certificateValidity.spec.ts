// A self-signed certificate keeps the validity it was issued with on later deployments, until it is re-issued.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import { parse } from "yaml";
import { planCommand } from "../offline/plan/planCli";
import { destructiveChanges, diffPlans, PROVIDER_REISSUE, ResourceChange } from "../offline/plan/planDiff";
import { Plan, runOffline } from "../offline/plan/runOffline";
import { RecordedResource } from "../offline/simulator/recordingMonitor";
import { T } from "./helpers/planQueries";
import { plannedStack } from "./helpers/plannedStacks";

const projectDir = path.resolve(__dirname, "..");
const CLIENTS = "entra-connectors:powerPlatformApiClients";
const clients = (): Record<string, any> =>
    parse(fs.readFileSync(path.join(projectDir, "Pulumi.dev.yaml"), "utf8")).config[CLIENTS];
const FIRST_NOW = "2026-01-01T00:00:00Z"; // what a plan without --now simulates
const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.000Z$/, "Z");

/** The dev stack's only certificate pair: the tls certificate and the app credential made from it. */
function certificates(plan: Plan): { cert: RecordedResource; credential: RecordedResource } {
    const one = (type: string) => {
        const found = plan.resources.filter((r) => r.type === type);
        expect(found, type).to.have.length(1);
        return found[0];
    };
    return { cert: one(T.selfSignedCert), credential: one(T.certificate) };
}

const changeOf = (changes: ResourceChange[], r: RecordedResource) => changes.find((c) => c.urn === r.urn)!;

describe("self-signed certificate validity across deployments", function () {
    this.timeout(120_000);
    let first: Plan;
    let tmp: string;
    let previousFile: string;

    before(async () => {
        first = await plannedStack("dev");
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-cert-"));
        previousFile = path.join(tmp, "plan.json");
        fs.writeFileSync(previousFile, JSON.stringify(first));
    });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("a first deployment issues the certificate at now for the configured validity, and the credential ends with it", async () => {
        const days = clients().pipeline.certificateValidityDays as number;
        for (const now of [FIRST_NOW, "2026-05-05T12:00:00Z"]) {
            const plan = now === FIRST_NOW ? first : await runOffline({ projectDir, stack: "dev", now });
            const { cert, credential } = certificates(plan);
            expect(cert.outputs.validityStartTime, now).to.equal(now);
            expect(cert.outputs.validityEndTime, now).to.equal(iso(Date.parse(now) + days * DAY_MS));
            expect(credential.inputs.endDate, now).to.equal(cert.outputs.validityEndTime);
        }
    });

    for (const [when, now] of [
        ["a month later", "2026-02-01T00:00:00Z"],
        ["eleven months later, still within its validity", "2026-12-15T00:00:00Z"],
    ] as const) {
        it(`${when}, the certificate and its app credential are unchanged and replace nothing`, async () => {
            const next = await runOffline({ projectDir, stack: "dev", previous: first, now });
            const before = certificates(first);
            const after = certificates(next);
            for (const k of ["id", "certPem", "validityStartTime", "validityEndTime"])
                expect(after.cert.outputs[k], k).to.equal(before.cert.outputs[k]);
            expect(after.credential.inputs.endDate).to.equal(before.credential.inputs.endDate);
            const changes = diffPlans(first, next);
            expect(changeOf(changes, after.cert).kind).to.equal("same");
            expect(changeOf(changes, after.credential).kind).to.equal("same");
            // Later on, the secret slots' planned renewals replace older passwords (their rotation schedules re-created
            // by the time provider); nothing else may be replaced.
            const destructive = destructiveChanges(changes);
            expect(
                destructive.filter((c) => !c.renewal && c.type !== "time:index/rotating:Rotating").map((c) => c.name),
            ).to.deep.equal([]);
        });
    }

    it("--fail-on-replace does not trip on a plan a month after the first deployment", async () => {
        const result = await planCommand(projectDir, {
            stack: "dev",
            out: path.join(tmp, "month"),
            previous: previousFile,
            now: "2026-02-01T00:00:00Z",
            failOnReplace: true,
        });
        expect(result.exitCode, result.text).to.equal(0);
        expect(result.text).to.not.match(/ApplicationCertificate \S+ \(replace/);
    });

    it("a client renamed with previousName a month later keeps its certificate and credential", async () => {
        const c = clients();
        c.automation = { ...c.pipeline, previousName: "pipeline" };
        delete c.pipeline;
        const next = await runOffline({
            projectDir,
            stack: "dev",
            previous: first,
            now: "2026-02-01T00:00:00Z",
            configOverrides: { [CLIENTS]: c },
        });
        const before = certificates(first);
        const after = certificates(next);
        expect(after.cert.outputs.validityEndTime).to.equal(before.cert.outputs.validityEndTime);
        expect(after.credential.inputs.endDate).to.equal(before.credential.inputs.endDate);
        const destructive = destructiveChanges(diffPlans(first, next));
        expect(destructive.filter((d) => d.type === T.certificate || d.type === T.selfSignedCert)).to.deep.equal([]);
    });

    it("a changed validity re-issues the certificate from now, with a new PEM", async () => {
        const c = clients();
        c.pipeline.certificateValidityDays = 200;
        const now = "2026-02-01T00:00:00Z";
        const next = await runOffline({
            projectDir,
            stack: "dev",
            previous: first,
            now,
            configOverrides: { [CLIENTS]: c },
        });
        const { cert, credential } = certificates(next);
        expect(cert.outputs.validityStartTime).to.equal(now);
        expect(cert.outputs.validityEndTime).to.equal(iso(Date.parse(now) + 200 * DAY_MS));
        expect(cert.outputs.certPem).to.not.equal(certificates(first).cert.outputs.certPem);
        expect(changeOf(diffPlans(first, next), credential).replaceReasons).to.include("endDate");
    });

    it("once the certificate has expired, the next deployment re-issues it from now (ready_for_renewal)", async () => {
        const expired = Date.parse(certificates(first).cert.outputs.validityEndTime as string);
        const now = iso(expired + DAY_MS);
        const next = await runOffline({ projectDir, stack: "dev", previous: first, now });
        const { cert, credential } = certificates(next);
        expect(cert.outputs.validityStartTime).to.equal(now);
        // The plan shows the certificate itself replaced, as the provider's plan does (ready_for_renewal).
        const change = changeOf(diffPlans(first, next), cert);
        expect([change.kind, change.replaceReasons]).to.deep.equal(["replace", [PROVIDER_REISSUE]]);
        expect(credential.inputs.endDate).to.equal(
            iso(expired + DAY_MS + clients().pipeline.certificateValidityDays * DAY_MS),
        );
        // The last instant before expiry still keeps it: early_renewal_hours defaults to 0.
        const last = await runOffline({ projectDir, stack: "dev", previous: first, now: iso(expired - 1000) });
        expect(certificates(last).cert.outputs.validityStartTime).to.equal(FIRST_NOW);
    });
});
