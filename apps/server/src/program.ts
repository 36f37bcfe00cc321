/**
 * The `mediate` commander program. Each command's action lives in `commands/`; this file only
 * declares the commands, their arguments and options (DESIGN.md §5).
 */
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { notImplemented } from './commands/not-implemented.js';
import { runValidate } from './commands/validate.js';

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
      process.exitCode = await runValidate(dir);
    });

  // TODO(Server issue): start the runtime and the admin API, serve the studio.
  program
    .command('start')
    .description('Start the studio, the admin API and the runtime with a project deployed.')
    .option('--project <dir>', 'project folder (default: the bundled example project)')
    .option('--port <port>', 'admin API and studio port', parsePort, DEFAULT_ADMIN_PORT)
    .option('--host <host>', 'address to listen on (anything but loopback requires a token)', DEFAULT_HOST)
    .action(() => notImplemented('start'));

  // TODO(Server issue): validate, then deploy a project to a running `mediate start`.
  program
    .command('deploy')
    .description('Validate a project folder and deploy it to the running runtime.')
    .argument('<dir>', 'project folder')
    .action(() => notImplemented('deploy'));

  // TODO(Server issue): run the sample WebSocket back end from @mediate/engine/testing.
  program
    .command('backend')
    .description('Run the sample WebSocket back end used by the example project.')
    .option('--port <port>', 'port to listen on', parsePort, DEFAULT_BACKEND_PORT)
    .action(() => notImplemented('backend'));

  return program;
}
