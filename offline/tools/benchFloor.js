// The bench's floor, in plain JavaScript (node runs it without ts-node): the Pulumi SDK alone registering the
// resources of a plan (same types through the same SDK classes, same names, parents and inputs) under trivial mocks.
// usage: node offline/tools/benchFloor.js <resources.json>   (a plan's resources: [{ type, name, parent, urn, custom, inputs }])
"use strict";
const fs = require("fs");
const pulumi = require("@pulumi/pulumi");

const resources = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));

// Mocks that echo the inputs: no simulator, no checks; only what the SDK itself costs.
let registered = 0;
let custom = 0;
pulumi.runtime.setMocks(
    {
        newResource: (args) => {
            registered++;
            if (args.custom) custom++;
            return { id: `${args.name}_id`, state: args.inputs };
        },
        call: (args) => args.inputs,
    },
    "floor",
    "floor",
    false,
);

/** The SDK class of a type token (`azuread:index/applicationOwner:ApplicationOwner` -> azuread.ApplicationOwner), if its package is installed. */
function sdkClass(type) {
    const [pkg, mod, cls] = type.split(":");
    const modulePath = {
        azuread: "@pulumi/azuread",
        time: "@pulumiverse/time",
        tls: "@pulumi/tls",
        "azure-native": `@pulumi/azure-native/${mod}`,
    }[pkg];
    if (!modulePath || cls === undefined) return undefined;
    try {
        return require(modulePath)[cls];
    } catch {
        return undefined;
    }
}

const byUrn = new Map(resources.map((r) => [r.urn, r]));
const created = new Map();
function create(r) {
    if (created.has(r.urn)) return created.get(r.urn);
    const parentRecord = byUrn.get(r.parent);
    const opts = parentRecord ? { parent: create(parentRecord) } : {};
    let res;
    if (!r.custom) {
        res = new pulumi.ComponentResource(r.type, r.name, {}, opts);
    } else {
        const Class = sdkClass(r.type);
        res = Class ? new Class(r.name, r.inputs, opts) : new pulumi.CustomResource(r.type, r.name, r.inputs, opts);
    }
    created.set(r.urn, res);
    return res;
}
for (const r of resources) create(r);
// What the mocks answered (the mock monitor sends components too), for a check that the floor did the whole list.
process.on("beforeExit", () => {
    if (!process.exitCode) process.stdout.write(`registered ${registered} resources, ${custom} custom\n`);
});
