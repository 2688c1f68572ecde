// The README of a managed-identity connector's files: no secret exists, and no tool sets the managed-identity option.

/**
 * What the Power Platform tools accept for a managed-identity (secretless) connector, as far as it can be verified:
 * - paconn refuses to create any connector whose apiProperties.json has an `oauthSetting` token without `--secret`
 *   ("Please provide OAuth2 client secret using the --secret argument.", microsoft/PowerPlatformConnectors
 *   tools/paconn-cli/paconn/operations/upsert.py), so it cannot create this connector; a dummy secret would make
 *   a client-secret connector, not a managed-identity one.
 * - `pac connector create` takes no secret at all (Learn, pac connector reference: --api-definition-file,
 *   --api-properties-file, --environment, --icon-file, --script-file, --settings-file, --solution-unique-name).
 * - No documented apiProperties.json field (paconn's apiProperties schema, the certified connectors) selects the
 *   managed-identity secret option, so apiProperties.json holds the same Entra ID OAuth settings as for a
 *   client-secret connector and the option is chosen on the connector's Security tab in the maker portal.
 */
export function managedIdentityReadme(
    key: string,
    displayName: string,
    pending: readonly string[],
    source: readonly string[],
): string {
    const settings = `pulumi stack output connectors --json | jq '.["${key}"]'`;
    return [
        `# Connector files: ${displayName}`,
        "",
        ...source,
        "This connector signs in with a managed identity (preview): it has no client secret at all. Entra trusts it",
        "through the federated credential this stack creates from the subject the connector shows.",
        "",
        "## What the tools can and cannot do",
        "",
        "- **paconn cannot create this connector**: `paconn create` refuses an OAuth connector without `--secret`, and",
        "  a made-up secret would create a client-secret connector, not a managed-identity one.",
        "- **No file or command-line option selects managed identity**: `apiProperties.json` carries the Microsoft Entra ID",
        "  settings (client id, tenant, resource URL, scopes) and the managed-identity choice is made in the maker portal.",
        "- `pac connector create` takes no secret, so it is the one command-line tool that may import these files; Microsoft",
        "  does not document whether an OAuth connector without a secret is accepted (if it is refused, use the portal steps).",
        "  Either way, finish step 2 below on the connector:",
        "",
        "```sh",
        `pac connector create --api-definition-file apiDefinition.swagger.json --api-properties-file apiProperties.json --environment <environment id or URL>`,
        "```",
        "",
        "## In the maker portal (Power Apps or Power Automate, Custom connectors)",
        "",
        "1. Create the connector: **New custom connector > Import an OpenAPI file** with `apiDefinition.swagger.json`",
        "   (or open the one `pac connector create` made).",
        `2. On the **Security** tab choose OAuth 2.0 with the Microsoft Entra ID identity provider, enter the settings from \`${settings}\``,
        "   (client id, tenant id, resource URL, scope, on-behalf-of login: the same values as in `apiProperties.json`),",
        "   and under **Secret options** choose **Use managed identity**. Leave the client secret empty.",
        "3. Select **Create connector** (or **Update connector**), then copy the managed-identity subject and the redirect URL",
        "   the Security tab shows, and follow the steps below.",
        "",
        ...afterConnectorExists(pending),
    ].join("\n");
}

/** The README's last section: what is left once the connector exists (both kinds of README end with it). */
export function afterConnectorExists(pending: readonly string[]): string[] {
    return [
        "## After the connector exists",
        "",
        ...(pending.length ? pending.map((p) => `- ${p}`) : ["- Nothing left: the connector is fully configured."]),
        "",
    ];
}
