/**
 * Attributes every Synapse mediator accepts (AbstractMediatorFactory), and reusable field
 * lists shared by several kinds.
 */
import type { AttributeField } from './catalog-types.js';

/** `description`, `trace`, `statistics`: accepted on every mediator. */
export const COMMON_FIELDS = [
  {
    type: 'string',
    key: 'description',
    label: 'Description',
    help: 'Short description shown on the canvas.',
  },
  { type: 'enum', key: 'trace', label: 'Trace', values: ['enable', 'disable'] },
  { type: 'enum', key: 'statistics', label: 'Statistics', values: ['enable', 'disable'] },
  // Literal keys, so a kind's values are typed by them (catalog-values.ts).
] as const satisfies readonly AttributeField[];

/**
 * The attributes of an EIP `<target>` (clone's, iterate's; TargetFactory). Target.mediate takes
 * an inline `<sequence>` first; the `sequence` key is then never looked up.
 */
export const TARGET_FIELDS = [
  { type: 'string', key: 'to', label: 'To address' },
  { type: 'string', key: 'soapAction', label: 'SOAP action' },
  { type: 'sequence', key: 'sequence', label: 'Sequence', ignoredWithChild: 'sequence' },
  { type: 'endpoint', key: 'endpoint', label: 'Endpoint' },
] as const satisfies readonly AttributeField[];

/** Property scopes the property mediator may write. */
export const PROPERTY_SCOPES = [
  'default',
  'transport',
  'axis2',
  'axis2-client',
  'operation',
  'registry',
  'system',
  'trace',
  'analytics',
] as const;

/** Property types of the property mediator. */
export const PROPERTY_TYPES = [
  'STRING',
  'BOOLEAN',
  'INTEGER',
  'LONG',
  'SHORT',
  'FLOAT',
  'DOUBLE',
  'OM',
  'JSON',
] as const;

/** Scopes a log mediator's property may name (MediatorPropertyFactory). */
export const LOG_PROPERTY_SCOPES = ['default', 'transport', 'axis2', 'axis2-client'] as const;

/** Quotes a summary fragment that may be long. */
export function short(text: string | undefined, max = 40): string {
  if (!text) return '';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
