// One person: edit name, email and roles; deactivate or reactivate; reset the password (temporary
// password or a new activation code); their sessions and devices, each revocable.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { DetailPage } from '../components/DetailPage.tsx';
import { SaveFooter, useEditRecord } from '../components/EditRecord.tsx';
import { Field, FormError } from '../components/Field.tsx';
import { formatTime } from '../components/format.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryTable } from '../components/QueryTable.tsx';
import { RolePicker } from '../components/RolePicker.tsx';
import { useConsoleApi } from '../console-api.ts';
import { useCan } from '../me-context.ts';
import { type FieldErrors, fieldErrorsOf, messageOf } from '../problem.ts';
import type { Session, User } from '../types.ts';

export function UserDetailPage() {
  return (
    <DetailPage<User> queryKey="user" path="/users" back={{ to: '/console/users', label: '← Users' }}>
      {(user) => <UserDetail user={user} />}
    </DetailPage>
  );
}

function UserDetail({ user }: { user: User }) {
  const canManage = useCan('users.manage');
  const canSessions = useCan('sessions.manage');
  return (
    <>
      <PageHeader title={user.name} />
      <p>
        {user.email} · <span className={`badge badge-${user.status}`}>{user.status}</span>
        {user.passwordChangeRequired && ' · must change password at next sign-in'}
      </p>
      {canManage ? <EditUserForm user={user} /> : <p>Roles: {user.roles.join(', ')}</p>}
      {canManage && <AccountActions user={user} />}
      {canSessions && <UserSessions userId={user.id} />}
    </>
  );
}

function EditUserForm({ user }: { user: User }) {
  const [name, setName] = useState(user.name);
  const [email, setEmail] = useState(user.email);
  const [roles, setRoles] = useState(user.roles);
  useEffect(() => {
    setName(user.name);
    setEmail(user.email);
    setRoles(user.roles);
  }, [user]);
  const { errors, saved, isPending, submit } = useEditRecord<User>({
    queryKey: 'user',
    id: user.id,
    codes: { last_admin: 'roles' },
    body: () => ({ name: name.trim(), email: email.trim(), roles }),
    validate: () => {
      const found: FieldErrors = {};
      if (!name.trim()) found.name = 'Enter a name.';
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) found.email = 'Enter an email address.';
      if (roles.length === 0) found.roles = 'Pick at least one role.';
      return found;
    },
  });
  return (
    <form className="panel" onSubmit={submit} noValidate aria-label="Edit user">
      <h2>Details and roles</h2>
      <Field label="Name" error={errors.name} attempt={errors}>
        <input value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label="Email" error={errors.email} attempt={errors}>
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      </Field>
      <RolePicker value={roles} onChange={setRoles} error={errors.roles} />
      <SaveFooter error={errors._form} saved={saved} isPending={isPending} />
    </form>
  );
}

