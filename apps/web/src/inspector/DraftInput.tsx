/**
 * Inputs that report every keystroke but keep what the user typed while they type: the model may
 * read a value back trimmed, which must not eat the space just typed. An outside change (undo)
 * still shows up at once.
 */
import { useEffect, useRef, useState, type InputHTMLAttributes, type TextareaHTMLAttributes } from 'react';

function useDraft(value: string, onChange: (v: string) => void) {
  const [text, setText] = useState(value);
  const sent = useRef(value);
  useEffect(() => {
    if (value.trim() !== sent.current.trim()) {
      setText(value);
      sent.current = value;
    }
  }, [value]);
  return {
    value: text,
    onChange: (v: string) => {
      setText(v);
      sent.current = v;
      onChange(v);
    },
  };
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> & {
  value: string;
  onValue: (v: string) => void;
};

export function DraftInput({ value, onValue, ...rest }: InputProps) {
  const d = useDraft(value, onValue);
  return <input {...rest} value={d.value} onChange={(e) => d.onChange(e.target.value)} />;
}

type AreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange'> & {
  value: string;
  onValue: (v: string) => void;
};

export function DraftTextarea({ value, onValue, ...rest }: AreaProps) {
  const d = useDraft(value, onValue);
  return <textarea {...rest} value={d.value} onChange={(e) => d.onChange(e.target.value)} />;
}
