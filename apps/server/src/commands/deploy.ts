/**
 * `mediate deploy <dir>`: validates a project folder, makes a running server's project match it
 * (deployment.toml and every artifact), and deploys. Prints what changed or what is wrong.
 */
import { formatDiagnostic, type ArtifactSummary, type DeployResponse } from '@mediate/engine';
import { ProjectLoadError, loadProject } from '../project-store/load-project.js';
import { ProjectLayoutError, checkProjectLayout } from '../project-store/project-layout.js';
import { validateFolder } from '../project-store/validate-folder.js';
import { summary, type Output } from './validate.js';

export interface DeployOptions {
  readonly url: string;
  readonly token?: string;
}

class HttpFailure extends Error {}

/** Node's codes for a server certificate that is not trusted. */
const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
]);

/** Why the server could not be reached, with what to do about it. */
function unreachable(url: string, cause: Error): string {
  const code = (cause as NodeJS.ErrnoException).code ?? '';
  if (UNTRUSTED.has(code))
    return `cannot reach ${url}: its certificate is not trusted (${cause.message}). If it is self-signed, run with NODE_EXTRA_CA_CERTS=<the certificate, or the CA that signed it, as PEM>.`;
  if (code === 'CERT_HAS_EXPIRED') return `cannot reach ${url}: its certificate has expired.`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return `cannot reach ${url}: its certificate is not for this host name (${cause.message}).`;
  // A plain HTTP request to a server started with --tls-key: it closes the connection.
  const hint =
    url.startsWith('http:') && code === 'UND_ERR_SOCKET'
      ? ' If it serves HTTPS (--tls-key), use an https:// URL.'
      : '';
  return `cannot reach ${url}: ${cause.message}. Is \`mediate start\` running?${hint}`;
}

async function call(
  options: DeployOptions,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let res: Response;
  try {
    res = await fetch(new URL(path, options.url), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new HttpFailure(unreachable(options.url, (e as { cause?: Error }).cause ?? (e as Error)));
  }
  if (res.status === 401)
    throw new HttpFailure('the server wants a token: pass --token or set MEDIATE_TOKEN.');
  const text = await res.text();
  // Every Mediate answer is JSON (or empty, for a delete). Anything else is some other server at
  // that URL; say so instead of crashing on JSON.parse with a stack trace.
  let json: unknown;
  try {
    json = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    throw new HttpFailure(
      `${options.url} answered ${method} ${path} with HTTP ${res.status} and no JSON: it is not a Mediate server (check --url).`,
    );
  }
  return { status: res.status, json };
}

/** Fails with the API's own error message unless the status is 2xx. */
function expectOk(what: string, r: { status: number; json: unknown }): void {
  if (r.status >= 200 && r.status < 300) return;
  const message = (r.json as { message?: string } | undefined)?.message ?? `HTTP ${r.status}`;
  throw new HttpFailure(`${what} was refused: ${message}`);
}

/** Runs the command; returns the exit code. */
export async function runDeploy(dir: string, options: DeployOptions, io: Output): Promise<number> {
  let loaded;
  try {
    // An MI project or an empty folder would make the server's project empty: refuse it.
    await checkProjectLayout(dir);
    loaded = await loadProject(dir);
  } catch (e) {
    if (e instanceof ProjectLayoutError) {
      io.err(`mediate deploy: ${e.message}`);
      return 1;
    }
    if (e instanceof ProjectLoadError) {
      io.err(`mediate deploy: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const { diagnostics, fileCount } = validateFolder(loaded);
  if (diagnostics.some((d) => d.severity === 'error')) {
    for (const d of diagnostics) io.out(formatDiagnostic(d));
    io.out(`${summary(diagnostics, fileCount)}; nothing was deployed.`);
    return 1;
  }
  try {
    const list = await call(options, 'GET', '/api/artifacts');
    expectOk('listing the artifacts', list);
    if (!Array.isArray(list.json))
      throw new HttpFailure(
        `${options.url} did not list artifacts: it is not a Mediate server (check --url).`,
      );
    const remote = list.json as ArtifactSummary[];
    expectOk('deployment.toml', await call(options, 'PUT', '/api/config', { toml: loaded.configText }));
    const mine = new Set<string>();
    for (const f of loaded.files) {
      const [, type, base] = f.path.split('/') as [string, string, string];
      const name = base.replace(/\.xml$/, '');
      mine.add(`${type}/${name}`);
      expectOk(
        f.path,
        await call(options, 'PUT', `/api/artifacts/${type}/${encodeURIComponent(name)}`, { xml: f.text }),
      );
    }
    for (const a of remote) {
      if (!mine.has(`${a.type}/${a.name}`))
        expectOk(
          `deleting ${a.type}/${a.name}`,
          await call(options, 'DELETE', `/api/artifacts/${a.type}/${encodeURIComponent(a.name)}`),
        );
    }
    const deployed = await call(options, 'POST', '/api/deploy');
    // 422 is a refused deploy, reported below with its diagnostics; any other error status is not.
    if (deployed.status !== 422) expectOk('the deploy', deployed);
    const result = deployed.json as DeployResponse;
    if (!result.ok) {
      for (const d of result.diagnostics) io.out(formatDiagnostic(d));
      io.out('The deploy failed; the previous deployment is still running.');
      return 1;
    }
    const c = result.changes;
    io.out(
      `Deployed ${result.deploymentId ?? ''}: ${c.added.length} added, ${c.updated.length} updated, ${c.removed.length} removed, ${c.unchanged.length} unchanged.`,
    );
    return 0;
  } catch (e) {
    if (e instanceof HttpFailure) {
      io.err(`mediate deploy: ${e.message}`);
      return 2;
    }
    throw e;
  }
}
