// Checkboxes for the workspace's roles (built-in and custom), used when creating or editing a user.
import { useQuery } from '@tanstack/react-query';
import { useConsoleApi } from '../console-api.ts';
import type { Role } from '../types.ts';

interface RolePickerProps {
  value: string[];
  onChange: (roles: string[]) => void;
  error?: string | undefined;
}

export function RolePicker({ value, onChange, error }: RolePickerProps) {
  const api = useConsoleApi();
  const roles = useQuery({
    queryKey: ['roles'],
    queryFn: ({ signal }) => api.get<{ data: Role[] }>('/roles', undefined, signal),
  });
  return (
    <fieldset className={error ? 'field field-invalid' : 'field'} aria-invalid={error ? true : undefined}>
      <legend>Roles</legend>
      {roles.isPending && <p role="status">Loading roles…</p>}
      {roles.error && <p role="alert">Could not load roles.</p>}
      <div className="checklist">
        {roles.data?.data.map((role) => (
          <label key={role.key} className="check">
            <input
              type="checkbox"
              name="roles"
              value={role.key}
              checked={value.includes(role.key)}
              onChange={(e) =>
                onChange(e.target.checked ? [...value, role.key] : value.filter((key) => key !== role.key))
              }
            />
            {role.name} <small>({role.key})</small>
          </label>
        ))}
      </div>
      {error && (
        <small className="field-error" role="alert">
          {error}
        </small>
      )}
    </fieldset>
  );
}
