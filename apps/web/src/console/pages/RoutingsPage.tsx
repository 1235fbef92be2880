// Routings: the steps an item goes through, each at a work center with standard minutes per unit
// (what OEE's performance is measured against). Versioned like BOMs.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Field, FormActions } from '../components/Field.tsx';
import { DraftRows, VersionedDocumentsPage } from '../components/VersionedDocuments.tsx';
import { useConsoleApi } from '../console-api.ts';
import { type FieldErrors, fieldErrorsOf } from '../problem.ts';
import type { Routing, WorkCenter } from '../types.ts';

export function RoutingsPage() {
  return (
    <VersionedDocumentsPage<Routing>
      title="Routings"
      resource="routings"
      newLabel="New routing"
      skuLabel="Item SKU"
      skuHeader="Item"
      emptyText="No routings yet."
      columns={[
        {
          header: 'Steps',
          cell: (r) => (
            <ol className="steps">
              {r.steps.map((s) => (
                <li key={s.seq}>
                  {s.seq} {s.name} @ {s.workCenter}
                  {s.stdMinutesPerUnit && ` · ${s.stdMinutesPerUnit} min/unit`}
                </li>
              ))}
            </ol>
          ),
        },
      ]}
      renderForm={(onDone) => <RoutingForm onDone={onDone} />}
    />
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
  // Every work center, all pages of them: a step may be at any one.
  const centers = useQuery({
    queryKey: ['work-centers', 'all'],
    queryFn: ({ signal }) => api.getAllPages<WorkCenter>('/work-centers', { limit: 500 }, signal),
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
      <DraftRows
        legend="Steps"
        rows={steps}
        onChange={setSteps}
        blank={(rows) => ({
          seq: String((Number(rows.at(-1)?.seq) || 0) + 10),
          name: '',
          workCenter: '',
          stdMinutesPerUnit: '',
        })}
        addLabel="Add step"
        error={errors.steps}
      >
        {(s, i, edit) => (
          <>
            <Field label="Step no." error={errors[`steps.${i}.seq`]} attempt={errors}>
              <input inputMode="numeric" value={s.seq} onChange={(e) => edit({ seq: e.target.value })} />
            </Field>
            <Field label="Name" error={errors[`steps.${i}.name`]} attempt={errors}>
              <input value={s.name} onChange={(e) => edit({ name: e.target.value })} />
            </Field>
            <Field label="Work center" error={errors[`steps.${i}.workCenter`]} attempt={errors}>
              <select value={s.workCenter} onChange={(e) => edit({ workCenter: e.target.value })}>
                <option value="">—</option>
                {centers.data?.map((c) => (
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
                onChange={(e) => edit({ stdMinutesPerUnit: e.target.value })}
              />
            </Field>
          </>
        )}
      </DraftRows>
      <FormActions error={errors._form} onCancel={onDone} pending={save.isPending}>
        Create routing
      </FormActions>
    </form>
  );
}
