/**
 * Batch templates: generated batches serialised once, with an id slot that each request
 * fills with its sender and number. k6's JavaScript engine takes about 1.7 ms to generate a
 * 20-event batch, which at thousands of batches per second would measure k6, not the
 * server; filling a template costs one native `replaceAll`.
 */
import { type GzipTemplate, gzipFill, gzipTemplate } from './gzip.ts';
import { fillIds, ID_SLOT, slotValue } from './ids.ts';
import { type BatchSize, createGenerator, type Expected, type GeneratorOptions } from './payload.ts';

export interface Template {
  /** JSON body with `ID_SLOT` in every id. */
  body: string;
  expected: Expected;
  events: number;
  /** The body as gzip members, made the first time it is sent gzip. */
  gzip?: GzipTemplate;
  /** The same batch with one event broken, when the run sends malformed events. */
  broken?: Template;
}

/**
 * `count` templates from one generator (one VU's visitors), of `size` events, each with a
 * broken twin when `withBroken`: the caller picks the twin per request at the malformed
 * rate, so the rate holds however few templates there are.
 */
export function makeTemplates(
  options: Omit<GeneratorOptions, 'templateIds'>,
  count: number,
  { size, withBroken = false }: { size?: BatchSize; withBroken?: boolean } = {},
): Template[] {
  const generator = createGenerator({ ...options, templateIds: true });
  return Array.from({ length: count }, () => {
    const { batch, expected } = generator.next({ size });
    const template: Template = { body: JSON.stringify(batch), expected, events: batch.e.length };
    if (withBroken) {
      const broken = generator.breakOne(batch);
      template.broken = {
        body: JSON.stringify(broken.batch),
        expected: broken.expected,
        events: batch.e.length,
      };
    }
    return template;
  });
}

/** The JSON body of request `n` of `sender` (the VU) from `template`. */
export function bodyOf(template: Template, sender: number, n: number): string {
  return fillIds(template.body, sender, n);
}

/** The same body as `bodyOf(template, sender, n)`, gzip (stored blocks). */
export function gzipBodyOf(template: Template, sender: number, n: number): Uint8Array<ArrayBuffer> {
  template.gzip ??= gzipTemplate(template.body, ID_SLOT);
  return gzipFill(template.gzip, slotValue(sender, n));
}
