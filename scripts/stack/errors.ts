/**
 * A stack problem a person can fix. `message` is one paragraph naming the problem and the fix; the
 * command-line entry points print it and exit non-zero instead of a stack trace.
 */
export class StackError extends Error {
  constructor(message: string) {
    super(message.replace(/\s+/g, ' ').trim());
    this.name = 'StackError';
  }
}
