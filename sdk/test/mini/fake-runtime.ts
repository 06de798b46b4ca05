/**
 * A faithful, stateful fake of a mini-program runtime (wx, my, tt, swan) for tests: storage
 * with the platform's per-key limit, requests answered as scripted, app show/hide and network
 * emitters, Page/Component/Behavior registries that run lifecycles in the platform's order,
 * and taps delivered to bound handlers shaped as the platform shapes them. Timers are vitest's
 * fake timers (the SDK uses the global setTimeout, as mini-programs have it).
 */
import type { Batch } from '../../src/protocol';

// biome-ignore lint/suspicious/noExplicitAny: runtime objects are untyped
type Any = any;

export type ApiName = 'wx' | 'my' | 'tt' | 'swan';

/** Bytes one storage key may hold, per platform (NOTES.md). */
export const PER_KEY_LIMIT: Record<ApiName, number> = {
  wx: 1_048_576,
  tt: 1_048_576,
  swan: 1_048_576,
  my: 200 * 1024,
};

/** A request the SDK made, and how to answer it. */
export interface FakeRequest {
  url: string;
  method: string;
  data: string;
  headers: Record<string, string>;
  /** The batch the body carries. */
  batch: Batch;
  answered: boolean;
  respond(status: number | 'fail', headers?: Record<string, string>): void;
}

/** A node of a page's template: where it is, what it carries and which handlers it binds. */
export interface FakeNode {
  id?: string;
  dataset?: Record<string, unknown>;
  /** Page coordinates of its box. */
  left: number;
  top: number;
  width: number;
  height: number;
  /** Handler names bound to `tap` / `longpress` (bubbling), innermost first is the caller's job. */
  bind: { tap?: string; longpress?: string };
  /** Handler names on the ancestors the tap bubbles to (same page or component instance). */
  parents?: { id?: string; dataset?: Record<string, unknown>; bind: { tap?: string; longpress?: string } }[];
  /** The component instance (from `mount`) whose methods handle it, instead of the page. */
  owner?: Any;
}

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

