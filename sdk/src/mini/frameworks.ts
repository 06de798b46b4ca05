/**
 * Taro 3 and uni-app route every event through generic handlers (`eh`, `__e`, `e0`, `e1`...);
 * the real handler and node are recovered here so taps name what the shop wrote, not the
 * framework.
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
    __handlers?: Record<string, unknown[]>;
  } | null;
}

// biome-ignore lint/suspicious/noExplicitAny: native event objects are untyped
type Any = any;

/** The name of a uni-app (Vue 3) invoker's handler: its function name, else the method an inline handler calls. */
export function handlerName(value: unknown): string | undefined {
  const fn: Any = Array.isArray(value) ? value[0] : value;
  if (typeof fn !== 'function') return undefined;
  // Options API methods are bound ("bound onBuy"); `@tap="onBuy(sku, $event)"` compiles to
  // `$event => _ctx.onBuy(sku, $event)`, which has no name but calls one.
  return fn.name.replace(/^bound /, '') || /\.([\w$]+)\(/.exec(String(fn))?.[1];
}

/**
 * The real handler and node behind `handler` (a generic framework handler or a plain one),
 * called on instance `inst`.
 */
export function recoverNode(handler: string, event: Any, taro?: TaroDocument, inst?: Any): TapNode {
  // Alipay's events have no currentTarget: their target carries the bound node's dataset.
  const target = event.currentTarget || event.target || {};
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
    handler = handlerName(node?.__handlers?.[type]) || handler;
    Object.assign(dataset, node?.dataset);
    id = node?.props?.id as string | undefined;
  } else if (/^e\d/.test(handler)) {
    // uni-app (Vue 3): `bindtap="{{a}}"` names an invoker `e<n>` that vOn put on the instance
    // with the real handler in `.value` (dcloudio/uni-app packages/uni-mp-vue/src/helpers/vOn.ts).
    handler = handlerName(inst?.[handler]?.value) || handler;
  }
  return { handler, id: id || undefined, dataset };
}
