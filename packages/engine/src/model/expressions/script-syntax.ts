/**
 * Syntax checks for the script mediator's JavaScript, browser-safe: the model never evaluates a
 * script (no `new Function`), it parses it with acorn, a maintained ECMAScript parser. The
 * runtime (Node 20) runs what ES2023 allows, so that is the version checked here.
 */
import { parse, type Program } from 'acorn';

/** A script problem, located within the script's own text (1-based line and column). */
export interface ScriptProblem {
  /** `SCRIPT_SYNTAX`, or `SCRIPT_E4X` for MI's old Rhino XML literals. */
  readonly code: 'SCRIPT_SYNTAX' | 'SCRIPT_E4X';
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

/** The ECMAScript version the runtime's engine runs (Node 20). */
export const SCRIPT_ECMA_VERSION = 2023;

interface AcornError extends SyntaxError {
  readonly pos?: number;
  readonly loc?: { readonly line: number; readonly column: number };
}

/**
 * E4X (Rhino's XML in JavaScript, which MI's `rhinoJs` ran): an XML literal (`<a>…</a>`,
 * `<>…</>`), an attribute step (`x.@id`), a descendant step (`x..y`, `x..*::y`) or
 * `for each (…)`. Looked for only where the parser stopped, so a `<` comparison elsewhere is
 * never taken for one.
 */
function looksLikeE4x(source: string, pos: number): boolean {
  const at = source.slice(pos, pos + 2);
  if (at[0] === '@') return true;
  if (at === '<>' || /^<[A-Za-z_{]/.test(at)) return true;
  // The descendant step `x..y` and the any-namespace step `*::y`.
  if (/\.\.[\w*@]|\*::/.test(source.slice(Math.max(0, pos - 2), pos + 4))) return true;
  return /\bfor\s+each\s*\(/.test(source.slice(Math.max(0, pos - 12), pos + 6));
}

/** Parses a script as the runtime will compile it; undefined when it parses. */
export function parseScript(source: string): { program?: Program; problem?: ScriptProblem } {
  try {
    return {
      program: parse(source, { ecmaVersion: SCRIPT_ECMA_VERSION, sourceType: 'script', locations: true }),
    };
  } catch (e) {
    const err = e as AcornError;
    const line = err.loc?.line ?? 1;
    const column = (err.loc?.column ?? 0) + 1;
    const what = err.message.replace(/\s*\(\d+:\d+\)$/, '');
    if (err.pos !== undefined && looksLikeE4x(source, err.pos))
      return {
        problem: {
          code: 'SCRIPT_E4X',
          message: `E4X (XML literals, '.@', '..' and 'for each', from MI's old Rhino engine) is not supported (script line ${line}, column ${column}); build XML as a string and use mc.setPayloadXML(…).`,
          line,
          column,
        },
      };
    return {
      problem: {
        code: 'SCRIPT_SYNTAX',
        message: `${what} (script line ${line}, column ${column}).`,
        line,
        column,
      },
    };
  }
}
