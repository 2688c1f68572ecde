// Careless and hostile values for the plan command's options (--previous, --tenant, --now, --out, --all, argv):
// each is refused with its exit code, names the option and what is wrong, shows no internal error text, does not
// hang and writes nothing.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { execFileSync } from "child_process";
import { expect } from "chai";
import { parsePlanArgs } from "../offline/plan/planArgs";
import { parseAllArgs } from "../offline/plan/planAll";
import { PlanCommandOptions, planCommand } from "../offline/plan/planCli";

const projectDir = path.resolve(__dirname, "..");
const GRAPH = "00000003-0000-0000-c000-000000000000";
const PP_API = "8578e004-a5c6-46e7-913e-12f58912df43";
const A = "11111111-1111-4111-8111-111111111111";
const B = "22222222-2222-4222-8222-222222222222";
const C = "33333333-3333-4333-8333-333333333333";

const INTERNAL = [
    /failed unexpectedly/,
    /\n\s+at [\w.<>]+ \(/,
    /TypeError/,
    /Cannot (read|convert)/,
    /undefined or null/,
    /ZodError/,
    /Maximum call stack/,
];

/** A plan.json-shaped object to break: one password of one app. */
function validPlan(): Record<string, any> {
    const parent = "urn:pulumi:dev::entra-connectors::pulumi:pulumi:Stack::entra-connectors-dev";
    return {
        project: "entra-connectors",
        stack: "dev",
        resources: [
            {
                urn: "urn:pulumi:dev::entra-connectors::azuread:index/applicationPassword:ApplicationPassword::p",
                type: "azuread:index/applicationPassword:ApplicationPassword",
                name: "p",
                parent,
                custom: true,
                protect: false,
                retainOnDelete: false,
                dependencies: [],
                aliases: [],
                inputs: { displayName: "p" },
                outputs: { id: "x", startDate: "2026-01-01T00:00:00Z", endDate: "2026-06-30T00:00:00Z" },
            },
        ],
        outputs: { connectors: { arm: { tenantId: "3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45" } } },
        findings: [],
        waves: 1,
    };
}

interface OptionCase {
    readonly name: string;
    /** What goes into the previous plan file (an object is JSON-encoded; a string is written as is). */
    readonly previous?: unknown;
    readonly tenant?: string;
    readonly now?: string;
    /** Makes the scratch folder's special files; returns options to merge (e.g. a path to a FIFO). */
    readonly setup?: (dir: string) => Partial<PlanCommandOptions>;
    readonly exitCode: 1 | 2;
    /** Text the message must contain: the option, the key path or the argument. */
    readonly names: readonly string[];
}

const mutate = (f: (p: Record<string, any>) => void) => {
    const p = validPlan();
    f(p);
    return p;
};
const res0 = (f: (r: Record<string, any>) => void) => mutate((p) => f(p.resources[0]));

const previousCases: OptionCase[] = [
    {
        name: "previous: not JSON",
        previous: "this is not json",
        exitCode: 1,
        names: ["--previous", "cannot read it as JSON"],
    },
    { name: "previous: an empty file", previous: "", exitCode: 1, names: ["--previous", "cannot read it as JSON"] },
    {
        name: "previous: a BOM then garbage",
        previous: "\ufeff{not json",
        exitCode: 1,
        names: ["--previous", "cannot read it as JSON"],
    },
    { name: "previous: a JSON list", previous: [], exitCode: 1, names: ["--previous", "(top): must be object"] },
    { name: "previous: JSON null", previous: "null", exitCode: 1, names: ["--previous", "(top): must be object"] },
    { name: "previous: a number", previous: "42", exitCode: 1, names: ["--previous", "(top): must be object"] },
    { name: "previous: a string", previous: '"plan"', exitCode: 1, names: ["--previous", "(top): must be object"] },
    { name: "previous: {}", previous: {}, exitCode: 1, names: ['"resources" is missing', '"outputs" is missing'] },
    {
        name: "previous: no resources",
        previous: mutate((p) => delete p.resources),
        exitCode: 1,
        names: ['(top): "resources" is missing'],
    },
    {
        name: "previous: resources null",
        previous: mutate((p) => (p.resources = null)),
        exitCode: 1,
        names: ["resources: must be array"],
    },
    {
        name: "previous: resources {}",
        previous: mutate((p) => (p.resources = {})),
        exitCode: 1,
        names: ["resources: must be array"],
    },
    {
        name: "previous: resources a string",
        previous: mutate((p) => (p.resources = "all")),
        exitCode: 1,
        names: ["resources: must be array"],
    },
    {
        name: "previous: outputs null",
        previous: mutate((p) => (p.outputs = null)),
        exitCode: 1,
        names: ["outputs: must be object"],
    },
    {
        name: "previous: outputs a list",
        previous: mutate((p) => (p.outputs = [])),
        exitCode: 1,
        names: ["outputs: must be object"],
    },
    {
        name: "previous: no findings",
        previous: mutate((p) => delete p.findings),
        exitCode: 1,
        names: ['"findings" is missing'],
    },
    {
        name: "previous: a finding without message",
        previous: mutate((p) => (p.findings = [{ severity: "error" }])),
        exitCode: 1,
        names: ['findings[0]: "message" is missing'],
    },
    {
        name: "previous: negative waves",
        previous: mutate((p) => (p.waves = -1)),
        exitCode: 1,
        names: ["waves: must be >= 0"],
    },
    {
        name: "previous: waves as text",
        previous: mutate((p) => (p.waves = "3")),
        exitCode: 1,
        names: ["waves: must be integer"],
    },
    {
        name: "previous: a numeric project",
        previous: mutate((p) => (p.project = 7)),
        exitCode: 1,
        names: ["project: must be string"],
    },
    {
        name: "previous: stack null",
        previous: mutate((p) => (p.stack = null)),
        exitCode: 1,
        names: ["stack: must be string"],
    },
    {
        name: "previous: a null resource",
        previous: mutate((p) => (p.resources = [null])),
        exitCode: 1,
        names: ["resources[0]: must be object"],
    },
    {
        name: "previous: a numeric resource",
        previous: mutate((p) => (p.resources = [5])),
        exitCode: 1,
        names: ["resources[0]: must be object"],
    },
    {
        name: "previous: a resource without inputs",
        previous: res0((r) => delete r.inputs),
        exitCode: 1,
        names: ['resources[0]: "inputs" is missing'],
    },
    {
        name: "previous: inputs null",
        previous: res0((r) => (r.inputs = null)),
        exitCode: 1,
        names: ["resources[0].inputs: must be object"],
    },
    {
        name: "previous: inputs a list",
        previous: res0((r) => (r.inputs = [])),
        exitCode: 1,
        names: ["resources[0].inputs: must be object"],
    },
    {
        name: "previous: a password without outputs",
        previous: res0((r) => delete r.outputs),
        exitCode: 1,
        names: ['resources[0]: "outputs" is missing'],
    },
    {
        name: "previous: outputs null on a resource",
        previous: res0((r) => (r.outputs = null)),
        exitCode: 1,
        names: ["resources[0].outputs: must be object"],
    },
    {
        name: "previous: a numeric URN",
        previous: res0((r) => (r.urn = 12)),
        exitCode: 1,
        names: ["resources[0].urn: must be string"],
    },
    {
        name: "previous: a URN that is not one",
        previous: res0((r) => (r.urn = "dev::p")),
        exitCode: 1,
        names: ["resources[0].urn: must match pattern"],
    },
    {
        name: "previous: an empty type",
        previous: res0((r) => (r.type = "")),
        exitCode: 1,
        names: ["resources[0].type"],
    },
    {
        name: "previous: no name",
        previous: res0((r) => delete r.name),
        exitCode: 1,
        names: ['resources[0]: "name" is missing'],
    },
    {
        name: "previous: custom as text",
        previous: res0((r) => (r.custom = "yes")),
        exitCode: 1,
        names: ["resources[0].custom: must be boolean"],
    },
    {
        name: "previous: protect null",
        previous: res0((r) => (r.protect = null)),
        exitCode: 1,
        names: ["resources[0].protect: must be boolean"],
    },
    {
        name: "previous: dependencies a string",
        previous: res0((r) => (r.dependencies = "a")),
        exitCode: 1,
        names: ["resources[0].dependencies: must be array"],
    },
    {
        name: "previous: a numeric alias",
        previous: res0((r) => (r.aliases = [1])),
        exitCode: 1,
        names: ["resources[0].aliases[0]: must be string"],
    },
    {
        name: "previous: an import without id",
        previous: res0((r) => (r.import = { updates: [] })),
        exitCode: 1,
        names: ['resources[0].import: "id" is missing'],
    },
    {
        name: "previous: a numeric import id",
        previous: res0((r) => (r.import = { id: 3, updates: [] })),
        exitCode: 1,
        names: ["resources[0].import.id: must be string"],
    },
    {
        name: "previous: one URN twice",
        previous: mutate((p) => p.resources.push({ ...p.resources[0] })),
        exitCode: 1,
        names: ["resources[1].urn", "appears twice"],
    },
    {
        name: "previous: another project's plan",
        previous: mutate((p) => (p.project = "other-project")),
        exitCode: 1,
        names: ['project "other-project", not "entra-connectors"'],
    },
    {
        name: "previous: another stack's plan",
        previous: mutate((p) => (p.stack = "prod")),
        exitCode: 1,
        names: ['stack "prod", not "dev"'],
    },
    {
        name: "previous: another tenant's plan",
        previous: mutate((p) => (p.outputs.connectors.arm.tenantId = A)),
        exitCode: 1,
        names: [`tenant ${A}`, "azuread:tenantId"],
    },
    {
        name: "previous: planned after the simulated time (a clock running backwards)",
        previous: res0((r) => (r.outputs.startDate = "2027-01-01T00:00:00Z")),
        exitCode: 1,
        names: ["planned at 2027-01-01T00:00:00Z", "--now 2027-01-01T00:00:00Z or later"],
    },
    {
        name: "previous: a FIFO (would block for ever)",
        setup: (dir) => {
            execFileSync("mkfifo", [path.join(dir, "fifo")]);
            return { previous: path.join(dir, "fifo") };
        },
        exitCode: 1,
        names: ["--previous", "not a regular file"],
    },
    {
        name: "previous: a folder",
        setup: (dir) => ({ previous: dir }),
        exitCode: 1,
        names: ["--previous", "is a folder"],
    },
    {
        name: "previous: /dev/zero",
        setup: () => ({ previous: "/dev/zero" }),
        exitCode: 1,
        names: ['--previous "/dev/zero" is not a regular file'],
    },
    {
        name: "previous: a missing file",
        setup: (dir) => ({ previous: path.join(dir, "nope.json") }),
        exitCode: 1,
        names: ["--previous", "does not exist"],
    },
    {
        name: "previous: a file over the size cap",
        setup: (dir) => {
            const file = path.join(dir, "huge.json");
            fs.writeFileSync(file, "");
            fs.truncateSync(file, 65 * 1024 * 1024);
            return { previous: file };
        },
        exitCode: 1,
        names: ["--previous", "it is read up to 64 MB"],
    },
];

const tenantFile = (text: string) => text;
const tenantCases: OptionCase[] = [
    {
        name: "tenant: a FIFO",
        setup: (dir) => {
            execFileSync("mkfifo", [path.join(dir, "tfifo")]);
            return { tenant: path.join(dir, "tfifo") };
        },
        exitCode: 1,
        names: ["--tenant", "not a regular file"],
    },
    {
        name: "tenant: /dev/zero",
        setup: () => ({ tenant: "/dev/zero" }),
        exitCode: 1,
        names: ['--tenant "/dev/zero" is not a regular file'],
    },
    {
        name: "tenant: a folder",
        setup: (dir) => ({ tenant: dir }),
        exitCode: 1,
        names: ["--tenant", "is a folder, not a file"],
    },
    {
        name: "tenant: a missing file",
        setup: (dir) => ({ tenant: path.join(dir, "none.yaml") }),
        exitCode: 1,
        names: ["--tenant", "does not exist"],
    },
    {
        name: "tenant: a file over the size cap",
        setup: (dir) => {
            const file = path.join(dir, "huge.yaml");
            fs.writeFileSync(file, "");
            fs.truncateSync(file, 11 * 1024 * 1024);
            return { tenant: file };
        },
        exitCode: 1,
        names: ["--tenant", "it is read up to 10 MB"],
    },
    {
        name: "tenant: not YAML",
        tenant: tenantFile("servicePrincipals: [\n"),
        exitCode: 1,
        names: ["is not valid YAML or JSON"],
    },
    { name: "tenant: a list", tenant: tenantFile("- a\n- b\n"), exitCode: 1, names: ["(top)"] },
    { name: "tenant: a string", tenant: tenantFile("hello\n"), exitCode: 1, names: ["(top)"] },
    {
        name: "tenant: an unknown top-level key",
        tenant: tenantFile("principals: []\n"),
        exitCode: 1,
        names: ["principals"],
    },
    {
        name: "tenant: __proto__ at the top",
        tenant: tenantFile("__proto__: { deployer: {} }\n"),
        exitCode: 1,
        names: ["__proto__", "is not allowed"],
    },
    {
        name: "tenant: __proto__ inside a scope map",
        tenant: tenantFile(`servicePrincipals:\n  - appId: ${A}\n    scopes:\n      __proto__: ${B}\n`),
        exitCode: 1,
        names: ["servicePrincipals.0.scopes.__proto__"],
    },
    {
        name: "tenant: a constructor key",
        tenant: tenantFile(`deployer:\n  constructor: x\n`),
        exitCode: 1,
        names: ["deployer.constructor"],
    },
    {
        name: "tenant: an appId that is not a GUID",
        tenant: tenantFile("servicePrincipals:\n  - appId: graph\n"),
        exitCode: 1,
        names: ["servicePrincipals.0.appId", "GUID"],
    },
    {
        name: "tenant: one appId with two object ids",
        tenant: tenantFile(
            `servicePrincipals:\n  - { appId: ${A}, objectId: ${B} }\n  - { appId: ${A}, objectId: ${C} }\n`,
        ),
        exitCode: 1,
        names: ["servicePrincipals.1.appId", "servicePrincipals.0.appId", "another objectId"],
    },
    {
        name: "tenant: one appId listed twice",
        tenant: tenantFile(
            `servicePrincipals:\n  - { appId: ${A}, objectId: ${B} }\n  - { appId: ${A.toUpperCase()}, objectId: ${B} }\n`,
        ),
        exitCode: 1,
        names: ["servicePrincipals.1.appId", "listed twice"],
    },
    {
        name: "tenant: one application clientId with two object ids",
        tenant: tenantFile(
            `applications:\n  - { objectId: ${B}, clientId: ${A}, displayName: x }\n  - { objectId: ${C}, clientId: ${A}, displayName: y }\n`,
        ),
        exitCode: 1,
        names: ["applications.1.clientId", "another objectId"],
    },
    {
        name: "tenant: one application objectId with two client ids",
        tenant: tenantFile(
            `applications:\n  - { objectId: ${B}, clientId: ${A}, displayName: x }\n  - { objectId: ${B}, clientId: ${C}, displayName: y }\n`,
        ),
        exitCode: 1,
        names: ["applications.1.objectId", "another clientId"],
    },
    {
        name: "tenant: Microsoft Graph as a customer app registration",
        tenant: tenantFile(`applications:\n  - { objectId: ${B}, clientId: ${GRAPH}, displayName: Graph }\n`),
        exitCode: 1,
        names: ["applications.0.clientId", 'first-party app "Microsoft Graph"', "servicePrincipals"],
    },
    {
        name: "tenant: Power Platform API as a customer app registration",
        tenant: tenantFile(`applications:\n  - { objectId: ${B}, clientId: ${PP_API}, displayName: PP }\n`),
        exitCode: 1,
        names: ["applications.0.clientId", "first-party app"],
    },
    {
        name: "tenant: a grant whose client is not listed",
        tenant: tenantFile(
            `grants:\n  - { id: abcdefghijklmnopqrstuv, clientAppId: ${A}, resourceAppId: ${GRAPH}, scopes: [User.Read] }\n`,
        ),
        exitCode: 1,
        names: ["grants.0.clientAppId", "has no entry under servicePrincipals"],
    },
    {
        name: "tenant: a Principal grant without principalId",
        tenant: tenantFile(
            `servicePrincipals:\n  - { appId: ${A} }\ngrants:\n  - { id: abcdefghijklmnopqrstuv, clientAppId: ${A}, resourceAppId: ${GRAPH}, consentType: Principal, scopes: [User.Read] }\n`,
        ),
        exitCode: 1,
        names: ["grants.0", "principalId is required"],
    },
    {
        name: "tenant: a grant id too short",
        tenant: tenantFile(
            `grants:\n  - { id: abc, clientAppId: ${GRAPH}, resourceAppId: ${GRAPH}, scopes: [User.Read] }\n`,
        ),
        exitCode: 1,
        names: ["grants.0.id"],
    },
    {
        name: "tenant: a grant without scopes",
        tenant: tenantFile(
            `grants:\n  - { id: abcdefghijklmnopqrstuv, clientAppId: ${GRAPH}, resourceAppId: ${GRAPH}, scopes: [] }\n`,
        ),
        exitCode: 1,
        names: ["grants.0.scopes"],
    },
    {
        name: "tenant: an unknown deployer permission",
        tenant: tenantFile("deployer:\n  permission: Directory.ReadWrite.All\n"),
        exitCode: 1,
        names: ["deployer.permission"],
    },
    {
        name: "tenant: an application without displayName",
        tenant: tenantFile(`applications:\n  - { objectId: ${B}, clientId: ${A} }\n`),
        exitCode: 1,
        names: ["applications.0.displayName"],
    },
    {
        name: "tenant: owners that are not GUIDs",
        tenant: tenantFile(`applications:\n  - { objectId: ${B}, clientId: ${A}, displayName: x, owners: [me] }\n`),
        exitCode: 1,
        names: ["applications.0.owners.0"],
    },
];

const nowCases: OptionCase[] = [
    ["2026-02-30", "is not a day of the calendar"],
    ["2025-02-29", "is not a day of the calendar"],
    ["2026-04-31", "is not a day of the calendar"],
    ["2026-13-01", "--now"],
    ["2026-00-10", "--now"],
    ["2026-07-00", "--now"],
    ["9999-12-31", "would not be RFC 3339 dates"],
    ["9998-06-01", "would not be RFC 3339 dates"],
    ["1969-12-31", "outside 1970-01-01"],
    ["2026-07-01T25:00:00Z", "--now"],
    ["2026-07-01T12:60:00Z", "--now"],
    ["2026-07-01T12:00:61Z", "--now"],
    ["tomorrow", "not an ISO 8601 date"],
    ["2026/07/01", "not an ISO 8601 date"],
    ["20260701", "not an ISO 8601 date"],
    ["2026-07-01T12:00:00", "not an ISO 8601 date"],
].map(([now, why]) => ({ name: `now: ${now}`, now, exitCode: 1 as const, names: [`--now "${now}"`, why] }));

const outCases: OptionCase[] = [
    {
        name: "out: below a file",
        setup: (dir) => {
            fs.writeFileSync(path.join(dir, "afile"), "x");
            return { out: path.join(dir, "afile", "plans") };
        },
        exitCode: 2,
        names: ["--out", "which is a file, not a folder"],
    },
    {
        name: "out: two levels below a file",
        setup: (dir) => {
            fs.writeFileSync(path.join(dir, "bfile"), "x");
            return { out: path.join(dir, "bfile", "a", "b") };
        },
        exitCode: 2,
        names: ["--out", "which is a file"],
    },
    {
        name: "out: an existing file",
        setup: (dir) => {
            fs.writeFileSync(path.join(dir, "cfile"), "x");
            return { out: path.join(dir, "cfile") };
        },
        exitCode: 2,
        names: ["--out", "is not a folder"],
    },
    {
        name: "out: a symbolic link to a file",
        setup: (dir) => {
            fs.writeFileSync(path.join(dir, "dfile"), "x");
            fs.symlinkSync(path.join(dir, "dfile"), path.join(dir, "dlink"));
            return { out: path.join(dir, "dlink") };
        },
        exitCode: 2,
        names: ["--out", "is not a folder"],
    },
    {
        name: "out: <out>/<stack> is a file",
        setup: (dir) => {
            fs.mkdirSync(path.join(dir, "o1"));
            fs.writeFileSync(path.join(dir, "o1", "dev"), "x");
            return { out: path.join(dir, "o1") };
        },
        exitCode: 2,
        names: ["is not a plan folder"],
    },
    {
        name: "out: <out>/<stack> is a folder without plan.json",
        setup: (dir) => {
            fs.mkdirSync(path.join(dir, "o2", "dev"), { recursive: true });
            fs.writeFileSync(path.join(dir, "o2", "dev", "notes.txt"), "mine");
            return { out: path.join(dir, "o2") };
        },
        exitCode: 2,
        names: ["is not a plan folder"],
    },
    {
        name: "out: the project's parent",
        setup: () => ({
            out: path.dirname(projectDir),
            stack: path.basename(projectDir),
            configFile: path.join(projectDir, "Pulumi.dev.yaml"),
        }),
        exitCode: 2,
        names: ["holds the project itself"],
    },
    {
        name: "fail-on-replace without previous",
        setup: () => ({ failOnReplace: true }),
        exitCode: 2,
        names: ["--fail-on-replace needs --previous"],
    },
];

describe("plan options corpus: --previous, --tenant, --now, --out", function () {
    this.timeout(20_000);
    let tmp: string;
    before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-options-"))));
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    const all = [...previousCases, ...tenantCases, ...nowCases, ...outCases];
    it("has unique case names, and at least 100 cases with the argument corpus below", () => {
        expect(new Set(all.map((c) => c.name)).size).to.equal(all.length);
        expect(all.length + ARGV_CASES.length + ALL_CASES.length).to.be.at.least(100);
    });

    for (const c of all) {
        it(c.name, async function () {
            this.timeout(5_000); // a FIFO or /dev/zero read would hang or run out of memory: it must be refused at once
            const dir = fs.mkdtempSync(path.join(tmp, "case-"));
            const options: PlanCommandOptions = { stack: "dev", out: path.join(dir, "out") };
            const extra: { -readonly [K in keyof PlanCommandOptions]?: PlanCommandOptions[K] } = {};
            if (c.previous !== undefined) {
                const file = path.join(dir, "plan.json");
                fs.writeFileSync(file, typeof c.previous === "string" ? c.previous : JSON.stringify(c.previous));
                extra.previous = file;
            }
            if (c.tenant !== undefined) {
                const file = path.join(dir, "tenant.yaml");
                fs.writeFileSync(file, c.tenant);
                extra.tenant = file;
            }
            if (c.now !== undefined) extra.now = c.now;
            Object.assign(extra, c.setup?.(dir));
            const before = fs.readdirSync(dir).sort();
            const result = await planCommand(projectDir, { ...options, ...extra });
            expect(result.exitCode, result.text).to.equal(c.exitCode);
            for (const n of c.names) expect(result.text, result.text).to.include(n);
            expect(result.text, "says how to fix it").to.match(/Fix:/);
            for (const re of INTERNAL) expect(result.text, "no internal error text").not.to.match(re);
            expect(fs.readdirSync(dir).sort(), "nothing written").to.deep.equal(before);
        });
    }
});

/** argv of `npm run plan -- ...` that are usage errors (exit 2), and what the message must name. */
const ARGV_CASES: readonly [string[], string][] = [
    [["--stack", "dev", "--fail-on-replace"], "--fail-on-replace needs --previous"],
    [["--stak", "dev"], "--stak"],
    [["dev"], "dev"],
    [["--stack", ""], "--stack is required"],
    [["--stack", "../x"], '--stack "../x"'],
    [["--stack", "a/b"], '--stack "a/b"'],
    [["--stack", "."], '--stack "."'],
    [["--stack", ".."], '--stack ".."'],
    [["--stack", "x".repeat(101)], "1-100 letters"],
    [["--stack", "dev", "--out", ""], "--out needs a value"],
    [["--stack", "dev", "--previous", ""], "--previous needs a value"],
    [["--stack", "dev", "--tenant", ""], "--tenant needs a value"],
    [["--stack", "dev", "--now", ""], "--now needs a value"],
    [["--stack", "dev", "--config-file", ""], "--config-file needs a value"],
    [["--stack", "dev", "-x"], "-x"],
    [["--stack", "dev", "--details=yes"], "--details"],
    [["--stack", "dev", "--out"], "--out"],
    [["--stack"], "--stack"],
];

describe("plan argv corpus: usage errors exit 2 and name the argument", () => {
    for (const [argv, named] of ARGV_CASES) {
        it(`npm run plan -- ${argv.map((a) => (a.length > 20 ? `${a.slice(0, 8)}...` : a)).join(" ") || "(nothing)"}`, () => {
            const parsed = parsePlanArgs(argv);
            expect(parsed.kind).to.equal("usage-error");
            const message = (parsed as { message: string }).message;
            expect(message).to.include(named);
            for (const re of INTERNAL) expect(message).not.to.match(re);
        });
    }
});

/** argv of `npm run plan -- --all ...` that are usage errors (exit 2 in planAllCommand). */
const ALL_CASES: readonly [string[], string][] = [
    [["--all", "--json"], "--json"],
    [["--all", "--stack", "dev"], "--stack"],
    [["--all", "--previous", "/nonexistent/plans"], "does not exist"],
    [["--all", "--previous", __filename], "is not a folder"],
    [["--all", "--out", ""], "--out needs a value"],
    [["--all", "--previous="], "--previous needs a value"],
    [["--all", "plans"], "plans"],
    [["--all", "--fail-on-replace"], "--fail-on-replace"],
    [["--all", "--out"], "--out"],
    [["--all", "--tenant", "t.yaml"], "--tenant"],
];

describe("plan --all argv corpus", () => {
    for (const [argv, named] of ALL_CASES) {
        it(`npm run plan -- ${argv.join(" ")}`, () => {
            const parsed = parseAllArgs(argv);
            expect("problem" in parsed, JSON.stringify(parsed)).to.equal(true);
            const problem = (parsed as { problem: string }).problem;
            expect(problem).to.include(named);
            for (const re of INTERNAL) expect(problem).not.to.match(re);
        });
    }

    it("accepts --out=<dir> and --previous=<dir> in the = form, as the single-stack command does", () => {
        const parsed = parseAllArgs(["--all", `--out=${os.tmpdir()}/x`, `--previous=${os.tmpdir()}`]);
        expect(parsed).to.deep.equal({
            options: { out: path.resolve(os.tmpdir(), "x"), previousDir: path.resolve(os.tmpdir()) },
        });
    });
});
