// Workspace settings: name, time zone (changing it re-buckets the statistics), whether stock may go
// negative, and the waste reasons operators pick from.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Field, FormError } from '../components/Field.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryState } from '../components/QueryState.tsx';
import { QueryTable } from '../components/QueryTable.tsx';
import { useConsoleApi } from '../console-api.ts';
import { useCan } from '../me-context.ts';
import { type FieldErrors, fieldErrorsOf } from '../problem.ts';
import type { Reason, Workspace } from '../types.ts';

function timeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? ['UTC'];
}

export function SettingsPage() {
  const api = useConsoleApi();
  const canReadReasons = useCan('stock.read');
  const workspace = useQuery({
    queryKey: ['workspace'],
    queryFn: ({ signal }) => api.get<Workspace>('/workspace', undefined, signal),
  });
  return (
    <>
      <PageHeader title="Settings" />
      <QueryState isPending={workspace.isPending} error={workspace.error} onRetry={() => workspace.refetch()}>
        {workspace.data && <WorkspaceForm workspace={workspace.data} />}
      </QueryState>
      {canReadReasons && <WasteReasons />}
    </>
  );
}

function WorkspaceForm({ workspace }: { workspace: Workspace }) {
  const api = useConsoleApi();
  const queryClient = useQueryClient();
  const canManage = useCan('workspace.manage');
  const [name, setName] = useState(workspace.name);
  const [timeZone, setTimeZone] = useState(workspace.settings.timeZone);
  const [allowNegativeStock, setAllowNegativeStock] = useState(workspace.settings.allowNegativeStock);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    setName(workspace.name);
    setTimeZone(workspace.settings.timeZone);
    setAllowNegativeStock(workspace.settings.allowNegativeStock);
  }, [workspace]);
  const zones = timeZones();
  const save = useMutation({
    mutationFn: () =>
      api.patch<Workspace>('/workspace', { name: name.trim(), settings: { timeZone, allowNegativeStock } }),
    onSuccess: (updated) => {
      queryClient.setQueryData(['workspace'], updated);
      queryClient.invalidateQueries({ queryKey: ['stats-summary'] });
      setSaved(true);
    },
    onError: (error) => setErrors(fieldErrorsOf(error, { invalid_time_zone: 'settings.timeZone' })),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const found: FieldErrors = {};
    if (!name.trim()) found.name = 'Enter a name.';
    if (!timeZone) found['settings.timeZone'] = 'Pick a time zone.';
    setErrors(found);
    if (Object.keys(found).length === 0) save.mutate();
  }
  return (
    <form className="panel" onSubmit={submit} noValidate aria-label="Workspace">
      <h2>Workspace {workspace.code}</h2>
      <fieldset disabled={!canManage} className="plain">
        <Field label="Name" error={errors.name} attempt={errors}>
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field
          label="Time zone"
          error={errors['settings.timeZone']}
          attempt={errors}
          hint="Statistics count whole local hours and days."
        >
          <select value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
            {!zones.includes(timeZone) && <option value={timeZone}>{timeZone}</option>}
            {zones.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
        </Field>
        <label className="check">
          <input
            type="checkbox"
            checked={allowNegativeStock}
            onChange={(e) => setAllowNegativeStock(e.target.checked)}
          />{' '}
          Allow stock in internal locations to go below zero
        </label>
      </fieldset>
      <FormError message={errors._form} />
      {saved && <p role="status">Saved.</p>}
      {canManage && (
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save settings'}
        </button>
      )}
    </form>
  );
}

const REASON_CODE = /^[a-z0-9][a-z0-9_-]{0,39}$/;

function WasteReasons() {
  const api = useConsoleApi();
  const queryClient = useQueryClient();
  const canManage = useCan('waste_reasons.manage');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const reasons = useQuery({
    queryKey: ['waste-reasons'],
    queryFn: ({ signal }) => api.get<{ data: Reason[] }>('/waste-reasons', undefined, signal),
  });
  const put = useMutation({
    mutationFn: (reason: { code: string; name: string; active: boolean }) =>
      api.put<Reason>(`/waste-reasons/${encodeURIComponent(reason.code)}`, {
        name: reason.name,
        active: reason.active,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['waste-reasons'] }),
    onError: (error) => setErrors(fieldErrorsOf(error)),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!REASON_CODE.test(code.trim())) found.code = 'Lower-case letters, digits, - or _ (up to 40).';
    if (!name.trim()) found.name = 'Enter a name.';
    setErrors(found);
    if (Object.keys(found).length === 0)
      put.mutate(
        { code: code.trim(), name: name.trim(), active: true },
        {
          onSuccess: () => {
            setCode('');
            setName('');
          },
        },
      );
  }
  return (
    <section className="panel" aria-label="Waste reasons">
      <h2>Waste reasons</h2>
      <QueryTable
        query={reasons}
        empty={<p>No waste reasons yet.</p>}
        headers={['Code', 'Name', 'Status', '']}
        row={(r) => (
          <tr key={r.code}>
            <td>
              <code>{r.code}</code>
            </td>
            <td>{r.name}</td>
            <td>{r.active ? 'in use' : 'retired'}</td>
            <td>
              {canManage && (
                <button
                  type="button"
                  onClick={() => put.mutate({ code: r.code, name: r.name, active: !r.active })}
                  disabled={put.isPending}
                >
                  {r.active ? 'Retire' : 'Bring back'}
                </button>
              )}
            </td>
          </tr>
        )}
      />
      {canManage && (
        <form className="form-row" onSubmit={submit} noValidate aria-label="Add waste reason">
          <Field label="Code" error={errors.code} attempt={errors}>
            <input value={code} onChange={(e) => setCode(e.target.value)} />
          </Field>
          <Field label="Name" error={errors.name} attempt={errors}>
            <input value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
          <button type="submit" disabled={put.isPending}>
            Add reason
          </button>
          <FormError message={errors._form} />
        </form>
      )}
    </section>
  );
}
