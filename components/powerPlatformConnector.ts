// PowerPlatformConnector: the custom connector itself in a Power Platform environment, its redirect URIs and subject.
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { choiceProblem, guidProblem } from "../entra/argRules";
import { connectorDefinitionFiles } from "../entra/connectorDefinition";
import {
    CONNECTOR_AUTHENTICATIONS,
    connectorSecurityInput,
    ConnectorSecurityInput,
    toJsonFile,
} from "../entra/connectorSettings";
import { redirectUriProblem } from "../entra/entraRules";
import { federatedIssuer, federatedSubjectProblem } from "../entra/federatedCredentialRules";
import { childName } from "../entra/naming";
import {
    connectorNameProblem,
    environmentIdProblem,
    subjectTimeoutProblem,
} from "../entra/powerPlatformConnectorRules";
import { CLOUD_NAMES, CLOUDS, CloudName } from "../entra/clouds";
import { DEFAULT_SUBJECT_TIMEOUT_SECONDS, type ConnectorInputs } from "../powerPlatform";
import { adoptOptions, redirectUrisImportId } from "./adoption";
import { ArgProblems } from "./argProblems";
import { dynamicProviderProblem } from "./secretSlots";
import { connectorFederatedIdentityCredential } from "./federatedCredential";
import { powerPlatformConnectorProvider } from "./powerPlatformConnectorProvider";
import { answeredText } from "./providerAnswers";

/** Arguments of a PowerPlatformConnector. */
export interface PowerPlatformConnectorArgs {
    /** Stable logical key (config: `connectors.<key>`): names the federated credential and appears in errors. */
    readonly stableKey: string;
    /** The Power Platform environment id (the admin center's Environment ID), e.g. "Default-<tenant id>". */
    readonly environment: string;
    /** Display name of the connector, environment suffix included. Sent on create only (the API keeps the first). */
    readonly displayName: pulumi.Input<string>;
    /** Sovereign cloud: "public", "usgovernment", "usgovernmentdod" or "china". Default "public". */
    readonly cloud?: string;
    /** The tenant id (GUID): the connector's Tenant ID, and the tenant a managed-identity subject must encode. */
    readonly tenantId: string;
    /** Resource id (`/applications/{objectId}`) of the connector's client app: its redirect URIs and federated credential go there. */
    readonly applicationId: pulumi.Input<string>;
    /** The client app's client id (the connector's Client ID). */
    readonly clientId: pulumi.Input<string>;
    /** The connector's Resource URL. */
    readonly resourceUrl: pulumi.Input<string>;
    /** Delegated permission names the connector requests. */
    readonly scopes: string[];
    /** "clientSecret" or "managedIdentity". */
    readonly authentication: string;
    /** clientSecret only: the newest client secret (a Pulumi secret); a renewed one is delivered in the same deployment. */
    readonly clientSecret?: pulumi.Input<string>;
    /**
     * clientSecret only: a value that is not secret and changes whenever the secret does, e.g. the newest password's
     * key id (ConnectorClient's `secretSlots`). A preview masks the secret, so this is how it shows the connector's
     * update when a renewal delivers a new secret. Default none.
     */
    readonly clientSecretVersion?: pulumi.Input<string>;
    /** The Security tab's "Enable on-behalf-of login". Default false. */
    readonly onBehalfOfLogin?: boolean;
    /**
     * OpenAPI 2.0 document with the connector's operations, as JSON text (one type in every language); its security
     * definitions are replaced by the generated ones. Default: none (a connector without actions, with a warning).
     */
    readonly openApiJson?: string;
    /** Base URL of the API, for the generated definition's host when there is no `openApi`. Default the Resource URL when it is an https URL, else the placeholder `api.contoso.example`. */
    readonly baseUrl?: string;
    /** URL of an icon already uploaded for the connector (`iconUri`). Default the platform's icon. */
    readonly iconUri?: string;
    /** Extra Web redirect URIs registered beside the connector's own (e.g. a hand-made connector's). Default none. */
    readonly additionalRedirectUrls?: string[];
    /**
     * The client app's object id, when the app is adopted and already has Web redirect URIs: they are imported (and
     * then set to the connector's) instead of created, which the provider refuses for an app that has some. Default
     * none.
     */
    readonly adoptRedirectUrisOfApplication?: string;
    /** managedIdentity only: a subject pasted from the Security tab; overrides the one read from the connector. */
    readonly federatedSubject?: string;
    /** managedIdentity only: minutes to wait for the platform to show the subject after create. Default 15. */
    readonly subjectTimeoutMinutes?: number;
    /**
     * The name of a connector created by hand (e.g. `shared_orders-20connector-5f...`) to adopt instead of creating a
     * new one: the stack PATCHes its definition and secret into it, and `pulumi destroy` leaves it in place. Default:
     * none (the stack creates the connector, and deletes it on destroy).
     */
    readonly adoptConnectorName?: string;
}

