/**
 * Operations endpoints: `/healthz` (the process answers), `/readyz` (the store takes
 * inserts and the spool has room: a load balancer sends traffic elsewhere otherwise) and
 * `/metrics` (Prometheus text).
 */
import { Hono } from 'hono';
import type { EventSink } from '../spool/event-sink.js';
import type { IngestMetrics } from './metrics.js';

export interface OpsOptions {
  sink: EventSink;
  metrics: IngestMetrics;
  /** Extra gauges, e.g. quarantine drops. */
  gauges?: () => Record<string, { help: string; value: number }>;
  /** Not ready once the spool holds more than this share of its cap. */
  readyBelow?: number;
}

/** The ops routes, mounted at `/`. */
export const opsRoutes = ({ sink, metrics, gauges = () => ({}), readyBelow = 0.9 }: OpsOptions) => {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', (c) => {
    const state = sink.state();
    const spool = state.spool;
    const spoolOk = !spool || spool.bytes < spool.maxBytes * readyBelow;
    const ready = state.storeHealthy && spoolOk;
    const reasons = [
      ...(state.storeHealthy ? [] : [`store inserts are failing: ${state.lastError ?? 'unknown error'}`]),
      ...(spoolOk ? [] : ['the spool is nearly full']),
    ];
    return c.json({ ready, store: { healthy: state.storeHealthy }, spool, reasons }, ready ? 200 : 503);
  });
  app.get('/metrics', (c) => {
    const spool = sink.state().spool;
    const text = metrics.render({
      heatfunnel_spool_segments: {
        help: 'Sealed spool segments waiting for the store.',
        value: spool?.segments ?? 0,
      },
      heatfunnel_spool_rows: { help: 'Events in the spool, not yet in the store.', value: spool?.rows ?? 0 },
      heatfunnel_spool_bytes: { help: 'Bytes waiting in the spool.', value: spool?.bytes ?? 0 },
      heatfunnel_spool_max_bytes: {
        help: 'The spool cap; past it ingest answers 503.',
        value: spool?.maxBytes ?? 0,
      },
      heatfunnel_spool_set_aside_segments: {
        help: 'Segments the store refused while healthy, moved to <spool>/failed/ for the operator.',
        value: spool?.setAside ?? 0,
      },
      heatfunnel_store_healthy: {
        help: '1 while inserts into the store succeed.',
        value: sink.state().storeHealthy ? 1 : 0,
      },
      ...gauges(),
    });
    return c.text(text, 200, { 'Content-Type': 'text/plain; version=0.0.4' });
  });
  return app;
};
