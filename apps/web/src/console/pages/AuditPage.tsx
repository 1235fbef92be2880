// The audit trail: who did what, when, from which device, filterable, and a button that re-checks
// the whole hash chain on the server and says whether it is intact.
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CursorPager, useCursorPaging } from '../components/CursorPager.tsx';
import { Field } from '../components/Field.tsx';
import { formatTime } from '../components/format.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryState } from '../components/QueryState.tsx';
import { useDebounced } from '../components/useDebounced.ts';
import { useConsoleApi } from '../console-api.ts';
import { messageOf } from '../problem.ts';
import type { AuditEvent, AuditVerification, Page, User } from '../types.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function summaryText(summary: unknown): string {
  if (summary === null || summary === undefined) return '';
  if (typeof summary !== 'object') return String(summary);
  return Object.entries(summary as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ');
}

export function AuditPage() {
  const api = useConsoleApi();
  const [action, setAction] = useState('');
  const [entity, setEntity] = useState('');
  const [entityId, setEntityId] = useState('');
  const [actor, setActor] = useState('');
  const paging = useCursorPaging();
  const filters = useDebounced(
    {
      action: action.trim(),
      entity: entity.trim(),
      entityId: entityId.trim(),
      actor: UUID.test(actor.trim()) ? actor.trim() : '',
    },
    300,
  );
  const events = useQuery({
    queryKey: ['audit', filters, paging.cursor],
    queryFn: ({ signal }) =>
      api.get<Page<AuditEvent>>('/audit', { ...filters, cursor: paging.cursor, limit: 50 }, signal),
    placeholderData: keepPreviousData,
  });
  // Names for actor ids where the reader may list users; ids otherwise.
  const users = useQuery({
    queryKey: ['users', 'audit-names'],
    queryFn: ({ signal }) => api.get<Page<User>>('/users', { limit: 500 }, signal),
    retry: false,
  });
  const nameOf = (id: string | null) =>
    id ? (users.data?.data.find((u) => u.id === id)?.name ?? id.slice(0, 8)) : 'system';
  const verify = useMutation({ mutationFn: () => api.get<AuditVerification>('/audit/verify') });
  const reset =
    <T,>(setter: (v: T) => void) =>
    (v: T) => {
      setter(v);
      paging.reset();
    };
  return (
    <>
      <PageHeader
        title="Audit trail"
        actions={
          <button type="button" onClick={() => verify.mutate()} disabled={verify.isPending}>
            {verify.isPending ? 'Verifying…' : 'Verify chain'}
          </button>
        }
      />
      {verify.data && (
        <p
          className={verify.data.ok ? 'verdict verdict-ok' : 'verdict verdict-broken'}
          role="status"
          data-testid="verify-result"
        >
          {verify.data.ok
            ? `Chain intact: ${verify.data.events} events, head #${verify.data.head.chainIndex} (${verify.data.head.hash.slice(0, 16)}…).`
            : `Chain BROKEN at event #${verify.data.broken?.chainIndex}: ${verify.data.broken?.reason}.`}
        </p>
      )}
      {verify.error && <p role="alert">Verification failed: {messageOf(verify.error)}</p>}
      <search className="filters">
        <Field label="Action" hint="e.g. movement.reverse">
          <input value={action} onChange={(e) => reset(setAction)(e.target.value)} />
        </Field>
        <Field label="Entity" hint="e.g. user, item, movement">
          <input value={entity} onChange={(e) => reset(setEntity)(e.target.value)} />
        </Field>
        <Field label="Entity id">
          <input value={entityId} onChange={(e) => reset(setEntityId)(e.target.value)} />
        </Field>
        <Field label="Actor" error={actor && !UUID.test(actor.trim()) ? 'Pick a person' : undefined}>
          <select value={actor} onChange={(e) => reset(setActor)(e.target.value)}>
            <option value="">anyone</option>
            {users.data?.data.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </Field>
      </search>
      <QueryState
        isPending={events.isPending}
        error={events.error}
        isEmpty={events.data?.data.length === 0}
        empty={<p>No events match.</p>}
        onRetry={() => events.refetch()}
      >
        <table aria-label="Audit events">
          <thead>
            <tr>
              <th>#</th>
              <th>When</th>
              <th>Who</th>
              <th>Action</th>
              <th>Entity</th>
              <th>Details</th>
              <th>Address</th>
              <th>Hash</th>
            </tr>
          </thead>
          <tbody>
            {events.data?.data.map((e) => (
              <tr key={e.id}>
                <td>{e.chainIndex ?? '…'}</td>
                <td>{formatTime(e.at)}</td>
                <td>{e.actorKind === 'user' ? nameOf(e.actor) : e.actorKind}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>
                  {e.entity}
                  {e.entityId && <small title={e.entityId}> …{e.entityId.slice(-8)}</small>}
                </td>
                <td className="wrap">{summaryText(e.summary)}</td>
                <td>{e.ip ?? ''}</td>
                <td>
                  <code title={e.hash ?? 'not sealed yet'}>{e.hash ? e.hash.slice(0, 10) : 'sealing…'}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <CursorPager paging={paging} nextCursor={events.data?.nextCursor} />
      </QueryState>
    </>
  );
}
