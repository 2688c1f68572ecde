// Reads a file an option names (--previous, --tenant) only when it is a regular file under a size cap, so a FIFO,
// a device such as /dev/zero or a folder is refused before anything blocks or fills memory.
import * as fs from "fs";

export class InputFileError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "InputFileError";
    }
}

/** Reads the file's text (UTF-8, without a byte-order mark): refuses a folder, pipe or device (a FIFO would block for ever) and a file over the cap, before opening it. */
export function readBoundedRegularFile(file: string, option: string, maxBytes: number, fix: string): string {
    let fd: number;
    try {
        // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, deaf to Ctrl-C.
        fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === "EISDIR") throw new InputFileError(`${option} "${file}" is a folder, not a file. ${fix}`);
        throw new InputFileError(
            `${option} "${file}": the file does not exist or is not readable (${code ?? "error"}). ${fix}`,
        );
    }
    try {
        // fstat of the open descriptor: what is read is what was checked.
        const stat = fs.fstatSync(fd);
        if (stat.isDirectory()) throw new InputFileError(`${option} "${file}" is a folder, not a file. ${fix}`);
        if (!stat.isFile())
            throw new InputFileError(
                `${option} "${file}" is not a regular file (a pipe, socket or device); it was not read. ${fix}`,
            );
        if (stat.size > maxBytes) {
            throw new InputFileError(
                `${option} "${file}" is ${(stat.size / 1048576).toFixed(1)} MB; it is read up to ${maxBytes / 1048576} MB. ${fix}`,
            );
        }
        const text = fs.readFileSync(fd, "utf8");
        // Windows PowerShell 5 writes UTF-8 with a byte-order mark (Out-File, Set-Content -Encoding utf8).
        return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    } catch (err) {
        if (err instanceof InputFileError) throw err;
        throw new InputFileError(
            `${option} "${file}": cannot read it (${(err as NodeJS.ErrnoException).code ?? "error"}). ${fix}`,
        );
    } finally {
        fs.closeSync(fd);
    }
}
