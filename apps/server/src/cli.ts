#!/usr/bin/env node
/**
 * `mediate`: the command-line entry (bin `mediate` → dist/cli.js).
 *
 * Exit codes: 0 success; 1 the command ran and found errors (e.g. `validate`); 2 the command could
 * not run (bad usage, missing folder, not implemented).
 */
import { createProgram } from './program.js';

await createProgram().parseAsync(process.argv);
