// The one IndexedDB database the web apps keep on the device: the offline scan queue, the cached
// catalog used to recognise codes offline, and the signed-in account (so the app opens offline).
// Sign-out deletes the whole database.
const DB_NAME = 'opsledger';
const VERSION = 1;
export type StoreName = 'queue' | 'catalog' | 'account';

let opening: Promise<IDBDatabase> | null = null;

function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export function openLocalDb(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('queue')) db.createObjectStore('queue', { keyPath: 'id' });
      if (!db.objectStoreNames.contains('catalog')) db.createObjectStore('catalog');
      if (!db.objectStoreNames.contains('account')) db.createObjectStore('account');
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab deleting the database (sign-out) must not be blocked by this connection.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    request.onerror = () => {
      opening = null;
      reject(request.error);
    };
  });
  return opening;
}

async function withStore<T>(
  name: StoreName,
  mode: IDBTransactionMode,
  run: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await openLocalDb();
  return requestResult(run(db.transaction(name, mode).objectStore(name)));
}

export const localDb = {
  get: <T>(store: StoreName, key: IDBValidKey) =>
    withStore(store, 'readonly', (s) => s.get(key) as IDBRequest<T | undefined>),
  getAll: <T>(store: StoreName) => withStore(store, 'readonly', (s) => s.getAll() as IDBRequest<T[]>),
  put: (store: StoreName, value: unknown, key?: IDBValidKey) =>
    withStore(store, 'readwrite', (s) => (key === undefined ? s.put(value) : s.put(value, key))),
  delete: (store: StoreName, key: IDBValidKey) => withStore(store, 'readwrite', (s) => s.delete(key)),
};

/** Removes the database and everything in it. */
export async function deleteLocalDb(): Promise<void> {
  if (opening) {
    (await opening.catch(() => null))?.close();
    opening = null;
  }
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(DB_NAME);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => resolve();
  });
}
