// Routings: the steps an item goes through, each at a work center with standard minutes per unit
// (what OEE's performance is measured against). Versioned like BOMs.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Field, FormError } from '../components/Field.tsx';
import { formatTime } from '../components/format.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryState } from '../components/QueryState.tsx';
import { useDebounced } from '../components/useDebounced.ts';
import { useConsoleApi } from '../console-api.ts';
import { useCan } from '../me-context.ts';
import { type FieldErrors, fieldErrorsOf, messageOf } from '../problem.ts';
import type { Routing, WorkCenter } from '../types.ts';

export function RoutingsPage() {
  const api = useConsoleApi();
  const queryClient = useQueryClient();
  const canManage = useCan('production.manage');
  const [sku, setSku] = useState('');
  const [creating, setCreating] = useState(false);
  const filter = useDebounced(sku.trim(), 300);
  const routings = useQuery({
    queryKey: ['routings', filter],
    queryFn: ({ signal }) => api.get<{ data: Routing[] }>('/routings', { sku: filter }, signal),
  });
  const activate = useMutation({
    mutationFn: (id: string) => api.post(`/routings/${id}/activate`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['routings'] }),
  });
  return (
    <>
      <PageHeader
        title="Routings"
        actions={
          canManage && (
            <button type="button" onClick={() => setCreating(true)}>
              New routing
            </button>
          )
        }
      />
      {creating && <RoutingForm onDone={() => setCreating(false)} />}
      <search className="filters">
        <Field label="Item SKU">
          <input value={sku} onChange={(e) => setSku(e.target.value)} />
        </Field>
      </search>
      {activate.error && <p role="alert">{messageOf(activate.error)}</p>}
      <QueryState
        isPending={routings.isPending}
        error={routings.error}
        isEmpty={routings.data?.data.length === 0}
        empty={<p>No routings yet.</p>}
        onRetry={() => routings.refetch()}
      >
        <table>
          <thead>
            <tr>
              <th>Item</th>
              <th>Version</th>
              <th>Steps</th>
              <th>Created</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {routings.data?.data.map((r) => (
              <tr key={r.id}>
                <td>{r.sku}</td>
                <td>
                  v{r.version} {r.active && <span className="badge">active</span>}
                </td>
                <td>
                  <ol className="steps">
                    {r.steps.map((s) => (
                      <li key={s.seq}>
                        {s.seq} {s.name} @ {s.workCenter}
                        {s.stdMinutesPerUnit && ` · ${s.stdMinutesPerUnit} min/unit`}
                      </li>
                    ))}
                  </ol>
                </td>
                <td>{formatTime(r.createdAt)}</td>
                <td>
                  {canManage && !r.active && (
                    <button type="button" onClick={() => activate.mutate(r.id)} disabled={activate.isPending}>
                      Make active
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </QueryState>
    </>
  );
}

interface StepDraft {
  seq: string;
  name: string;
  workCenter: string;
  stdMinutesPerUnit: string;
}

function RoutingForm({ onDone }: { onDone: () => void }) {
  const api = useConsoleApi();
  const queryClient = useQueryClient();
  const [sku, setSku] = useState('');
  const [steps, setSteps] = useState<StepDraft[]>([
    { seq: '10', name: '', workCenter: '', stdMinutesPerUnit: '' },
  ]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const centers = useQuery({
    queryKey: ['work-centers'],
    queryFn: ({ signal }) => api.get<{ data: WorkCenter[] }>('/work-centers', undefined, signal),
  });
  const save = useMutation({
    mutationFn: () =>
      api.post<Routing>('/routings', {
        sku: sku.trim(),
        steps: steps.map((s) => ({
          seq: Number(s.seq),
          name: s.name.trim(),
          workCenter: s.workCenter,
          ...(s.stdMinutesPerUnit ? { stdMinutesPerUnit: s.stdMinutesPerUnit } : {}),
        })),
      }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['routings'] });
      onDone();
    },
    onError: (error) => setErrors(fieldErrorsOf(error)),
  });
  const edit = (i: number, change: Partial<StepDraft>) =>
    setSteps(steps.map((s, j) => (j === i ? { ...s, ...change } : s)));
  function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!sku.trim()) found.sku = 'Enter the SKU.';
    if (steps.length === 0) found.steps = 'Add at least one step.';
    const seen = new Set<string>();
    steps.forEach((s, i) => {
      if (!/^\d+$/.test(s.seq) || Number(s.seq) < 1) found[`steps.${i}.seq`] = 'A whole number from 1.';
      else if (seen.has(s.seq)) found[`steps.${i}.seq`] = 'Each step needs its own number.';
      seen.add(s.seq);
      if (!s.name.trim()) found[`steps.${i}.name`] = 'Name the step.';
      if (!s.workCenter) found[`steps.${i}.workCenter`] = 'Pick a work center.';
      if (s.stdMinutesPerUnit && !/^\d+(\.\d+)?$/.test(s.stdMinutesPerUnit))
        found[`steps.${i}.stdMinutesPerUnit`] = 'A number.';
    });
    setErrors(found);
    if (Object.keys(found).length === 0) save.mutate();
  }
  return (
    <form className="panel" onSubmit={submit} noValidate aria-label="New routing">
      <h2>New routing version</h2>
      <Field label="Item SKU" error={errors.sku} attempt={errors}>
        <input value={sku} onChange={(e) => setSku(e.target.value)} />
      </Field>
      <fieldset className="plain">
        <legend>Steps</legend>
        {steps.map((s, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: draft rows have no id
          <div className="form-row" key={i}>
            <Field label="Step no." error={errors[`steps.${i}.seq`]} attempt={errors}>
              <input inputMode="numeric" value={s.seq} onChange={(e) => edit(i, { seq: e.target.value })} />
            </Field>
            <Field label="Name" error={errors[`steps.${i}.name`]} attempt={errors}>
              <input value={s.name} onChange={(e) => edit(i, { name: e.target.value })} />
            </Field>
            <Field label="Work center" error={errors[`steps.${i}.workCenter`]} attempt={errors}>
              <select value={s.workCenter} onChange={(e) => edit(i, { workCenter: e.target.value })}>
                <option value="">—</option>
                {centers.data?.data.map((c) => (
                  <option key={c.id} value={c.code}>
                    {c.code} {c.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Std minutes / unit" error={errors[`steps.${i}.stdMinutesPerUnit`]} attempt={errors}>
              <input
                inputMode="decimal"
                value={s.stdMinutesPerUnit}
                onChange={(e) => edit(i, { stdMinutesPerUnit: e.target.value })}
              />
            </Field>
            <button type="button" onClick={() => setSteps(steps.filter((_, j) => j !== i))}>
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() =>
            setSteps([
              ...steps,
              {
                seq: String((Number(steps.at(-1)?.seq) || 0) + 10),
                name: '',
                workCenter: '',
                stdMinutesPerUnit: '',
              },
            ])
          }
        >
          Add step
        </button>
        {errors.steps && (
          <small className="field-error" role="alert">
            {errors.steps}
          </small>
        )}
      </fieldset>
      <FormError message={errors._form} />
      <div className="actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" disabled={save.isPending}>
          Create routing
        </button>
      </div>
    </form>
  );
}
