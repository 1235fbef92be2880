// The ceiling: what the least an HTTP service over this PostgreSQL can do reaches on this machine,
// driven by the same load generator as OpsLedger. A bare node:http server answers each request
// with pgbench's own transaction: `-S`'s one indexed read for a scan, `-N`'s update, read and insert
// for a posting; a third answers without the database at all. Whatever OpsLedger does on top
// (sessions, permissions, row-level security, validation, audit, statistics) is measured against
// these, so the share of pgbench that is HTTP and Node's own cost on this machine is visible.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';

export type CeilingKind = 'http' | 'read' | 'write';

/** pgbench's account count at the bench's scale (-s 10). */
const ACCOUNTS = 1_000_000;

/** Any account, as pgbench picks them. */
function anyAccount(): number {
  return Math.floor(Math.random() * ACCOUNTS) + 1;
}

async function answer(pool: pg.Pool, kind: CeilingKind): Promise<unknown> {
  const aid = anyAccount();
  if (kind === 'http') return { aid };
  if (kind === 'read') {
    const r = await pool.query('select abalance from pgbench_accounts where aid = $1', [aid]);
    return { aid, balance: r.rows[0]?.abalance ?? null };
  }
  // pgbench -N's transaction, statement for statement.
  const c = await pool.connect();
  try {
    const delta = (aid % 10_000) - 5_000;
    await c.query('begin');
    await c.query('update pgbench_accounts set abalance = abalance + $1 where aid = $2', [delta, aid]);
    const r = await c.query('select abalance from pgbench_accounts where aid = $1', [aid]);
    await c.query(
      'insert into pgbench_history (tid, bid, aid, delta, mtime) values ($1, $2, $3, $4, current_timestamp)',
      [(aid % 100) + 1, (aid % 10) + 1, aid, delta],
    );
    await c.query('commit');
    return { aid, balance: r.rows[0]?.abalance ?? null };
  } catch (err) {
    await c.query('rollback').catch(() => {});
    throw err;
  } finally {
    c.release();
  }
}

/** A ceiling server on a free port of 127.0.0.1; GET answers 200, POST (its JSON body read) 201. */
export async function ceilingServer(databaseUrl: string, kind: CeilingKind) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 40 });
  const server = http.createServer({ keepAlive: true }, (req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      if (body) JSON.parse(body);
      answer(pool, kind).then(
        (value) => {
          const text = JSON.stringify(value);
          res.writeHead(req.method === 'POST' ? 201 : 200, {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(text),
          });
          res.end(text);
        },
        () => {
          res.writeHead(500).end();
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
}
