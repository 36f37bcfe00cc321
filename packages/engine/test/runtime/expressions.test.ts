/**
 * The expression engines (XPath with Synapse's functions and variables, json-eval, `${…}`),
 * run against a small in-test message over real xmldom documents and JSON. Expected values are
 * worked out by hand from Synapse's rules (see the comments at each group).
 */
import { DOMParser, type Document } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';

import { compileExpression } from '../../src/runtime/expressions/compile-expression.js';
import type { ExpressionContext, ReadScope } from '../../src/runtime/expressions/expression-types.js';
import { javaDoubleString } from '../../src/runtime/expressions/java-text.js';
import { compileDateFormat } from '../../src/runtime/expressions/simple-date-format.js';

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';

/** A message for expressions: properties per scope, an envelope built on first use, JSON, variables. */
class TestMessage implements ExpressionContext {
  envelopeBuilds = 0;
  private doc: Document | undefined;
  private readonly scopes = new Map<ReadScope, Map<string, unknown>>();

  constructor(
    private readonly xml: string,
    private readonly payload: unknown = undefined,
    props: Partial<Record<ReadScope, Record<string, unknown>>> = {},
    private readonly vars: Record<string, unknown> = {},
  ) {
    for (const [scope, values] of Object.entries(props)) {
      // Transport headers are case-insensitive, as the real message context makes them.
      const entries = Object.entries(values).map(
        ([k, v]) => [scope === 'transport' ? k.toLowerCase() : k, v] as const,
      );
      this.scopes.set(scope as ReadScope, new Map(entries));
    }
  }

  property(scope: ReadScope, name: string): unknown {
    return this.scopes.get(scope)?.get(scope === 'transport' ? name.toLowerCase() : name);
  }

  envelope(): Document {
    if (!this.doc) {
      this.envelopeBuilds++;
      this.doc = new DOMParser().parseFromString(this.xml, 'text/xml');
    }
    return this.doc;
  }

  json(): unknown {
    return this.payload;
  }

  variable(name: string): unknown {
    return this.vars[name];
  }
}

const ORDER_XML =
  `<soapenv:Envelope xmlns:soapenv="${SOAP}"><soapenv:Header><m:trace xmlns:m="urn:m">t1</m:trace></soapenv:Header>` +
  `<soapenv:Body><m:order xmlns:m="urn:m" id="7"><m:symbol>IBM</m:symbol>` +
  `<m:item qty="1">a</m:item><m:item qty="3">b</m:item><m:item qty="5">  c  </m:item>` +
  `<m:note><m:x>1</m:x></m:note></m:order></soapenv:Body></soapenv:Envelope>`;

const ORDER_JSON = {
  order: {
    symbol: 'IBM',
    qty: 5,
    price: 12.5,
    flag: true,
    nothing: null,
    items: [1, 2, 3],
    lines: [
      { sku: 'a', qty: 1 },
      { sku: 'b', qty: 2 },
    ],
  },
};

// The JSON payload as MI shows it in the envelope: <jsonObject> with one element per key.
const JSON_XML = `<soapenv:Envelope xmlns:soapenv="${SOAP}"><soapenv:Body><jsonObject><name>x</name><age>3</age></jsonObject></soapenv:Body></soapenv:Envelope>`;

const PROPS: Partial<Record<ReadScope, Record<string, unknown>>> = {
  default: {
    foo: 'bar',
    flag: 'false',
    n: 5,
    To: '/services/p1',
    MessageID: 'urn:uuid:1',
    'query.param.id': '42',
    'uri.var.name': 'ann',
    headersMap: new Map([['k', 'v']]),
  },
  axis2: { messageType: 'application/json' },
  transport: { 'Content-Type': 'text/xml', Accept: '*/*' },
  operation: { op1: 'o' },
  url: { id: '99', city: 'Paris' },
  env: { HOME: '/home/mi' },
  system: { 'java.version': '17' },
  func: { p: 'param-value' },
};

const VARS = { x: 'hello', obj: { a: { b: [10, 20] } }, n: 2, text: '{"k":"v"}' };

const NS = { m: 'urn:m' };

function message(): TestMessage {
  return new TestMessage(ORDER_XML, ORDER_JSON, PROPS, VARS);
}

const str = (expr: string, msg: ExpressionContext = message(), ns: Record<string, string> = NS) =>
  compileExpression(expr, ns).string(msg);
