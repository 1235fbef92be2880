// A real OpsLedger server for a browser test: the one test harness (fresh database, real app)
// listening on a real port, serving the built web app, plus API helpers that check the ledger the
// way a client would.
import { startTestApp, type TestApp, type TestWorkspace } from '../../../server/src/testing/harness.ts';

export interface E2eServer {
  origin: string;
  harness: TestApp;
  ws: TestWorkspace;
  /** Calls the API as the workspace admin and fails the test on an unexpected status. */
  api<T = Record<string, unknown>>(
    method: string,
    url: string,
    body?: unknown,
    expected?: number,
  ): Promise<T>;
  close(): Promise<void>;
}

export async function startE2eServer(): Promise<E2eServer> {
  const harness = await startTestApp();
  await harness.app.listen({ port: 0, host: '127.0.0.1' });
  const address = harness.app.server.address();
  if (!address || typeof address === 'string') throw new Error('server did not listen on a port');
  const ws = await harness.workspace();
  const api: E2eServer['api'] = async (method, url, body, expected) => {
    const headers: Record<string, string> =
      method === 'POST' ? { 'idempotency-key': crypto.randomUUID() } : {};
    const res = await harness.request(method, url, body, { token: ws.admin.token, headers });
    const ok = expected === undefined ? res.status >= 200 && res.status < 300 : res.status === expected;
    if (!ok) throw new Error(`${method} ${url} → ${res.status}: ${res.text}`);
    return res.body as never;
  };
  return {
    origin: `http://localhost:${address.port}`,
    harness,
    ws,
    api,
    close: () => harness.close(),
  };
}
