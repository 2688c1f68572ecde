// ESLint flat config: the recommended JavaScript and typescript-eslint rules over the TypeScript sources.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
    { ignores: ["node_modules/", "**/node_modules/", "dist/", "bin/", "out/", "scratch/", "**/*.generated.ts"] },
    js.configs.recommended,
    tseslint.configs.recommended,
    {
        rules: {
            // `_name` marks a deliberately unused binding (destructuring that drops a field, an ignored argument).
            "@typescript-eslint/no-unused-vars": [
                "error",
                { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
            ],
        },
    },
    {
        files: ["test/**/*.ts"],
        rules: {
            // chai's property assertions (`expect(x).to.be.true`) read as expressions.
            "@typescript-eslint/no-unused-expressions": "off",
            // Tests walk parsed YAML and plan JSON of any shape, load modules by path, and match ANSI colour codes.
            "@typescript-eslint/no-explicit-any": "off",
            "@typescript-eslint/no-require-imports": "off",
            "no-control-regex": "off",
        },
    },
    {
        // Plain CommonJS scripts run by node directly (the bench's child processes, mocha's reporter).
        files: ["**/*.js"],
        languageOptions: {
            sourceType: "commonjs",
            globals: {
                require: "readonly",
                module: "writable",
                process: "readonly",
                console: "readonly",
                __dirname: "readonly",
                setTimeout: "readonly",
            },
        },
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
);
