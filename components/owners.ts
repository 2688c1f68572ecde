// Owners of an app registration: the stack's extra owners, each an ApplicationOwner, plus the deploying identity
// when it is not already an owner by Entra's own doing.
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../entra/naming";

/**
 * How the deploying identity comes to own the apps it creates.
 * - "explicit": an ApplicationOwner makes it one (an `Application.ReadWrite.All` deployer, which Entra does not
 *   make an owner, and which needs no ownership to manage apps but keeps it so it could drop to OwnedBy later).
 * - "automatic": Entra already added it when it created the app (an `Application.ReadWrite.OwnedBy` deployer, or a
 *   user without an admin role). An explicit ApplicationOwner would then fail: the provider's create looks the
 *   owner up first and refuses "already exists - to be managed via Terraform this resource needs to be imported"
 *   (internal/services/applications/application_owner_resource.go, Create; terraform-provider-azuread#1718, #1367).
 *   ApplicationRegistration itself never adds owners (application_registration_resource.go has no owner code).
 */
export type DeployerOwnership = "explicit" | "automatic";

/** The values of DeployerOwnership, for components that take it as a string (analyzer-compatible) and check it. */
export const DEPLOYER_OWNERSHIPS: readonly DeployerOwnership[] = ["explicit", "automatic"];

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
            ? [new azuread.ApplicationOwner(childName(componentName, "owner", "deployer"), { applicationId, ownerObjectId: deployerObjectId }, { parent })]
            : [];
    const extra = [...new Set(owners.map((o) => o.toLowerCase()))].map(
        (ownerObjectId) => new azuread.ApplicationOwner(childName(componentName, "owner", ownerObjectId), { applicationId, ownerObjectId }, { parent }),
    );
    return [...deployer, ...extra];
}
