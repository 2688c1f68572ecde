// Owners of an app registration: the deploying identity plus the stack's extra owners, each an ApplicationOwner.
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../entra/naming";

/**
 * One ApplicationOwner per distinct owner. Extra owners are keyed by object id (stable, never indexes).
 * The deploying identity is an owner so it keeps managing the app even with Application.ReadWrite.OwnedBy.
 */
export function addOwners(
    componentName: string,
    applicationId: pulumi.Input<string>,
    deployerObjectId: pulumi.Input<string>,
    owners: readonly string[],
    parent: pulumi.Resource,
): azuread.ApplicationOwner[] {
    // The deployer's id is only known at run time, so its child is named by role, the others by object id.
    // Listing the deployer in `owners` as well would add it twice: the simulator reports that.
    const deployer = new azuread.ApplicationOwner(
        childName(componentName, "owner", "deployer"),
        { applicationId, ownerObjectId: deployerObjectId },
        { parent },
    );
    const extra = [...new Set(owners.map((o) => o.toLowerCase()))].map(
        (ownerObjectId) =>
            new azuread.ApplicationOwner(
                childName(componentName, "owner", ownerObjectId),
                { applicationId, ownerObjectId },
                { parent },
            ),
    );
    return [deployer, ...extra];
}
