// An adopted resource that a change would replace: the engine refuses while the program still declares its import id.
import { replacingInputs } from "./schemaCheck";
import { unwrapSecret } from "./secretValues";
import type { PriorResource, SimulatedResource, SimulatorContext } from "./context";

/**
 * A resource that still declares an import id and was already in the previous deployment may not be replaced:
 * pulumi/pulumi pkg/resource/deploy/step_generator.go ("previously-imported resources that still specify an ID may
 * not be replaced; please remove the `import` declaration from your program", a warning in preview, an error in
 * `pulumi up`). E.g. an adopted connector's consent grant switched to one user (userObjectId replaces the grant).
 * An error naming the inputs and the adoption key to remove.
 */
export function importReplaceCheck(
    r: SimulatedResource,
    prior: PriorResource | undefined,
    ctx: SimulatorContext,
): void {
    if (r.importId === undefined || prior === undefined) return;
    const changed = replacingInputs(r.type).filter(
        (input) =>
            JSON.stringify(unwrapSecret(r.inputs[input]) ?? null) !== JSON.stringify(prior.inputs[input] ?? null),
    );
    if (changed.length === 0) return;
    const key = ctx.adoptionKey(r.name);
    ctx.find(
        "error",
        "import-replace",
        r.urn,
        `${r.name}: changing ${changed.join(", ")} replaces this adopted resource, but it still declares import id "${r.importId}": the engine refuses to replace ` +
            `a previously-imported resource that still specifies an ID ("please remove the \`import\` declaration from your program"). ` +
            `Fix: ${key ? `remove ${key}` : "remove the import option"} (the object is in the stack since the first up; without the adoption it is no longer retained, so the replacement deletes the old one), then apply the change`,
    );
}
