/**
 * Rebuilds a stored page snapshot (rrweb-snapshot's serialised document) into a fresh
 * iframe sandboxed to `allow-same-origin` only: the viewer can read and measure the
 * document, but nothing in it runs. rrweb-snapshot turns <script> into <noscript> and
 * renames inline handlers besides, and the sandbox refuses scripts of any kind.
 */
import { createCache, createMirror, rebuildIntoSandboxedIframe } from 'rrweb-snapshot';

type SerialisedNode = Parameters<typeof rebuildIntoSandboxedIframe>[0];

/** Style added to every rebuilt page: former scripts stay invisible, as they were on the page. */
const REBUILT_CSS = 'noscript { display: none !important; }';

/** Is `node` the serialised document rrweb-snapshot makes (type 0 with child nodes)? */
function isSerialisedDocument(node: unknown): node is SerialisedNode {
  const n = node as { type?: unknown; childNodes?: unknown } | null;
  return typeof n === 'object' && n !== null && n.type === 0 && Array.isArray(n.childNodes);
}

/**
 * Appends to `root` an iframe holding the rebuilt `node`, with `attributes` (its sandbox is
 * always exactly `allow-same-origin`); `url` is the page's address, against which relative
 * addresses in the snapshot (images, fonts) resolve. Throws when `node` is not a snapshot.
 */
export function rebuildSnapshot(
  root: HTMLElement,
  node: unknown,
  url: string,
  attributes: Record<string, string>,
): HTMLIFrameElement {
  if (!isSerialisedDocument(node)) {
    throw new Error('the stored snapshot is not a serialised document (rrweb-snapshot node of type 0)');
  }
  const { iframe } = rebuildIntoSandboxedIframe(node, {
    root,
    iframeAttributes: attributes,
    cache: createCache(),
    mirror: createMirror(),
    hackCss: true,
  });
  const doc = iframe.contentDocument;
  if (!doc) throw new Error('the snapshot frame has no document');
  const head = doc.head ?? doc.documentElement.insertBefore(doc.createElement('head'), doc.body);
  const style = doc.createElement('style');
  style.textContent = REBUILT_CSS;
  head.append(style);
  if (/^https?:/.test(url) && !doc.querySelector('base[href]')) {
    const base = doc.createElement('base');
    base.href = url;
    head.prepend(base);
  }
  doc.close();
  return iframe;
}
