// The GitHub Actions workflows: valid against GitHub's workflow schema (offline), and the project's delivery rules:
// secretless OIDC deploys dev -> test -> prod behind environments, a credential-free pull-request check, no
// secret values anywhere, and only npm scripts and stack files that exist.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { expect } from "chai";
import { parse, stringify } from "yaml";
import { planCommand } from "../offline/planCli";

type ActionValidator = typeof import("@action-validator/core");
type Yaml = Record<string, any>;

const projectDir = path.resolve(__dirname, "..");
const workflowDir = path.join(projectDir, ".github", "workflows");
const PR_FILE = "pull-request.yml";
const DEPLOY_FILE = "deploy.yml";
const ENVIRONMENTS = ["dev", "test", "prod"];
/** The only secret a workflow may reference: a Pulumi Cloud token (state backend), never an Azure credential. */
const ALLOWED_SECRETS = ["PULUMI_ACCESS_TOKEN"];

const text = (file: string) => fs.readFileSync(path.join(workflowDir, file), "utf8");
const workflow = (file: string): Yaml => parse(text(file));
const scripts: Record<string, string> = JSON.parse(fs.readFileSync(path.join(projectDir, "package.json"), "utf8")).scripts;

/** Every string (keys and values) in a parsed YAML document, with its path. */
function strings(node: unknown, at = "$"): Array<{ at: string; value: string }> {
    if (typeof node === "string") return [{ at, value: node }];
    if (Array.isArray(node)) return node.flatMap((v, i) => strings(v, `${at}[${i}]`));
    if (node && typeof node === "object") {
        return Object.entries(node).flatMap(([k, v]) => [{ at: `${at}.${k} (key)`, value: k }, ...strings(v, `${at}.${k}`)]);
    }
    return [];
}

function steps(job: Yaml): Yaml[] {
    return (job.steps ?? []) as Yaml[];
}

function runs(doc: Yaml): string[] {
    return Object.values(doc.jobs as Record<string, Yaml>).flatMap((job) => steps(job).map((s) => s.run).filter((r): r is string => typeof r === "string"));
}

function usesOf(job: Yaml, action: string): Yaml[] {
    return steps(job).filter((s) => typeof s.uses === "string" && s.uses.split("@")[0].toLowerCase() === action);
}

function indexOf(job: Yaml, predicate: (s: Yaml) => boolean): number {
    return steps(job).findIndex(predicate);
}

/** The npm scripts a shell line runs: `npm run <x>`, `npm run-script <x>`, `npm test`, `npm start`. */
function npmScripts(line: string): string[] {
    const found: string[] = [];
    for (const m of line.matchAll(/\bnpm\s+(?:run|run-script)\s+((?:--?[\w-]+(?:=\S+)?\s+)*)([\w:.-]+)/g)) found.push(m[2]);
    for (const m of line.matchAll(/\bnpm\s+(test|start)\b/g)) found.push(m[1]);
    return found;
}

