/**
 * Wraps the runtime's `Page`, `Component` and `Behavior` once, so every page and component
 * registered afterwards reports its lifecycle, taps, shares and (opt-in) scroll to the tracker.
 */
import type { Tracker } from './track';

// biome-ignore lint/suspicious/noExplicitAny: definitions and instances are untyped
type Any = any;
type Fn = ((this: Any, ...args: Any[]) => Any) & { __hf?: number; value?: unknown };

/** Names that are lifecycles or framework callbacks, never handlers of a user's tap. */
const NOT_HANDLERS = new Set(
  (
    'onLoad,onShow,onReady,onHide,onUnload,onPullDownRefresh,onReachBottom,onShareAppMessage,onShareTimeline,' +
    'onAddToFavorites,onPageScroll,onResize,onTabItemTap,onSaveExitState,onInit,didMount,didUpdate,didUnmount,' +
    'deriveDataFromProps,created,attached,ready,moved,detached,error,observers'
  ).split(','),
);

let tracker: Tracker | undefined;

/** Points the wrappers at `next` (undefined: they only pass through). */
export function setTracker(next: Tracker | undefined): void {
  tracker = next;
}

/** Runs `fn` on the tracker, never letting it throw into the page. */
function report(fn: (t: Tracker) => void): void {
  try {
    if (tracker) fn(tracker);
  } catch {
    // The shop's page must never notice the SDK.
  }
}

/**
 * The native event among `args`: the first argument, else the last (frameworks pass it last).
 * An event has a `type` and a `currentTarget`, or on Alipay only a `target` (whose `dataset`
 * is the bound node's, `targetDataset` the tapped one's).
 */
export function eventArg(args: Any[]): Any {
  const isEvent = (a: Any) =>
    a && typeof a === 'object' && typeof a.type === 'string' && (a.currentTarget || a.target);
  if (isEvent(args[0])) return args[0];
  return isEvent(args[args.length - 1]) ? args[args.length - 1] : undefined;
}

const handler = (name: string, fn: Fn): Fn => {
  if (fn.__hf) return fn;
  const wrapped: Fn = function (...args) {
    const event = eventArg(args);
    if (event) report((t) => t.tap(name, event, this));
    return fn.apply(this, args);
  };
  wrapped.__hf = 1;
  return wrapped;
};

/**
 * uni-app (Vue 3) binds template events to invokers `e0`, `e1`... that its `vOn` puts on the
 * mini-program instance while rendering, not in the definition (dcloudio/uni-app
 * packages/uni-mp-vue/src/helpers/vOn.ts: `mpInstance[name] = createInvoker(value)`, a later
 * render sets `invoker.value`), and each render ends in `setData`. So before the lifecycle
 * that makes the Vue instance, `setData` is replaced: each call first wraps the invokers it
 * has not seen; a re-render sets the wrapper's `value`, which it hands to the invoker on each
 * call. uni-app swaps `setData` too (packages/uni-mp-core/src/runtime/fixSetData.ts defers
 * the first calls, then restores the function it found: ours, put in first).
 */
function hookSetData(inst: Any): void {
  const setData: Fn = inst.setData;
  if (!setData || setData.__hf) return;
  const hooked: Fn = function (this: Any, ...data: Any[]) {
    for (const key of Object.keys(this)) {
      const fn: Fn = this[key];
      if (/^e\d/.test(key) && fn?.value && !fn.__hf) {
        const wrapped: Fn = handler(key, function (this: Any, ...a: Any[]) {
          fn.value = wrapped.value;
          return fn.apply(this, a);
        });
        wrapped.value = fn.value;
        this[key] = wrapped;
      }
    }
    return setData.apply(this, data);
  };
  hooked.__hf = 1;
  inst.setData = hooked;
}

/**
 * `target` with each lifecycle of `keys` it defines first hooking `setData` (the first to
 * run wins). Where uni-app makes the Vue instance: `lifetimes.attached` on WeChat and Douyin
 * (packages/uni-mp-weixin, uni-mp-toutiao/src/runtime/componentLifetimes.ts), Baidu's
 * `lifetimes.onInit` before it (uni-mp-baidu/src/runtime/parseComponentOptions.ts), Alipay
 * components' `onInit`/`didMount` and Alipay pages' `onLoad` (uni-mp-alipay/src/runtime/
 * createComponent.ts, createPage.ts: Alipay pages are `Page`s).
 */
