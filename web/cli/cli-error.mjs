// An error the CLI reports as one line on stderr (`rootcheck: <message>`) before exiting with `exitCode`.
// Exit codes across the commands: 0 success, 1 a check found problems (lint, vignettes), 2 the command could not
// run as asked (usage, unreadable file, bad vignette file, refused rule set, error document from assess).
export class CliError extends Error {
    constructor(message, exitCode = 2) {
        super(message);
        this.exitCode = exitCode;
    }
}
