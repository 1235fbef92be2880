// People: search the workspace's accounts and create new ones with roles. No one signs up by
// themselves; an admin (users.manage) creates every account here.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { CursorPager } from '../components/CursorPager.tsx';
import { Field, FormActions } from '../components/Field.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryTable } from '../components/QueryTable.tsx';
import { RolePicker } from '../components/RolePicker.tsx';
import { SearchFilter, useSearchedList } from '../components/SearchedList.tsx';
import { useConsoleApi } from '../console-api.ts';
import { useCan } from '../me-context.ts';
import { type FieldErrors, fieldErrorsOf } from '../problem.ts';
import type { User } from '../types.ts';

export function UsersPage() {
  const canManage = useCan('users.manage');
  const [creating, setCreating] = useState(false);
  const { search, setSearch, paging, list: users } = useSearchedList<User>('users');
  return (
    <>
      <PageHeader
        title="Users"
        actions={
          canManage && (
            <button type="button" onClick={() => setCreating(true)} disabled={creating}>
              New user
            </button>
          )
        }
      />
      {creating && <CreateUserForm onDone={() => setCreating(false)} />}
      <SearchFilter label="Search name or email" search={search} setSearch={setSearch} paging={paging} />
      <QueryTable
        query={users}
        empty={<p>No users match.</p>}
        headers={['Name', 'Email', 'Roles', 'Status']}
        row={(user) => (
          <tr key={user.id}>
            <td>
              <Link to={`/console/users/${user.id}`}>{user.name}</Link>
            </td>
            <td>{user.email}</td>
            <td>{user.roles.join(', ')}</td>
            <td>
              <span className={`badge badge-${user.status}`}>{user.status}</span>
            </td>
          </tr>
        )}
      >
        <CursorPager paging={paging} nextCursor={users.data?.nextCursor} />
      </QueryTable>
    </>
  );
}

function CreateUserForm({ onDone }: { onDone: () => void }) {
  const api = useConsoleApi();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [created, setCreated] = useState<User | null>(null);
  const create = useMutation({
    mutationFn: () =>
      api.post<User>('/users', {
        email: email.trim(),
        name: name.trim(),
        roles,
        ...(password ? { password } : {}),
      }),
    onSuccess: (user) => {
      setCreated(user);
      queryClient.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (error) => setErrors(fieldErrorsOf(error)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) found.email = 'Enter an email address.';
    if (!name.trim()) found.name = 'Enter a name.';
    if (roles.length === 0) found.roles = 'Pick at least one role.';
    if (password && password.length < 8)
      found.password = 'At least 8 characters, or leave empty for an activation code.';
    setErrors(found);
    if (Object.keys(found).length === 0) create.mutate();
  }

  if (created)
    return (
      <section className="panel" aria-label="User created">
        <p role="status">
          Created <strong>{created.name}</strong> ({created.email}).
        </p>
        {created.activation ? (
          <p>
            One-time activation code (give it to them; valid until{' '}
            {new Date(created.activation.expiresAt).toLocaleString()}
            ): <code className="secret">{created.activation.code}</code>
          </p>
        ) : (
          <p>They must change the temporary password when they first sign in.</p>
        )}
        <button type="button" onClick={onDone}>
          Done
        </button>
      </section>
    );
  return (
    <form className="panel" onSubmit={submit} noValidate aria-label="New user">
      <h2>New user</h2>
      <Field label="Email" error={errors.email} attempt={errors}>
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
      </Field>
      <Field label="Name" error={errors.name} attempt={errors}>
        <input value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <RolePicker value={roles} onChange={setRoles} error={errors.roles} />
      <Field
        label="Temporary password (optional)"
        error={errors.password}
        attempt={errors}
        hint="Leave empty to get a one-time activation code instead."
      >
        <input
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="new-password"
        />
      </Field>
      <FormActions error={errors._form} onCancel={onDone} pending={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create user'}
      </FormActions>
    </form>
  );
}
