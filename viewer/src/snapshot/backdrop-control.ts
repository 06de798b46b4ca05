/**
 * The backdrop choice beside the heatmap's actions: the page's snapshot (default) or the
 * live page. It reports the choice like the header controls do (`onChange`), and the viewer
 * keeps it in the URL (`backdrop=live`), so a shared link shows the same backdrop.
 */
import { type Lang, translate } from '../i18n';
import { BACKDROPS, type Backdrop } from '../state';
import { byId, el } from '../ui/dom';

/** Adds the control to the heatmap's actions; `render` keeps it in step with the view. */
export const createBackdropControl = ({ onChange }: { onChange: (backdrop: Backdrop) => void }) => {
  const select = el('select', { id: 'backdrop' });
  const caption = el('span');
  const label = el('label', { class: 'backdrop-choice' }, caption, select);
  const actions = byId('stage-panel', HTMLElement).querySelector('.actions');
  actions?.prepend(label);
  // What the backdrop is (a snapshot of when, a stand-in for which device), under the status line.
  const noteLine = el('p', { class: 'hint backdrop-note', id: 'backdrop-note' });
  byId('stage-status', HTMLParagraphElement).after(noteLine);
  select.addEventListener('change', () => {
    const choice = BACKDROPS.find((b) => b === select.value);
    if (choice) onChange(choice);
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
