/**
 * The backdrop choice beside the heatmap's actions: the page's snapshot (default) or the
 * live page. A choice becomes the view's URL (`backdrop=live`) through the same history
 * path as back and forward, so a shared link shows the same backdrop.
 */
import { type Lang, translate } from '../i18n';
import { BACKDROPS, type Backdrop } from '../state';
import { byId, el } from '../ui/dom';

/** Adds the control to the heatmap's actions; `render` keeps it in step with the view. */
export const createBackdropControl = () => {
  const select = el('select', { id: 'backdrop' });
  const caption = el('span');
  const label = el('label', { class: 'backdrop-choice' }, caption, ' ', select);
  const actions = byId('stage-panel', HTMLElement).querySelector('.actions');
  actions?.prepend(label);
  // What the backdrop is (a snapshot of when, a stand-in for which device), under the status line.
  const noteLine = el('p', { class: 'hint backdrop-note', id: 'backdrop-note' });
  byId('stage-status', HTMLParagraphElement).after(noteLine);
  select.addEventListener('change', () => {
    const url = new URL(location.href);
    if (select.value === 'snapshot') url.searchParams.delete('backdrop');
    else url.searchParams.set('backdrop', select.value);
    history.pushState(null, '', url);
    // The viewer reads its state from the URL on popstate, as it does on back and forward.
    window.dispatchEvent(new PopStateEvent('popstate'));
  });
  return {
    /** Shows `choice` with labels in `lang`. */
    render(choice: Backdrop, lang: Lang) {
      caption.textContent = translate(lang, 'backdrop');
      select.replaceChildren(
        ...BACKDROPS.map((b) => el('option', { value: b }, translate(lang, `backdrop.${b}`))),
      );
      select.value = choice;
    },
    /** Shows a note on the backdrop (empty: none). */
    note(text: string) {
      noteLine.textContent = text;
      noteLine.hidden = !text;
    },
  };
};
