/**
 * Mediate's JVM-style system properties: what `get-property('system', name)` and `$sys:name`
 * read and what `<property scope="system">` writes (System.getProperty / System.setProperty in
 * GetPropertyFunction and PropertyMediator). Seeded at each deploy from `deployment.toml`'s
 * `[system.parameter]` table, MI's own way to set system properties; never read from the process
 * environment (that is the `env` scope). One map per process, as the JVM has one: two runtimes
 * in one process share it, and the last deploy's table wins.
 */

const properties = new Map<string, string>();

/** Replaces the map with a deployment's `[system.parameter]` values. */
export function seedSystemProperties(seed: ReadonlyMap<string, string>): void {
  properties.clear();
  for (const [k, v] of seed) properties.set(k, v);
}

/** System.getProperty: undefined when not set. */
export function systemProperty(name: string): string | undefined {
  return properties.get(name);
}

/** System.setProperty (PropertyMediator, scope="system"): the value as its string. */
export function setSystemProperty(name: string, value: string): void {
  properties.set(name, value);
}
