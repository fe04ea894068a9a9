import type { InputHTMLAttributes, Ref } from 'react';

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'id'> {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Why the value cannot be used, shown under the field (and announced). */
  problem?: string;
  /** A line under the field saying what it is for. */
  hint?: string;
  /** `wide`: a row of its own in a grid of fields; `grow`: the rest of a row. */
  width?: 'wide' | 'grow';
  ref?: Ref<HTMLInputElement>;
}

/** A labelled text field with its reason under it when refused; the value stays as typed. */
export function TextField({ id, label, value, onChange, problem, hint, width, className = 'input', ref, ...input }: Props) {
  const describedBy = [problem && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={width ? `field ${width}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      <input
        ref={ref}
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
