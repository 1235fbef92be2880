// Work centers: where routing steps run, each optionally tied to a floor location, with the weekly
// shift calendar OEE's planned time comes from.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { CursorPager, useCursorPaging } from '../components/CursorPager.tsx';
import { Field, FormActions, FormError } from '../components/Field.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryState } from '../components/QueryState.tsx';
import { QueryTable } from '../components/QueryTable.tsx';
import { useConsoleApi } from '../console-api.ts';
import { useCan } from '../me-context.ts';
import { type FieldErrors, fieldErrorsOf } from '../problem.ts';
import type { Page, WorkCenter } from '../types.ts';

const CODE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

interface Shift {
  weekday: number;
  starts: string;
  ends: string;
}

export function WorkCentersPage() {
  const api = useConsoleApi();
  const canManage = useCan('production.manage');
  const [editing, setEditing] = useState<WorkCenter | 'new' | null>(null);
  const [shiftsOf, setShiftsOf] = useState<WorkCenter | null>(null);
  const paging = useCursorPaging();
  const centers = useQuery({
    queryKey: ['work-centers', 'page', paging.cursor],
    queryFn: ({ signal }) =>
      api.get<Page<WorkCenter>>('/work-centers', { cursor: paging.cursor, limit: 50 }, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader
        title="Work centers"
        actions={
          canManage && (
            <button type="button" onClick={() => setEditing('new')}>
              New work center
            </button>
          )
        }
      />
      {editing && (
        <WorkCenterForm
          key={editing === 'new' ? 'new' : editing.id}
          center={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
      {shiftsOf && (
        <ShiftsForm
          key={shiftsOf.id}
          center={shiftsOf}
          canManage={canManage}
          onDone={() => setShiftsOf(null)}
        />
      )}
      <QueryTable
        query={centers}
        empty={<p>No work centers yet.</p>}
        headers={['Code', 'Name', 'Location', 'Status', '']}
        row={(c) => (
          <tr key={c.id}>
            <td>
              <code>{c.code}</code>
            </td>
            <td>{c.name}</td>
            <td>{c.location ?? '—'}</td>
            <td>{c.active ? 'active' : 'inactive'}</td>
            <td className="actions">
              <button type="button" onClick={() => setShiftsOf(c)}>
                Shifts
              </button>
              {canManage && (
                <button type="button" onClick={() => setEditing(c)}>
                  Edit
                </button>
              )}
            </td>
          </tr>
        )}
      >
        <CursorPager paging={paging} nextCursor={centers.data?.nextCursor} />
      </QueryTable>
    </>
  );
}

function WorkCenterForm({ center, onDone }: { center: WorkCenter | null; onDone: () => void }) {
  const api = useConsoleApi();
  const queryClient = useQueryClient();
  const [code, setCode] = useState(center?.code ?? '');
  const [name, setName] = useState(center?.name ?? '');
  const [location, setLocation] = useState(center?.location ?? '');
  const [active, setActive] = useState(center?.active ?? true);
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useMutation({
    mutationFn: () =>
      center
        ? api.patch(`/work-centers/${center.id}`, {
            name: name.trim(),
            location: location.trim() || null,
            active,
          })
        : api.post('/work-centers', {
            code: code.trim(),
            name: name.trim(),
            ...(location.trim() ? { location: location.trim() } : {}),
          }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['work-centers'] });
      onDone();
    },
    onError: (error) => setErrors(fieldErrorsOf(error)),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!center && !CODE.test(code.trim())) found.code = 'Letters, digits and . _ / - (up to 64).';
    if (!name.trim()) found.name = 'Enter a name.';
    if (location.trim() && !CODE.test(location.trim())) found.location = 'A location code.';
    setErrors(found);
    if (Object.keys(found).length === 0) save.mutate();
  }
  return (
    <form
      className="panel"
      onSubmit={submit}
      noValidate
      aria-label={center ? `Edit ${center.code}` : 'New work center'}
    >
      <h2>{center ? `Edit ${center.code}` : 'New work center'}</h2>
      <div className="grid">
        {!center && (
          <Field label="Code" error={errors.code} attempt={errors}>
            <input value={code} onChange={(e) => setCode(e.target.value)} />
          </Field>
        )}
        <Field label="Name" error={errors.name} attempt={errors}>
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="Floor location (optional)" error={errors.location} attempt={errors}>
          <input value={location} onChange={(e) => setLocation(e.target.value)} />
        </Field>
        {center && (
          <label className="check">
            <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> Active
          </label>
        )}
      </div>
      <FormActions error={errors._form} onCancel={onDone} pending={save.isPending}>
        Save
      </FormActions>
    </form>
  );
}

function ShiftsForm({
  center,
  canManage,
  onDone,
}: {
  center: WorkCenter;
  canManage: boolean;
  onDone: () => void;
}) {
  const api = useConsoleApi();
  const [draft, setDraft] = useState<Shift[] | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const shifts = useQuery({
    queryKey: ['shifts', center.id],
    queryFn: ({ signal }) =>
      api.get<{ data: Shift[] }>(`/work-centers/${center.id}/shifts`, undefined, signal),
  });
  const rows = draft ?? shifts.data?.data ?? [];
  const save = useMutation({
    mutationFn: () => api.put(`/work-centers/${center.id}/shifts`, { shifts: rows }),
    onSuccess: () => setSaved(true),
    onError: (error) => setErrors(fieldErrorsOf(error)),
  });
  const edit = (i: number, change: Partial<Shift>) =>
    setDraft(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));
  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const bad = rows.findIndex((r) => !TIME.test(r.starts) || !TIME.test(r.ends));
    const found: FieldErrors = bad >= 0 ? { shifts: `Shift ${bad + 1}: times as HH:MM.` } : {};
    setErrors(found);
    if (bad < 0) save.mutate();
  }
  return (
    <form className="panel" onSubmit={submit} noValidate aria-label={`Shifts of ${center.code}`}>
      <h2>Shift calendar of {center.code}</h2>
      <QueryState isPending={shifts.isPending} error={shifts.error}>
        {rows.length === 0 && (
          <p className="state-empty">No shifts: OEE has no planned time for this center.</p>
        )}
        <fieldset disabled={!canManage} className="plain">
          {rows.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: shifts have no id; rows are edited in place
            <div className="form-row" key={i}>
              <label>
                Day
                <select value={r.weekday} onChange={(e) => edit(i, { weekday: Number(e.target.value) })}>
                  {WEEKDAYS.map((d, n) => (
                    <option key={d} value={n}>
                      {d}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Starts
                <input type="time" value={r.starts} onChange={(e) => edit(i, { starts: e.target.value })} />
              </label>
              <label>
                Ends
                <input type="time" value={r.ends} onChange={(e) => edit(i, { ends: e.target.value })} />
              </label>
              <button type="button" onClick={() => setDraft(rows.filter((_, j) => j !== i))}>
                Remove
              </button>
            </div>
          ))}
          <button
            type="button"
            onClick={() => setDraft([...rows, { weekday: 1, starts: '06:00', ends: '14:00' }])}
          >
            Add shift
          </button>
        </fieldset>
      </QueryState>
      {errors.shifts && (
        <p className="field-error" role="alert">
          {errors.shifts}
        </p>
      )}
      <FormError message={errors._form} />
      {saved && <p role="status">Saved.</p>}
      <div className="actions">
        <button type="button" onClick={onDone}>
          Close
        </button>
        {canManage && (
          <button type="submit" disabled={save.isPending}>
            Save shifts
          </button>
        )}
      </div>
    </form>
  );
}
