// An account an admin created starts with a temporary password; it must be replaced before
// anything else works (the API answers 403 password_change_required until then).
import { type FormEvent, useState } from 'react';
import { requestJson } from '../api/client.ts';
import { useAccount } from './account.tsx';
import { errorMessage, Field, Screen } from './ui.tsx';

export function ChangePassword() {
  const account = useAccount();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await requestJson('POST', '/api/v1/me/password', { currentPassword, newPassword });
      account.passwordChanged();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Screen title="Choose your password">
      <form className="screen" onSubmit={submit}>
        <p>
          Your password was set by an admin. Choose your own (at least 8 characters; a short sentence works
          well).
        </p>
        <Field label="Temporary password">
          <input
            type="password"
            value={currentPassword}
            onChange={(e) => setCurrent(e.target.value)}
            required
          />
        </Field>
        <Field label="New password">
          <input
            type="password"
            value={newPassword}
            onChange={(e) => setNew(e.target.value)}
            minLength={8}
            required
          />
        </Field>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <div className="spacer" />
        <button className="button primary" type="submit" disabled={busy}>
          Save password
        </button>
        <button className="button" type="button" onClick={() => void account.signOut()}>
          Sign out
        </button>
      </form>
    </Screen>
  );
}
