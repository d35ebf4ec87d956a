// The errors that stop a command, typed so that the CLI reports each once, in one line, with its
// exit code. Anything else that is thrown is a bug (a stack trace, and a request to report it).

/** The command line is wrong: an unknown option, a missing argument, a value of the wrong form. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A source of records (arXiv, the Anthology, Crossref) or the network could not be reached: nothing was judged. */
export class UnreachableError extends Error {
  override readonly name = 'UnreachableError';
}
