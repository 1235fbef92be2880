// Roles: built-in roles are shown read-only; custom roles are made from a checklist of
// permissions grouped by area. One may grant only permissions one holds (the server refuses the
// rest), so the others are shown but cannot be ticked.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { Field, FormActions } from '../components/Field.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryState } from '../components/QueryState.tsx';
import { useConsoleApi } from '../console-api.ts';
import { useCan, useMe } from '../me-context.ts';
import { type FieldErrors, fieldErrorsOf, messageOf } from '../problem.ts';
import type { Permission, Role } from '../types.ts';

type Editing = { mode: 'create' } | { mode: 'edit'; role: Role } | null;

export function RolesPage() {
  const api = useConsoleApi();
  const canManage = useCan('roles.manage');
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<Role | null>(null);
  const queryClient = useQueryClient();
  const roles = useQuery({
    queryKey: ['roles'],
    queryFn: ({ signal }) => api.get<{ data: Role[] }>('/roles', undefined, signal),
  });
  const remove = useMutation({
    mutationFn: (key: string) => api.delete(`/roles/${key}`),
    onSuccess: () => {
      setDeleting(null);
      queryClient.invalidateQueries({ queryKey: ['roles'] });
    },
  });
  return (
    <>
      <PageHeader
        title="Roles"
        actions={
          canManage && (
            <button type="button" onClick={() => setEditing({ mode: 'create' })}>
              New role
            </button>
          )
        }
      />
      {editing && (
        <RoleForm
          key={editing.mode === 'edit' ? editing.role.key : 'new'}
          role={editing.mode === 'edit' ? editing.role : null}
          onDone={() => setEditing(null)}
        />
      )}
      <QueryState isPending={roles.isPending} error={roles.error} onRetry={() => roles.refetch()}>
        <table>
          <thead>
            <tr>
              <th>Role</th>
              <th>Key</th>
              <th>Permissions</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {roles.data?.data.map((role) => (
              <tr key={role.key}>
                <td>
                  {role.name} {role.builtin && <span className="badge">built-in</span>}
                </td>
                <td>
                  <code>{role.key}</code>
                </td>
                <td className="wrap">{role.permissions.join(', ')}</td>
                <td>
                  {canManage && !role.builtin && (
                    <span className="actions">
                      <button type="button" onClick={() => setEditing({ mode: 'edit', role })}>
                        Edit
                      </button>
                      <button type="button" className="danger" onClick={() => setDeleting(role)}>
                        Delete
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </QueryState>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete role ${deleting?.name ?? ''}?`}
        confirmLabel="Delete"
        busy={remove.isPending}
        error={remove.error ? messageOf(remove.error) : undefined}
        onConfirm={() => deleting && remove.mutate(deleting.key)}
        onCancel={() => {
          setDeleting(null);
          remove.reset();
        }}
      >
        <p>A role still given to someone cannot be deleted.</p>
      </ConfirmDialog>
    </>
  );
}

function RoleForm({ role, onDone }: { role: Role | null; onDone: () => void }) {
  const api = useConsoleApi();
  const me = useMe();
  const queryClient = useQueryClient();
  const [key, setKey] = useState(role?.key ?? '');
  const [name, setName] = useState(role?.name ?? '');
  const [granted, setGranted] = useState<string[]>(role?.permissions ?? []);
  const [errors, setErrors] = useState<FieldErrors>({});
  const permissions = useQuery({
    queryKey: ['permissions'],
    queryFn: ({ signal }) => api.get<{ data: Permission[] }>('/permissions', undefined, signal),
  });
  const save = useMutation({
    mutationFn: () =>
      role
        ? api.patch<Role>(`/roles/${role.key}`, { name: name.trim(), permissions: granted })
        : api.post<Role>('/roles', { key, name: name.trim(), permissions: granted }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['roles'] });
      onDone();
    },
    onError: (error) => setErrors(fieldErrorsOf(error, { permission_not_held: 'permissions' })),
  });
  const byArea = new Map<string, Permission[]>();
  for (const p of permissions.data?.data ?? []) byArea.set(p.area, [...(byArea.get(p.area) ?? []), p]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!role && !/^[a-z][a-z0-9_-]{1,39}$/.test(key))
      found.key = '2–40 characters: lower-case letters, digits, - or _, starting with a letter.';
    if (!name.trim()) found.name = 'Enter a name.';
    if (granted.length === 0) found.permissions = 'Tick at least one permission.';
    setErrors(found);
    if (Object.keys(found).length === 0) save.mutate();
  }
  return (
    <form
      className="panel"
      onSubmit={submit}
      noValidate
      aria-label={role ? `Edit role ${role.key}` : 'New role'}
    >
      <h2>{role ? `Edit role ${role.name}` : 'New role'}</h2>
      {!role && (
        <Field label="Key" error={errors.key} attempt={errors} hint="Used by the API, e.g. line-lead.">
          <input value={key} onChange={(e) => setKey(e.target.value)} />
        </Field>
      )}
      <Field label="Name" error={errors.name} attempt={errors}>
        <input value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <fieldset className={errors.permissions ? 'field field-invalid' : 'field'}>
        <legend>Permissions</legend>
        <QueryState isPending={permissions.isPending} error={permissions.error}>
          <div className="permission-areas">
            {[...byArea.entries()].map(([area, list]) => (
              <fieldset key={area} className="permission-area">
                <legend>{area.replaceAll('_', ' ')}</legend>
                {list.map((p) => {
                  const held = me.permissions.includes(p.key);
                  return (
                    <label
                      key={p.key}
                      className="check"
                      title={held ? p.description : 'You do not hold this permission'}
                    >
                      <input
                        type="checkbox"
                        name="permissions"
                        value={p.key}
                        disabled={!held}
                        checked={granted.includes(p.key)}
                        onChange={(e) =>
                          setGranted(
                            e.target.checked ? [...granted, p.key] : granted.filter((k) => k !== p.key),
                          )
                        }
                      />
                      <code>{p.key}</code> <small>{p.description}</small>
                    </label>
                  );
                })}
              </fieldset>
            ))}
          </div>
        </QueryState>
        {errors.permissions && (
          <small className="field-error" role="alert">
            {errors.permissions}
          </small>
        )}
      </fieldset>
      <FormActions error={errors._form} onCancel={onDone} pending={save.isPending}>
        {save.isPending ? 'Saving…' : role ? 'Save role' : 'Create role'}
      </FormActions>
    </form>
  );
}
