// A labelled form control with its error below it, linked for screen readers (aria-describedby).
import { cloneElement, isValidElement, type ReactElement, type ReactNode, useId, useState } from 'react';

interface FieldProps {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  /**
   * The form's error object of the latest validation. A message is hidden once the person edits the
   * field, and shown again when a new attempt (a new object) still finds it wrong.
   */
  attempt?: object;
  children: ReactElement<{ id?: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }>;
}

export function Field({ label, error: reported, hint, attempt, children }: FieldProps) {
  const id = useId();
  const [editedIn, setEditedIn] = useState<object | null>(null);
  const error = attempt !== undefined && editedIn === attempt ? undefined : reported;
  const errorId = `${id}-error`;
  const control = isValidElement(children)
    ? cloneElement(children, {
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': error ? errorId : undefined,
      })
    : children;
  return (
    <div
      className={error ? 'field field-invalid' : 'field'}
      onInput={() => setEditedIn(attempt ?? null)}
      onChange={() => setEditedIn(attempt ?? null)}
    >
      <label htmlFor={id}>{label}</label>
      {control}
      {hint && <small className="hint">{hint}</small>}
      {error && (
        <small className="field-error" id={errorId} role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

/** What belongs to no single field (`_form`), shown above the submit button. */
export function FormError({ message }: { message?: string | undefined }) {
  if (!message) return null;
  return (
    <p className="form-error" role="alert">
      {message}
    </p>
  );
}

/** The foot of a form: what belongs to no field, then Cancel and the submit button (`children`). */
export function FormActions({
  error,
  onCancel,
  pending,
  children,
}: {
  error?: string | undefined;
  onCancel: () => void;
  pending: boolean;
  children: ReactNode;
}) {
  return (
    <>
      <FormError message={error} />
      <div className="actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" disabled={pending}>
          {children}
        </button>
      </div>
    </>
  );
}