function AccountActions({ user }: { user: User }) {
  const api = useConsoleApi();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [password, setPassword] = useState('');
  const [resetErrors, setResetErrors] = useState<FieldErrors>({});
  const [resetResult, setResetResult] = useState<User | null>(null);
  const refresh = (updated: User) => {
    queryClient.setQueryData(['user', user.id], updated);
    queryClient.invalidateQueries({ queryKey: ['users'] });
    queryClient.invalidateQueries({ queryKey: ['sessions', user.id] });
  };
  const toggle = useMutation({
    mutationFn: () =>
      api.post<User>(`/users/${user.id}/${user.status === 'active' ? 'deactivate' : 'reactivate'}`),
    onSuccess: (updated) => {
      refresh(updated);
      setConfirming(false);
    },
  });
  const reset = useMutation({
    mutationFn: () => api.post<User>(`/users/${user.id}/reset-password`, password ? { password } : {}),
    onSuccess: (updated) => {
      refresh(updated);
      setResetResult(updated);
      setPassword('');
    },
    onError: (error) => setResetErrors(fieldErrorsOf(error)),
  });
  function submitReset(event: FormEvent) {
    event.preventDefault();
    setResetResult(null);
    const found: FieldErrors = {};
    if (password && password.length < 8)
      found.password = 'At least 8 characters, or leave empty for an activation code.';
    setResetErrors(found);
    if (Object.keys(found).length === 0) reset.mutate();
  }
  return (
    <section className="panel" aria-label="Account">
      <h2>Account</h2>
      <button
        type="button"
        className={user.status === 'active' ? 'danger' : ''}
        onClick={() => (user.status === 'active' ? setConfirming(true) : toggle.mutate())}
      >
        {user.status === 'active' ? 'Deactivate…' : 'Reactivate'}
      </button>
      <ConfirmDialog
        open={confirming}
        title={`Deactivate ${user.name}?`}
        confirmLabel="Deactivate"
        busy={toggle.isPending}
        error={toggle.error ? messageOf(toggle.error) : undefined}
        onConfirm={() => toggle.mutate()}
        onCancel={() => setConfirming(false)}
      >
        <p>Every session ends at once and sign-in fails until the account is reactivated.</p>
      </ConfirmDialog>
      <form onSubmit={submitReset} noValidate aria-label="Reset password">
        <h3>Reset password</h3>
        <Field
          label="Temporary password (optional)"
          error={resetErrors.password}
          hint="Leave empty to issue a one-time activation code."
        >
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="new-password"
          />
        </Field>
        <FormError message={resetErrors._form} />
        <button type="submit" disabled={reset.isPending}>
          Reset password
        </button>
        {resetResult && (
          <p role="status">
            Password reset.
            {resetResult.activation && (
              <>
                {' '}
                Activation code: <code className="secret">{resetResult.activation.code}</code>
              </>
            )}
          </p>
        )}
      </form>
    </section>
  );
}

function deviceLabel(session: Session): string {
  const d = session.device;
  const parts = [
    d.type,
    d.os && `${d.os} ${d.osVersion ?? ''}`.trim(),
    d.appVersion && `app ${d.appVersion}`,
  ];
  const text = parts.filter(Boolean).join(' · ');
  return text || session.userAgent || 'unknown device';
}

function UserSessions({ userId }: { userId: string }) {
  const api = useConsoleApi();
  const queryClient = useQueryClient();
  const sessions = useQuery({
    queryKey: ['sessions', userId],
    queryFn: ({ signal }) => api.get<{ data: Session[] }>(`/users/${userId}/sessions`, undefined, signal),
  });
  const revokeOne = useMutation({
    mutationFn: (id: string) => api.post(`/sessions/${id}/revoke`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['sessions', userId] }),
  });
  const revokeAll = useMutation({
    mutationFn: () => api.post<{ revoked: number }>(`/users/${userId}/sessions/revoke`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['sessions', userId] }),
  });
  const active = sessions.data?.data.filter((s) => !s.revokedAt) ?? [];
  return (
    <section className="panel" aria-label="Sessions and devices">
      <h2>Sessions and devices</h2>
      <QueryTable
        query={sessions}
        empty={<p>No sessions.</p>}
        headers={['Device', 'Address', 'Signed in', 'Last active', 'State', '']}
        row={(s) => (
          <tr key={s.id}>
            <td>{deviceLabel(s)}</td>
            <td>{s.ip ?? '—'}</td>
            <td>{formatTime(s.createdAt)}</td>
            <td>{formatTime(s.lastRefreshedAt)}</td>
            <td>
              {s.revokedAt
                ? `ended (${s.revokedReason ?? 'revoked'})`
                : s.current
                  ? 'this session'
                  : 'active'}
            </td>
            <td>
              {!s.revokedAt && (
                <button type="button" onClick={() => revokeOne.mutate(s.id)} disabled={revokeOne.isPending}>
                  Revoke
                </button>
              )}
            </td>
          </tr>
        )}
      >
        {active.length > 1 && (
          <button
            type="button"
            className="danger"
            onClick={() => revokeAll.mutate()}
            disabled={revokeAll.isPending}
          >
            Revoke all sessions
          </button>
        )}
        {(revokeOne.error || revokeAll.error) && (
          <p role="alert">{messageOf(revokeOne.error ?? revokeAll.error)}</p>
        )}
      </QueryTable>
    </section>
  );
}
