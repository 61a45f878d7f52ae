import { Checkbox, CheckboxGroup, Label } from 'react-aria-components';

/**
 * A labelled group of checkboxes for choosing several of a few values (types, permissions,
 * events), with the server's complaint about the choice under it.
 */
export function CheckboxChoices<Value extends string>({
  label,
  value,
  options,
  onChange,
  error,
}: {
  label: string;
  value: readonly Value[];
  options: readonly { value: Value; label: string }[];
  onChange(value: Value[]): void;
  error?: string | undefined;
}) {
  return (
    <>
      <CheckboxGroup
        className="choice-group"
        value={[...value]}
        onChange={(chosen) => onChange(chosen as Value[])}
        isInvalid={Boolean(error)}
      >
        <Label>{label}</Label>
        {options.map((option) => (
          <Checkbox key={option.value} value={option.value} className="checkbox">
            <span className="box" aria-hidden="true" />
            {option.label}
          </Checkbox>
        ))}
      </CheckboxGroup>
      {error && <p className="field-error">{error}</p>}
    </>
  );
}
