// Locations as a tree (each location under its parent), the virtual ones apart, with create,
// rename/move/deactivate and printable labels.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Field, FormActions } from '../components/Field.tsx';
import { LabelButton } from '../components/LabelButton.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryState } from '../components/QueryState.tsx';
import { useConsoleApi } from '../console-api.ts';
import { useCan } from '../me-context.ts';
import { type FieldErrors, fieldErrorsOf } from '../problem.ts';
import type { Location } from '../types.ts';

const CODE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;

export function LocationsPage() {
  const api = useConsoleApi();
  const canManage = useCan('locations.manage');
  const canPrint = useCan('labels.print');
  const [includeInactive, setIncludeInactive] = useState(false);
  const [editing, setEditing] = useState<Location | 'new' | null>(null);
  const locations = useQuery({
    queryKey: ['locations', includeInactive],
    queryFn: ({ signal }) => api.get<{ data: Location[] }>('/locations', { includeInactive }, signal),
  });
  const all = locations.data?.data ?? [];
  const internal = all.filter((l) => !l.virtual);
  const virtual = all.filter((l) => l.virtual);
  const childrenOf = (parentId: string | null) =>
    internal.filter((l) => l.parentId === parentId).sort((a, b) => a.code.localeCompare(b.code));
  const renderTree = (parentId: string | null) => {
    const children = childrenOf(parentId);
    if (children.length === 0) return null;
    return (
      <ul aria-label={parentId === null ? 'Locations' : undefined}>
        {children.map((l) => (
          <li key={l.id}>
            <span className="tree-node">
              <code>{l.code}</code> {l.name} <small>({l.kind})</small>
              {!l.active && <span className="badge">inactive</span>}
              {canManage && (
                <button type="button" onClick={() => setEditing(l)}>
                  Edit
                </button>
              )}
              {canPrint && <LabelButton kind="locations" code={l.code} label="Label" />}
            </span>
            {renderTree(l.id)}
          </li>
        ))}
      </ul>
    );
  };
  return (
    <>
      <PageHeader
        title="Locations"
        actions={
          canManage && (
            <button type="button" onClick={() => setEditing('new')}>
              New location
            </button>
          )
        }
      />
      {editing && (
        <LocationForm
          key={editing === 'new' ? 'new' : editing.id}
          location={editing === 'new' ? null : editing}
          choices={internal}
          onDone={() => setEditing(null)}
        />
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={includeInactive}
          onChange={(e) => setIncludeInactive(e.target.checked)}
        />{' '}
        Show inactive
      </label>
      <QueryState
        isPending={locations.isPending}
        error={locations.error}
        isEmpty={internal.length === 0}
        empty={<p>No locations of your own yet. Create a store or a floor location.</p>}
        onRetry={() => locations.refetch()}
      >
        <div className="tree">{renderTree(null)}</div>
      </QueryState>
      {virtual.length > 0 && (
        <section className="panel" aria-label="Virtual locations">
          <h2>Virtual locations</h2>
          <p className="hint">
            Stand for the outside world; every movement goes from one location to another.
          </p>
          <ul>
            {virtual.map((l) => (
              <li key={l.id}>
                <code>{l.code}</code> {l.name}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function LocationForm(props: { location: Location | null; choices: Location[]; onDone: () => void }) {
  const { location, choices, onDone } = props;
  const api = useConsoleApi();
  const queryClient = useQueryClient();
  const [code, setCode] = useState(location?.code ?? '');
  const [name, setName] = useState(location?.name ?? '');
  const [kind, setKind] = useState(location?.kind ?? 'store');
  const [parent, setParent] = useState(location?.parent ?? '');
  const [active, setActive] = useState(location?.active ?? true);
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useMutation({
    mutationFn: () =>
      location
        ? api.patch<Location>(`/locations/${location.id}`, {
            name: name.trim(),
            parent: parent || null,
            active,
          })
        : api.post<Location>('/locations', {
            code: code.trim(),
            name: name.trim(),
            kind,
            ...(parent ? { parent } : {}),
          }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['locations'] });
      onDone();
    },
    onError: (error) => setErrors(fieldErrorsOf(error, { location_not_empty: 'active' })),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!location && !CODE.test(code.trim())) found.code = 'Letters, digits and . _ / - (up to 64).';
    if (!name.trim()) found.name = 'Enter a name.';
    setErrors(found);
    if (Object.keys(found).length === 0) save.mutate();
  }
  return (
    <form
      className="panel"
      onSubmit={submit}
      noValidate
      aria-label={location ? `Edit ${location.code}` : 'New location'}
    >
      <h2>{location ? `Edit ${location.code}` : 'New location'}</h2>
      <div className="grid">
        {!location && (
          <Field label="Code" error={errors.code} attempt={errors}>
            <input value={code} onChange={(e) => setCode(e.target.value)} />
          </Field>
        )}
        <Field label="Name" error={errors.name} attempt={errors}>
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        {!location && (
          <Field label="Kind" error={errors.kind} attempt={errors}>
            <select value={kind} onChange={(e) => setKind(e.target.value)}>
              <option value="store">store</option>
              <option value="floor">floor</option>
            </select>
          </Field>
        )}
        <Field label="Inside" error={errors.parent} attempt={errors}>
          <select value={parent} onChange={(e) => setParent(e.target.value)}>
            <option value="">(top level)</option>
            {choices
              .filter((c) => c.id !== location?.id)
              .map((c) => (
                <option key={c.id} value={c.code}>
                  {c.path.join(' / ')}
                </option>
              ))}
          </select>
        </Field>
        {location && (
          <Field label="Status" error={errors.active} attempt={errors}>
            <select
              value={active ? 'active' : 'inactive'}
              onChange={(e) => setActive(e.target.value === 'active')}
            >
              <option value="active">active</option>
              <option value="inactive">inactive</option>
            </select>
          </Field>
        )}
      </div>
      <FormActions error={errors._form} onCancel={onDone} pending={save.isPending}>
        {save.isPending ? 'Saving…' : 'Save'}
      </FormActions>
    </form>
  );
}
