/**
 * The predefined functions of `${…}` expressions that take evaluated arguments
 * (`exists` and `xpath` need their argument unevaluated and live in compile-synapse.ts).
 */
import { base64Encode, charsetEncoding, urlDecodeForm, urlEncodeForm } from './codec.js';
import { javaParseBoolean } from './java-text.js';
import {
  asString,
  double,
  isNumeric,
  num,
  requireBoolean,
  requireNumber,
  requireString,
  SynapseEvalError,
  type Val,
} from './synapse-values.js';

interface FunctionDef {
  readonly min: number;
  readonly max: number;
  readonly fn: (args: Val[]) => Val;
}

const s = (args: Val[], i: number, name: string): string => requireString(args[i] ?? null, `${name}()`);
const n = (args: Val[], i: number, name: string): number => requireNumber(args[i] ?? null, `${name}()`);
const f1 = (fn: (args: Val[]) => Val): FunctionDef => ({ min: 1, max: 1, fn });

function parseJson(v: Val, what: 'object' | 'array'): Val {
  let parsed: unknown = v;
  if (typeof v === 'string') {
    try {
      parsed = JSON.parse(v);
    } catch {
      throw new SynapseEvalError(`${what}() of text that is not JSON`);
    }
  }
  const ok =
    what === 'array'
      ? Array.isArray(parsed)
      : typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  if (!ok) throw new SynapseEvalError(`${what}() of ${asString(v)}`);
  return parsed as Val;
}

function substring(args: Val[]): string {
  const str = s(args, 0, 'subString');
  const start = n(args, 1, 'subString');
  const end = args.length > 2 ? n(args, 2, 'subString') : str.length;
  if (start < 0 || end > str.length || start > end)
    throw new SynapseEvalError(`subString() index out of range`);
  return str.substring(start, end);
}

const INTEGER_TEXT = /^[-+]?\d+$/;

function toInteger(v: Val): number {
  if (isNumeric(v)) return Math.trunc(num(v));
  const parsed = typeof v === 'string' && INTEGER_TEXT.test(v.trim()) ? Number.parseInt(v, 10) : Number.NaN;
  if (Number.isNaN(parsed)) throw new SynapseEvalError(`integer() of ${asString(v)}`);
  return parsed;
}

function toFloat(v: Val): Val {
  const parsed = isNumeric(v) ? num(v) : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  if (Number.isNaN(parsed)) throw new SynapseEvalError(`float() of ${asString(v)}`);
  return double(parsed);
}

/** Java's String.split: trailing empty strings are dropped (the delimiter is taken literally). */
function split(str: string, delimiter: string): string[] {
  const parts = delimiter === '' ? [...str] : str.split(delimiter);
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Functions by name; arity is checked at compile time. */
export const SYNAPSE_FUNCTIONS: Readonly<Record<string, FunctionDef>> = {
  length: f1(([v]) => {
    if (typeof v === 'string' || Array.isArray(v)) return v.length;
    throw new SynapseEvalError(`length() of ${asString(v ?? null)}`);
  }),
  toUpper: f1((a) => s(a, 0, 'toUpper').toUpperCase()),
  toLower: f1((a) => s(a, 0, 'toLower').toLowerCase()),
  trim: f1((a) => s(a, 0, 'trim').trim()),
  subString: { min: 2, max: 3, fn: substring },
  startsWith: { min: 2, max: 2, fn: (a) => s(a, 0, 'startsWith').startsWith(s(a, 1, 'startsWith')) },
  endsWith: { min: 2, max: 2, fn: (a) => s(a, 0, 'endsWith').endsWith(s(a, 1, 'endsWith')) },
  contains: { min: 2, max: 2, fn: (a) => s(a, 0, 'contains').includes(s(a, 1, 'contains')) },
  replace: {
    min: 3,
    max: 3,
    fn: (a) => s(a, 0, 'replace').replaceAll(s(a, 1, 'replace'), s(a, 2, 'replace')),
  },
  split: { min: 2, max: 2, fn: (a) => split(s(a, 0, 'split'), s(a, 1, 'split')) },
  indexOf: {
    min: 2,
    max: 3,
    fn: (a) => s(a, 0, 'indexOf').indexOf(s(a, 1, 'indexOf'), a.length > 2 ? n(a, 2, 'indexOf') : 0),
  },
  charAt: {
    min: 2,
    max: 2,
    fn: (a) => {
      const str = s(a, 0, 'charAt');
      const i = n(a, 1, 'charAt');
      if (i < 0 || i >= str.length) throw new SynapseEvalError('charAt() index out of range');
      return str.charAt(i);
    },
  },
  abs: f1(([v]) =>
    typeof v === 'number' && Number.isInteger(v) ? Math.abs(v) : double(Math.abs(n([v ?? null], 0, 'abs'))),
  ),
  ceil: f1((a) => double(Math.ceil(n(a, 0, 'ceil')))),
  floor: f1((a) => double(Math.floor(n(a, 0, 'floor')))),
  round: f1((a) => Math.round(n(a, 0, 'round'))),
  sqrt: f1((a) => double(Math.sqrt(n(a, 0, 'sqrt')))),
  log: f1((a) => double(Math.log(n(a, 0, 'log')))),
  pow: { min: 2, max: 2, fn: (a) => double(n(a, 0, 'pow') ** n(a, 1, 'pow')) },
  base64encode: {
    min: 1,
    max: 2,
    fn: (a) => base64Encode(s(a, 0, 'base64encode'), a.length > 1 ? s(a, 1, 'base64encode') : 'UTF-8'),
  },
  base64decode: {
    min: 1,
    max: 2,
    fn: (a) =>
      Buffer.from(s(a, 0, 'base64decode'), 'base64').toString(
        charsetEncoding(a.length > 1 ? s(a, 1, 'base64decode') : 'UTF-8'),
      ),
  },
  urlEncode: {
    min: 1,
    max: 2,
    fn: (a) => urlEncodeForm(s(a, 0, 'urlEncode'), a.length > 1 ? s(a, 1, 'urlEncode') : 'UTF-8'),
  },
  urlDecode: {
    min: 1,
    max: 2,
    fn: (a) => urlDecodeForm(s(a, 0, 'urlDecode'), a.length > 1 ? s(a, 1, 'urlDecode') : 'UTF-8'),
  },
  isString: f1(([v]) => typeof v === 'string'),
  isNumber: f1(([v]) => isNumeric(v ?? null)),
  isBoolean: f1(([v]) => typeof v === 'boolean'),
  isArray: f1(([v]) => Array.isArray(v)),
  isObject: f1(([v]) => typeof v === 'object' && v !== null && !Array.isArray(v) && !isNumeric(v)),
  string: f1(([v]) => asString(v ?? null) ?? ''),
  integer: f1(([v]) => toInteger(v ?? null)),
  float: f1(([v]) => toFloat(v ?? null)),
  boolean: f1(([v]) => (typeof v === 'boolean' ? v : javaParseBoolean(asString(v ?? null) ?? ''))),
  object: f1(([v]) => parseJson(v ?? null, 'object')),
  array: f1(([v]) => parseJson(v ?? null, 'array')),
  not: f1(([v]) => !requireBoolean(v ?? null, 'not()')),
  now: { min: 0, max: 0, fn: () => Date.now() },
};

/** Functions of the Synapse grammar that Mediate cannot run, found before parsing. */
export const UNSUPPORTED_CALL = /\b(formatDateTime|registry|secret|wso2-vault|hashicorp-vault)\s*\(/;
