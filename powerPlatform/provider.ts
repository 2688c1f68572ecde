// The custom connector's lifecycle (create, diff, update, read, delete) as plain functions a dynamic provider calls.
import type { TokenCredential } from "@azure/identity";
import { PowerAppsClient, type CallContext, type PowerAppsClientOptions } from "./client";
import { PowerAppsError } from "./errors";
import {
    createPayload,
    readBack,
    updatePayload,
    type ConnectorDefinition,
    type ConnectorReadBack,
    type JsonObject,
} from "./requests";

/** Default time to wait for a managed-identity connector's federated subject: 15 minutes. */
export const DEFAULT_SUBJECT_TIMEOUT_SECONDS = 900;

/** What the stack declares about one connector (the dynamic resource's inputs). */
export interface ConnectorInputs {
    /** Cloud name: picks the Power Apps host and token scope. */
    readonly cloud: string;
    /** Power Platform environment id. */
    readonly environment: string;
    /** How errors name the connector: its stack key (config `connectors.<key>`). */
    readonly connectorKey: string;
    /** The definition: connector files and display name. */
    readonly definition: ConnectorDefinition;
    /** clientSecret connectors: the newest client secret (a Pulumi secret in state). */
    readonly clientSecret?: string;
    /** clientSecret connectors: changes with the secret but is not secret, so a preview shows the update. */
    readonly clientSecretVersion?: string;
    /** managedIdentity connectors: wait for the federated subject after create. */
    readonly managedIdentity: boolean;
    /** How long to wait for the subject, in seconds. Default 900. */
    readonly subjectTimeoutSeconds?: number;
    /**
     * The name of a connector that already exists (created by hand in the maker portal or with paconn): "create"
     * adopts it (GET, merge, PATCH) instead of POSTing a new one, so its connections keep working.
     */
    readonly adoptName?: string;
}

/** The connector as deployed: the inputs plus what the platform assigned. */
export interface ConnectorState extends ConnectorInputs {
    /** The connector's name (its id). */
    readonly name: string;
    /** The redirect URL its Security tab shows; "" if the API answered none. */
    readonly redirectUrl: string;
    /** managedIdentity: the subject its Security tab shows; "" while the platform has not filled it. */
    readonly federatedSubject: string;
}

/** What the lifecycle needs from outside: environment, credential, retry tuning and the clock (tests replace them). */
export interface ProviderDeps {
    readonly env?: NodeJS.ProcessEnv;
    readonly credential?: TokenCredential;
    readonly retry?: PowerAppsClientOptions["retry"];
    readonly sleep?: (ms: number) => Promise<void>;
    readonly now?: () => number;
    /** First wait between subject polls in ms (doubling up to 30 s). Default 5000. */
    readonly firstPollMs?: number;
}

function clientFor(inputs: ConnectorInputs, deps: ProviderDeps): PowerAppsClient {
    return new PowerAppsClient({ cloud: inputs.cloud, env: deps.env, credential: deps.credential, retry: deps.retry });
}

