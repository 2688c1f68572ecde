// A program that uses Key Vault delivery or a Logic Apps custom API without @pulumi/azure-native installed is told
// which argument needs it and how to install it, at the range the package asks for.
import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { AZURE_NATIVE_RANGE, withAzureNative } from "../components/optionalPeer";

/** What Node throws for a require of a package that is not installed. */
function notFound(request: string): Error {
    return Object.assign(new Error(`Cannot find module '${request}'\nRequire stack:\n- /app/dist/components/x.js`), {
        code: "MODULE_NOT_FOUND",
    });
}

describe("@pulumi/azure-native, the optional peer dependency", () => {
    const parent = {} as pulumi.Resource;

    it("a missing azure-native names the argument and the install command", () => {
        expect(() =>
            withAzureNative(
                () => {
                    throw notFound("@pulumi/azure-native/keyvault");
                },
                'component "connector-orders": args.keyVault',
                parent,
            ),
        ).to.throw(
            `component "connector-orders": args.keyVault needs @pulumi/azure-native, an optional peer dependency of entra-connectors that is not installed. Fix: npm install @pulumi/azure-native@${AZURE_NATIVE_RANGE}`,
        );
    });

    it("any other failure, a missing module of another package included, passes through unchanged", () => {
        const other = notFound("left-pad");
        expect(() =>
            withAzureNative(
                () => {
                    throw other;
                },
                "args.keyVault",
                parent,
            ),
        ).to.throw(other.message);
        expect(withAzureNative(() => 42, "args.keyVault", parent)).to.equal(42);
    });

    it("the install command asks for the range package.json gives the peer", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8"));
        expect(AZURE_NATIVE_RANGE).to.equal(pkg.peerDependencies["@pulumi/azure-native"]);
    });
});
