// The GitHub Actions workflows: valid against GitHub's workflow schema (offline), and the project's delivery rules:
// secretless OIDC deploys of every stack file (a matrix; production last) behind environments, a credential-free pull-request check, no
// secret values anywhere, and only npm scripts and stack files that exist.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import { githubOutput, stackMatrix } from "../scripts/listStacks";
import {
    DEPLOY_FILE,
    expandDeployJobs as expand,
    matrixSource,
    PR_FILE,
    projectDir,
    steps,
    text,
    workflow,
    Yaml,
} from "./helpers/workflows";
import { docPage } from "./helpers/docs";
import { isShippedProjectFile, stackFileNames } from "./helpers/stackFiles";

type ActionValidator = typeof import("@action-validator/core");

const ENVIRONMENTS = stackFileNames(projectDir);
/** The only secret a workflow may reference: a Pulumi Cloud token (state backend), never an Azure credential. */
const ALLOWED_SECRETS = ["PULUMI_ACCESS_TOKEN"];

const scripts: Record<string, string> = JSON.parse(
    fs.readFileSync(path.join(projectDir, "package.json"), "utf8"),
).scripts;

/** Every string (keys and values) in a parsed YAML document, with its path. */
function strings(node: unknown, at = "$"): Array<{ at: string; value: string }> {
    if (typeof node === "string") return [{ at, value: node }];
    if (Array.isArray(node)) return node.flatMap((v, i) => strings(v, `${at}[${i}]`));
    if (node && typeof node === "object") {
        return Object.entries(node).flatMap(([k, v]) => [
            { at: `${at}.${k} (key)`, value: k },
            ...strings(v, `${at}.${k}`),
        ]);
    }
    return [];
}

