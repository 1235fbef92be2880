// Bills of materials: versioned per item; the newest becomes active, and an older version can be
// made active again. A work order freezes the active version when it is released.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Field, FormError } from '../components/Field.tsx';
import { formatTime, isPositiveDecimal } from '../components/format.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryState } from '../components/QueryState.tsx';
import { useDebounced } from '../components/useDebounced.ts';
import { useConsoleApi } from '../console-api.ts';
import { useCan } from '../me-context.ts';
import { type FieldErrors, fieldErrorsOf, messageOf } from '../problem.ts';
import type { Bom } from '../types.ts';

export function BomsPage() {
  const api = useConsoleApi();
  const queryClient = useQueryClient();
  const canManage = useCan('production.manage');
  const [sku, setSku] = useState('');
  const [creating, setCreating] = useState(false);
  const filter = useDebounced(sku.trim(), 300);
  const boms = useQuery({
    queryKey: ['boms', filter],
    queryFn: ({ signal }) => api.get<{ data: Bom[] }>('/boms', { sku: filter }, signal),
  });
  const activate = useMutation({
    mutationFn: (id: string) => api.post(`/boms/${id}/activate`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['boms'] }),
  });
  return (
    <>
      <PageHeader
        title="Bills of materials"
        actions={
          canManage && (
            <button type="button" onClick={() => setCreating(true)}>
              New BOM
            </button>
          )
        }
      />
      {creating && <BomForm onDone={() => setCreating(false)} />}
      <search className="filters">
        <Field label="Output SKU">
          <input value={sku} onChange={(e) => setSku(e.target.value)} />
        </Field>
      </search>
      {activate.error && <p role="alert">{messageOf(activate.error)}</p>}
      <QueryState
        isPending={boms.isPending}
        error={boms.error}
        isEmpty={boms.data?.data.length === 0}
        empty={<p>No BOMs yet.</p>}
        onRetry={() => boms.refetch()}
      >
        <table>
          <thead>
            <tr>
              <th>Output</th>
              <th>Version</th>
              <th>Makes</th>
              <th>Components</th>
              <th>Created</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {boms.data?.data.map((b) => (
              <tr key={b.id}>
                <td>{b.sku}</td>
                <td>
                  v{b.version} {b.active && <span className="badge">active</span>}
                </td>
                <td>{b.outputQty}</td>
                <td className="wrap">
                  {b.components
                    .map(
                      (c) =>
                        `${c.qty} ${c.uom} ${c.sku}${Number(c.scrapAllowance) ? ` (+${c.scrapAllowance} scrap)` : ''}`,
                    )
                    .join(', ')}
                </td>
                <td>{formatTime(b.createdAt)}</td>
                <td>
                  {canManage && !b.active && (
                    <button type="button" onClick={() => activate.mutate(b.id)} disabled={activate.isPending}>
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

interface ComponentDraft {
  sku: string;
  qty: string;
  scrapAllowance: string;
}

function BomForm({ onDone }: { onDone: () => void }) {
  const api = useConsoleApi();
  const queryClient = useQueryClient();
  const [sku, setSku] = useState('');
  const [outputQty, setOutputQty] = useState('1');
  const [components, setComponents] = useState<ComponentDraft[]>([{ sku: '', qty: '1', scrapAllowance: '' }]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useMutation({
    mutationFn: () =>
      api.post<Bom>('/boms', {
        sku: sku.trim(),
        outputQty,
        components: components.map((c) => ({
          sku: c.sku.trim(),
          qty: c.qty,
          ...(c.scrapAllowance ? { scrapAllowance: c.scrapAllowance } : {}),
        })),
      }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['boms'] });
      onDone();
    },
    onError: (error) => setErrors(fieldErrorsOf(error)),
  });
  const edit = (i: number, change: Partial<ComponentDraft>) =>
    setComponents(components.map((c, j) => (j === i ? { ...c, ...change } : c)));
  function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!sku.trim()) found.sku = 'Enter the SKU this BOM makes.';
    if (!isPositiveDecimal(outputQty)) found.outputQty = 'A quantity above 0.';
    if (components.length === 0) found.components = 'Add at least one component.';
    components.forEach((c, i) => {
      if (!c.sku.trim()) found[`components.${i}.sku`] = 'Enter a SKU.';
      if (!isPositiveDecimal(c.qty)) found[`components.${i}.qty`] = 'A quantity above 0.';
      if (c.scrapAllowance && !/^\d+(\.\d+)?$/.test(c.scrapAllowance))
        found[`components.${i}.scrapAllowance`] = 'A number.';
    });
    setErrors(found);
    if (Object.keys(found).length === 0) save.mutate();
  }
  return (
    <form className="panel" onSubmit={submit} noValidate aria-label="New BOM">
      <h2>New BOM version</h2>
      <div className="grid">
        <Field label="Output SKU" error={errors.sku} attempt={errors}>
          <input value={sku} onChange={(e) => setSku(e.target.value)} />
        </Field>
        <Field label="Output quantity" error={errors.outputQty} attempt={errors}>
          <input inputMode="decimal" value={outputQty} onChange={(e) => setOutputQty(e.target.value)} />
        </Field>
      </div>
      <fieldset className="plain">
        <legend>Components</legend>
        {components.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: draft rows have no id
          <div className="form-row" key={i}>
            <Field label={`Component ${i + 1} SKU`} error={errors[`components.${i}.sku`]} attempt={errors}>
              <input value={c.sku} onChange={(e) => edit(i, { sku: e.target.value })} />
            </Field>
            <Field label="Quantity" error={errors[`components.${i}.qty`]} attempt={errors}>
              <input inputMode="decimal" value={c.qty} onChange={(e) => edit(i, { qty: e.target.value })} />
            </Field>
            <Field label="Scrap allowance" error={errors[`components.${i}.scrapAllowance`]} attempt={errors}>
              <input
                inputMode="decimal"
                value={c.scrapAllowance}
                onChange={(e) => edit(i, { scrapAllowance: e.target.value })}
              />
            </Field>
            <button type="button" onClick={() => setComponents(components.filter((_, j) => j !== i))}>
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() => setComponents([...components, { sku: '', qty: '1', scrapAllowance: '' }])}
        >
          Add component
        </button>
        {errors.components && (
          <small className="field-error" role="alert">
            {errors.components}
          </small>
        )}
      </fieldset>
      <FormError message={errors._form} />
      <div className="actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" disabled={save.isPending}>
          Create BOM
        </button>
      </div>
    </form>
  );
}
