// How the deploying identity comes to own the apps it creates: the vocabulary config, components and docs share.

/**
 * How the deploying identity comes to own the apps it creates.
 * - "explicit": an ApplicationOwner makes it one (an `Application.ReadWrite.All` deployer, which Entra does not
 *   make an owner, and which needs no ownership to manage apps but keeps it so it could drop to OwnedBy later).
 * - "automatic": Entra already added it when it created the app (an `Application.ReadWrite.OwnedBy` deployer, or a
 *   user without an admin role). An explicit ApplicationOwner would then fail: the provider's create looks the
 *   owner up first and refuses "already exists - to be managed via Terraform this resource needs to be imported"
 *   (internal/services/applications/application_owner_resource.go, Create; terraform-provider-azuread#1718, #1367).
 *   ApplicationRegistration itself never adds owners (application_registration_resource.go has no owner code).
 *
 * Config's enum and the components' string check (analyzer-compatible Args) both use these values.
 */
export const DEPLOYER_OWNERSHIPS = ["explicit", "automatic"] as const;
/** One of DEPLOYER_OWNERSHIPS. */
export type DeployerOwnership = (typeof DEPLOYER_OWNERSHIPS)[number];