const bool = (expr: string, msg: ExpressionContext = message(), ns: Record<string, string> = NS) =>
  compileExpression(expr, ns).boolean(msg);
const raw = (expr: string, msg: ExpressionContext = message(), ns: Record<string, string> = NS) =>
  compileExpression(expr, ns).evaluate(msg);

/** SimpleDateFormat yyyy-MM-dd of a date, written out independently of the code under test. */
function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

describe('XPath: get-property', () => {
  it('reads each scope', () => {
    expect(str("get-property('foo')")).toBe('bar');
    expect(str("get-property('default', 'foo')")).toBe('bar');
    expect(str("get-property('axis2', 'messageType')")).toBe('application/json');
    expect(str("get-property('transport', 'content-type')")).toBe('text/xml');
    expect(str("get-property('operation', 'op1')")).toBe('o');
    expect(str("get-property('env', 'HOME')")).toBe('/home/mi');
    expect(str("get-property('system', 'java.version')")).toBe('17');
    expect(str("get-property('func', 'p')")).toBe('param-value');
  });

  it('answers the special names through the default scope, and "" for a missing one', () => {
    expect(str("get-property('To')")).toBe('/services/p1');
    expect(str("get-property('MessageID')")).toBe('urn:uuid:1');
    expect(str("get-property('missing')")).toBe('');
    expect(bool("get-property('missing')")).toBe(false);
  });

  it('keeps an integer property an integer (no ".0")', () => {
    expect(str("get-property('n')")).toBe('5');
    expect(raw("get-property('n')")).toBe(5);
  });

  it('formats SYSTEM_DATE with a SimpleDateFormat pattern, in every argument form', () => {
    const before = isoDay(new Date());
    const value = str("get-property('SYSTEM_DATE', 'yyyy-MM-dd')");
    const after = isoDay(new Date());
    expect(value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect([before, after]).toContain(value);
    expect(str("get-property('default', 'SYSTEM_DATE', 'yyyy-MM-dd')")).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(str("get-property('SYSTEM_DATE', 'HH:mm:ss.SSS')")).toMatch(/^\d{2}:\d{2}:\d{2}\.\d{3}$/);
    expect(str("get-property('SYSTEM_DATE', \"yy'T'MM\")")).toMatch(/^\d{2}T\d{2}$/);
    // No pattern: SimpleDateFormat's SHORT/SHORT en_US style.
    expect(str("get-property('SYSTEM_DATE')")).toMatch(/^\d{1,2}\/\d{1,2}\/\d{2}, \d{1,2}:\d{2} (AM|PM)$/);
  });

  it('gives SYSTEM_TIME as epoch milliseconds', () => {
    const before = Date.now();
    const value = Number(str("get-property('SYSTEM_TIME')"));
    expect(value).toBeGreaterThanOrEqual(before);
    expect(value).toBeLessThanOrEqual(Date.now());
  });

  it('does not build the envelope when the expression does not read it', () => {
    const msg = message();
    expect(str("concat(get-property('foo'), $ctx:foo)", msg)).toBe('barbar');
    expect(msg.envelopeBuilds).toBe(0);
    expect(str('//m:symbol', msg)).toBe('IBM');
    expect(msg.envelopeBuilds).toBe(1);
  });
});

describe('Java text rules', () => {
  it('formats SimpleDateFormat letters on a fixed local date', () => {
    const d = new Date(2024, 0, 5, 9, 7, 3, 45); // Friday 5 January 2024, 09:07:03.045
    expect(compileDateFormat('yyyy-MM-dd HH:mm:ss.SSS')(d)).toBe('2024-01-05 09:07:03.045');
    expect(compileDateFormat('d/M/yy h:mm a')(d)).toBe('5/1/24 9:07 AM');
    expect(compileDateFormat("EEE, MMM d ''yy 'at' k")(d)).toBe("Fri, Jan 5 '24 at 9");
    expect(compileDateFormat('EEEE MMMM D')(d)).toBe('Friday January 5');
    expect(() => compileDateFormat('yyyy-qq')).toThrow("Illegal pattern character 'q'");
  });

  it('prints doubles as Double.toString does', () => {
    expect([3, 0.5, -2.25, 1e7, 1.5e-4, 123456.789, -0, 0.001].map(javaDoubleString)).toEqual([
      '3.0',
      '0.5',
      '-2.25',
      '1.0E7',
      '1.5E-4',
      '123456.789',
      '-0.0',
      '0.001',
    ]);
  });
});

describe('XPath: variables', () => {
  it('reads $ctx, $axis2, $trp, $url, $func, $var, $operation and Map properties', () => {
    expect(str('$ctx:foo')).toBe('bar');
    expect(str('$axis2:messageType')).toBe('application/json');
    expect(str('$trp:Content-Type')).toBe('text/xml');
    expect(str('$trp:accept')).toBe('*/*');
    expect(str('$url:city')).toBe('Paris');
    expect(str('$func:p')).toBe('param-value');
    expect(str('$var:x')).toBe('hello');
    expect(str('$operation:op1')).toBe('o');
    expect(str('$headersMap:k')).toBe('v');
    expect(str('$ctx:missing')).toBe('');
    expect(str('$url:missing')).toBe('');
  });

  it('gives $body, $header and $env as elements (printed as XML)', () => {
    const body =
      `<soapenv:Body xmlns:soapenv="${SOAP}"><m:order xmlns:m="urn:m" id="7"><m:symbol>IBM</m:symbol>` +
      `<m:item qty="1">a</m:item><m:item qty="3">b</m:item><m:item qty="5">  c  </m:item>` +
      `<m:note><m:x>1</m:x></m:note></m:order></soapenv:Body>`;
    // A lone element whose own text is blank prints as XML.
    expect(str('$body')).toBe(body);
    expect(str('$header')).toBe(
      `<soapenv:Header xmlns:soapenv="${SOAP}"><m:trace xmlns:m="urn:m">t1</m:trace></soapenv:Header>`,
    );
    expect(str('$env')).toBe(ORDER_XML);
    expect(str('$header/m:trace')).toBe('t1');
    expect(str('$body/m:order/@id')).toBe('7');
    expect(raw('$body')).toHaveLength(1);
  });
});

describe('XPath: paths, functions and string values', () => {
  it('resolves a declared prefix and the soapenv default', () => {
    expect(str('//m:symbol')).toBe('IBM');
    expect(str('/soapenv:Envelope/soapenv:Body/m:order/m:symbol/text()')).toBe('IBM');
    expect(str('//m:order/@id')).toBe('7');
    // Another prefix bound to the same URI works too.
    expect(str('//o:symbol', message(), { o: 'urn:m' })).toBe('IBM');
  });

  it('prints a single element as its trimmed text and several elements as XML', () => {
    expect(str("//m:item[@qty='5']")).toBe('c');
    // Several elements: each one's XML, with its text trimmed (Synapse's replace of the text).
    expect(str('//m:item')).toBe(
      '<m:item qty="1" xmlns:m="urn:m">a</m:item><m:item qty="3" xmlns:m="urn:m">b</m:item><m:item qty="5" xmlns:m="urn:m">c</m:item>',
    );
    // An element with only child elements prints as XML even alone.
    expect(str('//m:note')).toBe('<m:note xmlns:m="urn:m"><m:x>1</m:x></m:note>');
    // node() asks for the element itself: a lone text node prints as its parent.
    expect(str('//m:symbol/node()')).toBe('<m:symbol xmlns:m="urn:m">IBM</m:symbol>');
    expect(str('//m:nothing')).toBe('');
  });

  it('prints XPath numbers as Java doubles, strings and booleans as XPath does', () => {
    expect(str('count(//m:item)')).toBe('3.0');
    expect(raw('count(//m:item)')).toBe(3);
    expect(str('1 div 2')).toBe('0.5');
    expect(str('sum(//m:item/@qty)')).toBe('9.0');
    expect(str("concat(get-property('foo'), '-', //m:symbol, '-', count(//m:item))")).toBe('bar-IBM-3');
    expect(str('count(//m:item) > 2')).toBe('true');
    expect(str("string-length('abcd')")).toBe('4.0');
  });

  it('evaluates booleans with XPath rules', () => {
    expect(bool('//m:item[@qty > 2]')).toBe(true);
    expect(bool('//m:item[@qty > 9]')).toBe(false);
    expect(bool('count(//m:item) = 3')).toBe(true);
    expect(bool("get-property('foo') = 'bar' and $trp:Accept = '*/*'")).toBe(true);
    expect(bool("boolean(get-property('missing'))")).toBe(false);
    // The string "false" is a non-empty string: XPath (and Synapse) call it true.
    expect(bool("get-property('flag')")).toBe(true);
    expect(bool("get-property('flag') = 'true'")).toBe(false);
  });

  it('finds Synapse and Jaxen extension functions, with or without a prefix', () => {
    expect(str("base64Encode('hello')")).toBe('aGVsbG8=');
    expect(str("base64Decode('aGVsbG8=')")).toBe('hello');
    expect(str("url-encode('a b&c/d?e=f#g')")).toBe('a%20b&c/d?e=f%23g');
    expect(str("synapse:get-property('foo')")).toBe('bar');
    expect(str("fn:concat('a', 'b')")).toBe('ab');
    expect(str("fn:concat('a', 'b')", message(), { fn: 'http://www.w3.org/2005/xpath-functions' })).toBe(
      'ab',
    );
    expect(str("upper-case('abc')")).toBe('ABC');
    expect(bool("ends-with('abc', 'bc')")).toBe(true);
  });

  it('reads a JSON payload through its envelope form', () => {
    const msg = new TestMessage(JSON_XML, { name: 'x', age: 3 });
    expect(str('//jsonObject/name', msg)).toBe('x');
    expect(str('$body/jsonObject/age + 1', msg)).toBe('4.0');
  });
});

describe('json-eval', () => {
  it('gives primitives as their text and objects and arrays as JSON', () => {
    expect(str('json-eval($.order.symbol)')).toBe('IBM');
    expect(str('json-eval($.order.qty)')).toBe('5');
    expect(str('json-eval($.order.price)')).toBe('12.5');
    expect(str('json-eval($.order.items)')).toBe('[1,2,3]');
    expect(str('json-eval($.order.lines[1])')).toBe('{"sku":"b","qty":2}');
    expect(str('json-eval($.order.nothing)')).toBe('null');
    expect(str('json-eval($)')).toBe(JSON.stringify(ORDER_JSON));
    expect(raw('json-eval($.order.lines[0])')).toEqual({ sku: 'a', qty: 1 });
  });

  it('returns a list for an indefinite path, even with one match', () => {
    expect(str('json-eval($.order.lines[*].sku)')).toBe('["a","b"]');
    expect(str('json-eval($..symbol)')).toBe('["IBM"]');
    expect(str('json-eval($.order.lines[?(@.qty > 1)].sku)')).toBe('["b"]');
  });

  it('reads paths without $ as Jayway does, and nothing as ""', () => {
    expect(str('json-eval(order.symbol)')).toBe('IBM');
    expect(str('json-eval($.order.missing)')).toBe('');
    expect(raw('json-eval($.order.missing)')).toBeUndefined();
    expect(str('json-eval($.order.symbol)', new TestMessage(ORDER_XML))).toBe('');
  });

  // SynapseJsonPath's constructor: `$ctx:`/`$trp:`/`$axis2:` + name at the start reads that
  // property's value (as JSON) instead of the payload; the rest of the path applies to it.
  it('reads a path that starts with $ctx:, $trp: or $axis2: from that property', () => {
    const msg = new TestMessage(ORDER_XML, ORDER_JSON, {
      default: { cart: '{"lines":[{"sku":"z"}]}', notJson: 'plain' },
      transport: { 'X-Doc': '{"a":{"b":1}}' },
      axis2: { whole: '[1,2]' },
    });
    expect(str('json-eval($ctx:cart.lines[0].sku)', msg)).toBe('z');
    expect(str('json-eval($trp:X-Doc.a.b)', msg)).toBe('1');
    expect(str('json-eval($axis2:whole)', msg)).toBe('[1,2]');
    expect(str('json-eval($ctx:notJson.a)', msg)).toBe('');
    expect(str('json-eval($ctx:absent.a)', msg)).toBe('');
  });

  // InlineExpressionUtil.replaceDynamicValuesForJSONPath: each `{expr}` is replaced by its value
  // per message, then the path is read (so `json-eval({$ctx:p})` is the path held in p).
  it('replaces {…} parts with their value per message, then reads the path', () => {
    const at = (props: Record<string, unknown>) => new TestMessage(ORDER_XML, ORDER_JSON, { default: props });
    expect(str('json-eval($.order.{$ctx:field})', at({ field: 'symbol' }))).toBe('IBM');
    expect(str('json-eval($.order.{$ctx:field})', at({ field: 'qty' }))).toBe('5');
    expect(str('json-eval({$ctx:path})', at({ path: '$.order.price' }))).toBe('12.5');
    expect(str('json-eval({$ctx:path})', at({ path: 'order.items[2]' }))).toBe('3');
    // A path built from the message that does not parse gives '' (Synapse logs the failure).
    expect(str('json-eval({$ctx:path})', at({ path: '$.order[' }))).toBe('');
  });

  it('is true only for the text "true" (Boolean.parseBoolean)', () => {
    expect(bool('json-eval($.order.flag)')).toBe(true);
    expect(bool('json-eval($.order.symbol)')).toBe(false);
    expect(bool('json-eval($.order.missing)')).toBe(false);
  });
});

describe('${…} Synapse expressions', () => {
  it('reads the payload with JSONPath-like paths', () => {
    expect(str('${payload}')).toBe(JSON.stringify(ORDER_JSON));
    expect(str('${payload.order.symbol}')).toBe('IBM');
    expect(str('${payload.order.items[0]}')).toBe('1');
    expect(str('${payload.order.items[-1]}')).toBe('3');
    expect(str('${payload["order"]["lines"][1].sku}')).toBe('b');
    expect(str('${$.order.qty}')).toBe('5');
    expect(str('${payload.order.lines[*].sku}')).toBe('["a","b"]');
    expect(str('${payload.order.lines[?(@.qty > 1)].sku}')).toBe('["b"]');
    expect(str('${payload..sku}')).toBe('["a","b"]');
    expect(str('${payload.order.items.length()}')).toBe('3');
    expect(str('${payload.order.items[vars.n]}')).toBe('3');
    expect(str('${payload.order.items[0:2]}')).toBe('[1,2]');
    expect(str('${payload.order.lines[*].qty.sum()}')).toBe('3.0');
    expect(raw('${payload.order.lines[0]}')).toEqual({ sku: 'a', qty: 1 });
    expect(str('${payload.order.missing}')).toBe('');
    expect(raw('${payload.order.missing}')).toBeUndefined();
  });

  it('reads variables, properties, headers and parameters', () => {
    expect(str('${vars.x}')).toBe('hello');
    expect(str('${vars.obj.a.b[1]}')).toBe('20');
    expect(str('${vars.obj}')).toBe('{"a":{"b":[10,20]}}');
    expect(str('${vars.text.k}')).toBe('v');
    expect(str('${vars.missing}')).toBe('');
    expect(str('${props.synapse.foo}')).toBe('bar');
    expect(str('${properties.synapse.foo}')).toBe('bar');
    expect(str('${props.axis2.messageType}')).toBe('application/json');
    expect(str('${headers.Accept}')).toBe('*/*');
    expect(str('${headers["content-type"]}')).toBe('text/xml');
    expect(str('${params.queryParams.id}')).toBe('42');
    expect(str('${params.uriParams.name}')).toBe('ann');
    expect(str('${params.pathParams.city}')).toBe('Paris');
    expect(str('${params.functionParams.p}')).toBe('param-value');
  });

  it('computes with literals and operators as Synapse does', () => {
    expect(str('${1 + 2}')).toBe('3');
    expect(str('${1.5 + 1.5}')).toBe('3.0');
    expect(str('${0.1 + 0.2}')).toBe('0.3');
    expect(str('${7 / 2}')).toBe('3.5');
    expect(str('${6 / 2}')).toBe('3');
    expect(str('${10 % 4 * 2 - -1}')).toBe('5');
    expect(str('${\'a\' + "b"}')).toBe('ab');
    expect(str('${payload.order.price * 2}')).toBe('25.0');
    expect(str('${vars.n + 1}')).toBe('3');
    expect(str('${payload.order.qty > 3}')).toBe('true');
    expect(str("${payload.order.qty == 5 && vars.x == 'hello'}")).toBe('true');
    expect(str('${vars.n != 2 || false}')).toBe('false');
    expect(str('${payload.order.qty == "5"}')).toBe('true');
    expect(str("${payload.order.qty > 3 ? 'big' : 'small'}")).toBe('big');
    expect(str('${!(1 < 2) or 2 >= 2}')).toBe('true');
    expect(str('${null == vars.missing2}')).toBe('');
    expect(str("${'x' > 1}")).toBe('');
  });

  it('calls predefined functions', () => {
    expect(str('${toUpper(payload.order.symbol)}')).toBe('IBM');
    expect(str("${toLower('ABC') + subString('hello', 1, 3)}")).toBe('abcel');
    expect(str('${length(vars.x)}')).toBe('5');
    expect(str("${split('a,b,,', ',')}")).toBe('["a","b"]');
    expect(str("${base64encode('hello')}")).toBe('aGVsbG8=');
    expect(str("${urlEncode('a b&c')}")).toBe('a+b%26c');
    expect(str('${exists(payload.order.missing)}')).toBe('false');
    expect(str('${exists(payload.order.symbol)}')).toBe('true');
    expect(str("${integer('42') + 1}")).toBe('43');
    expect(str('${xpath("//m:symbol")}')).toBe('IBM');
  });

  it('is true only for the text "true"', () => {
    expect(bool('${payload.order.qty > 3}')).toBe(true);
    expect(bool('${payload.order.flag}')).toBe(true);
    expect(bool("${'yes'}")).toBe(false);
    expect(bool('${payload.order.missing}')).toBe(false);
  });
});

describe('compile errors', () => {
  const fails = (expr: string, message: RegExp, ns: Record<string, string> = NS) =>
    expect(() => compileExpression(expr, ns)).toThrow(message);

  it('names the problem in a bad XPath', () => {
    fails('//a[', /^Invalid XPath '\/\/a\[': unclosed '\['\.$/);
    fails('1 +', /Invalid XPath '1 \+': the expression ends too early, after '1\+'/);
    fails('//a[1]]', /unexpected '\]'/);
    fails('count(//a) 2', /unexpected '2' after 'count\(\/\/a\)'/);
    fails('', /the expression is empty/);
  });

  it('rejects unknown functions, variables and prefixes, and unsupported features', () => {
    fails('foo(1)', /unknown function foo\(\)/);
    fails('m:concat(1, 2)', /unknown function concat\(\)/);
    fails('$nope', /unknown variable \$nope/);
    fails('//x:a', /the prefix 'x' is not declared/);
    fails('get-property()', /get-property\(\) takes 1 to 3 arguments, not 0/);
    fails("get-property('SYSTEM_DATE', 'yyyy-qq')", /Illegal pattern character 'q'/);
    fails("get-property('registry', 'gov:/a')", /not supported by Mediate/);
    fails('$config:x', /not supported by Mediate/);
    fails("hmac-generate('a', 'b')", /not supported by Mediate/);
  });

  it('names the problem in a bad JSONPath', () => {
    fails('json-eval(a..)', /^Invalid JSONPath in json-eval\(a\.\.\): a path step is empty\.$/);
    fails('json-eval($.a[)', /unclosed '\['/);
    fails('json-eval()', /the JSONPath is empty/);
  });

  it('names the problem in a bad ${…} expression', () => {
    fails('${}', /the expression is empty/);
    fails('${vars.x +}', /the expression ends too early/);
    fails('${foo}', /unknown name 'foo'/);
    fails('${nope(1)}', /unknown function nope\(\)/);
    fails('${toUpper()}', /toUpper\(\) takes 1 argument, not 0/);
    fails('${props.transport.x}', /unknown property scope 'transport'/);
    fails("${'abc}", /unclosed string/);
    fails('${configs.x}', /not supported by Mediate/);
    fails("${registry('gov:/a')}", /registry\(\) is not supported by Mediate/);
    fails('${payload.a[?(@.n > vars.min)]}', /a filter that reads 'vars' is not supported by Mediate/);
  });
});

describe('one compiled expression, many evaluations', () => {
  it('gives the same result 10,000 times in a row', () => {
    const cases: [string, string][] = [
      ["concat(get-property('foo'), '-', //m:symbol, '-', count(//m:item))", 'bar-IBM-3'],
      ['json-eval($.order.lines[?(@.qty > 1)].sku)', '["b"]'],
      ["${payload.order.qty * 2 + vars.n > 10 ? 'big' : 'small'}", 'big'],
    ];
    for (const [expr, expected] of cases) {
      const compiled = compileExpression(expr, NS);
      const msg = message();
      let same = 0;
      for (let i = 0; i < 10_000; i++) if (compiled.string(msg) === expected) same++;
      expect(same).toBe(10_000);
      expect(compiled.boolean(msg)).toBe(compiled.boolean(msg));
    }
  });
});
