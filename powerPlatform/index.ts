// The Power Apps transport: endpoints, request builders, client, errors and the connector lifecycle. Exports only.
export * from "./endpoints";
export * from "./errors";
export * from "./requests";
export * from "./client";
export * from "./provider";
