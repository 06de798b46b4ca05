/**
 * Click capture: where on the document and where inside the element the click landed,
 * from one getBoundingClientRect read, plus the element's stable selector.
 */
import type { CoreClient, EventFields } from '../core/client';
import { fnv1a } from '../core/fnv1a';
import { MAX_CLICK_TEXT, MAX_KEY_LENGTH, MAX_URL_LENGTH } from '../protocol';
import { createClickFlags } from './click-flags';
import { type KindLevels, selectorOf } from './selector';

const round4 = (value: number) => Math.round(Math.min(1, Math.max(0, value)) * 1e4) / 1e4;

/**
 * True when `el` or an ancestor is fixed or sticky, so its page position moves with scrolling.
 * Only positioned boxes can be, and offsetParent climbs from one to the next: that skips the
 * static ancestors' computed styles (half the click's cost on deep pages). SVG elements have
 * no offsetParent and climb by parent.
 */
function isFixed(el: Element): boolean {
  for (
    let node: Element | null = el;
    node && node !== document.body;
    node = 'offsetParent' in node ? (node as HTMLElement).offsetParent : node.parentElement
  ) {
    const position = getComputedStyle(node).position;
    if (position === 'fixed' || position === 'sticky') return true;
  }
  return false;
}

/** The click event fields for a click `e` on `target`; `find` answers the selector's document search. */
export function clickFields(
  e: MouseEvent,
  target: Element,
  find: (kind: string) => KindLevels,
): EventFields<'click'> {
  const rect = target.getBoundingClientRect();
  const sel = selectorOf(target, find).slice(0, MAX_KEY_LENGTH);
  const link = target.closest('a[href]') as HTMLAnchorElement | null;
  return {
    x: Math.round(e.pageX),
    y: Math.round(e.pageY),
    sel,
    sh: fnv1a(sel),
    ex: rect.width ? round4((e.clientX - rect.left) / rect.width) : 0,
    ey: rect.height ? round4((e.clientY - rect.top) / rect.height) : 0,
    ew: Math.round(rect.width),
    eh: Math.round(rect.height),
    fx: isFixed(target) ? 1 : 0,
    href: link?.href.slice(0, MAX_URL_LENGTH),
  };
}

/**
 * Listens for clicks on the whole document (capture phase, so stopPropagation cannot hide
 * them); with `text`, clicks carry the element's visible text, except on form fields and
 * elements holding `data-hf-ignore` content.
 *
 * One MutationObserver watches the document from a click until its first change, which
 * wakes the held clicks (they did something) and drops the selector's document search
 * (`found`, elements of each kind and their ancestors), kept between clicks until then: a
 * page that stands still between clicks is searched once per kind, and a page that keeps
 * changing pays one observer call per click.
 */
export function captureClicks(client: CoreClient, text?: boolean): void {
  const flags = createClickFlags(client);
  const found = new Map<string, KindLevels>();
  let watching = false;
  const changed = () => {
    observer.disconnect();
    watching = false;
    found.clear();
    flags.wake();
  };
  const observer = new MutationObserver(changed);
  const find = (kind: string) => {
    let levels = found.get(kind);
    if (!levels) {
      levels = [[...document.querySelectorAll(kind)]];
      found.set(kind, levels);
    }
    return levels;
  };
  document.addEventListener(
    'click',
    client.wrap((e: MouseEvent) => {
      // Keyboard and script clicks (detail 0) have no position to put on a heatmap.
      if (!e.detail || !client.enabled()) return;
      const node = e.target as Node | null;
      const target = node && (node.nodeType === 1 ? (node as Element) : node.parentElement);
      if (!target || target.closest('[data-hf-ignore]')) return;
      // Changes made in this task are not reported yet: taken now, they count too.
      if (observer.takeRecords().length) changed();
      const click = client.event('click', clickFields(e, target, find));
      const field = !!target.closest(FORM_FIELDS);
      // Visible text, so innerText; read after the rect, layout is clean and this forces no
      // second layout. The server collapses inner whitespace (bytes here are scarcer).
      if (text && !field && !target.querySelector('[data-hf-ignore]'))
        // biome-ignore lint/performance/useDomNodeTextContent: the visible text is wanted, not hidden nodes'
        click.tx = (target as HTMLElement).innerText?.trim().slice(0, MAX_CLICK_TEXT) || undefined;
      // Form fields react by taking focus, which changes no DOM: never dead.
      flags.hold(click, field);
      if (!watching) {
        observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
        watching = true;
      }
    }),
    true,
  );
}

const FORM_FIELDS = 'input,select,textarea,label,[contenteditable]';
