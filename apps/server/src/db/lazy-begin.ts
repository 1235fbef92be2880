// Every round trip to the database costs about as much as a whole small statement on a busy
// server, and every transaction used to open with two of them: BEGIN, then setting the workspace.
// This dialect wrapper holds both back: BEGIN, and the transaction's leading `SET LOCAL` statements
// (withTenant's workspace switch, whose only value is a checked UUID; they return no rows, so there
// is nothing to wait for). They go out with the transaction's first real statement:
// - without parameters, in the same simple-protocol message (PostgreSQL runs it in order);
// - with parameters, where the driver pipelines (PostgreSQL): as `<opening>\0<statement>\0`, which
//   engine.ts writes to the socket as two queries in one write without waiting between them. NUL can
//   never occur in SQL text, so the separator is unambiguous;
// - otherwise (PGlite), as a message of its own first.
// The result is the same transaction as before, one round trip sooner. Savepoints and explicit
// isolation levels get a separate BEGIN exactly as without the wrapper.
//
// The other end of a transaction can ride along too. `executeAndCommit` runs a transaction's last
// statement and COMMIT in one write (PostgreSQL; PGlite runs them in turn), so a write holds its
// locks one round trip less and a one-statement read makes one round trip in all. Should the
// statement fail, PostgreSQL turns the COMMIT behind it into a rollback: nothing is committed.
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryCompiler,
  type QueryExecutorProvider,
  type QueryResult,
  type Transaction,
  type TransactionSettings,
} from 'kysely';

/**
 * Separates the parts of `<opening>\0<statement>\0<closing>`: a statement written together with its
 * transaction's opening (BEGIN and SET LOCAL, or nothing) and closing (COMMIT, or nothing).
 */
export const PART_SEPARATOR = '\0';

/** The statement with what goes out with it, for a driver that pipelines (see PART_SEPARATOR). */
function writtenTogether(query: CompiledQuery, opening: string, closing: string): CompiledQuery {
  return { ...query, sql: `${opening}${PART_SEPARATOR}${query.sql}${PART_SEPARATOR}${closing}` };
}

/** Queries compiled by executeAndCommit: the connection sends COMMIT with them. */
const commitsWith = new WeakSet<CompiledQuery>();

/**
 * Runs the transaction's last statement and commits, sending both together where the driver
 * pipelines. The transaction is over when this returns: any statement after it is refused, and the
 * COMMIT or ROLLBACK that would otherwise end it sends nothing. Kysely logs the statement as usual.
 */
export async function executeAndCommit<DB, R>(
  tx: Transaction<DB>,
  query: { compile(provider: QueryExecutorProvider): CompiledQuery<R> },
): Promise<QueryResult<R>> {
  if (!tx.isTransaction) throw new Error('executeAndCommit needs a transaction');
  const compiled = query.compile(tx);
  commitsWith.add(compiled);
  return tx.executeQuery(compiled);
}

const SET_LOCAL = /^\s*set local [^;]*(;\s*set local [^;]*)*;?\s*$/i;

class LazyBeginConnection implements DatabaseConnection {
  /** BEGIN and the SET LOCAL statements held back, or null once the transaction is on the wire. */
  opening: string[] | null = null;
  /** Whether executeAndCommit has ended the transaction. */
  committed = false;
  constructor(
    readonly inner: DatabaseConnection,
    private readonly pipelined: boolean,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.committed) throw new Error('a statement after its transaction was committed');
    if (commitsWith.has(query)) return this.executeAndCommit<R>(query);
    const opening = this.opening;
    if (!opening) return this.inner.executeQuery<R>(query);
    if (query.parameters.length === 0 && SET_LOCAL.test(query.sql)) {
      opening.push(query.sql);
      return { rows: [] };
    }
    this.opening = null;
    const text = opening.join(';\n');
    if (query.parameters.length === 0) {
      return this.inner.executeQuery<R>(CompiledQuery.raw(`${text};\n${query.sql}`));
    }
    if (this.pipelined) {
      return this.inner.executeQuery<R>(writtenTogether(query, text, ''));
    }
    await this.inner.executeQuery(CompiledQuery.raw(text));
    return this.inner.executeQuery<R>(query);
  }

  private async executeAndCommit<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const opening = this.opening?.join(';\n') ?? '';
    this.opening = null;
    if (this.pipelined) {
      // Once COMMIT is on the wire the transaction ends whatever the answers: committed, or rolled
      // back by PostgreSQL because the statement failed.
      this.committed = true;
      return this.inner.executeQuery<R>(writtenTogether(query, opening, 'commit'));
    }
    if (opening) await this.inner.executeQuery(CompiledQuery.raw(opening));
    const result = await this.inner.executeQuery<R>(query);
    this.committed = true;
    await this.inner.executeQuery(CompiledQuery.raw('commit'));
    return result;
  }

  async flushOpening(): Promise<void> {
    const opening = this.opening;
    if (!opening) return;
    this.opening = null;
    await this.inner.executeQuery(CompiledQuery.raw(opening.join(';\n')));
  }

  // A stream never runs ahead of its transaction's opening: without it, it would run outside the
  // transaction and the workspace.
  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    await this.flushOpening();
    yield* this.inner.streamQuery<R>(query, chunkSize);
  }
}

class LazyBeginDriver implements Driver {
  private readonly wrappers = new WeakMap<DatabaseConnection, LazyBeginConnection>();
  constructor(
    private readonly inner: Driver,
    private readonly pipelined: boolean,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    let wrapper = this.wrappers.get(connection);
    if (!wrapper) {
      wrapper = new LazyBeginConnection(connection, this.pipelined);
      this.wrappers.set(connection, wrapper);
    }
    wrapper.opening = null;
    wrapper.committed = false;
    return wrapper;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const c = connection as LazyBeginConnection;
    c.committed = false;
    if (settings.isolationLevel || settings.accessMode) return this.inner.beginTransaction(c.inner, settings);
    c.opening = ['begin'];
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as LazyBeginConnection;
    // Nothing was sent, or executeAndCommit ended it: there is no transaction to end.
    if (c.opening || c.committed) {
      c.opening = null;
      return;
    }
    await this.inner.commitTransaction(c.inner);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as LazyBeginConnection;
    if (c.opening || c.committed) {
      c.opening = null;
      return;
    }
    await this.inner.rollbackTransaction(c.inner);
  }

  async savepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    const c = connection as LazyBeginConnection;
    await c.flushOpening();
    await this.inner.savepoint?.(c.inner, name, compile);
  }

  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await this.inner.rollbackToSavepoint?.((connection as LazyBeginConnection).inner, name, compile);
  }

  async releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await this.inner.releaseSavepoint?.((connection as LazyBeginConnection).inner, name, compile);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const c = connection as LazyBeginConnection;
    c.opening = null;
    c.committed = false;
    await this.inner.releaseConnection(c.inner);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

/** `pipelined`: the driver understands PART_SEPARATOR (engine.ts's PostgreSQL pool). */
export function lazyBegin(dialect: Dialect, options: { pipelined: boolean }): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new LazyBeginDriver(dialect.createDriver(), options.pipelined),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}
