// Generated stack files of N connectors for the bench and the plan-identity test (their content must not change:
// the golden hashes in test/fixtures/planGolden.json were recorded from them).
import { stringify } from "yaml";

/** A stack file with `count` connectors (half client secret to an own API, half managed identity to Graph), one own API per 10. */
export function generatedStackYaml(count: number): string {
    const apis: Record<string, unknown> = {};
    const connectors: Record<string, unknown> = {};
    for (let i = 0; i < count; i++) {
        const apiKey = `api-${Math.floor(i / 10)}`;
        apis[apiKey] = { displayName: `Generated API ${apiKey}` };
        connectors[`conn-${i}`] =
            i % 2 === 0
                ? {
                      displayName: `Generated ${i}`,
                      resource: { api: apiKey },
                      scopes: ["access_as_user"],
                      authentication: "clientSecret",
                      host: "api.contoso.example",
                  }
                : {
                      displayName: `Generated ${i}`,
                      resource: { wellKnown: "microsoftGraph" },
                      scopes: ["User.Read"],
                      authentication: "managedIdentity",
                  };
    }
    return stringify({
        config: {
            "azuread:tenantId": "3f8a2c71-5b4e-4d1a-9c6e-8e2b7f0a1d45",
            "entra-connectors:environment": "bench",
            "entra-connectors:apis": apis,
            "entra-connectors:connectors": connectors,
        },
    });
}
