// Owners of an app registration: the stack's extra owners, each an ApplicationOwner, plus the deploying identity
// when it is not already an owner by Entra's own doing.
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { DeployerOwnership } from "../entra/deployerOwnership";
import { childName } from "../entra/naming";

/**
 * One ApplicationOwner per distinct owner. Extra owners are keyed by object id (stable, never indexes); the
 * deployer's child is named by role (its id is only known at run time), and exists only for "explicit".
 * Policy `app-owner-besides-deployer` counts the ApplicationOwners that are not the deployer's, so it means the
 * same under both models. Note: Graph documents that Application.ReadWrite.OwnedBy is not sufficient to add
 * another owner (learn.microsoft.com/graph/api/application-post-owners): an OwnedBy deployer needs
 * Application.ReadWrite.All too for `owners`, or an admin adds them.
 */
export function addOwners(
    componentName: string,
    applicationId: pulumi.Input<string>,
    deployerObjectId: pulumi.Input<string>,
    owners: readonly string[],
    parent: pulumi.Resource,
    deployerOwnership: DeployerOwnership = "explicit",
): azuread.ApplicationOwner[] {
    // Listing the deployer in `owners` as well would add it twice: the simulator reports that.
    const deployer =
        deployerOwnership === "explicit"
            ? [
                  new azuread.ApplicationOwner(
                      childName(componentName, "owner", "deployer"),
                      { applicationId, ownerObjectId: deployerObjectId },
                      { parent },
                  ),
              ]
            : [];
    const extra = [...new Set(owners.map((o) => o.toLowerCase()))].map(
        (ownerObjectId) =>
            new azuread.ApplicationOwner(
                childName(componentName, "owner", ownerObjectId),
                { applicationId, ownerObjectId },
                { parent },
            ),
    );
    return [...deployer, ...extra];
}
