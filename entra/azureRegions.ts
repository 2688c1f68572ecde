// Azure region names (`location`) per cloud, as `az account list-locations` prints them, and the check config runs.
import type { CloudName } from "./clouds";
import { nearestNames } from "./suggest";

/**
 * Public cloud: the "Programmatic name" column of "Azure regions list" (MicrosoftDocs/reliability-docs
 * articles/reliability/regions-list.md, commit e92155a1, ms.date 09/23/2025;
 * https://learn.microsoft.com/en-us/azure/reliability/regions-list), plus swedensouth, which the same page names as
 * Sweden Central's (access-restricted) paired region without a row of its own. Restricted regions are included:
 * a subscription can be granted access to them.
 */
const PUBLIC_REGIONS = [
    "australiacentral",
    "australiacentral2",
    "australiaeast",
    "australiasoutheast",
    "austriaeast",
    "belgiumcentral",
    "brazilsouth",
    "brazilsoutheast",
    "canadacentral",
    "canadaeast",
    "centralindia",
    "centralus",
    "chilecentral",
    "denmarkeast",
    "eastasia",
    "eastus",
    "eastus2",
    "francecentral",
    "francesouth",
    "germanynorth",
    "germanywestcentral",
    "indiasouthcentral",
    "indonesiacentral",
    "israelcentral",
    "italynorth",
    "japaneast",
    "japanwest",
    "koreacentral",
    "koreasouth",
    "malaysiawest",
    "mexicocentral",
    "newzealandnorth",
    "northcentralus",
    "northeurope",
    "norwayeast",
    "norwaywest",
    "polandcentral",
    "qatarcentral",
    "southafricanorth",
    "southafricawest",
    "southcentralus",
    "southindia",
    "southeastasia",
    "spaincentral",
    "swedencentral",
    "swedensouth",
    "switzerlandnorth",
    "switzerlandwest",
    "uaecentral",
    "uaenorth",
    "uksouth",
    "ukwest",
    "westcentralus",
    "westeurope",
    "westindia",
    "westus",
    "westus2",
    "westus3",
] as const;

/**
 * Azure Government: the regions of "What is Azure Government?" (MicrosoftDocs/azure-docs
 * articles/azure-government/documentation-government-welcome.md: US Gov Arizona, Texas, Virginia; US DoD Central and
 * East in its products-by-region link), with the programmatic names the Azure SDKs ship (Azure/azure-sdk-for-java
 * sdk/core/azure-core-management/.../Region.java and Azure/azure-sdk-for-net sdk/core/Azure.Core/src/AzureLocation.cs,
 * which also keep usgoviowa).
 */
const US_GOVERNMENT_REGIONS = [
    "usgovarizona",
    "usgoviowa",
    "usgovtexas",
    "usgovvirginia",
    "usdodcentral",
    "usdodeast",
] as const;

/** Azure operated by 21Vianet: https://docs.azure.cn/en-us/reliability/regions-list ("Programmatic name"). */
const CHINA_REGIONS = ["chinaeast", "chinaeast2", "chinaeast3", "chinanorth", "chinanorth2", "chinanorth3"] as const;

export const AZURE_REGIONS: Readonly<Record<CloudName, readonly string[]>> = {
    public: PUBLIC_REGIONS,
    usgovernment: US_GOVERNMENT_REGIONS,
    // DoD tenants deploy into the same Azure Government cloud (one ARM endpoint); its regions are not split by tenant.
    usgovernmentdod: US_GOVERNMENT_REGIONS,
    china: CHINA_REGIONS,
};

// Once each: the Azure Government regions are listed for usgovernment and for usgovernmentdod.
const ALL_REGIONS: readonly string[] = [...new Set(Object.values(AZURE_REGIONS).flat())];

/** The region names nearest to `location` (display names like "West Europe" normalised first), best first. */
export function closestRegions(location: string, cloud: CloudName | "any", max = 3): string[] {
    const normal = location.toLowerCase().replace(/[\s_-]+/g, "");
    const names = cloud === "any" ? ALL_REGIONS : AZURE_REGIONS[cloud];
    // Region names glue several words together (southeastasia): a third of the typed length, at least 2. A display
    // name that normalises to a region is offered as itself.
    const within = (n: string) => Math.max(2, Math.ceil(n.length / 3));
    return nearestNames(normal, names, { within, max, offerSelf: true });
}

/** Why `location` is no region of any cloud (the field-level check, before the stack's cloud is known), or undefined. */
export function anyCloudRegionProblem(location: string): string | undefined {
    if (ALL_REGIONS.includes(location)) return undefined;
    const near = closestRegions(location, "any");
    const suggestion = near.length > 0 ? `did you mean ${near.map((n) => `"${n}"`).join(" or ")}? ` : "";
    return `is not an Azure region name; ${suggestion}Fix: use the name \`az account list-locations --query [].name\` prints (lowercase, no spaces, e.g. ${near[0] ?? "westeurope"})`;
}

/** Why `location` is not a region of `cloud` (with the closest names), or undefined when it is one. */
export function regionProblem(location: string, cloud: CloudName): string | undefined {
    if ((AZURE_REGIONS[cloud] as readonly string[]).includes(location)) return undefined;
    const other = (Object.keys(AZURE_REGIONS) as CloudName[]).find(
        (c) => c !== cloud && AZURE_REGIONS[c].includes(location),
    );
    if (other) {
        return `is a region of the ${other} cloud, but entra-connectors:cloud is "${cloud}". Fix: use a ${cloud} region (${AZURE_REGIONS[cloud].slice(0, 3).join(", ")}, ...) or set cloud: ${other}`;
    }
    const near = closestRegions(location, cloud);
    const suggestion = near.length > 0 ? `did you mean ${near.map((n) => `"${n}"`).join(" or ")}? ` : "";
    return `is not an Azure region of the ${cloud} cloud; ${suggestion}Fix: use the name \`az account list-locations --query [].name\` prints (lowercase, no spaces, e.g. ${near[0] ?? AZURE_REGIONS[cloud][0]})`;
}
