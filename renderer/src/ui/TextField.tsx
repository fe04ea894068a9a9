import type { InputHTMLAttributes } from 'react';

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'id'> {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Why the value cannot be used, shown under the field (and announced). */
  problem?: string;
  /** A line under the field saying what it is for. */
  hint?: string;
  wide?: boolean;
}

/** A labelled text field with its reason under it when refused; the value stays as typed. */
export function TextField({ id, label, value, onChange, problem, hint, wide = false, className = 'input', ...input }: Props) {
  const describedBy = [problem && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${wide ? ' wide' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className={className}
        spellCheck={false}
        autoComplete="off"
        {...input}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy}
      />
      {hint && (
        <span id={`${id}-hint`} className="small muted">
          {hint}
        </span>
      )}
      {problem && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
