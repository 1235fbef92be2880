// The scanner's service worker (built by scripts/service-worker-plugin.ts into /app/sw.js). It keeps
// the app shell so the app opens offline. It never touches the API: business data is never cached
// here, and scans made offline wait in IndexedDB (src/scanner/offline), not in a cache.

declare const __PRECACHE__: string[];
declare const __BUILD_ID__: string;

// The DOM library has no service-worker types; these are the few members used here.
interface WaitableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchingEvent extends WaitableEvent {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate' | 'message', listener: (event: WaitableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchingEvent) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  location: Location;
}

const scope = self as unknown as WorkerScope;
const BASE = '/app/';
const CACHE = `opsledger-shell-${__BUILD_ID__}`;
const SHELL = `${BASE}index.html`;

async function precache(): Promise<void> {
  const cache = await caches.open(CACHE);
  await cache.addAll(__PRECACHE__.map((file) => `${BASE}${file}`));
}

/** Sign-out empties every cache; the shell (which holds no one's data) is put back on next use. */
async function ensurePrecached(): Promise<void> {
  const cache = await caches.open(CACHE);
  if (!(await cache.match(SHELL))) await precache();
}

scope.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => scope.skipWaiting()));
});

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith('opsledger-shell-') && key !== CACHE) await caches.delete(key);
      }
      await scope.clients.claim();
    })(),
  );
});

scope.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== scope.location.origin || !url.pathname.startsWith(BASE)) {
    return;
  }
  if (request.mode === 'navigate') {
    // Network first, so a deployed update shows at once; the cached shell when offline.
    // Each app's own page: /app/console/… is the console, everything else the scanner.
    const section = url.pathname.slice(BASE.length).split('/')[0];
    event.respondWith(
      fetch(request).catch(
        async () =>
          (section ? await caches.match(`${BASE}${section}/index.html`) : undefined) ??
          (await caches.match(SHELL)) ??
          Response.error(),
      ),
    );
    event.waitUntil(ensurePrecached().catch(() => undefined));
    return;
  }
  event.respondWith(
    (async () => {
      const cached = await caches.match(request);
      if (cached) return cached;
      const response = await fetch(request);
      if (response.ok && url.pathname.startsWith(`${BASE}assets/`)) {
        const cache = await caches.open(CACHE);
        await cache.put(request, response.clone());
      }
      return response;
    })(),
  );
});
