/**
 * The page as rrweb-snapshot serialises it for a heatmap backdrop: inputs masked, scripts
 * and comments left out, `data-hf-ignore` subtrees blocked (kept as empty boxes of their
 * size), and inline event handlers and `javascript:` URLs removed, so the rebuilt page
 * cannot run anything even where a viewer forgot its sandbox.
 */
import { snapshot } from 'rrweb-snapshot';
import { fnv1a } from '../core/fnv1a';

/** rrweb-snapshot's serialised node (its type lives in @rrweb/types, not a dependency here). */
export type SerializedNode = NonNullable<ReturnType<typeof snapshot>>;

/** A serialised document, its JSON and that JSON's FNV-1a hash (the upload's `sn`, body and `h`). */
export interface TakenSnapshot {
  sn: SerializedNode;
  json: string;
  h: string;
}

type Attributes = Record<string, unknown>;

/** Removes `on*` attributes and `javascript:` URLs from every element of `node`, in place. */
export function scrub(node: SerializedNode): void {
  const attributes = (node as { attributes?: Attributes }).attributes;
  if (attributes) {
    for (const name of Object.keys(attributes)) {
      const value = attributes[name];
      if (/^on/i.test(name) || (typeof value === 'string' && /^\s*javascript:/i.test(value))) {
        delete attributes[name];
      }
    }
  }
  for (const child of (node as { childNodes?: SerializedNode[] }).childNodes ?? []) scrub(child);
}

/** Serialises `doc`; undefined when rrweb-snapshot cannot (no document element). */
export function takeSnapshot(doc: Document): TakenSnapshot | undefined {
  const sn = snapshot(doc, {
    maskAllInputs: true,
    blockSelector: '[data-hf-ignore]',
    slimDOM: { script: true, comment: true, headFavicon: true, headWhitespace: true },
    inlineStylesheet: true,
  });
  if (!sn) return undefined;
  scrub(sn);
  const json = JSON.stringify(sn);
  return { sn, json, h: fnv1a(json) };
}
