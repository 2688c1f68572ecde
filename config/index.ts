// The config layer: the only reader of Pulumi config; maps the stack file onto the model components are built from.
export * from "./errors";
export * from "./keys";
export * from "./model";
export * from "./parse";
export { CONFIG_KEYS, CONFIG_REFERENCE } from "./schema";
export { stackFederatedSubjectProblem } from "./rules/connectors";
