// The dynamic provider of PowerPlatformConnector: each method hands over to the Power Apps transport.
import * as pulumi from "@pulumi/pulumi";
// The only module the methods capture: Pulumi's closure serializer turns it into `require("entra-connectors/powerPlatform")`
// when the package is installed, which the package's `exports` map must expose (pulumi/pulumi#8893).
import * as transport from "../powerPlatform";

/** The type token the engine and the simulator see. */
export const POWER_PLATFORM_CONNECTOR_TYPE = "pulumi-nodejs:dynamic/entra-connectors:PowerPlatformConnector";

/**
 * Create, update (GET, merge, PATCH only when the definition or the secret changed), read and delete through the
 * Power Apps API; diff decides when a PATCH is due and when another environment or cloud replaces the connector.
 */
export const powerPlatformConnectorProvider: pulumi.dynamic.ResourceProvider = {
    async diff(_id: string, olds: transport.ConnectorState, news: transport.ConnectorInputs) {
        return transport.diffConnector(olds, news);
    },
    async create(inputs: transport.ConnectorInputs) {
        return transport.createConnector(inputs);
    },
    async update(id: string, olds: transport.ConnectorState, news: transport.ConnectorInputs) {
        return transport.updateConnector(id, olds, news);
    },
    async read(id: string, props: transport.ConnectorState) {
        return transport.readConnector(id, props);
    },
    async delete(id: string, props: transport.ConnectorState) {
        await transport.deleteConnector(id, props);
    },
};
