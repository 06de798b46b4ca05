/**
 * The snapshot entry (`dist/heatfunnel-snapshot.js`): the server answers it to
 * `SNAPSHOT_SCRIPT_PATH` only when it wants a snapshot of this page key and device class.
 * Once the page has settled it serialises the page (see take-snapshot.ts) and posts a
 * `SnapshotUpload` to the server it came from, gzipped when the browser can. It never
 * throws into the host page and sends nothing when the visitor has moved on to another page.
 */
import {
  GZIP_QUERY_FLAG,
  MAX_SNAPSHOT_BYTES,
  PROTOCOL_VERSION,
  SNAPSHOT_PATH,
  type SnapshotUpload,
} from '../protocol';
import { type Context, contextOf } from './context';
import { takeSnapshot } from './take-snapshot';

/** How long after the script runs (the page's load event has passed) the page counts as settled, ms. */
export const SETTLE_MS = 1000;

/** `body` as gzip when CompressionStream exists, else as it is. */
async function compress(body: string): Promise<{ data: BodyInit; gzip: boolean }> {
  if (typeof CompressionStream !== 'function') return { data: body, gzip: false };
  const stream = new Blob([body]).stream().pipeThrough(new CompressionStream('gzip'));
  return { data: await new Response(stream).blob(), gzip: true };
}

/** Serialises the page and posts it; resolves to the server's status (0: nothing sent). */
export async function sendSnapshot(origin: string, context: Context): Promise<number> {
  const taken = takeSnapshot(document);
  if (!taken || taken.json.length > MAX_SNAPSHOT_BYTES) return 0;
  const root = document.documentElement;
  const head: Omit<SnapshotUpload, 'sn'> = {
    ...context,
    v: PROTOCOL_VERSION,
    vw: innerWidth,
    vh: innerHeight,
    dw: root.scrollWidth,
    dh: Math.max(root.scrollHeight, document.body?.scrollHeight ?? 0),
    h: taken.h,
    ts: Date.now(),
  };
  // The tree is spliced in as already serialised: stringifying it twice would double the work.
  const body = `${JSON.stringify(head).slice(0, -1)},"sn":${taken.json}}`;
  if (new Blob([body]).size > MAX_SNAPSHOT_BYTES) return 0;
  const { data, gzip } = await compress(body);
  // text/plain keeps the request simple (no CORS preflight), as for batches.
  const response = await fetch(`${origin}${SNAPSHOT_PATH}${gzip ? `?${GZIP_QUERY_FLAG}=1` : ''}`, {
    method: 'POST',
    body: data,
    headers: { 'Content-Type': 'text/plain' },
  });
  return response.status;
}

/** Runs `fn` when the browser is idle (within 2 s), where it can tell; else soon. */
const whenIdle = (fn: () => void) =>
  typeof requestIdleCallback === 'function' ? requestIdleCallback(fn, { timeout: 2000 }) : setTimeout(fn, 0);

const script = document.currentScript as HTMLScriptElement | null;
const found = script && contextOf(script.src, location.href);
if (found) {
  // Serialising is one long task (about 100 ms for 2,000 elements on a busy machine): it waits
  // for the page to settle, then for an idle moment, not for the visitor's next interaction.
  setTimeout(
    () =>
      whenIdle(() => {
        // A route change since the page view: this is no longer the page the server was asked for.
        if (location.href !== found.page) return;
        sendSnapshot(found.origin, found.context).catch(() => {
          // Never into the host page: a lost snapshot is asked for again on a later visit.
        });
      }),
    SETTLE_MS,
  );
}
