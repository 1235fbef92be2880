// Every round trip to the database costs about as much as a whole small statement on a busy
// server, and every transaction used to open with two of them: BEGIN, then setting the workspace.
// This dialect wrapper holds both back: BEGIN, and the transaction's leading `SET LOCAL` statements
// (withTenant's workspace switch, whose only value is a checked UUID; they return no rows, so there
// is nothing to wait for). They go out with the transaction's first real statement:
// - without parameters, in the same simple-protocol message (PostgreSQL runs it in order);
// - with parameters, where the driver pipelines (PostgreSQL): as `<opening>\0<statement>`, which
//   engine.ts writes to the socket as two queries in one write without waiting between them. NUL can
//   never occur in SQL text, so the separator is unambiguous;
// - otherwise (PGlite), as a message of its own first.
// The result is the same transaction as before, one round trip sooner. Savepoints and explicit
// isolation levels get a separate BEGIN exactly as without the wrapper.
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/** Separates a transaction's opening from its first statement when both go out together. */
export const OPENING_SEPARATOR = '\0';

const SET_LOCAL = /^\s*set local [^;]*(;\s*set local [^;]*)*;?\s*$/i;

class LazyBeginConnection implements DatabaseConnection {
  /** BEGIN and the SET LOCAL statements held back, or null once the transaction is on the wire. */
  opening: string[] | null = null;
  constructor(
    readonly inner: DatabaseConnection,
    private readonly pipelined: boolean,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
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
      return this.inner.executeQuery<R>({ ...query, sql: `${text}${OPENING_SEPARATOR}${query.sql}` });
    }
    await this.inner.executeQuery(CompiledQuery.raw(text));
    return this.inner.executeQuery<R>(query);
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
    return wrapper;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const c = connection as LazyBeginConnection;
    if (settings.isolationLevel || settings.accessMode) return this.inner.beginTransaction(c.inner, settings);
    c.opening = ['begin'];
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as LazyBeginConnection;
    // Nothing was sent, so there is no transaction to end.
    if (c.opening) {
      c.opening = null;
      return;
    }
    await this.inner.commitTransaction(c.inner);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as LazyBeginConnection;
    if (c.opening) {
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
    await this.inner.releaseConnection(c.inner);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

/** `pipelined`: the driver understands OPENING_SEPARATOR (engine.ts's PostgreSQL pool). */
export function lazyBegin(dialect: Dialect, options: { pipelined: boolean }): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new LazyBeginDriver(dialect.createDriver(), options.pipelined),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}
