/** Event properties: only strings, numbers and booleans, within the protocol's size limit. */
import { MAX_PROPS_LENGTH } from '../protocol';

/** Event properties as the protocol allows them. */
export type Props = Record<string, string | number | boolean>;

/**
 * `props` reduced to what the server accepts: values of other types (objects, functions,
 * NaN) are dropped, and properties that serialise past `maxPropsLength` are dropped whole.
 */
export function cleanProps(props: unknown): Props | undefined {
  if (!props || typeof props !== 'object') return undefined;
  const out: Props = {};
  for (const [key, value] of Object.entries(props)) {
    if (typeof value === 'string' || typeof value === 'boolean' || Number.isFinite(value)) out[key] = value;
  }
  const json = JSON.stringify(out);
  return json.length > 2 && json.length <= MAX_PROPS_LENGTH ? out : undefined;
}
