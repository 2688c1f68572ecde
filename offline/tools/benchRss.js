// Preloaded (node --require) by the bench where GNU time is missing: appends this process's peak RSS (KiB) and its
// user and system CPU seconds to $BENCH_RSS_FILE at exit, in GNU time's `%M %U %S` format.
"use strict";
process.on("exit", () => {
    if (!process.env.BENCH_RSS_FILE) return;
    const usage = process.resourceUsage();
    require("fs").appendFileSync(
        process.env.BENCH_RSS_FILE,
        `${usage.maxRSS} ${usage.userCPUTime / 1e6} ${usage.systemCPUTime / 1e6}\n`,
    );
});
