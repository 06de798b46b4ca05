/** Event properties: only strings, numbers and booleans, within the protocol's size limit. */
import { LIMITS } from '../protocol';

/** Event properties as the protocol allows them. */
export type Props = Record<string, string | number | boolean>;

/**
 * `props` reduced to what the server accepts: values of other types are dropped (objects,
 * functions, NaN), and properties that would not fit in `maxPropsLength` are left out.
 */
export function cleanProps(props: unknown): Props | undefined {
  if (!props || typeof props !== 'object') return undefined;
  const out: Props = {};
  let size = 2;
  for (const [key, value] of Object.entries(props)) {
    const ok = typeof value === 'string' || typeof value === 'boolean' || Number.isFinite(value);
    if (!ok) continue;
    const length = JSON.stringify({ [key]: value }).length - 1;
    if (size + length > LIMITS.maxPropsLength) continue;
    size += length;
    out[key] = value as string | number | boolean;
  }
  return Object.keys(out).length ? out : undefined;
}
