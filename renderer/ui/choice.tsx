import { useId, type ReactNode } from 'react';

export interface ChoiceOption<T extends string> {
  value: T;
  label: ReactNode;
}

/** A radio group drawn as big segmented buttons (keyboard: arrows move, as for any radio group). */
export function Choice<T extends string>({
  legend,
  hint,
  value,
  options,
  onChange,
  disabled = false,
  extra,
}: {
  legend: ReactNode;
  hint?: ReactNode;
  value: T;
  options: ChoiceOption<T>[];
  onChange: (value: T) => void;
  disabled?: boolean;
  extra?: ReactNode;
}) {
  const name = useId();
  const hintId = `${name}-hint`;
  return (
    <fieldset className="cn-choice" disabled={disabled} aria-describedby={hint ? hintId : undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="cn-choice__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <div className="cn-choice__options">
        {options.map((o) => (
          <label key={o.value} className="cn-choice__option">
            <input type="radio" name={name} value={o.value} checked={value === o.value} disabled={disabled} onChange={() => onChange(o.value)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      {extra}
    </fieldset>
  );
}
