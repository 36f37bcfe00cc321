/**
 * A lossless XML tree. Every node keeps the exact source text of its parts (quotes, spacing,
 * entity spelling, line endings), so serializing an unedited tree gives the input back byte
 * for byte. Edits replace parts; whatever they do not touch keeps its original text.
 */

/** One attribute, with the text around it as written. */
export interface XmlAttribute {
  /** Qualified name as written, e.g. `xmlns:soapenv` or `level`. */
  readonly name: string;
  /** Decoded value (entities and character references resolved). */
  readonly value: string;
  /** Whitespace before the name (a space, or a newline and indentation). */
  readonly lead: string;
  /** The `=` with any whitespace around it. */
  readonly eq: string;
  readonly quote: '"' | "'";
  /** The value exactly as written between the quotes (still escaped). */
  readonly raw: string;
}

/** Where a node starts in its source, 1-based. Absent on nodes created by edits. */
export interface XmlPosition {
  readonly line: number;
  readonly column: number;
  /** 0-based offset of the node's first character in the source text. */
  readonly offset: number;
}

/** An element with its attributes and children in document order. */
export interface XmlElement {
  readonly type: 'element';
  readonly name: string;
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlNode[];
  /** `<a/>` rather than `<a></a>`. */
  readonly selfClosing: boolean;
  /** Whitespace between the last attribute and `>` or `/>`. */
  readonly openTail: string;
  /** The end tag as written (`</a >`); regenerated when absent. */
  readonly closeRaw?: string;
  readonly pos?: XmlPosition;
}

export interface XmlText {
  readonly type: 'text';
  readonly value: string;
  readonly raw: string;
  readonly pos?: XmlPosition;
}

export interface XmlCData {
  readonly type: 'cdata';
  /** The content between `<![CDATA[` and `]]>`. */
  readonly value: string;
  readonly pos?: XmlPosition;
}

export interface XmlComment {
  readonly type: 'comment';
  /** The content between `<!--` and `-->`. */
  readonly value: string;
  readonly pos?: XmlPosition;
}

/** A processing instruction, including the XML declaration (`target` = `xml`). */
export interface XmlProcessingInstruction {
  readonly type: 'pi';
  readonly target: string;
  /** Everything between `<?` and `?>`. */
  readonly raw: string;
  readonly pos?: XmlPosition;
}

export interface XmlDoctype {
  readonly type: 'doctype';
  /** Everything between `<!DOCTYPE` and the closing `>`. */
  readonly raw: string;
  readonly pos?: XmlPosition;
}

export type XmlNode = XmlElement | XmlText | XmlCData | XmlComment | XmlProcessingInstruction | XmlDoctype;

/** A whole document: what precedes the root, the root, and what follows it. */
export interface XmlDocument {
  /** A byte order mark at the very start, kept so that it is written back. */
  readonly bom: boolean;
  readonly prolog: readonly XmlNode[];
  readonly root: XmlElement;
  readonly epilog: readonly XmlNode[];
}

/** A located problem found while reading XML. Lines and columns are 1-based. */
export interface XmlSyntaxError {
  readonly code: string;
  readonly message: string;
  readonly line: number;
  readonly column: number;
}
