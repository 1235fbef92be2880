// First run on a device: the workspace code (resolved and remembered), then email and password.
// A workspace served by another deployment is opened there. Shared by the scanner and the console.
import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/problem.ts';
import { useAccount } from './account.tsx';
import { errorMessage, Field } from './ui.tsx';
import { discoverWorkspace, foreignOrigin, rememberedWorkspace, rememberWorkspace } from './workspace.ts';

export function SignIn(props: { appName: string }) {
  const initialCode = new URLSearchParams(window.location.search).get('workspace');
  const [workspace, setWorkspace] = useState(rememberedWorkspace());
  const [code, setCode] = useState(initialCode ?? '');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [needsOtp, setNeedsOtp] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const account = useAccount();

  async function findWorkspace(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const found = await discoverWorkspace(code);
      const elsewhere = foreignOrigin(found);
      if (elsewhere) {
        window.location.assign(`${elsewhere}/app/?workspace=${encodeURIComponent(found.code)}`);
        return;
      }
      rememberWorkspace(found);
      setWorkspace(found);
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.status === 404
          ? 'No workspace has this code. Check it with your supervisor.'
          : errorMessage(caught),
      );
    } finally {
      setBusy(false);
    }
  }

  async function signIn(event: FormEvent) {
    event.preventDefault();
    if (!workspace) return;
    setBusy(true);
    setError(null);
    try {
      await account.signIn({ workspace: workspace.code, email, password, ...(needsOtp ? { otp } : {}) });
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'mfa_required') {
        setNeedsOtp(true);
        setError('Enter the 6-digit code from your authenticator app.');
      } else if (caught instanceof ApiError && caught.code === 'invalid_credentials') {
        setError('Email or password is not right.');
      } else {
        setError(errorMessage(caught));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <header className="bar">
        <h1>{props.appName}</h1>
      </header>
      <main className="screen">
        {!workspace ? (
          <form className="screen" onSubmit={findWorkspace}>
            <h2>Which workspace?</h2>
            <Field label="Workspace code" hint="On the poster by the time clock, or ask your supervisor.">
              <input
                name="workspace"
                value={code}
                onChange={(e) => setCode(e.target.value)}
                autoCapitalize="none"
                autoCorrect="off"
                autoComplete="organization"
                required
              />
            </Field>
            {error && (
              <p className="error-text" role="alert">
                {error}
              </p>
            )}
            <div className="spacer" />
            <button className="button primary" type="submit" disabled={busy || !code.trim()}>
              Continue
            </button>
          </form>
        ) : (
          <form className="screen" onSubmit={signIn}>
            <div className="row">
              <p>
                Workspace <strong>{workspace.name}</strong> ({workspace.code})
              </p>
              <button
                type="button"
                className="button"
                onClick={() => {
                  rememberWorkspace(null);
                  setWorkspace(null);
                }}
              >
                Change
              </button>
            </div>
            <Field label="Email">
              <input
                name="email"
                type="email"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                autoComplete="username"
                required
              />
            </Field>
            <Field label="Password">
              <input
                name="password"
                type="password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                autoComplete="current-password"
                required
              />
            </Field>
            {needsOtp && (
              <Field label="Authenticator code">
                <input name="otp" inputMode="numeric" value={otp} onChange={(e) => setOtp(e.target.value)} />
              </Field>
            )}
            {error && (
              <p className="error-text" role="alert">
                {error}
              </p>
            )}
            <div className="spacer" />
            <button className="button primary" type="submit" disabled={busy}>
              Sign in
            </button>
          </form>
        )}
      </main>
    </>
  );
}
