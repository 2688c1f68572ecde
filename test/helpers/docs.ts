// The project's documentation as tests read it: README.md, CONTRIBUTING.md and the pages under docs/.
import * as fs from "fs";
import * as path from "path";

export const PROJECT_DIR = path.resolve(__dirname, "..", "..");

/**
 * The project's own source files (relative paths) whose names match `pattern`: everything but dependencies, build
 * output, plans, tests and the folders in `skip` (e.g. "vendor" for generated copies).
 */
export function productFiles(pattern: RegExp, skip: readonly string[] = []): string[] {
    const files: string[] = [];
    const walk = (dir: string): void => {
        for (const entry of fs.readdirSync(path.join(PROJECT_DIR, dir), { withFileTypes: true })) {
            const rel = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                if (!["node_modules", "dist", "test", "out", ".git", ...skip].includes(entry.name)) walk(rel);
            } else if (pattern.test(entry.name)) files.push(rel);
        }
    };
    walk(".");
    return files;
}

/** Text of a documentation page: "README" and "CONTRIBUTING" at the root, any other name under docs/. */
export function docPage(name: string): string {
    const file = name === "README" || name === "CONTRIBUTING" ? `${name}.md` : path.join("docs", `${name}.md`);
    return fs.readFileSync(path.join(PROJECT_DIR, file), "utf8");
}

/** Every documentation file that exists, relative to the project: README.md, CONTRIBUTING.md, docs/*.md. */
export function docFiles(): string[] {
    const docs = fs.existsSync(path.join(PROJECT_DIR, "docs"))
        ? fs
              .readdirSync(path.join(PROJECT_DIR, "docs"))
              .filter((f) => f.endsWith(".md"))
              .sort()
              .map((f) => `docs/${f}`)
        : [];
    return ["README.md", "CONTRIBUTING.md", ...docs].filter((f) => fs.existsSync(path.join(PROJECT_DIR, f)));
}

/** The section of `text` that starts at the heading line `heading` and ends before the next heading of its level or higher. */
export function docSection(text: string, heading: string): string {
    const lines = text.split("\n");
    const start = lines.indexOf(heading);
    if (start < 0) throw new Error(`no heading "${heading}"`);
    const level = /^#+/.exec(heading)![0].length;
    const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && /^#+/.exec(l)![0].length <= level);
    return lines.slice(start, end < 0 ? undefined : end).join("\n");
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchor(heading: string): string {
    return heading
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, "")
        .replace(/\s/g, "-");
}

/** The anchors a Markdown file offers: one per heading outside code fences (repeats get -1, -2, ... as on GitHub). */
export function anchorsOf(text: string): Set<string> {
    const seen = new Map<string, number>();
    const anchors = new Set<string>();
    let fenced = false;
    for (const line of text.split("\n")) {
        if (/^\s*```/.test(line)) fenced = !fenced;
        const m = fenced ? null : /^#{1,6}\s+(.*?)\s*#*$/.exec(line);
        if (!m) continue;
        const base = headingAnchor(m[1]);
        const n = seen.get(base) ?? 0;
        seen.set(base, n + 1);
        anchors.add(n === 0 ? base : `${base}-${n}`);
    }
    return anchors;
}

/** Relative links `[text](target)` outside code fences and inline code: [line, target]. */
export function relativeLinks(text: string): [number, string][] {
    const links: [number, string][] = [];
    let fenced = false;
    text.split("\n").forEach((line, i) => {
        if (/^\s*```/.test(line)) fenced = !fenced;
        if (fenced) return;
        const prose = line.replace(/`[^`]*`/g, "``");
        for (const m of prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
            const target = m[1];
            if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: ...
            links.push([i + 1, target]);
        }
    });
    return links;
}
