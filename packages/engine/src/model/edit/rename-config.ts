/**
 * The part of a sequence rename that touches `deployment.toml`: `[transport.ws]`'s
 * `sender.outflow_dispatch_sequence` and `sender.outflow_dispatch_fault_sequence` name sequences.
 * TOML libraries rewrite the whole file (comments, spacing and key order go), so the value is
 * replaced in the text where it is written, and the result is parsed again and compared with what
 * it must mean: anything the small scanner misreads (a multi-line string, an inline table) is
 * refused with a clear message instead of written wrong.
 */
import { parse } from 'smol-toml';
import { DEFAULT_CONFIG } from '../project/project-config.js';
import { EditError } from './edit-context.js';

/** The sender keys that name sequences, as full dotted paths, with the default each falls back to. */
const SENDER_KEYS = [
  ['transport.ws.sender.outflow_dispatch_sequence', DEFAULT_CONFIG.wsSender.outflowDispatchSequence],
  [
    'transport.ws.sender.outflow_dispatch_fault_sequence',
    DEFAULT_CONFIG.wsSender.outflowDispatchFaultSequence,
  ],
] as const;

/** What the rename did to deployment.toml. */
export interface ConfigRename {
  readonly text: string;
  /** The keys that now name the new sequence (`sender.outflow_dispatch_sequence`). */
  readonly keys: readonly string[];
}

/** Splits a dotted TOML key (`a."b.c".d`) into its parts, unquoted. */
function keyParts(key: string): string[] | undefined {
  const parts: string[] = [];
  const re = /\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*(\.|$)/y;
  let at = 0;
  while (at < key.length) {
    re.lastIndex = at;
    const m = re.exec(key);
    if (!m) return undefined;
    parts.push(m[1] ?? m[2] ?? m[3] ?? '');
    at = re.lastIndex;
    if (m[4] === '') break;
  }
  return parts;
}

