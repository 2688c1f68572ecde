// examples/typescript: a user's own program importing the package by name, planned under the offline simulator.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import { powerPlatformSubject } from "../../entra/powerPlatformSubject";
import { runOffline, Plan, ProgramError } from "../../offline/plan/runOffline";
import { buildLibrary, EXAMPLE_TS, linkExampleToPackage } from "../helpers/library";
import { planQueries, T } from "../helpers/planQueries";
import { docPage, docSection } from "../helpers/docs";

const PROGRAM = path.join(EXAMPLE_TS, "index.ts");

describe("examples/typescript (the package used from your own program)", function () {
    this.timeout(120_000);
    let plan: Plan;
    const q = planQueries(() => plan);

    before(async () => {
        buildLibrary();
        linkExampleToPackage();
        plan = await runOffline({ projectDir: EXAMPLE_TS, stack: "dev", program: PROGRAM });
    });

    it("imports entra-connectors by package name, not by a relative path", () => {
        const source = fs.readFileSync(PROGRAM, "utf8");
        expect(source).to.match(/from "entra-connectors";/);
        expect(source).to.not.match(/from "\.\.?\//);
        // The name resolves to the built entry the package exports, as it does for an installed dependency.
        expect(require.resolve("entra-connectors", { paths: [EXAMPLE_TS] })).to.equal(
            path.join(fs.realpathSync(path.join(EXAMPLE_TS, "..", "..")), "dist", "components", "index.js"),
        );
    });

    it("type-checks against the package's published declarations (dist/components/index.d.ts), as a user's tsc would", () => {
        const tsc = require.resolve("typescript/bin/tsc");
        // Throws with tsc's diagnostics on stdout when the example and the declarations disagree.
        execFileSync(process.execPath, [tsc, "--noEmit", "-p", path.join(EXAMPLE_TS, "tsconfig.json")], {
            cwd: EXAMPLE_TS,
            encoding: "utf8",
        });
    });

    it("plans with no error finding", () => {
        expect(plan.findings.filter((f) => f.severity === "error")).to.deep.equal([]);
    });

    it("builds a protected API, a secret connector and a managed-identity connector as components", () => {
        const api = q.component("entra-connectors:index:ProtectedApi", "orders-api");
        expect(q.descendants(api).map((r) => r.type)).to.include.members([
            T.app,
            T.identifierUri,
            T.scope,
            T.sp,
            T.owner,
        ]);
        const orders = q.component("entra-connectors:index:ConnectorClient", "orders-connector");
        expect(q.descendants(orders).filter((r) => r.type === T.password)).to.have.length(2);
        expect(q.descendants(orders).filter((r) => r.type === T.preAuthorized)).to.have.length(1);
        const graph = q.component("entra-connectors:index:ConnectorClient", "graph-connector");
        expect(q.descendants(graph).filter((r) => r.type === T.password)).to.deep.equal([]);
        expect(q.descendants(graph).filter((r) => r.type === T.grant)).to.have.length(1);
    });

    it("exports each connector's security settings, and the secret only as a secret", () => {
        const orders = plan.outputs.ordersSettings as Record<string, unknown>;
        expect(orders).to.include({
            identityProvider: "Azure Active Directory",
            secretOption: "Use client secret",
            tenantId: "3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45",
        });
        expect(orders.resourceUrl).to.match(/^api:\/\//);
        const graph = plan.outputs.graphSettings as Record<string, unknown>;
        expect(graph).to.include({
            secretOption: "Use managed identity",
            resourceUrl: "https://graph.microsoft.com/",
            scope: "User.Read",
        });
        expect(plan.outputs.ordersClientSecret).to.equal("[secret]");
    });

    it("adds the federated credential on the second pass, when the subject is set", async () => {
        const subject = powerPlatformSubject(
            "3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45",
            "58e835ab-2e39-46a9-b797-accce6633447",
            "shared_graph-20profile",
        );
        const second = await runOffline({
            projectDir: EXAMPLE_TS,
            stack: "dev",
            program: PROGRAM,
            configOverrides: { "entra-connectors-example:graphSubject": subject },
        });
        const fic = second.resources.filter((r) => r.type === T.fic);
        expect(fic).to.have.length(1);
        expect(fic[0].inputs.subject).to.equal(subject);
    });

    it("fails with one message naming the component and the argument when a subject is from another tenant", async () => {
        const foreign = powerPlatformSubject(
            "11111111-2222-4333-8444-555555555555",
            "58e835ab-2e39-46a9-b797-accce6633447",
            "shared_graph",
        );
        const err = await runOffline({
            projectDir: EXAMPLE_TS,
            stack: "dev",
            program: PROGRAM,
            configOverrides: { "entra-connectors-example:graphSubject": foreign },
        }).then(
            () => undefined,
            (e: unknown) => e,
        );
        expect(err).to.be.instanceOf(ProgramError);
        const message = (err as ProgramError).message;
        expect(message).to.match(
            /^ConnectorClient "graph-connector" has invalid arguments; nothing was created:\n {2}- args\.federatedSubject .*belongs to tenant 11111111-2222-4333-8444-555555555555/,
        );
        expect(message.split("\n")).to.have.length(2);
        // docs/library.md shows this very message.
        expect(docPage("library")).to.contain("```\n" + message + "\n```");
    });

    it("is the code docs/library.md shows", () => {
        const section = docSection(docPage("library"), "## The package");
        expect(section).to.contain("```typescript\n" + fs.readFileSync(PROGRAM, "utf8") + "```");
    });
});
