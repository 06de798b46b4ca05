/**
 * Screenshots an analyst chose as backdrops, kept in this browser's IndexedDB per site and
 * page, so they are still there after a reload (and in other tabs); never uploaded. Where
 * IndexedDB is unavailable (blocked storage, some private windows) every call still settles:
 * reads find nothing and writes are skipped, so a screenshot then lasts as long as the tab.
 */
const DB_NAME = 'heatfunnel-viewer';
const STORE = 'screenshots';

let opening: Promise<IDBDatabase | null> | undefined;

/** The database, made on first use; null when this browser will not open it. */
function database(): Promise<IDBDatabase | null> {
  opening ??= new Promise((resolve) => {
    try {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(null);
      request.onblocked = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
  return opening;
}

/** Runs `act` on the store in one transaction; resolves with its request's result (undefined on failure). */
async function run<T>(
  mode: IDBTransactionMode,
  act: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T | undefined> {
  const db = await database();
  if (!db) return undefined;
  return new Promise((resolve) => {
    try {
      const request = act(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => {
        console.warn('heatfunnel viewer: the screenshot store failed', request.error);
        resolve(undefined);
      };
    } catch (error) {
      console.warn('heatfunnel viewer: the screenshot store failed', error);
      resolve(undefined);
    }
  });
}

/** The key a screenshot is kept under: its site and page key. */
export const screenshotKey = (site: string, page: string): string => `${site}|${page}`;

/** The screenshot kept under `key`, or null. */
export async function loadScreenshot(key: string): Promise<Blob | null> {
  const value = await run('readonly', (store) => store.get(key));
  return value instanceof Blob ? value : null;
}

/** Keeps `image` under `key`, replacing what was there. */
export async function saveScreenshot(key: string, image: Blob): Promise<void> {
  await run('readwrite', (store) => store.put(image, key));
}

/** Forgets the screenshot kept under `key`. */
export async function removeScreenshot(key: string): Promise<void> {
  await run('readwrite', (store) => store.delete(key));
}
