// The CrossGuard policy pack: `pulumi preview --policy-pack policy`. The rules live in rules.ts (pure, shared with
// the offline plan and the tests); policies.ts adapts them. Constructing the PolicyPack serves it to the engine.
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("entra-connectors", {
    description:
        "Least privilege and hygiene for the Entra app registrations of Power Platform / Logic Apps connectors.",
    policies,
});
