// Loads a module built on @pulumi/azure-native, the package's optional peer dependency, naming the fix when it is missing.
import * as pulumi from "@pulumi/pulumi";

/** The range package.json's peerDependencies gives @pulumi/azure-native (a test keeps the two equal). */
export const AZURE_NATIVE_RANGE = "^3.28.0";

/**
 * `load()`, the require of a module that imports @pulumi/azure-native. When that package is not installed (it is
 * optional: most programs use neither Key Vault delivery nor a Logic Apps custom API), the error names the argument
 * that needs it and the install command, on the component, instead of Node's bare "Cannot find module".
 */
export function withAzureNative<T>(load: () => T, argument: string, parent: pulumi.Resource): T {
    try {
        return load();
    } catch (err) {
        const e = err as NodeJS.ErrnoException;
        if (e?.code === "MODULE_NOT_FOUND" && /Cannot find module '@pulumi\/azure-native[/']/.test(e.message ?? ""))
            throw new pulumi.ResourceError(
                `${argument} needs @pulumi/azure-native, an optional peer dependency of entra-connectors that is not installed. Fix: npm install @pulumi/azure-native@${AZURE_NATIVE_RANGE}`,
                parent,
            );
        throw err;
    }
}
