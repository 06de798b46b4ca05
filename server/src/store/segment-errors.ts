/**
 * Why a segment insert failed, told apart for the flusher: bytes of the segment that do
 * not parse (set the segment aside, retrying cannot help) or the store (retry; say what
 * the operator must fix when it is a missing grant, table or database).
 */
import type { Store } from './store.js';

/**
 * The engine refused the segment's own bytes (they do not parse as rows of the events
 * table): the one failure that retrying cannot cure, so the flusher may set the segment aside.
 */
export class SegmentDataError extends Error {
  override readonly name = 'SegmentDataError';
}

/** True when `error` says the segment's data is bad, not the store (see `SegmentDataError`). */
export const isSegmentDataError = (error: unknown): boolean => error instanceof SegmentDataError;

// ClickHouse error types that blame the input's bytes. Anything else (a missing grant,
// table or database, a network error) is the store's and is retried.
const DATA_ERROR =
  /^(CANNOT_PARSE_\w+|INCORRECT_DATA|CANNOT_READ_ALL_DATA|ATTEMPT_TO_READ_AFTER_EOF|TYPE_MISMATCH|CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN|VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE|INCORRECT_JSON|TOO_LARGE_STRING_SIZE|ARGUMENT_OUT_OF_BOUND)$/;
// The error type from a ClickHouseError (`type`) or its message's `(TYPE)` suffix: chdb
// builds errors from its own copy of the client's classes, so instanceof does not hold.
const errorType = (error: unknown): string | undefined => {
  const type = (error as { type?: unknown } | undefined)?.type;
  if (typeof type === 'string') return type;
  return /\(([A-Z][A-Z0-9_]+)\)\s*(\(version [^)]*\))?\s*$/.exec(String(error))?.[1];
};

/** True when the engine's `error` blames the bytes it was given. */
export const isDataErrorType = (error: unknown): boolean => DATA_ERROR.test(errorType(error) ?? '');

const SETUP_ERROR = /^(ACCESS_DENIED|NOT_ENOUGH_PRIVILEGES|UNKNOWN_TABLE|UNKNOWN_DATABASE|READONLY)$/;

const needs = (store: Store) =>
  `the ClickHouse user needs CREATE TABLE, DROP TABLE, INSERT and SELECT on database ${store.database}, and every statement of a flush must reach the same node (one CLICKHOUSE_URL per node, or a sticky balancer)`;

/** `error` of a staging statement, with what the operator must fix when it is a store setup problem. */
export function explained(store: Store, step: string, error: unknown): Error {
  const type = errorType(error);
  const message = error instanceof Error ? error.message : String(error);
  const hint = SETUP_ERROR.test(type ?? '')
    ? `; ${needs(store)}. The segment stays in the spool and is retried`
    : '';
  return new Error(`spool flush: ${step} failed${type ? ` (${type})` : ''}: ${message}${hint}`, {
    cause: error,
  });
}
