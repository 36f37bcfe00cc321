/**
 * Sequence templates and call-template through a running runtime, over HTTP: parameters read
 * as `$func:name`, `get-property('func', name)` and `${params.functionParams.name}`, defaults,
 * `{…}` values evaluated in the caller's context before the template runs and `{{…}}` ones
 * inside it, nested templates, and the template's and the caller's onError.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import { httpRuntime } from './harness.js';
import { apiXml, send, sequenceXml } from './http-helpers.js';

const NS = 'xmlns="http://ws.apache.org/ns/synapse"';

/** A template whose body is `body`, with `params` as its `<parameter>` elements. */
function templateXml(name: string, params: string, body: string, attrs = ''): string {
  return `<template name="${name}" ${attrs} ${NS}>\n${params}\n  <sequence>\n${body}\n  </sequence>\n</template>\n`;
}

/** A header of the response, set from an expression inside a template. */
const header = (name: string, expression: string) =>
  `<property name="${name}" expression="${expression}" scope="transport"/>`;

const SHOW = templateXml(
  'Show',
  `  <parameter name="a"/>
  <parameter name="b" defaultValue="bee"/>
  <parameter name="c" isMandatory="false"/>
  <parameter name="early"/>
  <parameter name="late"/>`,
  `    <property name="p" value="inside"/>
    ${header('X-A', '$func:a')}
    ${header('X-A-Prop', "get-property('func', 'a')")}
    ${header('X-A-Synapse', '${params.functionParams.a}')}
    ${header('X-B', '$func:b')}
    ${header('X-C', "concat('[', $func:c, ']')")}
    ${header('X-Early', '$func:early')}
    ${header('X-Late', '$func:late')}`,
);

const INNER = templateXml('Inner', '  <parameter name="a"/>', `    ${header('X-Inner', '$func:a')}`);
const OUTER = templateXml(
  'Outer',
  '  <parameter name="a"/>',
  `    <call-template target="Inner"><with-param name="a" value="{concat($func:a, '-in')}"/></call-template>
    ${header('X-Outer', '$func:a')}`,
);

const FAILING = templateXml(
  'Failing',
  '',
  '    <call><endpoint><address uri="http://127.0.0.1:1/refused"/></endpoint></call>',
  'onError="templateError"',
);

const API = apiXml(
  'T',
  '/t',
  `  <resource methods="POST" uri-template="/show">
    <inSequence>
      <property name="p" value="caller"/>
      <call-template target="Show">
        <with-param name="a" value="literal"/>
        <with-param name="early" value="{get-property('p')}"/>
        <with-param name="late" value="{{$ctx:p}}"/>
      </call-template>
      <respond/>
    </inSequence>
  </resource>
  <resource methods="POST" uri-template="/json">
    <inSequence>
      <call-template target="Show">
        <with-param name="a" value="{json-eval($.name)}"/>
        <with-param name="b" value="{\${payload.n}}"/>
      </call-template>
      <respond/>
    </inSequence>
  </resource>
  <resource methods="POST" uri-template="/xml">
    <inSequence>
      <call-template target="Show">
        <with-param name="a" value="{//order/@id}"/>
        <with-param name="b" value="{//order/item}"/>
      </call-template>
      <respond/>
    </inSequence>
  </resource>
  <resource methods="GET" uri-template="/nested">
    <inSequence>
      <call-template target="Outer"><with-param name="a" value="out"/></call-template>
      <respond/>
    </inSequence>
  </resource>
  <resource methods="GET" uri-template="/fail">
    <inSequence>
      <call-template target="Failing"/>
      <respond/>
    </inSequence>
  </resource>
  <resource methods="GET" uri-template="/fail-caller">
    <inSequence>
      <call-template target="Inner" onError="callerError">
        <with-param name="a" value="x"/>
      </call-template>
      <call-template target="Failing"/>
      <respond/>
    </inSequence>
  </resource>`,
);

let runtime: Runtime;
let base: string;

