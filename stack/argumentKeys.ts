// Maps a component's argument path in a message (`ConnectorClient "connector-orders": args.scopes: ...`) onto the
// stack config key it came from: components name their arguments, only the config layer knows its keys.
import { NAMESPACE } from "../config/keys";

/** Component type -> component-name prefix and config section (entra/naming.ts names the components). */
const SECTIONS: ReadonlyArray<readonly [component: string, prefix: string, section: string]> = [
    ["ConnectorClient", "connector-", "connectors"],
    ["PowerPlatformApiClient", "pp-api-client-", "powerPlatformApiClients"],
    ["ProtectedApi", "api-", "apis"],
];

/**
 * The message with a leading `<Component> "<name>": args.<path>: ` replaced by `entra-connectors:<section>.<key>.<path>: `
 * when the component is one the stack composes (its argument names equal the config's keys); else unchanged.
 */
export function withConfigKey(message: string): string {
    const match = /^(\w+) "([^"]+)": args\.([\w.[\]]+): /.exec(message);
    if (!match) return message;
    const [whole, component, name, path] = match;
    const section = SECTIONS.find(([c, prefix]) => c === component && name.startsWith(prefix));
    if (!section) return message;
    return `${NAMESPACE}:${section[2]}.${name.slice(section[1].length)}.${path}: ${message.slice(whole.length)}`;
}
