// The Entra simulator's public surface: the core (simulator/core.ts) and its types; handlers live per family.
export { DEFAULT_NOW, EntraSimulator } from "./core";
export type {
    AssumedServicePrincipal,
    Finding,
    PriorResource,
    FindingSeverity,
    SimulatedResource,
    SimulatorOptions,
    TenantServicePrincipal,
} from "./context";
export { defaultTenantServicePrincipals } from "./tenant";
export { unwrapSecret } from "./secretValues";