function hookBefore(target: Any, keys: string[]): Any {
  const out = { ...target };
  for (const key of keys) {
    const fn: Fn = out[key];
    if (typeof fn === 'function')
      out[key] = function (this: Any, ...args: Any[]) {
        hookSetData(this);
        // Baidu hands a Component page its query in lifetimes.onInit, before onShow (which it
        // runs before onLoad); the other hooked lifecycles get none, or the same as onLoad.
        if (args[0]) report((t) => t.load(this, args[0]));
        return fn.apply(this, args);
      };
  }
  return out;
}

/** Every function of `methods` that is not a lifecycle, wrapped as a tap handler. */
function wrapHandlers(methods: Any): Any {
  const out = { ...methods };
  for (const key in out)
    if (typeof out[key] === 'function' && !NOT_HANDLERS.has(key)) out[key] = handler(key, out[key]);
  return out;
}

/** `methods` with page lifecycles, share and opt-in scroll reported (the originals still run). */
function wrapPageMethods(methods: Any, scroll: boolean): Any {
  const out = wrapHandlers(methods);
  const before = (key: string, fn: (t: Tracker, inst: Any, args: Any[]) => void) => {
    const original: Fn | undefined = out[key];
    out[key] = function (this: Any, ...args: Any[]) {
      report((t) => fn(t, this, args));
      return original?.apply(this, args);
    };
  };
  before('onLoad', (t, inst, [query]) => t.load(inst, query));
  before('onShow', (t, inst) => t.show(inst, scroll));
  before('onHide', (t, inst) => t.hide(inst));
  before('onUnload', (t, inst) => t.hide(inst));
  // Injected only on request: each onPageScroll costs a view-to-logic round trip per scroll.
  if (scroll) before('onPageScroll', (t, inst, [event]) => t.scroll(inst, event?.scrollTop || 0));
  // Wrapped only where defined: defining them turns on the page's share menu.
  for (const [key, kind] of [
    ['onShareAppMessage', 'message'],
    ['onShareTimeline', 'timeline'],
  ] as const) {
    const original: Fn | undefined = methods[key];
    if (typeof original === 'function')
      out[key] = function (this: Any, ...args: Any[]) {
        const result = original.apply(this, args);
        let tagged = result;
        report((t) => {
          tagged = t.share(this, kind, result, args[0]?.from);
        });
        return tagged;
      };
  }
  return out;
}

/** Wraps `Page`, `Component` and `Behavior` in `scope`, once; returns false when already done. */
export function wrapConstructors(scope: Any): boolean {
  const wrap = (name: string, change: (def: Any) => Any) => {
    const original: Fn | undefined = scope[name];
    if (typeof original !== 'function' || original.__hf) return;
    const wrapped: Fn = function (this: Any, def: Any, ...rest: Any[]) {
      let changed = def;
      try {
        if (def && typeof def === 'object') changed = change(def);
      } catch {
        changed = def;
      }
      return original.call(this, changed, ...rest);
    };
    wrapped.__hf = 1;
    scope[name] = wrapped;
  };
  if (scope.Page?.__hf) return false;
  // Alipay's uni-app pages are `Page`s with `__l` at the top.
  wrap('Page', (def) => {
    const out = wrapPageMethods(def, !!def.hfScroll);
    return def.__l ? hookBefore(out, ['onLoad']) : out;
  });
  // A Component may be a page (uni-app, Taro, `Component` pages): page lifecycles live in methods.
  wrap('Component', (def) => {
    const methods = def.methods || {};
    let out = { ...def, methods: wrapPageMethods(methods, !!def.hfScroll) };
    // uni-app puts `__l` in every component's methods (Baidu: in `messages`).
    if (methods.__l || def.messages?.__l) {
      out = hookBefore(out, ['onInit', 'didMount']);
      out.lifetimes = hookBefore(def.lifetimes, ['onInit', 'attached']);
    }
    return out;
  });
  wrap('Behavior', (def) => (def.methods ? { ...def, methods: wrapHandlers(def.methods) } : def));
  return true;
}
