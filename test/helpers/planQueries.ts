// Lookups over an offline plan shared by the specs: a resource by URN, a component by name, its descendants.
import { expect } from "chai";
import { RecordedResource } from "../../offline/simulator/recordingMonitor";
import { Plan } from "../../offline/plan/runOffline";

/** Resource type tokens the specs look for in plans. */
export const T = {
    app: "azuread:index/applicationRegistration:ApplicationRegistration",
    apiAccess: "azuread:index/applicationApiAccess:ApplicationApiAccess",
    redirectUris: "azuread:index/applicationRedirectUris:ApplicationRedirectUris",
    fallback: "azuread:index/applicationFallbackPublicClient:ApplicationFallbackPublicClient",
    password: "azuread:index/applicationPassword:ApplicationPassword",
    certificate: "azuread:index/applicationCertificate:ApplicationCertificate",
    rotating: "time:index/rotating:Rotating",
    fic: "azuread:index/applicationFederatedIdentityCredential:ApplicationFederatedIdentityCredential",
    grant: "azuread:index/servicePrincipalDelegatedPermissionGrant:ServicePrincipalDelegatedPermissionGrant",
    identifierUri: "azuread:index/applicationIdentifierUri:ApplicationIdentifierUri",
    scope: "azuread:index/applicationPermissionScope:ApplicationPermissionScope",
    role: "azuread:index/applicationAppRole:ApplicationAppRole",
    sp: "azuread:index/servicePrincipal:ServicePrincipal",
    preAuthorized: "azuread:index/applicationPreAuthorized:ApplicationPreAuthorized",
    owner: "azuread:index/applicationOwner:ApplicationOwner",
    privateKey: "tls:index/privateKey:PrivateKey",
    selfSignedCert: "tls:index/selfSignedCert:SelfSignedCert",
    consent: "entra-connectors:index:DelegatedConsent",
    secretSlots: "pulumi-nodejs:dynamic/entra-connectors:SecretSlots",
    keyVaultSecret: "azure-native:keyvault:Secret",
    customApi: "azure-native:web:CustomApi",
} as const;

/** Queries over the plan `getPlan` returns when called (plans are usually made in a `before` hook). */
export function planQueries(getPlan: () => Plan) {
    const byUrn = (urn: string) => getPlan().resources.find((r) => r.urn === urn);
    const component = (type: string, name: string): RecordedResource => {
        const found = getPlan().resources.filter((r) => r.type === type && r.name === name);
        expect(found, `${type} ${name}`).to.have.length(1);
        return found[0];
    };
    /** Every resource below `root` (children, grandchildren...). */
    const descendants = (root: RecordedResource): RecordedResource[] => {
        const direct = getPlan().resources.filter((r) => r.parent === root.urn);
        return [...direct, ...direct.flatMap(descendants)];
    };
    const under = (root: RecordedResource, type: string) => descendants(root).filter((r) => r.type === type);
    const one = (root: RecordedResource, type: string): RecordedResource => {
        const found = under(root, type);
        expect(found, `${type} under ${root.name}`).to.have.length(1);
        return found[0];
    };
    return { byUrn, component, descendants, under, one };
}
