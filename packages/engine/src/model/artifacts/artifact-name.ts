/**
 * The one rule for artifact names. A name is also a file name (`artifacts/<folder>/<name>.xml`)
 * in a project that people keep in git and open on Linux, macOS and Windows, so it must be one
 * that every platform can hold: the engine's validation, the server's API and the studio's name
 * field all ask this function.
 */

/** Longest name accepted (file names of 255 bytes, minus `.xml` and a safety margin). */
export const ARTIFACT_NAME_MAX = 200;

const SHAPE = new RegExp(`^[A-Za-z0-9_][A-Za-z0-9_.-]{0,${ARTIFACT_NAME_MAX - 1}}$`);

/**
 * Names Windows reserves for devices, whatever the extension (`aux.txt` too) and the case:
 * a file called so cannot be created or checked out there.
 */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/** What is wrong with `name` as an artifact name, or undefined when it is fine. */
export function artifactNameProblem(name: string): string | undefined {
  if (!name) return 'A name is required.';
  if (!SHAPE.test(name))
    return `'${name}' is not a safe file name: use letters, digits, '_', '-' and '.' (not first), at most ${ARTIFACT_NAME_MAX} characters.`;
  if (name.includes('..')) return `'${name}' is not a safe file name: '..' is not allowed.`;
  if (name.endsWith('.')) return `'${name}' may not end with '.' (Windows drops it from file names).`;
  const base = name.split('.')[0] ?? name;
  if (WINDOWS_DEVICE.test(base))
    return `'${name}' cannot be used: ${base.toUpperCase()} is a device name on Windows, where the project could not be opened; choose another name.`;
  return undefined;
}
