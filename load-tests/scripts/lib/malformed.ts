/**
 * Ways to break one event, each with the reason the server must give for it
 * (`RejectReason` in protocol.ts). Load runs mix a few in to check that bad events are
 * refused one by one while the rest of their batch is kept.
 */
import { LIMITS, RejectReason } from '../../../sdk/src/protocol.ts';

export interface Breakage {
  name: string;
  reason: RejectReason;
  field: string;
  apply(event: Record<string, unknown>, now: number): void;
}

export const BREAKAGES: readonly Breakage[] = [
  { name: 'missing url', reason: RejectReason.missingField, field: 'url', apply: (e) => delete e.url },
  { name: 'unknown type', reason: RejectReason.unknownType, field: 't', apply: (e) => (e.t = 'hover') },
  {
    name: 'id not a UUID',
    reason: RejectReason.invalidField,
    field: 'id',
    apply: (e) => (e.id = 'not-a-uuid'),
  },
  { name: 'negative width', reason: RejectReason.invalidField, field: 'vw', apply: (e) => (e.vw = -1) },
  {
    name: 'unknown platform',
    reason: RejectReason.invalidField,
    field: 'p',
    apply: (e) => (e.p = 'symbian'),
  },
  {
    name: 'timestamp too old',
    reason: RejectReason.timestampOutOfRange,
    field: 'ts',
    apply: (e, now) => (e.ts = now - LIMITS.maxPastSkewMs - 86_400_000),
  },
];
