// The errors that stop a command, typed so that the CLI reports each once, in one line, with its
// exit code, whichever layer throws them. (The rest of the error model is the honesty issue's.)

/** The command line is wrong: an unknown option, a missing argument, a value of the wrong form. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

