// Layout primitives shared by the scanner and the console: a screen with a title bar, buttons
// and fields sized for gloves, cards, and a confirm dialog. Styling lives in theme.css (no inline
// styles: the pages run under a strict Content-Security-Policy).
import type { ReactNode } from 'react';
import { Link } from 'react-router';

export function Screen(props: { title: string; back?: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <>
      <header className="bar">
        {props.back !== undefined && (
          <Link className="button ghost" to={props.back} aria-label="Back">
            ←
          </Link>
        )}
        <h1>{props.title}</h1>
        {props.actions}
      </header>
      <main className="screen">{props.children}</main>
    </>
  );
}

export function Field(props: { label: string; hint?: string | undefined; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the child passed in
    <label className="field">
      {props.label}
      {props.children}
      {props.hint && <span className="hint">{props.hint}</span>}
    </label>
  );
}

export function Facts(props: { rows: [string, ReactNode][] }) {
  return (
    <dl className="facts">
      {props.rows.map(([term, value]) => (
        <div key={term} className="facts-row-contents">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ConfirmDialog(props: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="alertdialog" aria-modal="true" aria-label={props.title}>
        <h2>{props.title}</h2>
        {props.children}
        <button
          type="button"
          className={`button primary ${props.danger ? 'danger' : ''}`}
          onClick={props.onConfirm}
        >
          {props.confirmLabel}
        </button>
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