beforeAll(async () => {
  ({ runtime, base } = await httpRuntime({
    'artifacts/templates/Show.xml': SHOW,
    'artifacts/templates/Inner.xml': INNER,
    'artifacts/templates/Outer.xml': OUTER,
    'artifacts/templates/Failing.xml': FAILING,
    'artifacts/apis/T.xml': API,
    'artifacts/sequences/templateError.xml': sequenceXml(
      'templateError',
      `<property name="HTTP_SC" value="503" scope="axis2"/>${header('X-Error', '$func:a')}<respond/>`,
    ),
    'artifacts/sequences/callerError.xml': sequenceXml(
      'callerError',
      '<property name="HTTP_SC" value="502" scope="axis2"/><respond/>',
    ),
  }));
});
afterAll(() => runtime.stop());

describe('call-template (InvokeMediator, TemplateMediator, TemplateContext)', () => {
  it('gives the template its parameters, read as $func:, get-property(func) and ${params.functionParams}', async () => {
    const r = await send(`${base}/t/show`, { body: '<a/>', type: 'application/xml' });
    expect(r.status).toBe(200);
    // SynapseXPathVariableContext ($func:), GetPropertyFunction (scope func), and MI 4.4's
    // ExpressionVisitor.visitParameterAccess (params.functionParams) read the top frame.
    expect(r.headers['x-a']).toBe('literal');
    expect(r.headers['x-a-prop']).toBe('literal');
    expect(r.headers['x-a-synapse']).toBe('literal');
  });

  it('applies a defaultValue, and leaves a parameter with neither value nor default empty', async () => {
    const r = await send(`${base}/t/show`, { body: '<a/>', type: 'application/xml' });
    // TemplateContext.setupParams: no value → the default; no default → no entry.
    expect(r.headers['x-b']).toBe('bee');
    expect(r.headers['x-c']).toBe('[]');
  });

  it('evaluates {…} in the caller before the template runs, {{…}} inside the template', async () => {
    const r = await send(`${base}/t/show`, { body: '<a/>', type: 'application/xml' });
    // TemplateMediator.pushFuncContextTo evaluates {…} (Value with an expression) as it enters;
    // ValueFactory keeps {{…}} as an expression that $func: evaluates where it is read
    // (SynapseXPathVariableContext), after the template set p to "inside".
    expect(r.headers['x-early']).toBe('caller');
    expect(r.headers['x-late']).toBe('inside');
  });

  it('evaluates {json-eval(…)} and {${…}} values against a JSON payload', async () => {
    const r = await send(`${base}/t/json`, { body: '{"name":"ada","n":7}', type: 'application/json' });
    // ValueFactory.createValue: {json-eval(…)} is a SynapseJsonPath, {${…}} a SynapseExpression.
    expect(r.headers['x-a']).toBe('ada');
    expect(r.headers['x-b']).toBe('7');
  });

  it('gives an attribute as its value and an element as the node ($func: reads it as XPath)', async () => {
    const r = await send(`${base}/t/xml`, {
      body: '<order id="o-1"><item>pen</item></order>',
      type: 'application/xml',
    });
    // TemplateContext.resolveExpressionValue: an OMAttribute's value; an OMElement stays a node.
    expect(r.headers['x-a']).toBe('o-1');
    expect(r.headers['x-b']).toBe('pen');
  });

  it('keeps one frame per template: a nested template reads its own, the outer one its own after it', async () => {
    const r = await send(`${base}/t/nested`);
    // TemplateMediator pushes a TemplateContext on SYNAPSE__FUNCTION__STACK and pops it after.
    expect(r.headers['x-inner']).toBe('out-in');
    expect(r.headers['x-outer']).toBe('out');
  });

  it("runs the template's onError when its sequence faults", async () => {
    const r = await send(`${base}/t/fail`);
    // TemplateMediator.mediate pushes a MediatorFaultHandler for onError before the frame;
    // the frame stays on the stack when the sequence fails, so the handler still sees $func:.
    expect(r.status).toBe(503);
  });

  it("pops the call-template's onError when the template completes", async () => {
    const r = await send(`${base}/t/fail-caller`);
    // InvokeMediator pops its handler after a normal return: the later fault goes to the
    // template's own onError, not to callerError.
    expect(r.status).toBe(503);
  });
});
