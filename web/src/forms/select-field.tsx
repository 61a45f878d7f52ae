import { useId } from 'react';

/**
 * A labelled native select with its error: the most accessible choice there is, and on a
 * phone the system's own picker.
 */
export function SelectField<Value extends string>({
  label,
  value,
  options,
  onChange,
  error,
  isRequired = false,
}: {
  label: string;
  value: Value;
  options: readonly { value: NoInfer<Value>; label: string }[];
  onChange(value: NoInfer<Value>): void;
  error?: string | undefined;
  isRequired?: boolean;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        required={isRequired}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value as Value)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
