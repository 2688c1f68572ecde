// The library: every component, its Args and outputs, the catalog and the pure functions a user needs. Exports only.
export { ClientSecret, clientSecretProblems } from "./clientSecret";
export type { ClientSecretArgs, SecretSlotsReport, SlotReport } from "./clientSecret";
export { ConnectorClient, connectorClientProblems, resolveScopeIds } from "./connectorClient";
export type { ConnectorClientArgs, FederatedCredentialReport } from "./connectorClient";
export type { ApiServicePrincipal, ApiTarget, ProtectedApiReference } from "./connectorTarget";
export type { SecurityTabSettings } from "./connectorOutputs";
export type { Adoption } from "./adoption";
export type { Ownership } from "./ownership";
export type { CustomApiOAuthSettings, LogicAppsCustomApi } from "./logicAppsCustomApi";
export { ensureServicePrincipal } from "./ensureServicePrincipal";
export type { EnsuredServicePrincipal } from "./ensureServicePrincipal";
export { DelegatedConsent, delegatedConsentProblems, grantClaimValues } from "./consent";
export type { DelegatedConsentArgs } from "./consent";
export {
    ConnectorFederatedCredential,
    connectorFederatedIdentityCredential,
    federatedCredentialProblems,
} from "./federatedCredential";
export type { ConnectorFederatedCredentialArgs } from "./federatedCredential";
export { HttpWithEntraIdConsent, httpWithEntraIdConsentProblems } from "./httpWithEntraIdConsent";
export type { HttpWithEntraIdConsentArgs } from "./httpWithEntraIdConsent";
export { keyVaultSecretName } from "../entra/naming";
export type { KeyVaultSecretReference, KeyVaultTarget } from "./keyVaultDelivery";
export { PowerPlatformApiClient, powerPlatformApiClientProblems, tokenEndpoint } from "./powerPlatformApiClient";
export type { PowerPlatformApiClientArgs, PowerPlatformApiPrincipal } from "./powerPlatformApiClient";
export { PowerPlatformConnector, powerPlatformConnectorProblems } from "./powerPlatformConnector";
export type { PowerPlatformConnectorArgs } from "./powerPlatformConnector";
export { apiScopeIds, ProtectedApi, protectedApiProblems } from "./protectedApi";
export type { ApiScope, AppRole, ProtectedApiArgs } from "./protectedApi";

// Pure Entra knowledge: the catalog, connector settings and files, subject encoding, rules.
export {
    connectorSecuritySettings,
    renderApiDefinition,
    renderApiProperties,
    toJsonFile,
} from "../entra/connectorSettings";
export type {
    ConnectorAuthentication,
    ConnectorSecurityInput,
    ConnectorSecuritySettings,
} from "../entra/connectorSettings";
export { federatedIssuer, federatedSubjectProblem } from "../entra/federatedCredentialRules";
export { permissionValueProblem, redirectUriProblem } from "../entra/entraRules";
export { decodeGuid, encodeGuid, parsePowerPlatformSubject, powerPlatformSubject } from "../entra/powerPlatformSubject";
export type { PowerPlatformSubject } from "../entra/powerPlatformSubject";
export { DEFAULT_SECRET_LIFETIME_DAYS, defaultRotationDays } from "../entra/secretRotation";
export { HTTP_WITH_ENTRA_ID_APP_ID, WELL_KNOWN_API_NAMES, WELL_KNOWN_APIS } from "../entra/wellKnownApis";
export {
    CLOUD_NAMES,
    CLOUDS,
    globalConsentRedirectUrl,
    NATIVE_CLIENT_REDIRECT_URI,
    POWER_PLATFORM_API_DEFAULT_SCOPE,
} from "../entra/clouds";
export type { WellKnownApi, WellKnownApiName } from "../entra/wellKnownApis";
export type { CloudFacts, CloudName } from "../entra/clouds";
