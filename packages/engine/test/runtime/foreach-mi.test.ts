/**
 * MI's own foreach (MI 4.4 form) integration cases (micro-integrator v2 ForEachMediatorTestCase
 * with its TestForEachMediator API, pre-release attribute names), rebuilt here: payloadFactory
 * or a mock back end (a real one here) per item, JSON and XML collections from the body or a
 * variable, results in place or in a variable; the runtime must give what MI's test expects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime/index.js';
import { freePort, project, runtimeWith, tomlFor, until, type EventLog } from './harness.js';
import { apiXml, send, startBackend, type Backend } from './http-helpers.js';

let runtime: Runtime;
let events: EventLog;
let base: string;
let mock: Backend;

const resource = (path: string, body: string, methods = 'POST') =>
  `<resource methods="${methods}" uri-template="${path}"><inSequence>${body}</inSequence></resource>`;
const log = (text: string) => `<log category="INFO"><message>${text}</message></log>`;
const person = (age: number) =>
  `<payloadFactory media-type="xml"><format><person xmlns=""><surname>\${xpath('//list/name/text()')}</surname><age>${age}</age></person></format></payloadFactory>`;
// MI's test writes "_name": \${payload.name} unquoted: the pre-release payloadFactory quoted a string
// there, today's RegexTemplateProcessor (which Mediate follows) does not, so it is quoted here.
const named = (status: boolean) =>
  `<payloadFactory media-type="json"><format><![CDATA[{"_name": "\${payload.name}", "age": 5${status ? ', "status": ${var.status}' : ''}}]]></format></payloadFactory>`;

beforeAll(async () => {
  // MI's transform-json and transform-xml resources (of the same API there) as a real back end.
  mock = await startBackend((req, res) => {
    if (req.url.startsWith('/foreach/transform-xml')) {
      const name = /<name>([^<]*)</.exec(req.body)?.[1] ?? '';
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(`<person><surname>${name}</surname><age>2</age></person>`);
      return;
    }
    const item = JSON.parse(req.body) as { name: string; type: string };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ _name: item.name, age: 5, status: item.type === 'fruit' }));
  });
  const http = await freePort();
  base = `http://127.0.0.1:${http}/foreach`;
  const call = (path: string) =>
    `<call><endpoint><http method="post" uri-template="${mock.url}/foreach/${path}"/></endpoint></call>`;
  const resources = [
    resource(
      '/json-body-replace-1',
      `<foreach collection="\${payload.data.list}" parallel-execution="true"><sequence>
         <variable name="status" expression="\${payload.type == 'fruit' ? true : false}"/>${named(true)}
       </sequence></foreach><respond/>`,
    ),
    resource(
      '/json-body-replace-2',
      `<foreach collection="\${payload.data.list}" parallel-execution="true"><sequence>${call('transform-json')}</sequence></foreach><respond/>`,
    ),
    resource(
      '/json-body-variable-output',
      `<foreach collection="\${payload.data.list}" result-target="result" result-type="JSON" parallel-execution="false">
         <sequence>${named(false)}</sequence></foreach>
       <payloadFactory media-type="json"><format><![CDATA[{"foreachResult": \${var.result}}]]></format></payloadFactory>
       <respond/>`,
    ),
    resource(
      '/json-var-replace',
      `<variable name="list" type="JSON" value="[{&quot;name&quot;: &quot;guava&quot;,&quot;type&quot;: &quot;fruit&quot;},{&quot;name&quot;: &quot;beet&quot;,&quot;type&quot;: &quot;vegetable&quot;}]"/>
       <foreach collection="\${var.list}" parallel-execution="false"><sequence>${named(false)}</sequence></foreach>
       ${log('Processed message : ${var.list}')}<respond/>`,
      'GET',
    ),
    resource(
      '/json-var-variable-output',
      `<variable name="var_1" type="JSON" value="{&quot;data&quot;: {&quot;list&quot;: [{&quot;name&quot;: &quot;apple&quot;,&quot;type&quot;: &quot;fruit&quot;},{&quot;name&quot;: &quot;carrot&quot;,&quot;type&quot;: &quot;vegetable&quot;}]}}"/>
       <foreach collection="\${var.var_1.data.list}" result-target="result" result-type="JSON" parallel-execution="true">
         <sequence>${named(false)}</sequence></foreach>
       ${log('Original list : ${var.var_1}')}${log('Foreach output : ${var.result}')}${log('Request Body : ${payload}')}<respond/>`,
    ),
    resource(
      '/xml-body-replace',
      `<foreach collection="\${xpath('//data/list')}" parallel-execution="false"><sequence>${person(10)}</sequence></foreach><respond/>`,
    ),
    resource(
      '/xml-body-variable-output',
      `<foreach collection="\${xpath('//data/list')}" result-target="foreach_result" result-type="XML" parallel-execution="false">
         <sequence>${call('transform-xml')}</sequence></foreach>
       ${log('Processed result : ${var.foreach_result}')}<respond/>`,
    ),
    resource(
      '/xml-var-variable-output',
      `<variable name="xml_collection" expression="\${xpath('//data')}" type="OM"/>
       <foreach collection="\${xpath('//list', 'xml_collection')}" parallel-execution="false" result-target="foreach_result" result-type="XML">
         <sequence>${call('transform-xml')}</sequence></foreach>
       ${log('Original collection : ${var.xml_collection}')}${log('Processed collection : ${var.foreach_result}')}<respond/>`,
    ),
  ];
  const files = { 'artifacts/apis/ForEachPI.xml': apiXml('ForEachPI', '/foreach', resources.join('')) };
  ({ runtime, events } = await runtimeWith(project(files, tomlFor(http))));
});

afterAll(async () => {
  await runtime.stop();
  await mock.close();
});

const request = {
  data: {
    list: [
      { name: 'apple', type: 'fruit' },
      { name: 'carrot', type: 'vegetable' },
    ],
  },
};
const requestXml =
  '<data><list><name>apple</name><type>fruit</type></list><list><name>carrot</name><type>vegetable</type></list></data>';
const replaced = {
  data: {
    list: [
      { _name: 'apple', age: 5, status: true },
      { _name: 'carrot', age: 5, status: false },
    ],
  },
};
const post = (path: string, body: string, type: string) => send(`${base}${path}`, { body, type });
const logged = async (text: string) => {
  await until(() => events.all.some((e) => e.kind === 'log' && e.text.includes(text)));
  return true;
};

describe('MI v2 ForEachMediatorTestCase (ForEachMediatorV2, ForEachMediatorFactory)', () => {
  it('testForEachJSONBodyReplace: each item through payloadFactory, the array replaced in place', async () => {
    const r = await post('/json-body-replace-1', JSON.stringify(request), 'application/json');
    expect(JSON.parse(r.body)).toEqual(replaced);
  });

  it('testForEachJSONBodyReplaceWithCallMediator: each item through a back end, in parallel', async () => {
    const r = await post('/json-body-replace-2', JSON.stringify(request), 'application/json');
    expect(JSON.parse(r.body)).toEqual(replaced);
  });

  it('testForEachJSONBody_VariableOutput: the results go to the result-target variable', async () => {
    const r = await post('/json-body-variable-output', JSON.stringify(request), 'application/json');
    expect(JSON.parse(r.body)).toEqual({
      foreachResult: [
        { _name: 'apple', age: 5 },
        { _name: 'carrot', age: 5 },
      ],
    });
  });

  it('testForEachJSONVariable: a collection in a variable is replaced in the variable', async () => {
    const r = await send(`${base}/json-var-replace`);
    expect(r.status).toBe(200);
    expect(await logged('Processed message : [{"_name":"guava","age":5},{"_name":"beet","age":5}]')).toBe(
      true,
    );
  });

  it('testForEachJSONVariable_VariableOutput: a variable collection, results to another variable, body untouched', async () => {
    const r = await post('/json-var-variable-output', '{"data":"abc"}', 'application/json');
    expect(r.status).toBe(200);
    expect(
      await logged(
        'Original list : {"data":{"list":[{"name":"apple","type":"fruit"},{"name":"carrot","type":"vegetable"}]}}',
      ),
    ).toBe(true);
    expect(await logged('Foreach output : [{"_name":"apple","age":5},{"_name":"carrot","age":5}]')).toBe(
      true,
    );
    expect(await logged('Request Body : {"data":"abc"}')).toBe(true);
  });

  it('testForEachXMLListFromBody: each <list> replaced by its <person>', async () => {
    const r = await post('/xml-body-replace', requestXml, 'application/xml');
    expect(r.body.replace(/>\s+</g, '><')).toBe(
      '<data><person><surname>apple</surname><age>10</age></person><person><surname>carrot</surname><age>10</age></person></data>',
    );
  });

  it('testForEachXMLListFromBody_VariableOutput: the results under <foreach_result> in the variable', async () => {
    const r = await post('/xml-body-variable-output', requestXml, 'application/xml');
    expect(r.body).toBe(requestXml);
    expect(
      await logged(
        'Processed result : <foreach_result><person><surname>apple</surname><age>2</age></person><person><surname>carrot</surname><age>2</age></person></foreach_result>',
      ),
    ).toBe(true);
  });

  it('testForEachXMLListFromVariable_VariableOutput: ${xpath(…, variable)} iterates an XML variable', async () => {
    const r = await post('/xml-var-variable-output', requestXml, 'application/xml');
    expect(r.body).toBe(requestXml);
    expect(await logged(`Original collection : ${requestXml}`)).toBe(true);
    expect(
      await logged(
        'Processed collection : <foreach_result><person><surname>apple</surname><age>2</age></person><person><surname>carrot</surname><age>2</age></person></foreach_result>',
      ),
    ).toBe(true);
  });
});