/** Installs a fake runtime named `name` on globalThis; `uninstall` removes it. */
export function installRuntime(
  name: ApiName,
  {
    width = 375,
    height = 667,
    enter = { scene: 1001, query: {} as Record<string, unknown>, path: '' } as Any,
    /** What storage holds at start (an earlier run of the app). */
    stored = new Map<string, string>(),
  } = {},
) {
  const alipay = name === 'my';
  const storage = new Map(stored);
  const requests: FakeRequest[] = [];
  const showFns: ((o: Any) => void)[] = [];
  const hideFns: (() => void)[] = [];
  const netFns: ((o: Any) => void)[] = [];
  /** Scripted answers, first in first out; when empty, requests are answered 200. */
  const script: (number | 'fail' | { status: number; headers: Record<string, string> })[] = [];
  let auto = true;
  const pages = new Map<string, Any>();
  const components = new Map<string, Any>();
  const stack: Any[] = [];
  let registering = '';
  let clock = 0;
  const privacyCalls: string[] = [];

  const put = (key: string, data: unknown) => {
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    if (utf8(key) + utf8(text) > PER_KEY_LIMIT[name])
      throw new Error(`setStorageSync:fail exceed storage item max length`);
    storage.set(key, text);
  };
  const api: Any = {
    request(o: Any) {
      const headers = alipay ? o.headers : o.header;
      const req: FakeRequest = {
        url: o.url,
        method: o.method,
        data: o.data,
        headers,
        batch: JSON.parse(o.data),
        answered: false,
        respond(status, answerHeaders = {}) {
          if (req.answered) throw new Error('answered twice');
          req.answered = true;
          if (status === 'fail') o.fail?.({ errMsg: 'request:fail', error: 12 });
          else if (alipay) o.success?.({ status, headers: answerHeaders, data: '{}' });
          else o.success?.({ statusCode: status, header: answerHeaders, data: '{}' });
          o.complete?.({});
        },
      };
      requests.push(req);
      if (auto) {
        const next = script.shift() ?? 200;
        setTimeout(() => {
          if (typeof next === 'object') req.respond(next.status, next.headers);
          else req.respond(next);
        }, 50);
      }
      return { abort() {} };
    },
    onAppShow: (fn: Any) => showFns.push(fn),
    onAppHide: (fn: Any) => hideFns.push(fn),
    onNetworkStatusChange: (fn: Any) => netFns.push(fn),
    getEnterOptionsSync: () => ({ ...enter }),
    getLaunchOptionsSync: () => ({ ...enter }),
    createSelectorQuery: () => {
      const q: Any = {
        selectViewport: () => q,
        scrollOffset(cb: Any) {
          q.cb = cb;
          return q;
        },
        exec() {
          const page = stack[stack.length - 1];
          setTimeout(
            () => q.cb({ scrollTop: page?.__scrollTop ?? 0, scrollHeight: page?.__height ?? height }),
            5,
          );
        },
      };
      return q;
    },
    // Privacy-gated APIs: the SDK must not call them by default.
    getLocation: () => privacyCalls.push('getLocation'),
    getUserProfile: () => privacyCalls.push('getUserProfile'),
    getClipboardData: () => privacyCalls.push('getClipboardData'),
  };
  if (alipay) {
    api.getStorageSync = ({ key }: Any) => ({ data: storage.has(key) ? storage.get(key) : null });
    api.setStorageSync = ({ key, data }: Any) => {
      try {
        put(key, data);
        return { success: true };
      } catch {
        return { success: false, error: 15, errorMessage: 'exceed storage item max length' };
      }
    };
    api.removeStorageSync = ({ key }: Any) => storage.delete(key);
  } else {
    api.getStorageSync = (key: string) => storage.get(key) ?? '';
    api.setStorageSync = (key: string, data: unknown) => put(key, data);
    api.removeStorageSync = (key: string) => storage.delete(key);
  }
  if (name === 'wx') api.getWindowInfo = () => ({ windowWidth: width, windowHeight: height, pixelRatio: 2 });
  else api.getSystemInfoSync = () => ({ windowWidth: width, windowHeight: height, platform: 'ios' });

  const call = (inst: Any, key: string, ...args: Any[]) => {
    const fn = inst.__def[key];
    return typeof fn === 'function' ? fn.apply(inst, args) : undefined;
  };
  // Route fields: `route` (WeChat, Alipay; Baidu's docs: `getCurrentPages()[n].route`),
  // `__route__` (Douyin: uni-mp-toutiao/src/runtime/componentLifetimes.ts copies it to `route`).
  const routeField = name === 'tt' ? '__route__' : 'route';

  const Page = (def: Any) => {
    pages.set(registering, { def, component: false });
  };
  const Component = (def: Any) => {
    const merged = { ...def, methods: { ...def.methods } };
    for (const b of def.behaviors || []) merged.methods = { ...b.methods, ...merged.methods };
    if (registering.startsWith('page:')) pages.set(registering.slice(5), { def: merged, component: true });
    else components.set(registering, merged);
  };
  const Behavior = (def: Any) => ({ ...def, __behavior: true });
  const globals = { [name]: api, Page, Component, Behavior, getCurrentPages: () => [...stack] };
  Object.assign(globalThis, globals);
  // Mini-program engines have no `crypto` global (WeChat's getRandomValues is asynchronous):
  // hidden, so ids are made as they are there.
  const cryptoGlobal = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
  Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true, writable: true });

  /**
   * Runs the lifecycles a platform runs as a component instance is made. Alipay: top-level
   * `onInit` (component2) then `didMount`, no `lifetimes`. Others: `lifetimes.created`, then
   * `attached`; Baidu (base library 3.260+) runs `lifetimes.onInit` with the page query
   * between them (dcloudio/uni-app packages/uni-mp-baidu/src/runtime/parseComponentOptions.ts
   * relies on that order).
   */
  const made = (def: Any, inst: Any, query?: Record<string, unknown>) => {
    if (alipay) {
      def.onInit?.call(inst);
      def.didMount?.call(inst);
      return;
    }
    def.lifetimes?.created?.call(inst);
    if (name === 'swan') def.lifetimes?.onInit?.call(inst, query);
    def.lifetimes?.attached?.call(inst);
  };
  const instantiate = (route: string, query: Record<string, unknown>) => {
    const entry = pages.get(route);
    if (!entry) throw new Error(`no page registered at ${route}`);
    if (entry.component && alipay) throw new Error('Alipay pages are made with Page (uni-app does so too)');
    const source = entry.component ? entry.def.methods : entry.def;
    const inst: Any = { data: { ...(entry.def.data || {}) }, __def: source, __component: entry.component };
    // Baidu: a Component page's instance is the component; the page behind it, with the
    // route, is its `pageinstance`, and the query comes with lifetimes.onInit and onLoad
    // (uni-mp-baidu/src/runtime/parseComponentOptions.ts, parsePageOptions.ts rely on both).
    if (name === 'swan' && entry.component) inst.pageinstance = { route };
    else Object.assign(inst, { [routeField]: route, options: query });
    for (const key in source) if (typeof source[key] === 'function') inst[key] = source[key];
    inst.setData = (d: Any) => Object.assign(inst.data, d);
    // A page made with Component is attached (its lifetimes run) before onLoad.
    if (entry.component) made(entry.def, inst, query);
    return inst;
  };
  const parse = (url: string) => {
    const [path, qs = ''] = url.replace(/^\//, '').split('?');
    const query: Record<string, string> = {};
    for (const pair of qs.split('&').filter(Boolean)) {
      const [k, v = ''] = pair.split('=');
      query[decodeURIComponent(k as string)] = decodeURIComponent(v);
    }
    return { route: path as string, query };
  };
  const open = (url: string) => {
    const { route, query } = parse(url);
    const inst = instantiate(route, query);
    stack.push(inst);
    // Baidu runs a Component page's methods.onShow before its methods.onLoad (uni-app's
    // packages/uni-mp-baidu/src/runtime/parseComponentOptions.ts works around that order).
    const swanComponent = name === 'swan' && inst.__component;
    if (!swanComponent) call(inst, 'onLoad', query);
    call(inst, 'onShow');
    if (swanComponent) call(inst, 'onLoad', query);
    call(inst, 'onReady');
    return inst;
  };

  const rt = {
    name,
    api,
    storage,
    requests,
    privacyCalls,
    /** Answers the next requests with these statuses (then 200 again). */
    script: (...answers: typeof script) => script.push(...answers),
    /** Stops answering requests by itself: the test answers each with `respond`. */
    manual() {
      auto = false;
    },
    /** Registers a page definition at `route`, as the page's file would (`Page` or `Component`). */
    page(route: string, define: () => void, asComponent = false) {
      registering = asComponent ? `page:${route}` : route;
      define();
      registering = '';
    },
    /** Registers a custom component at `path`. */
    component(path: string, define: () => void) {
      registering = path;
      define();
      registering = '';
    },
    /** Instance of component `path` inside the current page, its creation lifecycles run. */
    mount(path: string) {
      const def = components.get(path);
      const inst: Any = { data: { ...(def.data || {}) }, is: path, __def: def.methods };
      if (alipay) inst.props = { ...def.props };
      for (const key in def.methods) inst[key] = def.methods[key];
      inst.setData = (d: Any) => Object.assign(inst.data, d);
      made(def, inst);
      return inst;
    },
    /** App launch: app onShow listeners get the enter options, then the entry page opens. */
    launch(url: string) {
      for (const fn of showFns) fn({ ...enter });
      return open(url);
    },
    /** navigateTo: the current page hides, the new one loads and shows (or the other way round). */
    navigateTo(url: string, { hideFirst = true } = {}) {
      const prev = stack[stack.length - 1];
      if (hideFirst) call(prev, 'onHide');
      const inst = open(url);
      if (!hideFirst) call(prev, 'onHide');
      return inst;
    },
    /** redirectTo: the current page unloads, the new one loads and shows. */
    redirectTo(url: string) {
      call(stack.pop(), 'onUnload');
      return open(url);
    },
    /** navigateBack: the current page unloads, the one below shows again. */
    navigateBack() {
      call(stack.pop(), 'onUnload');
      const inst = stack[stack.length - 1];
      call(inst, 'onShow');
      return inst;
    },
    /** The user leaves the app: the page hides, then app onHide listeners run. */
    hide() {
      call(stack[stack.length - 1], 'onHide');
      for (const fn of hideFns) fn();
    },
    /** The user comes back (scene `scene`): app onShow listeners, then the page shows. */
    show(options: Any = { scene: 1089, query: {} }) {
      for (const fn of showFns) fn(options);
      call(stack[stack.length - 1], 'onShow');
    },
    /** The network drops or returns. */
    network(isConnected: boolean) {
      for (const fn of netFns) fn({ isConnected, networkType: isConnected ? 'wifi' : 'none' });
    },
    /** The user scrolls the current page to `top` (onPageScroll runs when the page defines it). */
    scroll(top: number) {
      const page = stack[stack.length - 1];
      page.__scrollTop = top;
      call(page, 'onPageScroll', { scrollTop: top });
    },
    /** Sets the current page's content height, as a selector query would report it. */
    setHeight(h: number) {
      stack[stack.length - 1].__height = h;
    },
    /**
     * The user taps `node` at viewport point (clientX, clientY) while the page is scrolled to
     * `scrollTop`: the event goes to the bound handler, then bubbles to the parents' handlers.
     */
    tap(node: FakeNode, clientX: number, clientY: number, { long = false, args = [] as Any[] } = {}) {
      const page = stack[stack.length - 1];
      const scrollTop = page.__scrollTop ?? 0;
      const pageX = clientX;
      const pageY = clientY + scrollTop;
      clock += 700;
      const type = long ? (alipay ? 'longTap' : 'longpress') : 'tap';
      const target = {
        id: node.id ?? '',
        dataset: { ...node.dataset },
        offsetLeft: node.left,
        offsetTop: node.top,
      };
      const touch = { identifier: 0, pageX, pageY, clientX, clientY };
      const owner = node.owner ?? page;
      const chain = [{ id: node.id, dataset: node.dataset, bind: node.bind }, ...(node.parents || [])];
      const results: unknown[] = [];
      for (const level of chain) {
        const handler = long ? level.bind.longpress : level.bind.tap;
        if (!handler) continue;
        const currentTarget = {
          id: level.id ?? '',
          dataset: { ...level.dataset },
          offsetLeft: node.left,
          offsetTop: node.top,
        };
        // WeChat, Douyin and Baidu: type, timeStamp, target, currentTarget, detail { x, y } (page
        // point), touches and changedTouches { pageX/Y, clientX/Y } (Douyin's reference "TTML-事件"
        // shows the same object as WeChat's). Alipay's event has no currentTarget and no detail: its target names the tapped node
        // but carries the bound node's dataset, the tapped one's in targetDataset (Alipay's
        // "事件对象" reference: BaseEvent type, timeStamp, target { id, tagName, dataset,
        // targetDataset }; TouchEvent touches, changedTouches).
        const event: Any = alipay
          ? {
              type,
              timeStamp: clock,
              target: {
                ...target,
                tagName: 'view',
                dataset: currentTarget.dataset,
                targetDataset: target.dataset,
              },
              touches: [touch],
              changedTouches: [touch],
            }
          : {
              type,
              timeStamp: clock,
              target,
              currentTarget,
              detail: { x: pageX, y: pageY },
              touches: [touch],
              changedTouches: [touch],
              mark: {},
            };
        results.push(owner[handler](...args, event));
      }
      return results;
    },
    /** The user shares the current page from the menu (or a share button: `from: 'button'`). */
    share(kind: 'message' | 'timeline' = 'message', from = 'menu') {
      const page = stack[stack.length - 1];
      return call(page, kind === 'message' ? 'onShareAppMessage' : 'onShareTimeline', { from });
    },
    /** Current page instance. */
    current: () => stack[stack.length - 1],
    /** Every event of every batch sent so far, in order. */
    events: () => requests.flatMap((r) => r.batch.e),
    uninstall() {
      for (const key of Object.keys(globals)) delete (globalThis as Any)[key];
      if (cryptoGlobal) Object.defineProperty(globalThis, 'crypto', cryptoGlobal);
    },
  };
  return rt;
}

/** A fake runtime's interface. */
export type Runtime = ReturnType<typeof installRuntime>;
