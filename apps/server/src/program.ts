/**
 * The `mediate` commander program. Each command's action lives in `commands/`; this file only
 * declares the commands, their arguments and options (DESIGN.md §5).
 *
 * A command's module is imported only when that command runs (`await import()` in its action):
 * loading modules is most of a start-up's CPU, and `validate` or `--help` need neither express,
 * ws nor the runtime. Keep it so: no static import of `./commands/*` here.
 */
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';

/** Exit code for usage errors and commands that could not run. */
export const EXIT_USAGE = 2;

export const DEFAULT_ADMIN_PORT = 9164;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_BACKEND_PORT = 8082;

function packageVersion(): string {
  // src/program.ts and dist/program.js are both one level below the package root.
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version?: string;
  };
  return pkg.version ?? '0.0.0';
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535)
    throw new InvalidArgumentError('expected a port number from 1 to 65535.');
  return port;
}

export function createProgram(): Command {
  const program = new Command('mediate')
    .description('Mediate: a studio and embedded runtime for Synapse (WSO2 MI) integrations.')
    .version(packageVersion())
    .showHelpAfterError('(run with --help for usage)')
    // Usage errors exit 2 (commander's default is 1, which `validate` uses for "found errors").
    .exitOverride((err) => {
      const ok = err.exitCode === 0;
      process.exit(ok ? 0 : EXIT_USAGE);
    });

  program
    .command('validate')
    .description('Validate a project folder: parse every artifact and check every reference.')
    .argument('<dir>', 'project folder (deployment.toml and artifacts/<type>/<name>.xml)')
    .action(async (dir: string) => {
      const { runValidate } = await import('./commands/validate.js');
      process.exitCode = await runValidate(dir);
    });

  program
    .command('import')
    .description(
      'Make a Mediate project from an MI for VS Code or Integration Studio project, a CApp (.car) or a <definitions> file, and report what was and was not imported.',
    )
    .argument('<path>', 'the MI project folder, .car file or XML file')
    .option('--into <dir>', 'the project folder to write (default: ./<name>)')
    .option('--name <name>', "the project's name, and so the default folder (default: the source's name)")
    .option('--force', "replace the folder's artifacts/, deployment.toml and .mediate/ if it exists", false)
    .action(async (source: string, opts: { into?: string; name?: string; force: boolean }) => {
      const { runImport } = await import('./commands/import.js');
      process.exitCode = await runImport(source, opts);
    });

  program
    .command('start')
    .description('Start the studio, the admin API and the runtime with a project deployed.')
    .option(
      '--project <dir>',
      'project folder (default: a working copy of the bundled example in ~/.mediate/projects)',
    )
    .option('--port <port>', 'admin API and studio port', parsePort, DEFAULT_ADMIN_PORT)
    .option('--host <host>', 'address to listen on (anything but loopback requires a token)', DEFAULT_HOST)
    .option('--no-deploy', 'start without deploying the project')
    .option('--backend', 'also start the sample WebSocket back end (on by default with the bundled example)')
    .option('--no-backend', 'do not start the sample WebSocket back end')
    .option('--backend-port <port>', 'port of the sample back end', parsePort, DEFAULT_BACKEND_PORT)
    .addOption(
      new Option('--tls-key <file>', 'PEM private key: serve the studio and the API over HTTPS').env(
        'MEDIATE_TLS_KEY',
      ),
    )
    .addOption(
      new Option('--tls-cert <file>', 'PEM certificate (chain) for --tls-key').env('MEDIATE_TLS_CERT'),
    )
    .action(
      async (opts: {
        project?: string;
        port: number;
        host: string;
        deploy: boolean;
        backend?: boolean;
        backendPort: number;
        tlsKey?: string;
        tlsCert?: string;
      }) => {
        const { startCommand } = await import('./commands/start.js');
        const code = await startCommand({ ...opts, version: packageVersion() });
        if (code !== undefined) process.exitCode = code;
      },
    );

  program
    .command('deploy')
    .description("Validate a project folder, make a running server's project match it, and deploy.")
    .argument('<dir>', 'project folder')
    .option(
      '--url <url>',
      'the running server (https://… when it was started with --tls-key; trust a self-signed certificate with NODE_EXTRA_CA_CERTS)',
      `http://${DEFAULT_HOST}:${DEFAULT_ADMIN_PORT}/`,
    )
    .option('--token <token>', 'API token when the server listens beyond loopback (or MEDIATE_TOKEN)')
    .action(async (dir: string, opts: { url: string; token?: string }) => {
      const token = opts.token ?? process.env.MEDIATE_TOKEN;
      const [{ runDeploy }, { stdio }] = await Promise.all([
        import('./commands/deploy.js'),
        import('./commands/validate.js'),
      ]);
      process.exitCode = await runDeploy(dir, { url: opts.url, ...(token ? { token } : {}) }, stdio);
    });

  program
    .command('backend')
    .description('Run the sample WebSocket back end used by the example project.')
    .option('--port <port>', 'port to listen on', parsePort, DEFAULT_BACKEND_PORT)
    .option('--host <host>', 'address to listen on', DEFAULT_HOST)
    .option('--uppercase', "answer like upstream Netty's example: upper-case every text frame", false)
    .action(async (opts: { port: number; host: string; uppercase: boolean }) => {
      try {
        const { runBackend } = await import('./commands/backend.js');
        const stop = await runBackend(opts, (line) => process.stdout.write(`${line}\n`));
        const bye = () => void stop().then(() => process.exit(0));
        process.once('SIGINT', bye);
        process.once('SIGTERM', bye);
      } catch (e) {
        process.stderr.write(`mediate backend: ${(e as Error).message}\n`);
        process.exitCode = 1;
      }
    });

  return program;
}
