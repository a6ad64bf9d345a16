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

/**
 * Runs a command-line entry point and exits with its code. A StackError ends it with its one
 * paragraph; anything else with its stack.
 */
export function runCommand(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      if (err instanceof StackError) process.stderr.write(`\n[stack] ${err.message}\n`);
      else process.stderr.write(`${name} failed: ${(err as Error).stack ?? String(err)}\n`);
      process.exit(1);
    },
  );
}
