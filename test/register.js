// Mocha's TypeScript loader: ts-node (transpile only) whose output is cached by content, in memory and on disk.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const tsNode = require("ts-node");

// Transpiling is most of a test run's start-up (ts-node transpiles every module it loads), and the offline plan
// loads a program fresh for each run (runOffline deletes it from require.cache), so each plan used to transpile it
// again. The output depends only on the compiler, the options and the file's name and text: the key holds all four,
// so an edited file, another TypeScript or another tsconfig simply misses. TS_NODE_CACHE=false turns the disk off.
const service = tsNode.register({ transpileOnly: true });
const ts = service.ts;
const transpile = service.compile;
const salt = JSON.stringify([ts.version, tsNode.VERSION, service.config.options]);
const dir =
    process.env.TS_NODE_CACHE === "false"
        ? undefined
        : path.join(__dirname, "..", "node_modules", ".cache", "test-transpile");
const memo = new Map();
// ts-node serves stack traces' source maps from the outputs it transpiled itself; a cached output is served here.
const outputs = new Map();
require("@cspotcode/source-map-support").install({ environment: "node", retrieveFile: (file) => outputs.get(file) });

service.compile = function compile(code, fileName, lineOffset) {
    const key = crypto
        .createHash("sha256")
        .update(salt)
        .update("\0")
        .update(fileName)
        .update("\0")
        .update(code)
        .digest("hex");
    const known = memo.get(key);
    if (known !== undefined) {
        outputs.set(fileName, known);
        return known;
    }
    const file = dir && path.join(dir, key.slice(0, 2), `${key}.js`);
    let output;
    try {
        output = file && fs.readFileSync(file, "utf8");
    } catch {
        output = undefined;
    }
    if (!output) {
        output = transpile(code, fileName, lineOffset);
        if (file) {
            try {
                fs.mkdirSync(path.dirname(file), { recursive: true });
                // Written whole under a unique name, then renamed: a concurrent run never reads half a file.
                const tmp = `${file}.${process.pid}.tmp`;
                fs.writeFileSync(tmp, output);
                fs.renameSync(tmp, file);
            } catch {
                // A read-only or full disk only costs speed.
            }
        }
    }
    memo.set(key, output);
    outputs.set(fileName, output);
    return output;
};
