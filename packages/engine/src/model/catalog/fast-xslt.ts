/*
 * <fastXSLT key="entry | {expr}" [description] [trace] [statistics]/>
 *
 * MI: FastXSLTMediator (carbon-mediation; schema fastXSLT.xsd: only `key`). It transforms the
 * message stream without building it and takes no source, parameters or features; Mediate runs
 * it as the XSLT mediator on the body's first element (what MI does for a built message).
 */
import type { MediatorDefinition } from './catalog-types.js';
import { COMMON_FIELDS, short } from './common-fields.js';

/** The fast XSLT mediator: the whole payload through a stylesheet. */
export const fastXSLT = {
  kind: 'fastXSLT',
  tag: 'fastXSLT',
  label: 'Fast XSLT',
  group: 'Transform',
  icon: 'xslt',
  description: 'Transforms the payload with an XSLT stylesheet from a local entry (no parameters).',
  fields: [
    { type: 'localEntry', key: 'key', label: 'Stylesheet', required: true, dynamic: true },
    ...COMMON_FIELDS,
  ],
  summary: (v) => `fastXSLT ${short(String(v.key ?? '?'))}`,
  template: '<fastXSLT key=""/>',
} as const satisfies MediatorDefinition<'fastXSLT'>;
