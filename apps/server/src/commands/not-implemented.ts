/** Placeholder action for commands a later issue implements. */
export function notImplemented(command: string): void {
  process.stderr.write(`mediate ${command}: not implemented yet\n`);
  process.exitCode = 2;
}
