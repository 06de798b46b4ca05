/**
 * The payload generator shared by every scenario: batches shaped like the SDK's, with
 * page views, clicks on element selectors, scroll depth and attention, funnel steps,
 * custom and identify events; sizes from 1 to 50; optionally one malformed event.
 *
 * Field names, types and limits come from sdk/src/protocol.ts, imported directly (k6
 * runs TypeScript), so a change to the protocol breaks `tsc` here, not a load run.
 */
import {
  ATTENTION_BANDS,
  type Batch,
  type BatchAccepted,
  type BatchError,
  EventType,
  Platform,
  PROTOCOL_VERSION,
  RejectReason,
  type WireEvent,
} from '../../../sdk/src/protocol.ts';
import { fnv1a, uuidV7Factory } from './ids.ts';
import { BREAKAGES } from './malformed.ts';
import { pick, pickWeighted, seededRandom } from './random.ts';
import { FUNNEL, PAGES } from './shop.ts';
import { documentSize, navigate, newVisitor, pageKey, type Visitor } from './visitor.ts';

export interface GeneratorOptions {
  /** The site's write key, sent as every batch's `k` (the site key until `sites rotate-key`). */
  writeKey: string;
  /** Marks every anonymous and session id of this run (`<tag>:...`), so the store check finds them. */
  tag: string;
  /** Distinguishes generators of one run (the k6 VU number); 0..65535. */
  instance: number;
  seed?: number;
  now?: () => number;
  /** Concurrent visitors each generator cycles through. */
  visitors?: number;
  /** Make template ids with an `ID_SLOT` for `fillIds` (see ids.ts). */
  templateIds?: boolean;
}

/** Batch size: a fixed count, or `'mixed'` for the SDK-like spread from 1 to 50. */
export type BatchSize = number | 'mixed';

/** What the server must answer to a generated batch. */
export interface Expected {
  status: 200 | 400;
  accepted: number;
  rejected: { index: number; reason: RejectReason }[];
}

export interface GeneratedBatch {
  batch: Batch;
  expected: Expected;
}

const TYPE_WEIGHTS: [EventType, number][] = [
  [EventType.click, 55],
  [EventType.pageview, 14],
  [EventType.scroll, 14],
  [EventType.step, 10],
  [EventType.custom, 5],
  [EventType.identify, 2],
];

const SIZE_WEIGHTS: [[number, number], number][] = [
  [[1, 5], 40],
  [[6, 20], 35],
  [[21, 50], 25],
];

