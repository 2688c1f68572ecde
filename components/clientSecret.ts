// A client secret whose end date is anchored in state, so `pulumi up` never mints a new secret by itself.
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import * as time from "@pulumiverse/time";
import { childName } from "./naming";

export interface ClientSecret {
    /** The secret text, always a Pulumi secret. */
    readonly value: pulumi.Output<string>;
    readonly keyId: pulumi.Output<string>;
    readonly endDate: pulumi.Output<string>;
}

/**
 * `endDate` and `rotateWhenChanged` force replacement of an ApplicationPassword. Reading the clock here would
 * replace the secret (and break every connection) on each run, so a time.Rotating resource holds the creation
 * time in state; when its rotation time passes, the provider re-creates it and the password follows.
 */
export function createClientSecret(
    componentName: string,
    applicationId: pulumi.Input<string>,
    lifetimeDays: number,
    description: string,
    parent: pulumi.Resource,
): ClientSecret {
    const rotation = new time.Rotating(childName(componentName, "secret-rotation"), { rotationDays: lifetimeDays }, { parent });
    const password = new azuread.ApplicationPassword(
        childName(componentName, "secret"),
        {
            applicationId,
            displayName: description,
            endDate: rotation.rotationRfc3339,
            rotateWhenChanged: { rotation: rotation.id },
        },
        { parent, additionalSecretOutputs: ["value"] },
    );
    return { value: pulumi.secret(password.value), keyId: password.keyId, endDate: password.endDate };
}