function contextOf(inputs: ConnectorInputs): CallContext {
    return {
        connector: inputs.connectorKey,
        environment: inputs.environment,
        secrets: inputs.clientSecret ? [inputs.clientSecret] : [],
    };
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Reads the connector until its subject appears or the timeout passes. The platform fills
 * `FederatedIdentityCredentials.Subject` some minutes after create; nothing documents when, so the wait backs off.
 */
async function waitForSubject(
    client: PowerAppsClient,
    inputs: ConnectorInputs,
    name: string,
    deps: ProviderDeps,
): Promise<ConnectorReadBack> {
    const sleep = deps.sleep ?? defaultSleep;
    const now = deps.now ?? Date.now;
    const deadline = now() + (inputs.subjectTimeoutSeconds ?? DEFAULT_SUBJECT_TIMEOUT_SECONDS) * 1000;
    let wait = deps.firstPollMs ?? 5000;
    for (;;) {
        const read = readBack(await client.get(contextOf(inputs), name));
        if (read.federatedSubject !== undefined || now() >= deadline) return read;
        await sleep(Math.min(wait, Math.max(0, deadline - now())));
        wait = Math.min(wait * 2, 30_000);
    }
}

/** The state after a call: the platform's answers folded into the inputs. */
function stateOf(inputs: ConnectorInputs, read: ConnectorReadBack): ConnectorState {
    return {
        ...inputs,
        name: read.name,
        redirectUrl: read.redirectUrl ?? "",
        federatedSubject: read.federatedSubject ?? "",
    };
}

/** Reads back what the answer lacks: the redirect URL, and for managed identity the subject (with a wait). */
async function complete(
    client: PowerAppsClient,
    inputs: ConnectorInputs,
    read: ConnectorReadBack,
    deps: ProviderDeps,
): Promise<ConnectorReadBack> {
    if (inputs.managedIdentity && read.federatedSubject === undefined)
        return waitForSubject(client, inputs, read.name, deps);
    if (read.redirectUrl === undefined) return readBack(await client.get(contextOf(inputs), read.name));
    return read;
}

/**
 * POST the definition (with the secret), then read back name, redirect URL and subject. With `adoptName`, the existing
 * connector is read, merged and PATCHed instead (like an update: its display name and the platform's fields stay).
 */
export async function createConnector(
    inputs: ConnectorInputs,
    deps: ProviderDeps = {},
): Promise<{ id: string; outs: ConnectorState }> {
    const client = clientFor(inputs, deps);
    if (inputs.adoptName !== undefined) return adoptConnector(client, inputs, inputs.adoptName, deps);
    const created = readBack(
        await client.create(
            contextOf(inputs),
            createPayload(inputs.definition, inputs.environment, inputs.clientSecret),
        ),
    );
    const read = await complete(client, inputs, created, deps);
    return { id: read.name, outs: stateOf(inputs, read) };
}

/** Adopts the connector `name`: it must exist in the environment; the stack's definition and secret are PATCHed into it. */
async function adoptConnector(
    client: PowerAppsClient,
    inputs: ConnectorInputs,
    name: string,
    deps: ProviderDeps,
): Promise<{ id: string; outs: ConnectorState }> {
    const current = await client.find(contextOf(inputs), name);
    if (current === undefined) {
        throw new PowerAppsError(
            `Power Platform connector "${inputs.connectorKey}" in environment "${inputs.environment}": there is no connector named "${name}" to adopt. ` +
                `Fix: give the connector's name (shared_ plus the tail of the redirect URL its Security tab shows, e.g. shared_orders-20connector-5f...) into ` +
                `connectors.${inputs.connectorKey}.powerPlatform.adopt, check the environment id, or remove adopt to create a new connector.`,
            404,
        );
    }
    const patched = await client.update(
        contextOf(inputs),
        name,
        updatePayload(inputs.definition, inputs.environment, inputs.clientSecret, current),
    );
    const read = await complete(
        client,
        inputs,
        readBack({ ...patched, name: typeof patched.name === "string" && patched.name ? patched.name : name }),
        deps,
    );
    return { id: read.name, outs: stateOf(inputs, read) };
}

/** True when the definition or the secret differ: the only changes that need a PATCH. */
export function definitionChanged(olds: ConnectorInputs, news: ConnectorInputs): boolean {
    return (
        JSON.stringify(olds.definition) !== JSON.stringify(news.definition) ||
        (olds.clientSecret ?? "") !== (news.clientSecret ?? "")
    );
}

/** What an update would do: replace on another environment or cloud, update on a changed definition or a missing subject. */
export function diffConnector(
    olds: ConnectorState,
    news: ConnectorInputs,
): { changes: boolean; replaces: string[]; deleteBeforeReplace: boolean } {
    const replaces = (["environment", "cloud"] as const).filter((k) => olds[k] !== news[k]);
    const subjectPending = news.managedIdentity && !olds.federatedSubject;
    const changes =
        replaces.length > 0 ||
        definitionChanged(olds, news) ||
        olds.managedIdentity !== news.managedIdentity ||
        (olds.clientSecretVersion ?? "") !== (news.clientSecretVersion ?? "") ||
        subjectPending;
    // Delete first: a connector's display name is unique per environment, and the old one still holds it.
    return { changes, replaces, deleteBeforeReplace: replaces.length > 0 };
}

/**
 * GET (the platform's own fields such as policyTemplateInstances), merge, PATCH: only when the definition or the
 * secret changed. A managed-identity connector still without a subject is read again (no PATCH).
 */
export async function updateConnector(
    id: string,
    olds: ConnectorState,
    news: ConnectorInputs,
    deps: ProviderDeps = {},
): Promise<{ outs: ConnectorState }> {
    const client = clientFor(news, deps);
    let read: ConnectorReadBack;
    if (definitionChanged(olds, news)) {
        const current = await client.get(contextOf(news), id);
        const patched = await client.update(
            contextOf(news),
            id,
            updatePayload(news.definition, news.environment, news.clientSecret, current),
        );
        read = readBack({ ...patched, name: typeof patched.name === "string" && patched.name ? patched.name : id });
    } else {
        read = readBack(await client.get(contextOf(news), id));
    }
    return { outs: stateOf(news, await complete(client, news, read, deps)) };
}

/** For `pulumi refresh`: the connector's current redirect URL and subject, or no id when it is gone. */
export async function readConnector(
    id: string,
    state: ConnectorState,
    deps: ProviderDeps = {},
): Promise<{ id?: string; props?: ConnectorState }> {
    const found: JsonObject | undefined = await clientFor(state, deps).find(contextOf(state), id);
    if (found === undefined) return {};
    const read = readBack({ ...found, name: id });
    return { id, props: stateOf(state, read) };
}

/** DELETE; a connector already gone counts as deleted. */
export async function deleteConnector(id: string, state: ConnectorState, deps: ProviderDeps = {}): Promise<void> {
    await clientFor(state, deps).delete(contextOf(state), id);
}