/** Values that look like a credential rather than a reference to one. */
function looksLikeSecret(value: string): string | undefined {
    const patterns: Array<[string, RegExp]> = [
        ["Entra client secret", /[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}/],
        ["Pulumi access token", /\bpul-[0-9a-f]{40}\b/],
        ["JSON web token", /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\./],
        ["private key", /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
        ["storage account key or other long base64", /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{60,}={0,2}/],
        ["hard-coded GUID (client, tenant or subscription id belong in vars.*)", /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i],
        ["SAS token", /\bsig=[A-Za-z0-9%]{20,}/],
    ];
    return patterns.find(([, re]) => re.test(value))?.[0];
}

/** Runs `fn` with every way out of the process to the network replaced by a throw. */
function withoutNetwork<T>(fn: () => T): T {
    // The CommonJS module objects themselves (an `import * as` namespace has read-only getters).
    const http = require("http") as typeof import("http");
    const https = require("https") as typeof import("https");
    const net = require("net") as typeof import("net");
    const blocked = (what: string) => () => {
        throw new Error(`the workflow validator tried to use the network (${what})`);
    };
    const saved = {
        httpRequest: http.request, httpGet: http.get, httpsRequest: https.request, httpsGet: https.get,
        connect: net.connect, createConnection: net.createConnection, fetch: globalThis.fetch,
    };
    const mutableHttp = http as { request: unknown; get: unknown };
    const mutableHttps = https as { request: unknown; get: unknown };
    const mutableNet = net as { connect: unknown; createConnection: unknown };
    try {
        mutableHttp.request = blocked("http.request");
        mutableHttp.get = blocked("http.get");
        mutableHttps.request = blocked("https.request");
        mutableHttps.get = blocked("https.get");
        mutableNet.connect = blocked("net.connect");
        mutableNet.createConnection = blocked("net.createConnection");
        (globalThis as { fetch: unknown }).fetch = blocked("fetch");
        return fn();
    } finally {
        mutableHttp.request = saved.httpRequest;
        mutableHttp.get = saved.httpGet;
        mutableHttps.request = saved.httpsRequest;
        mutableHttps.get = saved.httpsGet;
        mutableNet.connect = saved.connect;
        mutableNet.createConnection = saved.createConnection;
        globalThis.fetch = saved.fetch;
    }
}

function describeErrors(state: ReturnType<ActionValidator["validateWorkflow"]>): string {
    return state.errors
        .map((e) => `${"path" in e ? e.path : ""} ${e.code}: ${e.title}${e.detail ? ` (${e.detail})` : ""}`)
        .join("\n");
}

describe("GitHub workflows (.github/workflows)", () => {
    let validator: ActionValidator;

    before(() => {
        // @action-validator/core compiles SchemaStore's github-workflow.json into its WebAssembly module and loads
        // that module from disk, so validation must work with the network blocked.
        validator = withoutNetwork(() => require("@action-validator/core") as ActionValidator);
    });

    describe("schema (SchemaStore github-workflow.json via @action-validator/core, offline)", () => {
        for (const file of [PR_FILE, DEPLOY_FILE]) {
            it(`${file} is a valid workflow`, () => {
                const state = withoutNetwork(() => validator.validateWorkflow(text(file)));
                expect(state.actionType).to.equal("workflow");
                expect(state.errors, describeErrors(state)).to.deep.equal([]);
            });
        }

        it("rejects broken workflows (the validator really checks)", () => {
            const broken = [
                text(DEPLOY_FILE).replace("id-token: write", "id-token: sometimes"),
                text(DEPLOY_FILE).replace("needs: deploy-dev", "needs: deploy-nowhere"),
                text(PR_FILE).replace("runs-on: ubuntu-latest", "run-on: ubuntu-latest"),
                text(PR_FILE).replace("on:\n  pull_request:", "on:\n  pull_requests:"),
            ];
            for (const src of broken) expect(validator.validateWorkflow(src).errors).to.not.be.empty;
        });
    });

    describe("deploy.yml", () => {
        const doc = workflow(DEPLOY_FILE);
        const jobs = doc.jobs as Record<string, Yaml>;
        const deployJobs = Object.entries(jobs).filter(([, job]) => job.environment !== undefined);
        const envOf = (job: Yaml) => (typeof job.environment === "string" ? job.environment : job.environment.name);
        const jobFor = (env: string) => deployJobs.find(([, job]) => envOf(job) === env)!;

        it("runs on push to main and on demand, reading the repository only at the top level", () => {
            expect(doc.on.push.branches).to.deep.equal(["main"]);
            expect(doc.on).to.have.property("workflow_dispatch");
            expect(doc.permissions).to.deep.equal({ contents: "read" });
        });

        it("has one job per environment, each with `environment`, ordered dev -> test -> prod by needs", () => {
            expect(deployJobs.map(([, job]) => envOf(job)).sort()).to.deep.equal([...ENVIRONMENTS].sort());
            expect(Object.keys(jobs)).to.have.lengthOf(deployJobs.length);
            const needs = (job: Yaml): string[] => (job.needs === undefined ? [] : [job.needs].flat());
            // Walk the chain from the job that needs nothing.
            const roots = deployJobs.filter(([, job]) => needs(job).length === 0);
            expect(roots).to.have.lengthOf(1);
            const order = [roots[0]];
            for (;;) {
                const next = deployJobs.filter(([, job]) => needs(job).includes(order[order.length - 1][0]));
                if (next.length === 0) break;
                expect(next).to.have.lengthOf(1);
                expect(needs(next[0][1])).to.have.lengthOf(1);
                order.push(next[0]);
            }
            expect(order.map(([, job]) => envOf(job))).to.deep.equal(ENVIRONMENTS);
        });

        for (const env of ENVIRONMENTS) {
            describe(`the ${env} job`, () => {
                it("may request an OIDC token (id-token: write) and read the repository, nothing more", () => {
                    expect(jobFor(env)[1].permissions).to.deep.equal({ "id-token": "write", contents: "read" });
                });

                it("signs in with azure/login@v2 over OIDC: client-id and tenant-id from vars, no client secret", () => {
                    const job = jobFor(env)[1];
                    const logins = usesOf(job, "azure/login");
                    expect(logins).to.have.lengthOf(1);
                    expect(logins[0].uses).to.equal("azure/login@v2");
                    const w = logins[0].with as Yaml;
                    expect(w["client-id"]).to.match(/^\$\{\{\s*vars\.[A-Z_]+\s*\}\}$/);
                    expect(w["tenant-id"]).to.match(/^\$\{\{\s*vars\.[A-Z_]+\s*\}\}$/);
                    expect(w["subscription-id"] !== undefined || w["allow-no-subscriptions"] === true).to.equal(true);
                    expect(w).to.not.have.any.keys("client-secret", "creds", "auth-type");
                });

                it("tells the azuread provider to use the same OIDC sign-in (ARM_USE_OIDC, ARM_CLIENT_ID, ARM_TENANT_ID)", () => {
                    const job = jobFor(env)[1];
                    const login = usesOf(job, "azure/login")[0].with as Yaml;
                    expect(job.env.ARM_USE_OIDC).to.equal("true");
                    expect(job.env.ARM_CLIENT_ID).to.equal(login["client-id"]);
                    expect(job.env.ARM_TENANT_ID).to.equal(login["tenant-id"]);
                    expect(job.env).to.not.have.any.keys("ARM_CLIENT_SECRET", "ARM_CLIENT_CERTIFICATE", "ARM_CLIENT_CERTIFICATE_PASSWORD");
                });

                it(`runs pulumi/actions@v6 \`up\` on stack ${env}, after npm ci, npm test and the sign-in`, () => {
                    const job = jobFor(env)[1];
                    const ups = usesOf(job, "pulumi/actions");
                    expect(ups).to.have.lengthOf(1);
                    expect(ups[0].uses).to.equal("pulumi/actions@v6");
                    expect(ups[0].with.command).to.equal("up");
                    expect(ups[0].with["stack-name"]).to.equal(env);
                    const up = indexOf(job, (s) => s === ups[0]);
                    const ci = indexOf(job, (s) => /^npm ci\b/.test(s.run ?? ""));
                    const test = indexOf(job, (s) => /^npm test\b/.test(s.run ?? ""));
                    const login = indexOf(job, (s) => s === usesOf(job, "azure/login")[0]);
                    expect(ci, "npm ci").to.be.at.least(0);
                    expect(test, "npm test").to.be.greaterThan(ci);
                    expect(login, "azure/login").to.be.greaterThan(test);
                    expect(up, "pulumi up").to.be.greaterThan(login);
                });

                it("never overlaps another deploy of the same environment and is never cancelled mid-way", () => {
                    const c = jobFor(env)[1].concurrency as Yaml;
                    expect(c.group).to.be.a("string").and.include(env);
                    expect(c["cancel-in-progress"]).to.equal(false);
                });
            });
        }

        it("uses a different concurrency group per environment", () => {
            const groups = deployJobs.map(([, job]) => job.concurrency.group);
            expect(new Set(groups).size).to.equal(ENVIRONMENTS.length);
        });

        it("deploys every environment the same way (the jobs differ only in the environment name)", () => {
            // Drop what must differ (job and step names, needs, environment) and put <env> where the name belongs.
            const normalized = deployJobs.map(([, job]) => {
                const env = envOf(job);
                const j: Yaml = JSON.parse(JSON.stringify(job));
                delete j.name;
                delete j.needs;
                delete j.environment;
                j.concurrency.group = j.concurrency.group.replace(env, "<env>");
                j.steps = steps(j).map(({ name: _name, ...step }) => {
                    if (typeof step.run === "string") step.run = step.run.replace(new RegExp(`--stack ${env}\\b`, "g"), "--stack <env>");
                    if (step.with?.["stack-name"] === env) step.with["stack-name"] = "<env>";
                    return step;
                });
                return JSON.stringify(j, null, 1);
            });
            for (const n of normalized) expect(n).to.equal(normalized[0]);
        });
    });

    describe("pull-request.yml", () => {
        const doc = workflow(PR_FILE);
        const jobs = Object.values(doc.jobs as Record<string, Yaml>);

        it("runs on pull requests with contents: read and no id-token permission anywhere", () => {
            expect(doc.on).to.have.property("pull_request");
            expect(doc.permissions).to.deep.equal({ contents: "read" });
            for (const job of jobs) if (job.permissions !== undefined) expect(job.permissions).to.not.have.property("id-token");
            expect(strings(doc).filter((s) => /id-token/i.test(s.value))).to.deep.equal([]);
        });

        it("never signs in to a cloud: no azure/login, no pulumi/actions, no ARM_* or Pulumi credentials", () => {
            expect(jobs).to.not.be.empty;
            for (const job of jobs) {
                expect(usesOf(job, "azure/login")).to.be.empty;
                expect(usesOf(job, "pulumi/actions")).to.be.empty;
            }
            expect(text(PR_FILE)).to.not.match(/\bARM_|PULUMI_ACCESS_TOKEN|secrets\./);
        });

        it("installs, tests, and plans every stack file (a loop over Pulumi.*.yaml, no hard-coded stack)", () => {
            const lines = runs(doc);
            expect(lines.some((l) => /^npm ci\b/m.test(l))).to.equal(true);
            expect(lines.some((l) => /^npm test\b/m.test(l))).to.equal(true);
            const planSteps = lines.filter((l) => /npm run plan\b[^\n]*-- --stack/.test(l));
            expect(planSteps.length).to.be.at.least(2);
            for (const l of planSteps) {
                expect(l).to.match(/for file in Pulumi\.\*\.yaml; do/);
                expect(l).to.match(/--stack "\$stack"/);
                for (const env of ENVIRONMENTS) expect(l).to.not.match(new RegExp(`--stack ${env}\\b`));
            }
        });

        it("plans the base branch in its own worktree, and the pull request with --previous <the base's plan.json>", () => {
            const job = jobs[0];
            expect(usesOf(job, "actions/checkout")[0].with["fetch-depth"]).to.equal(0);
            const base = steps(job).find((s) => /git worktree add/.test(s.run ?? ""))!;
            expect(base, "a step planning the base branch").to.not.equal(undefined);
            expect(base.env.BASE_SHA).to.match(/github\.event\.pull_request\.base\.sha/);
            expect(base.run).to.include('git worktree add --detach "$RUNNER_TEMP/base" "$BASE_SHA"').and.include("npm ci");
            const head = steps(job).find((s) => /--previous/.test(s.run ?? ""))!;
            expect(head.run).to.include('--previous "$PLAN_OUT/base/${stack}/plan.json"');
            expect(indexOf(job, (s) => s === head)).to.be.greaterThan(indexOf(job, (s) => s === base));
            const uploads = jobs.flatMap((j) => usesOf(j, "actions/upload-artifact"));
            expect(uploads).to.have.lengthOf(1);
            expect(uploads[0].with.path).to.match(/^out\/?$/);
        });

        it("produces the diff summary for every stack file, offline (the job's own plan and summary steps, run here)", async function () {
            this.timeout(180_000);
            const job = jobs[0];
            const head = steps(job).find((s) => /--previous/.test(s.run ?? ""))!;
            const summary = steps(job).find((s) => (s.run ?? "").includes("$GITHUB_STEP_SUMMARY"))!;
            expect(summary.run).to.match(/npm run plan:summary/);
            const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-pr-"));
            try {
                const out = path.join(tmp, "out");
                fs.mkdirSync(out); // as the job does (mkdir -p "$PLAN_OUT/base")
                const stacks = fs.readdirSync(projectDir).filter((f) => /^Pulumi\.[^.]+\.yaml$/.test(f)).map((f) => f.slice("Pulumi.".length, -".yaml".length));
                expect(stacks).to.include.members(ENVIRONMENTS);
                // The base branch = this tree, except dev without the arm connector: the pull request adds it back.
                const devBase = path.join(tmp, "Pulumi.dev.yaml");
                const devDoc = parse(text("../../Pulumi.dev.yaml"));
                delete devDoc.config["entra-connectors:connectors"].arm;
                fs.writeFileSync(devBase, stringify(devDoc));
                for (const stack of stacks) {
                    const r = await planCommand(projectDir, { stack, out: path.join(out, "base"), ...(stack === "dev" ? { configFile: devBase } : {}) });
                    expect(r.exitCode, r.text).to.equal(0);
                }
                const env = { ...process.env, PLAN_OUT: out, GITHUB_STEP_SUMMARY: path.join(tmp, "summary.md"), NO_COLOR: "1" };
                const run = (script: string) => spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], { cwd: projectDir, env, encoding: "utf8" });
                const planned = run(head.run);
                expect(planned.status, planned.stderr + planned.stdout).to.equal(0);
                const summarized = run(summary.run);
                expect(summarized.status, summarized.stderr).to.equal(0);
                const md = fs.readFileSync(path.join(tmp, "summary.md"), "utf8");
                for (const stack of stacks) expect(md, stack).to.match(new RegExp(`### Stack \`${stack}\`: \\d+ to create`));
                expect(md).to.match(/### Stack `dev`: 11 to create, 0 to update, 0 to replace, 0 to delete, 0 to import, \d+ unchanged/);
                expect(md).to.match(/### Stack `prod`: 0 to create, 0 to update, 0 to replace, 0 to delete, 0 to import, \d+ unchanged/);
                expect(md).to.include("```text");
                expect(md).to.not.match(/\x1b\[/);
            } finally {
                fs.rmSync(tmp, { recursive: true, force: true });
            }
        });
    });

    describe("both workflows", () => {
        const files = [PR_FILE, DEPLOY_FILE];

        it("contain no client-secret or creds input, and no secret value of any kind", () => {
            for (const file of files) {
                const doc = workflow(file);
                for (const job of Object.values(doc.jobs as Record<string, Yaml>)) {
                    for (const step of steps(job)) {
                        if (step.with) expect(step.with, `${file}: ${step.name ?? step.uses}`).to.not.have.any.keys("client-secret", "creds");
                    }
                }
                expect(strings(doc), file).to.not.be.empty;
                for (const { at, value } of strings(doc)) {
                    expect(looksLikeSecret(value), `${file} ${at}: ${value}`).to.equal(undefined);
                }
                expect(text(file)).to.not.match(/AZURE_CLIENT_SECRET|ARM_CLIENT_SECRET|AZURE_CREDENTIALS|client-secret:|creds:/);
            }
        });

        it(`reference no secret but ${ALLOWED_SECRETS.join(", ")}`, () => {
            for (const file of files) {
                const used = [...text(file).matchAll(/\bsecrets\.([A-Za-z0-9_]+)/g)].map((m) => m[1]);
                for (const name of used) expect(ALLOWED_SECRETS, `${file}: secrets.${name}`).to.include(name);
            }
        });

        it("run only npm scripts that exist in package.json", () => {
            for (const file of files) {
                const used = runs(workflow(file)).flatMap(npmScripts);
                expect(used, file).to.not.be.empty;
                for (const script of used) expect(scripts, `${file}: npm script "${script}"`).to.have.property(script);
            }
        });

        it("plan and deploy only stacks that have a stack file", () => {
            for (const file of files) {
                const doc = workflow(file);
                const stacks = [
                    ...runs(doc).flatMap((l) => [...l.matchAll(/--stack\s+([\w-]+)/g)].map((m) => m[1])),
                    ...Object.values(doc.jobs as Record<string, Yaml>).flatMap((job) => usesOf(job, "pulumi/actions").map((s) => s.with["stack-name"])),
                ];
                // A workflow names its stacks, or derives them from the stack files themselves.
                if (stacks.length === 0) expect(runs(doc).join("\n"), file).to.match(/Pulumi\.\*\.yaml|listStacks/);
                for (const stack of stacks) expect(fs.existsSync(path.join(projectDir, `Pulumi.${stack}.yaml`)), `${file}: Pulumi.${stack}.yaml`).to.equal(true);
            }
        });

        it("set up the Node.js version package.json's engines asks for, with the npm cache", () => {
            const engines: string = JSON.parse(fs.readFileSync(path.join(projectDir, "package.json"), "utf8")).engines.node;
            const minimum = Number(/(\d+)/.exec(engines)![1]);
            for (const file of files) {
                for (const job of Object.values(workflow(file).jobs as Record<string, Yaml>)) {
                    const setups = usesOf(job, "actions/setup-node");
                    expect(setups, file).to.have.lengthOf(1);
                    expect(Number(setups[0].with["node-version"])).to.be.at.least(minimum);
                    expect(setups[0].with.cache).to.equal("npm");
                }
            }
        });

        it("are documented: the README names every variable and secret the workflows read", () => {
            const readme = fs.readFileSync(path.join(projectDir, "README.md"), "utf8");
            for (const file of files) {
                for (const m of text(file).matchAll(/\b(vars|secrets)\.([A-Z0-9_]+)/g)) {
                    expect(readme, `README mentions ${m[2]} (${file})`).to.include(m[2]);
                }
            }
        });
    });
});
