/**
 * A problem with what the user asked for (a bad name, a taken name, a bad team) or with the repository
 * it was asked in. The CLI prints its message alone, without a stack: the message says what to change.
 */
export class GeneratorError extends Error {
  override readonly name = "GeneratorError";
}