/** Every problem with PowerPlatformConnector arguments. */
export function powerPlatformConnectorProblems(name: string, args: PowerPlatformConnectorArgs): ArgProblems {
    const problems = new ArgProblems(PowerPlatformConnector.TYPE, name);
    const kinds = {
        stableKey: "text",
        environment: "text",
        tenantId: "text",
        cloud: "text?",
        scopes: "texts",
        authentication: "text",
        additionalRedirectUrls: "texts?",
        adoptRedirectUrisOfApplication: "text?",
    } as const;
    if (problems.shapes(args, kinds)) return problems;
    const cloud = args.cloud ?? "public";
    problems.check("cloud", choiceProblem(cloud, CLOUD_NAMES));
    problems.check("tenantId", guidProblem(args.tenantId));
    problems.check("authentication", choiceProblem(args.authentication, CONNECTOR_AUTHENTICATIONS));
    problems.checkValue("environment", args.environment ?? "", environmentIdProblem(args.environment ?? ""));
    (args.additionalRedirectUrls ?? []).forEach((u, i) =>
        problems.checkValue(`additionalRedirectUrls[${i}]`, u, redirectUriProblem(u)),
    );
    if (args.authentication === "clientSecret" && args.clientSecret === undefined)
        problems.check(
            "clientSecret",
            'is missing; a "clientSecret" connector needs the client secret (pass the ConnectorClient\'s clientSecret)',
        );
    if (args.authentication !== "clientSecret" && args.clientSecretVersion !== undefined)
        problems.check("clientSecretVersion", 'is only for authentication "clientSecret"; remove it');
    if (args.authentication === "managedIdentity" && args.clientSecret !== undefined)
        problems.check(
            "clientSecret",
            'is only for authentication "clientSecret"; a managed-identity connector has no secret',
        );
    if (args.federatedSubject !== undefined && CLOUD_NAMES.includes(cloud as CloudName) && !guidProblem(args.tenantId))
        problems.check(
            "federatedSubject",
            federatedSubjectProblem(args.federatedSubject, args.tenantId, cloud as CloudName, "args.tenantId"),
        );
    if (args.openApiJson !== undefined && !parseOpenApi(args.openApiJson))
        problems.check(
            "openApiJson",
            'is not an OpenAPI 2.0 JSON document (it needs "swagger": "2.0"); give the text of the file, or leave it out',
        );
    problems.check(
        "adoptRedirectUrisOfApplication",
        args.adoptRedirectUrisOfApplication === undefined
            ? undefined
            : guidProblem(args.adoptRedirectUrisOfApplication),
    );
    if (args.adoptConnectorName !== undefined)
        problems.checkValue(
            "adoptConnectorName",
            args.adoptConnectorName,
            connectorNameProblem(args.adoptConnectorName),
        );
    if (args.subjectTimeoutMinutes !== undefined)
        problems.check("subjectTimeoutMinutes", subjectTimeoutProblem(args.subjectTimeoutMinutes));
    // The connector is a dynamic resource: refused here, before any child, rather than when the engine starts it.
    problems.checkComponent(
        dynamicProviderProblem(
            process.cwd(),
            "the custom connector",
            "create the connector from a TypeScript or JavaScript program (for example the stack's own), or run npm install @pulumi/pulumi there",
        ),
    );
    return problems;
}

/** The OpenAPI 2.0 object in `text`, or undefined when it is not JSON or not OpenAPI 2.0. */
function parseOpenApi(text: string): Record<string, unknown> | undefined {
    try {
        const parsed = JSON.parse(text) as unknown;
        return typeof parsed === "object" && parsed !== null && (parsed as { swagger?: unknown }).swagger === "2.0"
            ? (parsed as Record<string, unknown>)
            : undefined;
    } catch {
        return undefined;
    }
}

/** The connector's definition as sent to the Power Apps API (no secret: that travels beside it). */
function definitionOf(
    args: PowerPlatformConnectorArgs,
    security: ConnectorSecurityInput,
    displayName: string,
): ConnectorInputs["definition"] {
    const files = connectorDefinitionFiles(security, {
        openApi: args.openApiJson === undefined ? undefined : parseOpenApi(args.openApiJson),
        baseUrl: args.baseUrl,
    });
    return {
        displayName,
        apiProperties: files.apiProperties,
        openApiDefinition: files.openApiDefinition,
        ...(args.iconUri ? { iconUri: args.iconUri } : {}),
    };
}

