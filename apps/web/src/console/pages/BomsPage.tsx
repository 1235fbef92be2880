// Bills of materials: versioned per item; the newest becomes active, and an older version can be
// made active again. A work order freezes the active version when it is released.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Field, FormActions } from '../components/Field.tsx';
import { isPositiveDecimal } from '../components/format.ts';
import { DraftRows, VersionedDocumentsPage } from '../components/VersionedDocuments.tsx';
import { useConsoleApi } from '../console-api.ts';
import { type FieldErrors, fieldErrorsOf } from '../problem.ts';
import type { Bom } from '../types.ts';

export function BomsPage() {
  return (
    <VersionedDocumentsPage<Bom>
      title="Bills of materials"
      resource="boms"
      newLabel="New BOM"
      skuLabel="Output SKU"
      skuHeader="Output"
      emptyText="No BOMs yet."
      columns={[
        { header: 'Makes', cell: (b) => b.outputQty },
        {
          header: 'Components',
          className: 'wrap',
          cell: (b) =>
            b.components
              .map(
                (c) =>
                  `${c.qty} ${c.uom} ${c.sku}${Number(c.scrapAllowance) ? ` (+${c.scrapAllowance} scrap)` : ''}`,
              )
              .join(', '),
        },
      ]}
      renderForm={(onDone) => <BomForm onDone={onDone} />}
    />
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
      <DraftRows
        legend="Components"
        rows={components}
        onChange={setComponents}
        blank={() => ({ sku: '', qty: '1', scrapAllowance: '' })}
        addLabel="Add component"
        error={errors.components}
      >
        {(c, i, edit) => (
          <>
            <Field label={`Component ${i + 1} SKU`} error={errors[`components.${i}.sku`]} attempt={errors}>
              <input value={c.sku} onChange={(e) => edit({ sku: e.target.value })} />
            </Field>
            <Field label="Quantity" error={errors[`components.${i}.qty`]} attempt={errors}>
              <input inputMode="decimal" value={c.qty} onChange={(e) => edit({ qty: e.target.value })} />
            </Field>
            <Field label="Scrap allowance" error={errors[`components.${i}.scrapAllowance`]} attempt={errors}>
              <input
                inputMode="decimal"
                value={c.scrapAllowance}
                onChange={(e) => edit({ scrapAllowance: e.target.value })}
              />
            </Field>
          </>
        )}
      </DraftRows>
      <FormActions error={errors._form} onCancel={onDone} pending={save.isPending}>
        Create BOM
      </FormActions>
    </form>
  );
}
