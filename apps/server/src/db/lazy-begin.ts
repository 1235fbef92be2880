// Every round trip to the database costs about as much as a whole small statement on a busy
// server, and every transaction used to open with two of them: BEGIN, then setting the workspace.
// This dialect wrapper holds BEGIN back and sends it in the same message as the transaction's first
// statement when that statement has no parameters (withTenant's workspace switch, whose only value
// is a checked UUID). PostgreSQL runs a multi-statement simple query in order, so the result is the
// same transaction as before, one round trip sooner. Statements with parameters, savepoints and
// explicit isolation levels get a separate BEGIN exactly as without the wrapper.
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

class LazyBeginConnection implements DatabaseConnection {
  beginPending = false;
  constructor(readonly inner: DatabaseConnection) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.beginPending) {
      this.beginPending = false;
      if (query.parameters.length === 0) {
        return this.inner.executeQuery<R>(CompiledQuery.raw(`begin;\n${query.sql}`));
      }
      await this.inner.executeQuery(CompiledQuery.raw('begin'));
    }
    return this.inner.executeQuery<R>(query);
  }

  async flushBegin(): Promise<void> {
    if (!this.beginPending) return;
    this.beginPending = false;
    await this.inner.executeQuery(CompiledQuery.raw('begin'));
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

class LazyBeginDriver implements Driver {
  private readonly wrappers = new WeakMap<DatabaseConnection, LazyBeginConnection>();
  constructor(private readonly inner: Driver) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    let wrapper = this.wrappers.get(connection);
    if (!wrapper) {
      wrapper = new LazyBeginConnection(connection);
      this.wrappers.set(connection, wrapper);
    }
    wrapper.beginPending = false;
    return wrapper;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const c = connection as LazyBeginConnection;
    if (settings.isolationLevel || settings.accessMode) return this.inner.beginTransaction(c.inner, settings);
    c.beginPending = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as LazyBeginConnection;
    // Nothing was sent, so there is no transaction to end.
    if (c.beginPending) {
      c.beginPending = false;
      return;
    }
    await this.inner.commitTransaction(c.inner);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as LazyBeginConnection;
    if (c.beginPending) {
      c.beginPending = false;
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
    await c.flushBegin();
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
    c.beginPending = false;
    await this.inner.releaseConnection(c.inner);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

export function lazyBegin(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new LazyBeginDriver(dialect.createDriver()),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}
