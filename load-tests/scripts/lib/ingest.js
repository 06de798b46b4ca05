/**
 * One k6 iteration of ingest traffic: take one of the run's batch templates, fill in
 * fresh ids, send it the way an SDK would (JSON fetch, gzip, or a beacon with
 * text/plain, some of those gzip with `?gz=1`), check the answer against what the batch
 * expected, and now and then retry the same body as a client that lost the answer would.
 * Every scenario's default function.
 */
import { check } from 'k6';
import { SharedArray } from 'k6/data';
import http from 'k6/http';
import { Counter, Rate } from 'k6/metrics';
import { BATCH_PATH, GZIP_QUERY_FLAG } from '../../../sdk/src/protocol.ts';
import { readSettings } from './config.js';
import { mismatch } from './payload.ts';
import { pickWeighted, seededRandom } from './random.ts';
import { bodyOf, gzipBodyOf, makeTemplates } from './templates.ts';

/** Events in batches sent for the first time. */
export const eventsSent = new Counter('events_sent');
/** Events the server acknowledged on a first send: what the store must hold, once each. */
export const eventsAcknowledged = new Counter('events_acknowledged');
/** Events acknowledged again on a deliberate duplicate retry (must not be stored twice). */
export const eventsRetried = new Counter('events_retried');
/** Malformed events the server refused with the expected reason. */
export const eventsRejected = new Counter('events_rejected');
/** Batches whose answer matched the expectation (status, accepted count, rejections). */
export const answersAsExpected = new Rate('answers_as_expected');

// A batch of only malformed events must get a 400; telling k6 so keeps http_req_failed
// about real failures.
const ok200 = http.expectedStatuses(200);
const ok400 = http.expectedStatuses(400);

function request(settings, transport, body, expectedStatus) {
  const url = `${settings.target}${BATCH_PATH}`;
  const params = {
    headers: {
      'Content-Type': transport.startsWith('beacon') ? 'text/plain;charset=UTF-8' : 'application/json',
      ...(settings.origin ? { Origin: settings.origin } : {}),
    },
    tags: { name: 'POST /v1/batch', endpoint: 'batch', transport },
    responseCallback: expectedStatus === 400 ? ok400 : ok200,
  };
  if (transport === 'gzip') return http.post(url, body, { ...params, compression: 'gzip' });
  if (transport === 'beacon-gzip') return http.post(`${url}?${GZIP_QUERY_FLAG}=1`, body.buffer, params);
  return http.post(url, body, params);
}

function answerOf(res) {
  try {
    return res.json();
  } catch {
    return null;
  }
}

/** VUs whose ids cannot collide (see slotValue in ids.ts). */
const MAX_SENDERS = 4096;

/** Templates each generator (a group of simulated visitors) contributes. */
const PER_GENERATOR = 16;

/**
 * The run's batch templates, generated once and shared read-only by every VU (k6's
 * SharedArray): generating them per VU cost seconds of CPU in runs with hundreds of VUs.
 */
function sharedTemplates(settings) {
  return new SharedArray('batch templates', () => {
    const templates = [];
    for (let g = 0; templates.length < settings.templates; g++) {
      const options = {
        writeKey: settings.writeKey,
        tag: settings.runTag,
        instance: g + 1,
        seed: settings.seed + g,
      };
      const spec = { size: settings.batchSize, withBroken: settings.malformedRate > 0 };
      templates.push(
        ...makeTemplates(options, Math.min(PER_GENERATOR, settings.templates - templates.length), spec),
      );
    }
    return templates;
  });
}

/**
 * The iteration function of a scenario: call it in the script's init context and export
 * the result as default. `defaults` are the scenario's settings defaults (see
 * readSettings); `beforeEach` runs first in every iteration (stress tags its step there).
 */
export function createIngest(defaults = {}, { beforeEach = () => {} } = {}) {
  const settings = readSettings(defaults);
  if (__VU >= MAX_SENDERS) {
    throw new Error(
      `at most ${MAX_SENDERS - 1} VUs: event ids carry the VU number in 12 bits; lower MAX_VUS`,
    );
  }
  const shared = sharedTemplates(settings);
  // SharedArray decodes (and freezes) an element on every access; each VU keeps a copy it
  // may add its gzip encoding to.
  const local = [];
  const thaw = (t) => ({ ...t, broken: t.broken && { ...t.broken } });
  const random = seededRandom(settings.seed * 31 + __VU);
  let requestNumber = 0;
  let logged = 0;

  const send = () => {
    const index = Math.floor(random() * shared.length);
    local[index] ??= thaw(shared[index]);
    const picked = local[index];
    const template = picked.broken && random() < settings.malformedRate ? picked.broken : picked;
    const { expected } = template;
    requestNumber += 1;
    const transport = pickWeighted(settings.transports, random);
    const body =
      transport === 'beacon-gzip'
        ? gzipBodyOf(template, __VU, requestNumber)
        : bodyOf(template, __VU, requestNumber);
    const res = request(settings, transport, body, expected.status);
    const problem = mismatch(expected, res.status, answerOf(res));
    eventsSent.add(template.events);
    answersAsExpected.add(!problem);
    check(res, { 'answer as expected': () => !problem });
    if (problem && logged++ < settings.logMismatches) console.warn(`batch answer (${transport}): ${problem}`);
    if (problem) return;
    eventsAcknowledged.add(expected.accepted);
    eventsRejected.add(expected.rejected.length);
    if (expected.accepted > 0 && random() < settings.duplicateRate) {
      const retry = request(settings, transport, body, expected.status);
      const retryProblem = mismatch(expected, retry.status, answerOf(retry));
      answersAsExpected.add(!retryProblem, { retry: 'yes' });
      check(retry, { 'retry answered like the first send': () => !retryProblem });
      if (!retryProblem) eventsRetried.add(expected.accepted);
    }
  };

  return function sendBatch() {
    beforeEach();
    try {
      send();
    } catch (error) {
      // A script error must fail the run like a wrong answer would, not vanish in the log.
      answersAsExpected.add(false);
      if (logged++ < settings.logMismatches) console.error(`iteration failed: ${error}`);
    }
  };
}
