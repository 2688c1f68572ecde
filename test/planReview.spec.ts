// Reviewing a change: plan against a previous plan (+ ~ +- - =), --fail-on-replace, --json, the
// readable default plan (named ids, one screen per component), and the diff's determinism.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import { parse, stringify } from "yaml";
import { diffPlans } from "../offline/plan/planDiff";
import { PLAN_OPTIONS } from "../offline/plan/planArgs";
import { HELP, planCommand, startProgress, useColor } from "../offline/plan/planCli";
import { diffText, planText } from "../offline/plan/planText";
import { pullRequestSummary, stackNames } from "../offline/plan/prSummary";
import { Plan, runOffline } from "../offline/plan/runOffline";
import { T } from "./helpers/planQueries";
import { plannedStack } from "./helpers/plannedStacks";

const projectDir = path.resolve(__dirname, "..");
const devConfig = (): Record<string, any> =>
    parse(fs.readFileSync(path.join(projectDir, "Pulumi.dev.yaml"), "utf8")).config;

/** The dev stack file with `mutate` applied, written under `dir`. */
function devVariant(dir: string, name: string, mutate: (config: Record<string, any>) => void): string {
    const doc = parse(fs.readFileSync(path.join(projectDir, "Pulumi.dev.yaml"), "utf8")) as {
        config: Record<string, any>;
    };
    mutate(doc.config);
    const file = path.join(dir, `Pulumi.${name}.yaml`);
    fs.writeFileSync(file, stringify(doc));
    return file;
}

/** Changed (not "same") custom resources of a diff, as "<kind> <name>". */
function changedOf(before: Plan, after: Plan): string[] {
    const custom = new Set([...before.resources, ...after.resources].filter((r) => r.custom).map((r) => r.urn));
    return diffPlans(before, after)
        .filter((c) => custom.has(c.urn) && c.kind !== "same")
        .map((c) => `${c.kind} ${c.name}`);
}