/**
 * A custom connector in one Power Platform environment, owned by the stack: created, updated (only when its
 * definition or secret changed) and deleted through the Power Apps API. Its redirect URL becomes the client app's
 * Web redirect URI and, for managed identity, its subject the client app's federated credential, in the same
 * deployment: app, password, connector, then redirect URIs and credential.
 */
export class PowerPlatformConnector extends pulumi.ComponentResource {
    /** Pulumi type token. */
    static readonly TYPE = "entra-connectors:index:PowerPlatformConnector";

    /** The connector's name in the environment (assigned by the platform). */
    readonly connectorName: pulumi.Output<string>;
    /** The redirect URL the connector's Security tab shows. */
    readonly redirectUrl: pulumi.Output<string>;
    /** managedIdentity only: the subject of the client app's federated credential. */
    readonly federatedSubject?: pulumi.Output<string>;
    /** managedIdentity only: the federated credential's issuer. */
    readonly federatedIssuer?: pulumi.Output<string>;
    /** managedIdentity only: the federated credential's audience. */
    readonly federatedAudience?: pulumi.Output<string>;
    /** The Power Platform environment id. */
    readonly environment: string;
    /** The Web redirect URIs registered on the client app: the connector's own, then `additionalRedirectUrls`. */
    readonly redirectUris: pulumi.Output<string[]>;
    /** The text of apiProperties.json as deployed (the connector's redirect URL in it; no secret). */
    readonly apiProperties: pulumi.Output<string>;
    /** The text of apiDefinition.swagger.json as deployed. */
    readonly apiDefinition: pulumi.Output<string>;

