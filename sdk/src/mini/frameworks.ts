/**
 * Taro 3 and uni-app route every event through one generic handler (`eh`, `__e`); the real
 * handler and node are recovered here so taps name what the shop wrote, not the framework.
 */

/** The tapped node as the tap capture records it. */
export interface TapNode {
  handler: string;
  id?: string;
  dataset: Record<string, unknown>;
}

/** Taro's runtime document (`import { document } from '@tarojs/runtime'`), as far as it is used. */
export interface TaroDocument {
  getElementById(id: string): {
    id?: string;
    props?: Record<string, unknown>;
    dataset?: Record<string, unknown>;
    __handlers?: Record<string, { name?: string }[]>;
  } | null;
}

// biome-ignore lint/suspicious/noExplicitAny: native event objects are untyped
type Any = any;

/** The real handler and node behind `handler` (a generic framework handler or a plain one). */
export function recoverNode(handler: string, event: Any, taro?: TaroDocument): TapNode {
  const target = event.currentTarget || {};
  const dataset = { ...target.dataset };
  let id: string | undefined = target.id;
  if (handler === '__e') {
    // uni-app (Vue 2): data-event-opts="[['tap', [['onBuy', ['$event']]]]]".
    const opts: Any[] = dataset.eventOpts || [];
    const match = opts.find((o) => String(o?.[0]).replace(/^[\^~]+/, '') === event.type) || opts[0];
    handler = match?.[1]?.[0]?.[0] || handler;
    delete dataset.eventOpts;
    delete dataset.comType;
  } else if (handler === 'eh' && taro && id) {
    // Taro 3: the node is Taro's own element with that id; its listeners are the real handlers.
    const node = taro.getElementById(id);
    const type = event.type === 'longpress' ? 'longpress' : 'tap';
    handler = node?.__handlers?.[type]?.[0]?.name?.replace(/^bound /, '') || handler;
    Object.assign(dataset, node?.dataset);
    id = node?.props?.id as string | undefined;
  }
  return { handler, id: id || undefined, dataset };
}
