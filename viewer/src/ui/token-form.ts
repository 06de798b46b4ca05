/**
 * The read-token prompt: a modal dialog (native `<dialog>`, so focus stays inside it and
 * Escape closes it) asking for a site's read token when the API answered 401. Labelled
 * fields, the reason as the dialog's description, a wrong token said in an alert.
 */
import type { Translate } from '../i18n';
import { el } from './dom';

/** Why the prompt opens and for which site ('' lets the analyst type the site key). */
export interface TokenRequest {
  site: string;
  /** The server refused the token the viewer sent. */
  wrong: boolean;
}

/** Binds the prompt; `onToken` gets the site and token typed, `onCancel` a dismissal. */
export const createTokenForm = ({
  onToken,
  onCancel,
}: {
  onToken: (site: string, token: string) => void;
  onCancel: () => void;
}) => {
  const title = el('h2', { id: 'token-title' });
  const intro = el('p', { id: 'token-intro' });
  const alert = el('p', { class: 'status error', role: 'alert' });
  const siteInput = el('input', { id: 'token-site', type: 'text', required: '', autocomplete: 'off' });
  const tokenInput = el('input', {
    id: 'token-value',
    type: 'password',
    required: '',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const siteLabel = el('label', { for: 'token-site' });
  const tokenLabel = el('label', { for: 'token-value' });
  const submit = el('button', { type: 'submit' });
  const cancel = el('button', { type: 'button', class: 'secondary' });
  const form = el(
    'form',
    { class: 'token-form' },
    title,
    intro,
    alert,
    siteLabel,
    siteInput,
    tokenLabel,
    tokenInput,
    el('div', { class: 'token-actions' }, submit, cancel),
  );
  const dialog = el(
    'dialog',
    { id: 'token-dialog', 'aria-labelledby': 'token-title', 'aria-describedby': 'token-intro' },
    form,
  );
  document.body.append(dialog);

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const site = siteInput.value.trim();
    const token = tokenInput.value.trim();
    if (!site || !token) return;
    tokenInput.value = '';
    dialog.close();
    onToken(site, token);
  });
  const dismiss = () => {
    if (dialog.open) dialog.close();
    onCancel();
  };
  cancel.addEventListener('click', dismiss);
  dialog.addEventListener('cancel', (e) => {
    e.preventDefault();
    dismiss();
  });

  return {
    /** Opens (or re-words) the prompt. */
    ask({ site, wrong }: TokenRequest, t: Translate) {
      title.textContent = t('token.title');
      intro.textContent = site ? t('token.intro', { site }) : t('token.introAny');
      alert.textContent = wrong ? t('token.wrong', { site: site || '?' }) : '';
      siteLabel.textContent = t('token.site');
      tokenLabel.textContent = t('token.token');
      submit.textContent = t('token.open');
      cancel.textContent = t('token.cancel');
      siteInput.value = site;
      if (!dialog.open) dialog.showModal();
      (site ? tokenInput : siteInput).focus();
    },
    /** Whether the prompt is showing. */
    isOpen: () => dialog.open,
  };
};