function runs(doc: Yaml): string[] {
    return Object.values(doc.jobs as Record<string, Yaml>).flatMap((job) =>
        steps(job)
            .map((s) => s.run)
            .filter((r): r is string => typeof r === "string"),
    );
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
    for (const m of line.matchAll(/\bnpm\s+(?:run|run-script)\s+((?:--?[\w-]+(?:=\S+)?\s+)*)([\w:.-]+)/g))
        found.push(m[2]);
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
        [
            "hard-coded GUID (client, tenant or subscription id belong in vars.*)",
            /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i,
        ],
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
        httpRequest: http.request,
        httpGet: http.get,
        httpsRequest: https.request,
        httpsGet: https.get,
        connect: net.connect,
        createConnection: net.createConnection,
        fetch: globalThis.fetch,
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
                text(DEPLOY_FILE).replace("needs: stacks", "needs: nowhere"),
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
        const MATRIX_STACK = "${{ matrix.stack }}";
        const listStep = () => steps(jobs.stacks).find((s) => s.id === "list")!;

        it("runs on push to main and on demand, reading the repository only at the top level", () => {
            expect(doc.on.push.branches).to.deep.equal(["main"]);
            expect(doc.on).to.have.property("workflow_dispatch");
            expect(doc.permissions).to.deep.equal({ contents: "read" });
        });

        it("derives its environments from the stack files: a stacks job runs the committed listing script into $GITHUB_OUTPUT", () => {
            expect(Object.keys(jobs).sort()).to.deep.equal(["deploy", "deploy-production", "stacks"]);
            const step = listStep();
            expect(step.run).to.equal('npm run --silent stacks -- --github-output "$GITHUB_OUTPUT"');
            expect(scripts.stacks).to.equal("ts-node --transpile-only scripts/listStacks.ts");
            expect(fs.existsSync(path.join(projectDir, "scripts", "listStacks.ts"))).to.equal(true);
            expect(indexOf(jobs.stacks, (s) => /^npm ci\b/.test(s.run ?? ""))).to.be.lessThan(
                indexOf(jobs.stacks, (s) => s === step),
            );
            expect(jobs.stacks.outputs).to.deep.equal({
                stacks: "${{ steps.list.outputs.stacks }}",
                production: "${{ steps.list.outputs.production }}",
            });
            expect(jobs.stacks.permissions, "the listing needs no OIDC token").to.equal(undefined);
            expect(jobs.stacks.environment).to.equal(undefined);
        });

        it("a new Pulumi.qa.yaml adds a qa deploy job, and a production one lands behind the others, without editing the workflow", () => {
            const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-matrix-"));
            try {
                for (const f of fs.readdirSync(projectDir).filter(isShippedProjectFile))
                    fs.copyFileSync(path.join(projectDir, f), path.join(tmp, f));
                fs.writeFileSync(path.join(tmp, "Pulumi.qa.yaml"), "config:\n  entra-connectors:environment: qa\n");
                fs.writeFileSync(
                    path.join(tmp, "Pulumi.prod-emea.yaml"),
                    "config:\n  entra-connectors:environment: prod\n",
                );
                const jobsFor = expand(githubOutput(stackMatrix(tmp)));
                expect(jobsFor).to.deep.include(["deploy", "qa"]);
                expect(jobsFor.filter(([key]) => key === "deploy-production").map(([, s]) => s)).to.deep.equal([
                    "prod",
                    "prod-emea",
                ]);
                expect(jobsFor).to.have.lengthOf(5);
            } finally {
                fs.rmSync(tmp, { recursive: true, force: true });
            }
        });

        it("production stacks deploy only after every other stack succeeded, one at a time", () => {
            const prod = jobs["deploy-production"];
            expect(matrixSource(jobs.deploy)).to.equal("stacks");
            expect(matrixSource(prod)).to.equal("production");
            expect(jobs.deploy.needs).to.equal("stacks");
            expect(prod.needs).to.deep.equal(["stacks", "deploy"]);
            expect(prod.if).to.include("needs.deploy.result == 'success' || needs.deploy.result == 'skipped'");
            expect(prod.if).to.include("!cancelled()");
            expect(prod.strategy["max-parallel"]).to.equal(1);
            expect(jobs.deploy.strategy["max-parallel"]).to.be.a("number").and.to.be.within(1, 10);
            for (const [key, job] of deployJobs) {
                expect(job.strategy["fail-fast"], key).to.equal(false);
                expect(job.if, key).to.include("github.ref == 'refs/heads/main'");
                expect(job.if, key).to.match(/needs\.stacks\.outputs\.\w+ != '\[\]'/);
            }
        });

        it("runs each stack in the GitHub environment of its name (its reviewers gate production) and its own concurrency group", () => {
            expect(deployJobs).to.have.lengthOf(2);
            for (const [key, job] of deployJobs) {
                expect(job.environment, key).to.equal(MATRIX_STACK);
                expect(job.concurrency, key).to.deep.equal({
                    group: `deploy-${MATRIX_STACK}`,
                    "cancel-in-progress": false,
                });
                expect(job.env.STACK, key).to.equal(MATRIX_STACK);
            }
        });

        for (const key of ["deploy", "deploy-production"]) {
            describe(`the ${key} job`, () => {
                const job = jobs[key];

                it("may request an OIDC token (id-token: write) and read the repository, nothing more", () => {
                    expect(job.permissions).to.deep.equal({ "id-token": "write", contents: "read" });
                });

                it("signs in with azure/login@v2 over OIDC: client-id and tenant-id from vars, no client secret", () => {
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
                    const login = usesOf(job, "azure/login")[0].with as Yaml;
                    expect(job.env.ARM_USE_OIDC).to.equal("true");
                    expect(job.env.ARM_CLIENT_ID).to.equal(login["client-id"]);
                    expect(job.env.ARM_TENANT_ID).to.equal(login["tenant-id"]);
                    expect(job.env).to.not.have.any.keys(
                        "ARM_CLIENT_SECRET",
                        "ARM_CLIENT_CERTIFICATE",
                        "ARM_CLIENT_CERTIFICATE_PASSWORD",
                    );
                });

                it("plans its stack offline after npm ci and npm test", () => {
                    const ci = indexOf(job, (s) => /^npm ci\b/.test(s.run ?? ""));
                    const test = indexOf(job, (s) => /^npm test\b/.test(s.run ?? ""));
                    const plan = indexOf(job, (s) =>
                        (s.run ?? "").includes('npm run plan --silent -- --stack "$STACK" "${tenant[@]}"'),
                    );
                    expect(ci, "npm ci").to.be.at.least(0);
                    expect(test, "npm test").to.be.greaterThan(ci);
                    expect(plan, "offline plan").to.be.greaterThan(test);
                });

                it("previews with the policy pack before `up` (up runs with --skip-preview), after the sign-in, on the matrix stack", () => {
                    const pulumi = usesOf(job, "pulumi/actions");
                    expect(pulumi.map((s) => s.uses)).to.deep.equal(["pulumi/actions@v6", "pulumi/actions@v6"]);
                    expect(pulumi.map((s) => s.with.command)).to.deep.equal(["preview", "up"]);
                    const [preview, up] = pulumi;
                    for (const s of pulumi) {
                        expect(s.with["stack-name"]).to.equal(MATRIX_STACK);
                        expect(s.with.policyPacks).to.equal("policy");
                        expect(s.with.refresh).to.equal(true);
                        expect(s["continue-on-error"], "a violation must stop the job").to.equal(undefined);
                        expect(s.if, "the step always runs").to.equal(undefined);
                    }
                    expect(preview.with["cloud-url"]).to.equal(up.with["cloud-url"]);
                    const login = indexOf(job, (s) => s === usesOf(job, "azure/login")[0]);
                    const test = indexOf(job, (s) => /^npm test\b/.test(s.run ?? ""));
                    expect(login, "azure/login").to.be.greaterThan(test);
                    expect(
                        indexOf(job, (s) => s === preview),
                        "preview",
                    ).to.be.greaterThan(login);
                    expect(
                        indexOf(job, (s) => s === up),
                        "up",
                    ).to.equal(indexOf(job, (s) => s === preview) + 1);
                });

                it("keeps the deployed stack's plan.json as an artifact named by the stack, after `up`", () => {
                    const uploads = usesOf(job, "actions/upload-artifact");
                    expect(uploads).to.have.lengthOf(1);
                    expect(uploads[0].with.name).to.equal(`deployed-plan-${MATRIX_STACK}`);
                    expect(uploads[0].with.path).to.equal(`out/${MATRIX_STACK}/plan.json`);
                    expect(indexOf(job, (s) => s === uploads[0])).to.be.greaterThan(
                        indexOf(job, (s) => s === usesOf(job, "pulumi/actions")[1]),
                    );
                });
            });
        }

        it("deploys every stack the same way (the two jobs differ only in name, needs, if and which list they expand)", () => {
            const normalized = deployJobs.map(([, job]) => {
                const j: Yaml = JSON.parse(JSON.stringify(job));
                for (const k of ["name", "needs", "if"]) delete j[k];
                delete j.strategy["max-parallel"];
                delete j.strategy.matrix;
                return JSON.stringify(j, null, 1);
            });
            expect(normalized[1]).to.equal(normalized[0]);
        });
    });

    describe("pull-request.yml", () => {
        const doc = workflow(PR_FILE);
        const jobs = Object.values(doc.jobs as Record<string, Yaml>);

        it("runs on pull requests with contents: read and no id-token permission anywhere", () => {
            expect(doc.on).to.have.property("pull_request");
            expect(doc.permissions).to.deep.equal({ contents: "read" });
            for (const job of jobs)
                if (job.permissions !== undefined) expect(job.permissions).to.not.have.property("id-token");
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
            expect(base.run)
                .to.include('git worktree add --detach "$RUNNER_TEMP/base" "$BASE_SHA"')
                .and.include("npm ci");
            const head = steps(job).find((s) => /--previous/.test(s.run ?? ""))!;
            expect(head.run).to.include('--previous "$PLAN_OUT/base/${stack}/plan.json"');
            expect(indexOf(job, (s) => s === head)).to.be.greaterThan(indexOf(job, (s) => s === base));
            const uploads = jobs.flatMap((j) => usesOf(j, "actions/upload-artifact"));
            expect(uploads).to.have.lengthOf(1);
            expect(uploads[0].with.path).to.match(/^out\/?$/);
        });

        it("plan with the stack's tenant fixture (tenants/<stack>.yaml) when the repository has one, in both workflows", () => {
            const planSteps = [workflow(PR_FILE), workflow(DEPLOY_FILE)]
                .flatMap((w) => Object.values(w.jobs as Record<string, any>))
                .flatMap((j) => steps(j))
                .filter((s) => /npm run plan --silent -- --stack/.test(s.run ?? ""));
            expect(planSteps.length).to.equal(4); // base and head of the pull request, deploy and deploy-production
            for (const step of planSteps) {
                expect(step.run).to.match(
                    /if \[ -f "tenants\/\$\{(stack|STACK)\}\.yaml" \]; then tenant=\(--tenant "tenants\/\$\{(stack|STACK)\}\.yaml"\); fi/,
                );
                expect(step.run).to.include('"${tenant[@]}"');
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
                        if (step.with)
                            expect(step.with, `${file}: ${step.name ?? step.uses}`).to.not.have.any.keys(
                                "client-secret",
                                "creds",
                            );
                    }
                }
                expect(strings(doc), file).to.not.be.empty;
                for (const { at, value } of strings(doc)) {
                    expect(looksLikeSecret(value), `${file} ${at}: ${value}`).to.equal(undefined);
                }
                expect(text(file)).to.not.match(
                    /AZURE_CLIENT_SECRET|ARM_CLIENT_SECRET|AZURE_CREDENTIALS|client-secret:|creds:/,
                );
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
                    ...Object.values(doc.jobs as Record<string, Yaml>).flatMap((job) =>
                        usesOf(job, "pulumi/actions").map((s) => s.with["stack-name"]),
                    ),
                ];
                // A workflow names its stacks, derives them from the stack files (Pulumi.*.yaml, listStacks), or takes
                // them from the deploy matrix (an expression).
                if (stacks.length === 0) expect(runs(doc).join("\n"), file).to.match(/Pulumi\.\*\.yaml|listStacks/);
                for (const stack of stacks.filter((x) => !x.startsWith("${{")))
                    expect(
                        fs.existsSync(path.join(projectDir, `Pulumi.${stack}.yaml`)),
                        `${file}: Pulumi.${stack}.yaml`,
                    ).to.equal(true);
            }
        });

        it("set up the Node.js version package.json's engines asks for, with the npm cache", () => {
            const engines: string = JSON.parse(fs.readFileSync(path.join(projectDir, "package.json"), "utf8")).engines
                .node;
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

        it("are documented: docs/ci-cd.md names every variable and secret the workflows read", () => {
            const readme = docPage("ci-cd");
            for (const file of files) {
                for (const m of text(file).matchAll(/\b(vars|secrets)\.([A-Z0-9_]+)/g)) {
                    expect(readme, `docs/ci-cd.md mentions ${m[2]} (${file})`).to.include(m[2]);
                }
            }
        });
    });
});
