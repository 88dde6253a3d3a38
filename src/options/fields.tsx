import type { ComponentChildren } from 'preact';
import type { Draft } from './draft';

/** What every section receives: the draft, its errors by settings path, and a way to change it. */
export interface SectionProps {
  draft: Draft;
  errors: ReadonlyMap<string, string>;
  update: (change: (d: Draft) => Draft) => void;
}

/** A settings path as an element id: `regimeThresholds.1h.price` → `f-regimeThresholds-1h-price`. */
export const fieldId = (path: string) => `f-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;

const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

interface TextFieldProps {
  /** The settings path this field edits; it names the element and finds the field's error. */
  path: string;
  label: string;
  unit?: string;
  hint?: string;
  value: string;
  errors: ReadonlyMap<string, string>;
  onInput: (value: string) => void;
  inputMode?: 'decimal' | 'numeric' | 'text';
  placeholder?: string;
  wide?: boolean;
}

export function TextField(p: TextFieldProps) {
  const id = fieldId(p.path);
  const error = p.errors.get(p.path);
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={id}>
        {p.label}
        {p.unit && <span class="unit"> ({p.unit})</span>}
      </label>
      <input
        id={id}
        type="text"
        class={p.wide ? 'wide' : 'short'}
        value={p.value}
        inputMode={p.inputMode ?? 'text'}
        placeholder={p.placeholder}
        autoComplete="off"
        spellcheck={false}
        aria-invalid={error ? 'true' : 'false'}
        aria-describedby={describedBy(p.hint && `${id}-hint`, error && `${id}-error`)}
        onInput={(e) => p.onInput(e.currentTarget.value)}
      />
      {p.hint && (
        <p id={`${id}-hint`} class="hint">
          {p.hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} class="error">
          {error}
        </p>
      )}
    </div>
  );
}

interface CheckboxProps {
  path: string;
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}

export function Checkbox(p: CheckboxProps) {
  const id = fieldId(p.path);
  return (
    <div class="field check">
      <input
        id={id}
        type="checkbox"
        checked={p.checked}
        aria-describedby={describedBy(p.hint && `${id}-hint`)}
        onChange={(e) => p.onChange(e.currentTarget.checked)}
      />
      <label for={id}>{p.label}</label>
      {p.hint && (
        <p id={`${id}-hint`} class="hint">
          {p.hint}
        </p>
      )}
    </div>
  );
}

export function Section({ id, title, intro, children }: { id: string; title: string; intro?: string; children: ComponentChildren }) {
  return (
    <fieldset id={id} class="section">
      <legend>{title}</legend>
      {intro && <p class="intro">{intro}</p>}
      {children}
    </fieldset>
  );
}