    constructor(name: string, args: PowerPlatformConnectorArgs, opts?: pulumi.ComponentResourceOptions) {
        super(PowerPlatformConnector.TYPE, name, {}, opts);
        powerPlatformConnectorProblems(name, args).throwIfAny(this);
        const cloud = (args.cloud ?? "public") as CloudName;
        this.environment = args.environment;
        if (args.openApiJson === undefined) {
            pulumi.log.warn(
                `connector "${args.stableKey}": no OpenAPI file, so the connector has no actions yet; give it its operations with the openApiJson argument (stack config: connectors.${args.stableKey}.openApiFile).`,
                this,
            );
        }
        const managedIdentity = args.authentication === "managedIdentity";
        const definition = pulumi
            .all([args.clientId, args.resourceUrl, args.displayName])
            .apply(([clientId, resourceUrl, displayName]) => {
                const security = connectorSecurityInput({
                    connectorKey: args.stableKey,
                    displayName,
                    cloud,
                    tenantId: args.tenantId,
                    clientId,
                    resourceUrl,
                    scopes: args.scopes,
                    authentication: args.authentication as ConnectorSecurityInput["authentication"],
                    onBehalfOfLogin: args.onBehalfOfLogin ?? false,
                    redirectUrls: [],
                });
                // The connector does not exist yet, so it has no redirect URL to render: in a cloud without a documented
                // consent host none is sent, and the platform assigns its own (read back after create).
                return definitionOf(args, security, displayName);
            });
        const connector = new PowerPlatformConnectorResource(
            childName(name, "connector"),
            {
                cloud,
                environment: args.environment,
                connectorKey: args.stableKey,
                definition,
                clientSecret: args.clientSecret === undefined ? undefined : pulumi.secret(args.clientSecret),
                ...(args.clientSecretVersion !== undefined ? { clientSecretVersion: args.clientSecretVersion } : {}),
                managedIdentity,
                subjectTimeoutSeconds:
                    args.subjectTimeoutMinutes !== undefined
                        ? args.subjectTimeoutMinutes * 60
                        : DEFAULT_SUBJECT_TIMEOUT_SECONDS,
                ...(args.adoptConnectorName !== undefined ? { adoptName: args.adoptConnectorName } : {}),
            },
            // An adopted connector was there before the stack: removing it from the stack leaves it in the environment.
            {
                parent: this,
                additionalSecretOutputs: ["clientSecret"],
                ...(args.adoptConnectorName !== undefined ? { retainOnDelete: true } : {}),
            },
        );
        // The platform always assigns a name; mocks that return only the inputs do not, and would otherwise report a
        // subject the platform "never showed".
        const connectorName = connector.name.apply((n) =>
            answeredText(n, `the custom connector ${childName(name, "connector")}'s name`, this),
        );
        this.connectorName = connectorName;
        this.redirectUrl = connector.redirectUrl;

        const redirectUris = pulumi
            .all([connector.redirectUrl, pulumi.output(args.additionalRedirectUrls ?? []), connector.name])
            .apply(([own, extra, connectorName]) => {
                // The platform answered, but with no redirect URL (not seen in the public cloud; unknown elsewhere):
                // registering none would let sign-in fail later (AADSTS50011), so the deployment stops here instead.
                if (own === "" && extra.length === 0)
                    throw new pulumi.ResourceError(
                        `connector "${args.stableKey}" (${connectorName} in environment ${args.environment}) answered no redirect URL, so the client app ` +
                            "would have no redirect URI and sign-in would fail (AADSTS50011). Fix: copy the Redirect URL its Security tab shows into the " +
                            `additionalRedirectUrls argument (stack config: connectors.${args.stableKey}.redirectUrls) and run pulumi up again.`,
                        this,
                    );
                return [...new Set([...(own ? [own] : []), ...extra])];
            });
        this.redirectUris = redirectUris;
        const deployed = pulumi.all([definition, connector.redirectUrl]).apply(([d, redirectUrl]) => ({
            apiProperties: toJsonFile(withRedirectUrl(d.apiProperties, redirectUrl)),
            apiDefinition: toJsonFile(d.openApiDefinition),
        }));
        this.apiProperties = deployed.apiProperties;
        this.apiDefinition = deployed.apiDefinition;
        new azuread.ApplicationRedirectUris(
            childName(name, "redirect-uris"),
            { applicationId: args.applicationId, type: "Web", redirectUris },
            {
                parent: this,
                ...adoptOptions(
                    args.adoptRedirectUrisOfApplication === undefined
                        ? undefined
                        : redirectUrisImportId(args.adoptRedirectUrisOfApplication, "Web"),
                ),
            },
        );

        if (managedIdentity) {
            const configKey = `the federatedSubject argument (stack config: connectors.${args.stableKey}.federatedSubject)`;
            const subject =
                args.federatedSubject !== undefined
                    ? pulumi.output(args.federatedSubject)
                    : pulumi.all([connector.federatedSubject, connectorName]).apply(([read, assigned]) => {
                          if (!read) {
                              throw new pulumi.ResourceError(
                                  `connector "${args.stableKey}" (${assigned} in environment ${args.environment}) showed no federated subject within ` +
                                      `${args.subjectTimeoutMinutes ?? DEFAULT_SUBJECT_TIMEOUT_SECONDS / 60} minutes. Fix: copy the subject its Security tab shows into ` +
                                      `${configKey} and run pulumi up again (or run pulumi up later: the stack reads it again).`,
                                  this,
                              );
                          }
                          const problem = federatedSubjectProblem(read, args.tenantId, cloud, "args.tenantId");
                          if (problem)
                              throw new pulumi.ResourceError(
                                  `connector "${args.stableKey}": the subject the platform shows ${problem}`,
                                  this,
                              );
                          return read;
                      });
            // Named like ConnectorClient's credential (`<client>-federated-fic`) would be, under this component.
            connectorFederatedIdentityCredential(
                childName(name, "federated-fic"),
                args.stableKey,
                args.tenantId,
                cloud,
                args.applicationId,
                subject,
                this,
            );
            this.federatedSubject = subject;
            this.federatedIssuer = pulumi.output(federatedIssuer(cloud, args.tenantId));
            this.federatedAudience = pulumi.output(CLOUDS[cloud].tokenExchangeAudience);
        }

        this.registerOutputs({
            connectorName: this.connectorName,
            redirectUrl: this.redirectUrl,
            redirectUris: this.redirectUris,
            apiProperties: this.apiProperties,
            apiDefinition: this.apiDefinition,
            federatedSubject: this.federatedSubject,
        });
    }
}

/** apiProperties.json with the redirect URL the platform assigned (where the definition sent none, or another). */
function withRedirectUrl(apiProperties: Record<string, unknown>, redirectUrl: string): Record<string, unknown> {
    const copy = JSON.parse(JSON.stringify(apiProperties)) as {
        properties?: { connectionParameters?: { token?: { oAuthSettings?: Record<string, unknown> } } };
    };
    const oAuthSettings = copy.properties?.connectionParameters?.token?.oAuthSettings;
    if (oAuthSettings && redirectUrl) oAuthSettings.redirectUrl = redirectUrl;
    return copy as Record<string, unknown>;
}

/** The dynamic resource behind the component: its state holds the secret only as a Pulumi secret. */
class PowerPlatformConnectorResource extends pulumi.dynamic.Resource {
    declare readonly name: pulumi.Output<string>;
    declare readonly redirectUrl: pulumi.Output<string>;
    declare readonly federatedSubject: pulumi.Output<string>;

    constructor(name: string, args: pulumi.Inputs, opts: pulumi.CustomResourceOptions) {
        super(
            powerPlatformConnectorProvider,
            name,
            { ...args, name: undefined, redirectUrl: undefined, federatedSubject: undefined },
            opts,
            "entra-connectors",
            "PowerPlatformConnector",
        );
    }
}
