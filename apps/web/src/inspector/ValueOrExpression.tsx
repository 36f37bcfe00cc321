/**
 * A literal value or an expression, as one field with a switch (property's `value` or
 * `expression`, a log property's the same): Synapse takes one of the two attributes, so the
 * switch moves the text to the other attribute and removes the first. The catalog says which
 * fields pair up (`orExpression`).
 */
import type { AttributeField } from '@mediate/engine';
import { useEffect, useState } from 'react';
import { AttributeInput } from './AttributeInput.js';
import { checkValue } from './field-checks.js';

type Mode = 'value' | 'expression';

export interface ValueOrExpressionProps {
  /** The literal's field; its `orExpression` names `expression`'s key. */
  readonly field: AttributeField;
  readonly expression: AttributeField;
  readonly values: Readonly<Record<string, unknown>>;
  /** New texts by key; `undefined` removes the attribute. */
  readonly onChange: (changes: Record<string, string | undefined>) => void;
  /** Test id of the literal input (`field-value`); the expression's is `expressionTestId`. */
  readonly testId: string;
  readonly expressionTestId: string;
  /** The project's messages for the literal and for the expression. */
  readonly problems?: Readonly<Record<string, readonly string[]>>;
  /** A table cell: no label, messages in the tooltip. */
  readonly compact?: boolean;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function ValueOrExpression({
  field,
  expression,
  values,
  onChange,
  testId,
  expressionTestId,
  problems = {},
  compact,
}: ValueOrExpressionProps) {
  const literal = text(values[field.key]);
  const expr = text(values[expression.key]);
  const [mode, setMode] = useState<Mode>(
    expr !== undefined && literal === undefined ? 'expression' : 'value',
  );
  // An outside change (undo, the Source view) that leaves only one of the two shows that one.
  const only: Mode | undefined =
    expr !== undefined && literal === undefined
      ? 'expression'
      : literal !== undefined && expr === undefined
        ? 'value'
        : undefined;
  useEffect(() => {
    if (only) setMode(only);
  }, [only]);

  const active = mode === 'value' ? field : expression;
  const current = mode === 'value' ? literal : expr;
  const write = (to: Mode, v: string | undefined) =>
    onChange({
      [field.key]: to === 'value' ? v : undefined,
      [expression.key]: to === 'expression' ? v : undefined,
    });
  const switchTo = (to: Mode) => {
    setMode(to);
    // The text moves with the switch; an empty field just changes its kind.
    if (current !== undefined && current !== '') write(to, current);
  };
  const own = checkValue(active, current);
  // Rules about the pair (neither given, both given) name either key: show them all here.
  const given = [...(problems[field.key] ?? []), ...(problems[expression.key] ?? [])];
  const messages = given.length ? [...given] : own ? [own] : [];
  const activeTestId = mode === 'value' ? testId : expressionTestId;

  const select = (
    <select
      className="mode-switch"
      data-testid={`${testId}-mode`}
      title="A literal value, or an expression evaluated for each message"
      value={mode}
      onChange={(e) => switchTo(e.target.value as Mode)}
    >
      <option value="value">{compact ? '=' : 'Value'}</option>
      <option value="expression">{compact ? 'ƒx' : 'Expression'}</option>
    </select>
  );
  const input = (
    <AttributeInput
      compact
      field={active}
      value={current}
      testId={activeTestId}
      problems={given}
      onChange={(v) => write(mode, v)}
    />
  );
  if (compact && literal !== undefined && expr !== undefined)
    // Both written (the rule says keep one): show both, so neither is overwritten by a switch.
    return (
      <div className="value-switch compact">
        {[field, expression].map((x) => (
          <AttributeInput
            key={x.key}
            compact
            field={x}
            value={text(values[x.key])}
            testId={x === field ? testId : expressionTestId}
            onChange={(v) => onChange({ [x.key]: v })}
          />
        ))}
      </div>
    );
  if (compact)
    return (
      <div className="value-switch compact" title={messages.join('\n')}>
        {select}
        {input}
      </div>
    );
  return (
    <div className="field">
      <span className="field-label" title={active.help}>
        {field.label} or {expression.label.toLowerCase()}
      </span>
      <div className="value-switch">
        {select}
        {input}
      </div>
      {messages.map((m) => (
        <span key={m} className="field-error" data-testid={`${activeTestId}-error`}>
          {m}
        </span>
      ))}
    </div>
  );
}
