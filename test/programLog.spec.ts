// What a program reports through pulumi.log is a plan finding on the resource it names, counted in the plan's header,
// never a console line beside it.
import * as path from "path";
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { runOffline } from "../offline/plan/runOffline";
import { planText } from "../offline/plan/planText";
import { rejectionText } from "../offline/plan/planRejection";
import { devConnectors, projectDir } from "./helpers/devStackConfig";

const PROGRAM = path.join(__dirname, "fixtures", "programs", "programLog.ts");

/** Runs `body` with console.log, console.warn and console.error recorded instead of printed. */
async function quietly<T>(body: () => Promise<T>): Promise<{ value: T; printed: string[] }> {
    const printed: string[] = [];
    const { log, warn, error } = console;
    console.log = console.warn = console.error = (...a: unknown[]) => void printed.push(a.join(" "));
    try {
        return { value: await body(), printed };
    } finally {
        Object.assign(console, { log, warn, error });
    }
}

/** The fixture program planned with one of its cases switched on (`fixture:<name>`). */
const planFixture = (fixtureCase: string) =>
    runOffline({ projectDir, stack: "dev", program: PROGRAM, configOverrides: { [`fixture:${fixtureCase}`]: "true" } });

describe("the program's own log messages in the plan", function () {
    this.timeout(60_000);

    it("a stack connector without an OpenAPI file: its warning is a finding on the connector, counted in the header", async () => {
        const { orders } = devConnectors();
        delete orders.openApiFile;
        const { value: plan, printed } = await quietly(() =>
            runOffline({ projectDir, stack: "dev", configOverrides: { "entra-connectors:connectors": { orders } } }),
        );
        expect(printed).to.deep.equal([]);
        const logged = plan.findings.filter((f) => f.rule === "program");
        expect(logged).to.have.lengthOf(1);
        expect(logged[0]).to.include({
            severity: "warning",
            urn: "urn:pulumi:dev::entra-connectors::entra-connectors:index:PowerPlatformConnector::connector-orders-power-platform",
        });
        expect(logged[0].message).to.match(/^connector "orders": no OpenAPI file, so the connector has no actions yet/);
        const warnings = plan.findings.filter((f) => f.severity === "warning").length;
        expect(planText(plan, {}).split("\n")[0]).to.contain(`0 errors, ${warnings} warning`);
    });

    it("a program's info, warnings and errors keep their resource (or the stack's empty URN); debug stays silent; pulumi.log is restored", async () => {
        const { info, warn, error } = pulumi.log;
        const { value: plan, printed } = await quietly(() => planFixture("fail"));
        expect(printed).to.deep.equal([]);
        expect(plan.findings.filter((f) => f.rule === "program")).to.deep.equal([
            {
                severity: "error",
                rule: "program",
                urn: "urn:pulumi:dev::entra-connectors::fixture:index:Thing::thing",
                message: "the thing cannot be made",
            },
            {
                severity: "info",
                rule: "program",
                urn: "urn:pulumi:dev::entra-connectors::fixture:index:Thing::thing",
                message: "made the thing",
            },
            { severity: "warning", rule: "program", urn: "", message: "about the whole stack" },
            {
                severity: "warning",
                rule: "program",
                urn: "urn:pulumi:dev::entra-connectors::fixture:index:Thing::thing",
                message: "the thing has no owner yet",
            },
        ]);
        expect(pulumi.log.info).to.equal(info);
        expect(pulumi.log.warn).to.equal(warn);
        expect(pulumi.log.error).to.equal(error);
    });

    it("a message about a resource whose URN never resolves is kept on the stack instead of holding the plan", async () => {
        const { value: plan } = await quietly(() => planFixture("pendingUrn"));
        expect(plan.findings.filter((f) => f.message === "about a pending thing")).to.deep.equal([
            { severity: "warning", rule: "program", urn: "", message: "about a pending thing" },
        ]);
    });

    it("a message that is not text is kept as the text the SDK would print", async () => {
        const { value: plan } = await quietly(() => planFixture("oddMessages"));
        const stack = plan.findings.filter((f) => f.rule === "program" && f.urn === "").map((f) => f.message);
        expect(stack).to.include.members(["[object Object]", "undefined", "5"]);
        expect(plan.findings.every((f) => typeof f.message === "string")).to.equal(true);
    });

    it("an error logged before the program throws is shown beside the failure", async () => {
        const { value: err } = await quietly(() =>
            planFixture("errorThenThrow").then(
                () => undefined,
                (e: unknown) => e,
            ),
        );
        expect(rejectionText(err)).to.match(
            /^The program failed:\nboom\n\nFindings before it failed:\n {2}ERROR \[program\] the thing is broken\n$/,
        );
    });
});
