/**
 * One k6 iteration of ingest traffic: generate a batch, send it the way an SDK would
 * (JSON fetch, gzip, or a beacon with text/plain, some of those gzip with `?gz=1`),
 * check the answer against what the batch expected, and now and then retry the same
 * batch as a client that lost the answer would. Every scenario's default function.
 */
import { check } from 'k6';
import http from 'k6/http';
import { Counter, Rate } from 'k6/metrics';
import { BATCH_PATH, GZIP_QUERY_FLAG } from '../../../sdk/src/protocol.ts';
import { settings } from './config.js';
import { gzipStored } from './gzip.ts';
import { createGenerator, mismatch } from './payload.ts';
import { pickWeighted, seededRandom } from './random.ts';

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

const TRANSPORTS = [
  ['json', 55],
  ['gzip', 20],
  ['beacon', 15],
  ['beacon-gzip', 10],
];

let generator;
let random;

// A batch of only malformed events must get a 400; telling k6 so keeps http_req_failed
// about real failures.
const ok200 = http.expectedStatuses(200);
const ok400 = http.expectedStatuses(400);

function request(transport, body, expectedStatus) {
  const url = `${settings.target}${BATCH_PATH}`;
  const params = {
    headers: {
      'Content-Type': transport.startsWith('beacon') ? 'text/plain;charset=UTF-8' : 'application/json',
    },
    tags: { name: 'POST /v1/batch', endpoint: 'batch', transport },
    responseCallback: expectedStatus === 400 ? ok400 : ok200,
  };
  if (transport === 'gzip') return http.post(url, body, { ...params, compression: 'gzip' });
  if (transport === 'beacon-gzip')
    return http.post(`${url}?${GZIP_QUERY_FLAG}=1`, gzipStored(body).buffer, params);
  return http.post(url, body, params);
}

function answerOf(res) {
  try {
    return res.json();
  } catch {
    return null;
  }
}

/** Sends one generated batch (and maybe a duplicate retry); `data.tag` comes from setup(). */
export function sendBatch(data) {
  if (!generator) {
    generator = createGenerator({
      siteKey: settings.siteKey,
      tag: data.tag,
      instance: __VU,
      seed: settings.seed + __VU,
    });
    random = seededRandom(settings.seed * 31 + __VU);
  }
  const { batch, expected } = generator.next({
    size: settings.batchSize,
    malformedRate: settings.malformedRate,
  });
  const body = JSON.stringify(batch);
  const transport = pickWeighted(TRANSPORTS, random);
  const res = request(transport, body, expected.status);
  const problem = mismatch(expected, res.status, answerOf(res));
  eventsSent.add(batch.e.length);
  answersAsExpected.add(!problem, { transport });
  check(res, { 'answer as expected': () => !problem }, { transport });
  if (problem && settings.logMismatches) console.warn(`batch answer: ${problem}`);
  if (problem) return;
  eventsAcknowledged.add(expected.accepted);
  eventsRejected.add(expected.rejected.length);
  if (expected.accepted > 0 && random() < settings.duplicateRate) {
    const retry = request(transport, body, expected.status);
    const retryProblem = mismatch(expected, retry.status, answerOf(retry));
    answersAsExpected.add(!retryProblem, { transport, retry: 'yes' });
    check(retry, { 'retry answered like the first send': () => !retryProblem }, { transport });
    if (!retryProblem) eventsRetried.add(expected.accepted);
  }
}