/** A `key = "string"` line; groups: indentation, key, quote, the string (no escapes in it). */
const KEY_VALUE = /^(\s*)([^=#[\s][^=#]*?)\s*=\s*(["'])([^"'\\\n]*)\3\s*(#.*)?$/;
const TABLE = /^\s*\[\s*([^[\]]+?)\s*\]\s*(#.*)?$/;

/** The `table` of a line that holds none of our keys: inside a multi-line string, under `[[…]]`. */
const NOT_OURS = '\u0000';

interface Line {
  readonly text: string;
  /** Dotted path of the table the line is in ('' at the top). */
  readonly table: string;
  readonly header?: string;
}

function scan(text: string): Line[] {
  let table = '';
  let inMultiline = false;
  return text.split('\n').map((raw) => {
    const line = raw.replace(/\r$/, '');
    const quotes = (line.match(/"""|'''/g) ?? []).length;
    const wasIn = inMultiline;
    if (quotes % 2 === 1) inMultiline = !inMultiline;
    if (wasIn) return { text: raw, table: NOT_OURS };
    // Keys under an array of tables (`[[…]]`) are never the sender's.
    if (line.trimStart().startsWith('[[')) {
      table = NOT_OURS;
      return { text: raw, table };
    }
    const header = TABLE.exec(line);
    if (header) {
      table = (keyParts(header[1] ?? '') ?? [header[1] ?? '']).join('.');
      return { text: raw, table, header: table };
    }
    return { text: raw, table };
  });
}

function join(table: string, key: string): string | undefined {
  const parts = keyParts(key);
  if (!parts) return undefined;
  return [...(table ? [table] : []), ...parts].join('.');
}

/** The value of a dotted path in a parsed TOML document, reading quoted dotted keys as paths. */
function valueAt(doc: unknown, dotted: string): unknown {
  const walk = (t: unknown, rest: string): unknown => {
    if (!t || typeof t !== 'object') return undefined;
    const table = t as Record<string, unknown>;
    if (rest in table) return table[rest];
    const dot = rest.indexOf('.');
    if (dot === -1) return undefined;
    // Try every split: `sender.outflow…` may be one quoted key or two.
    for (let i = dot; i !== -1; i = rest.indexOf('.', i + 1)) {
      const v = walk(table[rest.slice(0, i)], rest.slice(i + 1));
      if (v !== undefined) return v;
    }
    return undefined;
  };
  return walk(doc, dotted);
}

function parseOrUndefined(text: string): unknown {
  try {
    return parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Rewrites the sender keys of `configText` that name sequence `from` to name `to`. A key left
 * out falls back to its default name; when `from` is that default, the key is written, so the
 * renamed sequence keeps its job. Returns undefined when nothing names `from`; throws an
 * EditError when the file names it in a way this cannot rewrite.
 */
export function renameConfigSequence(configText: string, from: string, to: string): ConfigRename | undefined {
  const before = parseOrUndefined(configText);
  // An invalid deployment.toml is reported by validation; a rename does not touch it.
  if (before === undefined) return undefined;
  const wanted = SENDER_KEYS.filter(([key, fallback]) => {
    const v = valueAt(before, key);
    return v === from || (v === undefined && fallback === from);
  });
  if (!wanted.length) return undefined;

  let text = configText;
  for (const [key] of wanted) {
    const lines = scan(text);
    const out = lines.map((l) => l.text);
    if (valueAt(before, key) === undefined) addKey(lines, out, key, to);
    else replaceValue(lines, out, key, from, to);
    text = out.join('\n');
  }
  const after = parseOrUndefined(text);
  for (const [key, fallback] of SENDER_KEYS) {
    const expected = wanted.some(([k]) => k === key) ? to : (valueAt(before, key) ?? fallback);
    if ((valueAt(after, key) ?? fallback) !== expected) throw unsafe(key, from);
  }
  return { text, keys: wanted.map(([key]) => key.replace(/^transport\.ws\./, '')) };
}

/** Replaces the string of the `key = "from"` line in place (quotes, spacing, comment kept). */
function replaceValue(lines: readonly Line[], out: string[], key: string, from: string, to: string): void {
  for (const [i, l] of lines.entries()) {
    if (l.header || l.table === NOT_OURS) continue;
    const m = KEY_VALUE.exec(l.text.replace(/\r$/, ''));
    if (!m || m[4] !== from || join(l.table, m[2] ?? '') !== key) continue;
    // The key cannot hold '=' (KEY_VALUE), so the first '=' is the assignment.
    const open = l.text.indexOf(m[3] as string, l.text.indexOf('='));
    out[i] = `${l.text.slice(0, open + 1)}${to}${l.text.slice(open + 1 + from.length)}`;
    return;
  }
  throw unsafe(key, from);
}

/** Writes `key = "to"` into `[transport.ws]` (or `[transport.ws.sender]`), or a new `[transport.ws]`. */
function addKey(lines: readonly Line[], out: string[], key: string, to: string): void {
  const eol = lines.some((l) => l.text.endsWith('\r')) ? '\r\n' : '\n';
  for (const table of ['transport.ws.sender', 'transport.ws']) {
    const at = lines.findIndex((l) => l.header === table);
    if (at === -1) continue;
    // After the table's last key (not after comments that lead into the next table).
    let last = at;
    for (let i = at + 1; i < lines.length && !lines[i]?.header; i++) {
      const t = lines[i]?.text.trim() ?? '';
      if (t !== '' && !t.startsWith('#')) last = i;
    }
    const line = out[last] ?? '';
    const cr = line.endsWith('\r') ? '\r' : '';
    out[last] =
      `${line.slice(0, line.length - cr.length)}${eol}${key.slice(table.length + 1)} = "${to}"${cr}`;
    return;
  }
  const last = out.length - 1;
  const empty = out.length === 1 && out[0] === '';
  const sep = empty ? '' : out[last] === '' ? eol : `${eol}${eol}`;
  out[last] = `${out[last]}${sep}[transport.ws]${eol}${key.slice('transport.ws.'.length)} = "${to}"${eol}`;
}

function unsafe(key: string, from: string): EditError {
  return new EditError(
    `deployment.toml names sequence '${from}' in ${key.replace(/^transport\.ws\./, '[transport.ws] ')} in a form the rename cannot rewrite safely (an inline table or a multi-line string); write it as sender.${key.split('.').pop()} = "${from}" under [transport.ws], or change it by hand after the rename.`,
  );
}
