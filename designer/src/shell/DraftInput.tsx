import { useEffect, useState } from 'react';

/**
 * A box whose text is kept while it is typed in ("5.", "cloud, "), while the owner gets what the text
 * parses to: a half-typed value never snaps back under the cursor. Shows the owner's value again
 * once the box loses focus.
 */
export function DraftInput(props: {
  shown: string;
  testId?: string | undefined;
  label: string;
  placeholder?: string | undefined;
  type?: 'text' | 'date';
  disabled?: boolean;
  className?: string;
  onText: (text: string) => void;
}) {
  const [text, setText] = useState(props.shown);
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) setText(props.shown);
  }, [props.shown, focused]);
  return (
    <input
      className={props.className}
      type={props.type ?? 'text'}
      data-testid={props.testId}
      aria-label={props.label}
      placeholder={props.placeholder}
      value={text}
      disabled={props.disabled}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
      onChange={(e) => {
        setText(e.target.value);
        props.onText(e.target.value);
      }}
    />
  );
}

/** A number as people type it: thousands separators and spaces ignored; undefined when empty or not a number. */
export function parseTypedNumber(typed: string): number | undefined | null {
  const raw = typed.replace(/[,\s，]/g, '');
  if (raw === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : null;
}
