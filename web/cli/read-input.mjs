// What a command reads: a file named on the command line, standard input for "-", or standard input line by line.
// Standard input is always read as a stream, as its data arrives: a synchronous read of file descriptor 0 fails with
// EAGAIN when standard input is a pipe that is empty for the moment (its writer slower than the reader) and Node has
// made it non-blocking, which it does for pipes shared with a Node parent (`cat big.json | rootcheck assess -`).
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { CliError } from './cli-error.mjs';

// Why a file could not be read, in words, for a message that names the file.
export function readFailure(error) {
    switch (error.code) {
        case 'ENOENT':
            return 'no such file';
        case 'EISDIR':
            return 'it is a folder, not a file';
        case 'ENOTDIR':
            return 'a part of the path is not a folder';
        case 'EACCES':
        case 'EPERM':
            return 'permission denied';
        default:
            return error.message;
    }
}

// Every byte of `stream`, once it has ended.
async function readToEnd(stream) {
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    return Buffer.concat(chunks);
}

// The bytes of `file`, or of `stdin` when file is "-"; a CliError naming what could not be read.
export async function readInput(file, stdin) {
    try {
        return file === '-' ? await readToEnd(stdin) : await readFile(file);
    } catch (error) {
        throw new CliError(`cannot read ${file === '-' ? 'standard input' : file}: ${readFailure(error)}`);
    }
}

// The lines of `stdin` as they arrive (an async iterable of strings without their line ends, "\n" or "\r\n").
export const inputLines = (stdin) => createInterface({ input: stdin, crlfDelay: Infinity });
