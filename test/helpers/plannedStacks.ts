// The shipped stacks planned offline once per test run: many specs read the same plan of the dev stack.
import * as path from "path";
import { Plan, runOffline } from "../../offline/plan/runOffline";

const projectDir = path.resolve(__dirname, "..", "..");
const planned = new Map<string, Promise<string>>();

/**
 * `runOffline({ projectDir, stack })` of this project with every default, planned on the first call; each caller gets
 * its own copy (a plan is plain JSON data), so a test that changes what it got cannot touch another's.
 */
export async function plannedStack(stack: string): Promise<Plan> {
    let text = planned.get(stack);
    if (text === undefined) {
        text = runOffline({ projectDir, stack }).then((plan) => JSON.stringify(plan));
        // A failed plan is not kept: the next caller plans again and sees the failure itself.
        text.catch(() => planned.delete(stack));
        planned.set(stack, text);
    }
    return JSON.parse(await text) as Plan;
}
