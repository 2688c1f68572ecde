// The simulator's answers as protobuf Structs that keep their JavaScript value: what the SDK reads back, without the conversion.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const structproto = require("google-protobuf/google/protobuf/struct_pb");

/**
 * `Struct.fromJavaScript(value).toJavaScript()` without building the Struct: the same copy (keys in the Struct's
 * map order, which is sorted; `for...in` keys, as fromJavaScript reads them) and the same error for a value a
 * Struct cannot hold (google-protobuf's struct_pb.js, Value.fromJavaScript and Struct.prototype.toJavaScript).
 */
export function structCopy(value: unknown): unknown {
    if (value === null) return null;
    switch (typeof value) {
        case "string":
        case "number":
        case "boolean":
            return value;
        case "object": {
            if (Array.isArray(value)) return value.map(structCopy);
            const keys: string[] = [];
            for (const key in value) keys.push(key);
            keys.sort();
            const copy: Record<string, unknown> = {};
            for (const key of keys) copy[key] = structCopy((value as Record<string, unknown>)[key]);
            return copy;
        }
        default:
            throw new Error("Unexpected struct type.");
    }
}

/**
 * A Struct for a response the SDK reads in-process: it calls `toJavaScript()` on it and nothing else. Building
 * a real one (a protobuf Value per field) and reading it back was a tenth of a small stack's plan, most of it on
 * one lookup: Microsoft Graph's service principal, with its 1,500 permission ids. The SDK also formats every
 * response into a debug line it then drops (`log.debug(... resp: ${innerResponse})` in runtime/resource.js and
 * runtime/invoke.js); this Struct's wire form is empty, so that line costs nothing. Anything that reads its
 * fields (getFieldsMap) gets the real Struct's.
 */
export class PlainStruct extends structproto.Struct {
    private pending: Record<string, unknown> | undefined;

    constructor(private readonly plain: Record<string, unknown>) {
        super();
        // Converted now, as Struct.fromJavaScript would: a value a Struct cannot hold fails here, not later.
        this.pending = structCopy(plain) as Record<string, unknown>;
    }

    toJavaScript(): Record<string, unknown> {
        // Each call a fresh copy, as a real Struct's: the one made in the constructor first.
        const copy = this.pending ?? (structCopy(this.plain) as Record<string, unknown>);
        this.pending = undefined;
        return copy;
    }

    getFieldsMap(): unknown {
        return structproto.Struct.fromJavaScript(this.plain).getFieldsMap();
    }
}
