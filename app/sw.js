// 院里's service worker: a repeat visit starts without the network, and the
// last-seen notices and bills stay readable offline, marked as such.
// `cargo xtask build` fills in the version and the hashed asset list.
'use strict';

const VERSION = '{{VERSION}}';
const SHELL = 'courtyard-shell-' + VERSION;
const DATA = 'courtyard-data';
const ASSETS = {{ASSETS}};
// API reads kept for offline reading. Everything else goes to the network.
const KEPT = [/^\/api\/v1\/notices(\/\d+)?$/, /^\/api\/v1\/fees\/bills$/, /^\/api\/v1\/me$/, /^\/api\/v1\/communities$/];

self.addEventListener('install', (event) => {
  // No skipWaiting: a new version takes over on the next visit, never under
  // a running page.
  // The plain page (the loading screen), not `/`: the server's first screens
  // are personal and would go stale.
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(['/index.html', ...ASSETS])));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((names) =>
      Promise.all(names.filter((n) => n.startsWith('courtyard-shell-') && n !== SHELL).map((n) => caches.delete(n))),
    ),
  );
});

// One cache entry per household acted for, so a helper of two households
// never reads one's bills as the other's.
function dataKey(request) {
  const url = new URL(request.url);
  url.searchParams.set('__as', request.headers.get('X-Acting-For') || '');
  return url.toString();
}

async function networkThenKept(request) {
  const cache = await caches.open(DATA);
  try {
    const response = await fetch(request);
    if (response.ok) {
      const copy = new Headers(response.headers);
      copy.set('X-Courtyard-Saved-At', new Date().toISOString());
      const body = await response.clone().arrayBuffer();
      await cache.put(dataKey(request), new Response(body, { status: 200, headers: copy }));
    } else if (response.status === 401) {
      // Logged out elsewhere: nothing personal stays on this phone.
      await caches.delete(DATA);
    }
    return response;
  } catch (offline) {
    const kept = await cache.match(dataKey(request));
    if (!kept) throw offline;
    const headers = new Headers(kept.headers);
    headers.set('X-Courtyard-Offline', kept.headers.get('X-Courtyard-Saved-At') || '');
    return new Response(await kept.arrayBuffer(), { status: 200, headers });
  }
}

async function fetchAndKeep(request) {
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(SHELL);
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/assets/')) {
    // Hashed names never change: a piece fetched once (the office console's,
    // which install leaves out) is kept for the next time.
    event.respondWith(caches.match(request).then((hit) => hit || fetchAndKeep(request)));
  } else if (url.pathname.startsWith('/api/')) {
    if (KEPT.some((re) => re.test(url.pathname))) event.respondWith(networkThenKept(request));
  } else if (request.mode === 'navigate') {
    // The app shell: fresh when online, the cached one when not.
    event.respondWith(fetch(request).catch(() => caches.match('/index.html')));
  }
});