describe("plan review", function () {
    this.timeout(120_000);
    let base: Plan;
    let tmp: string;

    before(async () => {
        base = await plannedStack("dev");
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "entra-connectors-review-"));
    });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    const plan = (overrides: Record<string, unknown>) =>
        runOffline({ projectDir, stack: "dev", configOverrides: overrides, previous: base });

    describe("diff against a previous plan", () => {
        it("matches a plan.json recorded when nested URNs kept only the parent's last type: nothing shows as changed", async () => {
            // Such a plan named the dev stack's grant `DelegatedConsent$ServicePrincipalDelegatedPermissionGrant`, not
            // `ConnectorClient$DelegatedConsent$…` as the engine (and this simulator now) does.
            const nested = base.resources.filter((r) => r.urn.split("::")[2].split("$").length >= 3);
            expect(nested.length).to.be.greaterThan(3);
            // plan.json as read back: plain JSON, whose fields a test may rewrite.
            const old = JSON.parse(JSON.stringify(base)) as { resources: { urn: string; parent: string }[] } & Plan;
            const shorten = (urn: string) => {
                const parts = urn.split("::");
                parts[2] = parts[2].split("$").slice(-2).join("$");
                return parts.join("::");
            };
            for (const r of old.resources) {
                r.urn = shorten(r.urn);
                if (r.parent) r.parent = shorten(r.parent);
            }
            expect(diffPlans(old, base).filter((c) => c.kind !== "same")).to.deep.equal([]);
            // A deployment continuing from that plan's state keeps every simulated id it recorded.
            const next = await runOffline({ projectDir, stack: "dev", previous: old });
            expect(diffPlans(old, next).filter((c) => c.kind !== "same")).to.deep.equal([]);
        });

        it("a display-name-only change shows ~ update on the app and nothing else", async () => {
            const c = devConfig()["entra-connectors:connectors"];
            c.arm.displayName = "ARM Connector";
            const after = await plan({ "entra-connectors:connectors": c });
            expect(changedOf(base, after)).to.deep.equal(["update connector-arm-app"]);
            const text = diffText(base, after);
            expect(text).to.include("Changes: 0 to create, 1 to update, 0 to replace, 0 to delete, 0 to import");
            expect(text).to.match(
                /~\s+ApplicationRegistration connector-arm-app\n\s+displayName: Azure Resource Manager Connector \(dev\) -> ARM Connector \(dev\)\n/,
            );
            expect(text).to.not.include("!!");
        });

        it("a scope value change shows the scope's replace (naming what forces it) and the grants and access that follow", async () => {
            const cfg = devConfig();
            const apis = cfg["entra-connectors:apis"];
            const connectors = cfg["entra-connectors:connectors"];
            const http = cfg["entra-connectors:httpWithEntraId"];
            apis.orders.scopes[0].value = "Orders.Access";
            connectors.orders.scopes = ["Orders.Access"];
            connectors["orders-logic-apps"].scopes = ["Orders.Access"];
            http.grants[2].scopes = ["Orders.Access"];
            const after = await plan({
                "entra-connectors:apis": apis,
                "entra-connectors:connectors": connectors,
                "entra-connectors:httpWithEntraId": http,
            });
            const changed = changedOf(base, after);
            expect(changed).to.include("replace api-orders-scope-Orders.Access");
            expect(changed).to.include.members([
                "update connector-orders-api-access",
                "update connector-orders-pre-authorized",
                "update http-with-entra-id-orders-4c2e8f1a-3b5d-4e6f-9a7b-8c9d0e1f2a3b-consent-grant",
            ]);
            expect(changed.filter((c) => c.startsWith("delete") || c.startsWith("create"))).to.deep.equal([]);
            const text = diffText(base, after);
            expect(text).to.include(
                "+- ApplicationPermissionScope api-orders-scope-Orders.Access (replace, forced by name (api-orders-scope-access_as_user -> api-orders-scope-Orders.Access))",
            );
            expect(text).to.include("value: access_as_user -> Orders.Access");
            expect(text).to.match(
                /scopeIds: \[access_as_user \(a9ab275f-\.\.\.\)\] -> \[Orders\.Access \([0-9a-f]{8}-\.\.\.\)\]/,
            );
            expect(text).to.include("claimValues: [access_as_user] -> [Orders.Access]");
        });

        it("a scopeId change is a replace named by the provider's willReplaceOnChanges input", () => {
            const after: Plan = {
                ...base,
                resources: base.resources.map((r) =>
                    r.type === T.scope
                        ? { ...r, inputs: { ...r.inputs, scopeId: "11111111-2222-4333-8444-555555555555" } }
                        : r,
                ),
            };
            expect(diffText(base, after)).to.include(
                "+- ApplicationPermissionScope api-orders-scope-access_as_user (replace, forced by scopeId)",
            );
        });

        it("removing a connector shows each of its resources as a delete, flagged first as breaking live connections", async () => {
            const c = devConfig()["entra-connectors:connectors"];
            delete c.arm;
            const after = await plan({ "entra-connectors:connectors": c });
            const changed = changedOf(base, after);
            const armResources = base.resources
                .filter((r) => r.custom && r.name.startsWith("connector-arm-"))
                .map((r) => `delete ${r.name}`);
            expect(armResources.length).to.be.greaterThan(5);
            expect(changed.sort()).to.deep.equal(armResources.sort());
            const text = diffText(base, after);
            const warning = text.indexOf("!! ");
            expect(warning).to.be.greaterThan(-1);
            expect(warning).to.be.lessThan(text.indexOf("ConnectorClient connector-arm"));
            for (const name of [
                "connector-arm-app",
                "connector-arm-sp",
                "connector-arm-secret-a",
                "connector-arm-secret-b",
            ]) {
                expect(text).to.match(new RegExp(`!!\\s+- \\w+ ${name} \\(deleted\\)`));
            }
        });

        it("an adopted object (an `import` id on a plan resource) shows = import", () => {
            const c = base.resources.find((r) => r.name === "connector-arm-app")!;
            const previous: Plan = { ...base, resources: base.resources.filter((r) => r.urn !== c.urn) };
            const after: Plan = {
                ...base,
                resources: base.resources.map((r) =>
                    r.urn === c.urn
                        ? { ...r, import: { id: "/applications/0a1b2c3d-0000-4000-8000-000000000001", updates: [] } }
                        : r,
                ),
            };
            const change = diffPlans(previous, after).find((x) => x.urn === c.urn)!;
            expect(change.kind).to.equal("import");
            expect(change.importId).to.equal("/applications/0a1b2c3d-0000-4000-8000-000000000001");
            const text = diffText(previous, after);
            expect(text).to.include(
                "=  ApplicationRegistration connector-arm-app (import /applications/0a1b2c3d-0000-4000-8000-000000000001)",
            );
            expect(text).to.include("1 to import");
            // Without the marker the same object would be created.
            expect(diffPlans(previous, base).find((x) => x.urn === c.urn)!.kind).to.equal("create");
        });

        it("the same two plans give byte-identical diff text, planned twice", async () => {
            const c = devConfig()["entra-connectors:connectors"];
            c["graph-me"].redirectUrls = ["https://global.consent.azure-apim.net/redirect/graph-20profile-5f1234"];
            delete c.arm;
            const [a, b] = [
                await plan({ "entra-connectors:connectors": c }),
                await plan({ "entra-connectors:connectors": c }),
            ];
            const base2 = await runOffline({ projectDir, stack: "dev" });
            expect(diffText(base2, b)).to.equal(diffText(base, a));
            expect(diffText(base, a)).to.include("~  ApplicationRedirectUris connector-graph-me-redirect-uris");
        });
    });

    describe("npm run plan -- --previous / --fail-on-replace / --json", () => {
        let previousFile: string;
        before(async () => {
            const result = await planCommand(projectDir, { stack: "dev", out: path.join(tmp, "base") });
            expect(result.exitCode, result.text).to.equal(0);
            previousFile = path.join(tmp, "base", "dev", "plan.json");
        });

        it("--fail-on-replace exits 0 when nothing is replaced or deleted (an update only)", async () => {
            const file = devVariant(
                tmp,
                "rename",
                (cfg) => (cfg["entra-connectors:connectors"].arm.displayName = "ARM Connector"),
            );
            const result = await planCommand(projectDir, {
                stack: "dev",
                configFile: file,
                out: path.join(tmp, "u"),
                previous: previousFile,
                failOnReplace: true,
            });
            expect(result.exitCode, result.text).to.equal(0);
            expect(result.text).to.include("~  ApplicationRegistration connector-arm-app");
            expect(result.text).to.include("79 unchanged");
        });

        it("--fail-on-replace exits 1 when something is deleted, printing the plan and writing nothing (as help and README say)", async () => {
            const file = devVariant(tmp, "removed", (cfg) => delete cfg["entra-connectors:connectors"].arm);
            const out = path.join(tmp, "d");
            const result = await planCommand(projectDir, {
                stack: "dev",
                configFile: file,
                out,
                previous: previousFile,
                failOnReplace: true,
            });
            expect(result.exitCode).to.equal(1);
            expect(result.failedOnReplace).to.equal(true);
            expect(result.text).to.include("--fail-on-replace: 11 resources would be replaced or deleted");
            expect(result.text).to.include("nothing was written");
            expect(fs.existsSync(out)).to.equal(false);
            // The same change without the flag plans fine, and writes the plan.
            const plain = await planCommand(projectDir, {
                stack: "dev",
                configFile: file,
                out,
                previous: previousFile,
            });
            expect(plain.exitCode).to.equal(0);
            expect(fs.existsSync(path.join(out, "dev", "plan.json"))).to.equal(true);
        });

        it("--previous with a file that is not a plan fails with the option, the file and a fix", async () => {
            const bad = path.join(tmp, "not-a-plan.json");
            fs.writeFileSync(bad, JSON.stringify({ hello: "world" }));
            const result = await planCommand(projectDir, { stack: "dev", out: path.join(tmp, "x"), previous: bad });
            expect(result.exitCode).to.equal(1);
            expect(result.text).to.include(`--previous "${bad}": not a plan.json`).and.include("Fix:");
            expect(fs.existsSync(path.join(tmp, "x"))).to.equal(false);
        });

        it("--previous with another stack's plan fails, naming both stacks", async () => {
            const result = await planCommand(projectDir, {
                stack: "prod",
                out: path.join(tmp, "p"),
                previous: previousFile,
            });
            expect(result.exitCode).to.equal(1);
            expect(result.text).to.include('a plan of stack "dev", not "prod"').and.include("Fix:");
        });

        it("shows a progress line on a terminal's stderr only for a plan that takes a while", async () => {
            const written: string[] = [];
            const tty = { isTTY: true, write: (t: string) => written.push(t) };
            const stopQuick = startProgress(tty, "Planning...", 50);
            stopQuick();
            expect(written).to.deep.equal([]);
            const stopSlow = startProgress(tty, "Planning...", 10);
            await new Promise((r) => setTimeout(r, 40));
            stopSlow();
            expect(written[0]).to.equal("Planning...\n");
            expect(written[1]).to.match(/^Planned in \d+\.\d s\.\n$/);
            const log: string[] = [];
            const stopPiped = startProgress({ isTTY: false, write: (t: string) => log.push(t) }, "Planning...", 1);
            await new Promise((r) => setTimeout(r, 20));
            stopPiped();
            expect(log).to.deep.equal([]);
        });

        it("--now rejects a value that is not a date, and names the fix", async () => {
            const result = await planCommand(projectDir, {
                stack: "dev",
                out: path.join(tmp, "n"),
                now: "next tuesday",
            });
            expect(result.exitCode).to.equal(1);
            expect(result.text).to.include('--now "next tuesday"').and.include("Fix:");
        });

        it("--json prints JSON that parses and equals plan.json", async () => {
            const out = path.join(tmp, "j");
            const result = await planCommand(projectDir, { stack: "dev", out, json: true });
            expect(result.exitCode).to.equal(0);
            expect(result.text).to.equal(fs.readFileSync(path.join(out, "dev", "plan.json"), "utf8"));
            expect(JSON.parse(result.text).stack).to.equal("dev");
        });

        it("--help documents every option the parser accepts", () => {
            const options = Object.keys(PLAN_OPTIONS);
            expect(options).to.include.members([
                "stack",
                "previous",
                "fail-on-replace",
                "details",
                "json",
                "now",
                "tenant",
                "all",
                "help",
            ]);
            for (const o of options) expect(HELP, `--${o}`).to.match(new RegExp(`^ +(-\\w, )?--${o}\\b`, "m"));
        });
    });

    describe("the printed plan", () => {
        it("fits about one screen (at most 30 lines) per component in the dev stack's default view", () => {
            const lines = planText(base).split("\n");
            const start = lines.findIndex((l) => l.startsWith("Resources ("));
            const end = lines.findIndex((l, i) => i > start && l === "");
            const blocks: number[] = [];
            for (const line of lines.slice(start + 1, end)) {
                if (/^ {2}\S/.test(line)) blocks.push(1);
                else blocks[blocks.length - 1]++;
            }
            expect(blocks.length).to.be.greaterThan(5);
            expect(Math.max(...blocks)).to.be.at.most(30);
        });

        it("names every permission id it shows (no bare scope or role GUID)", () => {
            const text = planText(base);
            const ids = new Set<string>();
            for (const r of base.resources) {
                for (const key of ["scopeIds", "permissionIds", "roleIds", "scopeId", "roleId"]) {
                    for (const v of [r.inputs[key]].flat()) if (typeof v === "string") ids.add(v);
                }
            }
            expect(ids.size).to.be.greaterThan(5);
            for (const id of ids) {
                expect(text, id).to.not.include(id);
                const short = id.slice(0, 8);
                for (const m of text.matchAll(new RegExp(`(\\S*) \\(${short}-\\.\\.\\.\\)`, "g")))
                    expect(m[1], `${id} without a name`).to.match(/\w/);
                expect(text.split(short).length - 1, `${id} appears`).to.be.greaterThan(0);
            }
            expect(text).to.include("User.Read (e1fe6dd8-...)");
            expect(text).to.include("user_impersonation (41094075-...)");
        });

        it("puts consents and federated credentials under their connector, and shows key settings of vault secrets, custom APIs and slots", () => {
            const text = planText(base);
            const block = text.slice(
                text.indexOf("  ConnectorClient connector-graph-me "),
                text.indexOf("  ConnectorClient connector-orders "),
            );
            expect(block)
                .to.include("connector-graph-me-federated-fic")
                .and.include("connector-graph-me-consent-grant");
            expect(text).to.match(
                /Secret connector-arm-key-vault-secret\s+vaultName=kv-connectors-dev\s+secretName=dev-connector-arm-client-secret\s+resourceGroupName=rg-connectors-dev/,
            );
            expect(text).to.match(
                /CustomApi connector-orders-logic-apps-custom-api\s+apiName=dev-orders-logic-apps\s+resourceGroupName=rg-connectors-dev\s+location=westeurope/,
            );
            expect(text).to.match(
                /SecretSlots connector-arm-secret-slots\s+slot a ends=2026-06-30T00:00:00Z\s+slot b ends=2026-06-30T00:00:00Z/,
            );
        });

        it("--details lists every input; a big stack's default is one line per component", () => {
            const details = planText(base, { details: true });
            expect(details).to.include("applicationId = ").and.include("rotateWhenChanged = ");
            const summary = planText(base, { summaryThreshold: 10 });
            expect(summary).to.match(/^ {2}ConnectorClient connector-arm: \+ 11 \(/m);
            expect(summary).to.not.include("connector-arm-app");
        });

        it("states the simulated clock, and colours only when asked (a TTY without NO_COLOR)", () => {
            expect(planText(base, { now: "2026-01-01T00:00:00Z" })).to.include("Simulated clock: 2026-01-01T00:00:00Z");
            expect(planText(base)).to.not.match(/\x1b\[/);
            expect(planText(base, { color: true })).to.match(/\x1b\[32m\+/);
            expect(useColor({ isTTY: true }, {})).to.equal(true);
            expect(useColor({ isTTY: true }, { NO_COLOR: "1" })).to.equal(false);
            expect(useColor({ isTTY: false }, {})).to.equal(false);
            expect(useColor({}, {})).to.equal(false);
        });

        it("labels the Security tab's fields as the tab does (Login URL)", () => {
            const text = planText(base);
            expect(text).to.include("    Login URL                  https://login.microsoftonline.com");
            expect(text).to.not.include("Authorization URL");
        });
    });

    describe("the pull request's job summary", () => {
        it("lists the stacks from the Pulumi.*.yaml files", () => {
            expect(stackNames(projectDir)).to.include.members(["dev", "prod", "test"]);
            expect(stackNames(projectDir)).to.not.include("yaml");
        });

        it("puts every stack's replace and delete warnings before the diffs, naming the stack", async () => {
            const c = devConfig()["entra-connectors:connectors"];
            delete c.arm;
            const removed = planText(await plan({ "entra-connectors:connectors": c }), { previous: base });
            const same = planText(base, { previous: base });
            const md = pullRequestSummary([
                { stack: "dev", text: removed },
                { stack: "prod", text: same },
                { stack: "qa", text: undefined },
            ]);
            const warnings = md.indexOf("### :warning:");
            expect(warnings).to.be.greaterThan(-1);
            expect(warnings).to.be.lessThan(md.indexOf("### Stack `dev`"));
            expect(md.slice(warnings, md.indexOf("### Stack `dev`")))
                .to.include("- `dev`: 5 changes break live connections")
                .and.include("  - `- ApplicationRegistration connector-arm-app (deleted)`")
                .and.include("- `dev`: Warning: 6 resources replaced or deleted")
                .and.include("`qa`: not planned");
            expect(md).to.match(/### Stack `dev`: 0 to create, 0 to update, 0 to replace, 11 to delete/);
            expect(md).to.include(
                "### Stack `prod`: 0 to create, 0 to update, 0 to replace, 0 to delete, 0 to import, 80 unchanged",
            );
            expect(pullRequestSummary([{ stack: "prod", text: same }])).to.include(
                "No stack replaces or deletes anything.",
            );
        });
    });
});
