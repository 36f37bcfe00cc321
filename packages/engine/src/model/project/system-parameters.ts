/**
 * `[system.parameter]` in `deployment.toml`: MI writes each key into carbon.properties, which
 * become JVM system properties (`get-property('system', name)`). Mediate reads the same table
 * into its own system-property map. Quoted keys (`'a.b' = "x"`) are the usual MI spelling; an
 * unquoted dotted key (`a.b = "x"`) is a nested table in TOML and reads as the same name.
 */
import type { Diagnostic } from '../diagnostics.js';

type Table = Record<string, unknown>;

const isTable = (v: unknown): v is Table => !!v && typeof v === 'object' && !Array.isArray(v);

/** The system properties `doc` (a parsed deployment.toml) sets; problems go to `diagnostics`. */
export function systemParameters(
  doc: Table,
  diagnostics: Diagnostic[],
  file: string,
): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  const system = doc['system'];
  const table = isTable(system) ? system['parameter'] : undefined;
  if (!isTable(table)) return out;
  const walk = (t: Table, prefix: string): void => {
    for (const [k, v] of Object.entries(t)) {
      const name = prefix + k;
      if (isTable(v)) walk(v, `${name}.`);
      else if (
        typeof v === 'string' ||
        typeof v === 'number' ||
        typeof v === 'boolean' ||
        typeof v === 'bigint'
      )
        out.set(name, String(v));
      else
        diagnostics.push({
          severity: 'error',
          code: 'CONFIG_VALUE',
          message: `[system.parameter] '${name}' must be a string, number or boolean (a system property is text).`,
          artifact: file,
        });
    }
  };
  walk(table, '');
  return out;
}
