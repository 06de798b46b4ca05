/**
 * Opt-in click text (`captureText`): clicks carry the element's visible text, trimmed and cut
 * to 64 characters; never a form field's value or typed text, nothing from `data-hf-ignore`,
 * and no text at all unless the site opts in.
 */
import { expect, it } from 'vitest';
import type { ClickEvent } from '../src/protocol';
import { useBrowser } from './harness';

const env = useBrowser();

const TARGETS = ['#add', '#long p', '#name', '#note', '#account', '#edit'];

/** Clicks each target once, leaves, and returns each click's selector and text. */
async function clickTexts(cfg: object) {
  const page = await env.open('/text.html', cfg);
  for (const selector of TARGETS) await page.click(selector);
  await page.goto('about:blank');
  const events = await env.server.waitForEvents(TARGETS.length + 2);
  return events.filter((e): e is ClickEvent => e.t === 'click').map((e) => [e.sel, e.tx]);
}

it('sends the visible text of clicked elements with captureText, never values or ignored content', async () => {
  expect(await clickTexts({ captureText: true })).toEqual([
    ['button#add', 'Add to cart'], // the hidden span is not visible text
    [
      'p',
      'A product description that goes on for much longer than sixty-four characters in all'.slice(0, 64),
    ],
    ['input#name', undefined],
    ['textarea#note', undefined],
    ['div#account', undefined],
    ['div#edit', undefined],
  ]);
});

it('sends no text without captureText', async () => {
  const texts = await clickTexts({});
  expect(texts.map(([sel]) => sel)).toEqual([
    'button#add',
    'p',
    'input#name',
    'textarea#note',
    'div#account',
    'div#edit',
  ]);
  for (const [, tx] of texts) expect(tx).toBeUndefined();
});
