/**
 * Quotes a path for a command line the user copies (`mediate import '/a b/x'`), only when needed.
 */
export function shellArg(value: string): string {
  if (/^[A-Za-z0-9_./:@%+=,-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