/** Creates a generator; each call of `next` returns one batch from one visitor. */
export function createGenerator({
  writeKey,
  tag,
  instance,
  seed = instance * 7919 + 1,
  now = Date.now,
  visitors = 20,
  templateIds = false,
}: GeneratorOptions) {
  const random = seededRandom(seed);
  const uuid = uuidV7Factory(instance, random, { slot: templateIds });
  let serial = 0;
  const pool: Visitor[] = [];
  const visitorTag = `${tag}:${instance.toString(36)}`;

  const visitorFor = (): Visitor => {
    const slot = Math.floor(random() * visitors);
    const current = pool[slot];
    // Visitors leave after a while; a fresh one takes the slot with new ids.
    if (!current || random() < 0.05) pool[slot] = newVisitor(visitorTag, serial++, random);
    return pool[slot] as Visitor;
  };

  const sizeOf = (size: BatchSize): number => {
    if (typeof size === 'number') return size;
    const [min, max] = pickWeighted(SIZE_WEIGHTS, random);
    return min + Math.floor(random() * (max - min + 1));
  };

  const base = (v: Visitor, ts: number) => {
    const [dw, dh] = documentSize(v);
    return {
      id: uuid(ts),
      ts,
      a: v.anon,
      ...(v.user ? { u: v.user } : {}),
      s: v.session,
      p: v.platform,
      url: v.url,
      pk: pageKey(v),
      ...(v.channel ? { ch: v.channel } : {}),
      vw: v.vw,
      vh: v.vh,
      dw,
      dh,
    };
  };

  const click = (v: Visitor, ts: number): WireEvent[] => {
    const element = pick(PAGES[v.page].elements, random);
    const [dw] = documentSize(v);
    const scale = dw / 1280;
    const [left, top, width, height] = element.box.map((n) => Math.max(1, Math.round(n * scale))) as [
      number,
      number,
      number,
      number,
    ];
    const ex = Math.round(random() * 1000) / 1000;
    const ey = Math.round(random() * 1000) / 1000;
    const event: WireEvent = {
      ...base(v, ts),
      t: EventType.click,
      x: Math.min(dw, left + Math.round(ex * width)),
      y: top + Math.round(ey * height),
      sel: element.sel,
      sh: fnv1a(element.sel),
      ex,
      ey,
      ew: width,
      eh: height,
      ...(element.fixed ? { fx: 1 as const } : {}),
      ...(random() < 0.02 ? { rg: 1 as const } : {}),
      ...(!element.href && random() < 0.03 ? { dd: 1 as const } : {}),
      ...(element.href ? { href: element.href } : {}),
    };
    const events: WireEvent[] = [event];
    if (element.step) events.push(step(v, ts, element.step));
    return events;
  };

  const step = (v: Visitor, ts: number, name: string): WireEvent => ({
    ...base(v, ts),
    t: EventType.step,
    f: FUNNEL,
    st: name,
    pr: { sku: `SKU-${v.productId}`, price: 99 + (v.productId % 50) * 10, currency: 'CNY' },
  });

  const scroll = (v: Visitor, ts: number): WireEvent => {
    const [, dh] = documentSize(v);
    v.depth = Math.min(dh, Math.max(v.depth, v.vh + Math.round(random() * random() * dh)));
    const bandHeight = dh / ATTENTION_BANDS;
    const att = Array.from({ length: ATTENTION_BANDS }, (_, band) =>
      band * bandHeight < v.depth ? Math.round(random() * 300) / 10 : 0,
    );
    return { ...base(v, ts), t: EventType.scroll, md: v.depth, att };
  };

  const event = (v: Visitor, ts: number): WireEvent[] => {
    const type = pickWeighted(TYPE_WEIGHTS, random);
    switch (type) {
      case EventType.pageview: {
        const scrolled = scroll(v, ts);
        const referrer = navigate(v, random);
        const view: WireEvent = { ...base(v, ts + 1), t: EventType.pageview, r: referrer };
        const viewStep = PAGES[v.page].step;
        return viewStep ? [scrolled, view, step(v, ts + 1, viewStep)] : [scrolled, view];
      }
      case EventType.scroll:
        return [scroll(v, ts)];
      case EventType.step:
        return [step(v, ts, PAGES[v.page].step ?? 'browse')];
      case EventType.custom:
        return [
          {
            ...base(v, ts),
            t: EventType.custom,
            n: 'share',
            pr: { target: pick(['moments', 'chat'], random) },
          },
        ];
      case EventType.identify:
        v.user = v.user ?? `user-${v.anon.slice(-6)}`;
        return [{ ...base(v, ts), t: EventType.identify, u: v.user }];
      default:
        return click(v, ts);
    }
  };

  /** The next batch: `size` events from one visitor, with one malformed event at `malformedRate`. */
  const next = ({ size = 'mixed', malformedRate = 0 }: { size?: BatchSize; malformedRate?: number } = {}) => {
    const v = visitorFor();
    const count = sizeOf(size);
    const start = now() - count * 400;
    const events: WireEvent[] = [];
    // The SDK starts a page's first batch with its page view; mini-program pages too.
    if (random() < 0.3 || v.platform !== Platform.web)
      events.push({ ...base(v, start), t: EventType.pageview });
    while (events.length < count) events.push(...event(v, start + events.length * 400));
    events.length = count;
    const batch: Batch = { k: writeKey, v: PROTOCOL_VERSION, e: events };
    if (malformedRate > 0 && random() < malformedRate) return breakOne(batch);
    const expected: Expected = { status: 200, accepted: count, rejected: [] };
    return { batch, expected } satisfies GeneratedBatch;
  };

  /** A copy of `batch` with one event broken, and how the server must answer it. */
  const breakOne = (batch: Batch): GeneratedBatch => {
    const broken = JSON.parse(JSON.stringify(batch)) as Batch;
    const count = broken.e.length;
    const index = Math.floor(random() * count);
    const breakage = pick(BREAKAGES, random);
    breakage.apply(broken.e[index] as unknown as Record<string, unknown>, now());
    return {
      batch: broken,
      expected: {
        status: count === 1 ? 400 : 200,
        accepted: count - 1,
        rejected: [{ index, reason: breakage.reason }],
      },
    };
  };

  return { next, breakOne };
}

/** Checks a server answer against what a generated batch expected; returns the mismatch, or undefined. */
export function mismatch(expected: Expected, status: number, body: unknown): string | undefined {
  if (status !== expected.status) return `status ${status}, expected ${expected.status}`;
  const answer = body as Partial<BatchAccepted & BatchError> | null;
  if (!answer || typeof answer !== 'object') return 'answer is not a JSON object';
  if (status === 200 && answer.accepted !== expected.accepted) {
    return `accepted ${answer.accepted}, expected ${expected.accepted}`;
  }
  if (status === 400 && answer.error !== RejectReason.invalidBatch)
    return `error ${answer.error}, expected invalid_batch`;
  const got = (answer.rejected ?? []).map((r) => `${r.index}:${r.reason}`).join(',');
  const want = expected.rejected.map((r) => `${r.index}:${r.reason}`).join(',');
  return got === want ? undefined : `rejected [${got}], expected [${want}]`;
}
