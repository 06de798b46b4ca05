/**
 * Read access to locked sites: the tokens this browser keeps (per site) and the prompt that
 * asks for one when the API answers 401. A refused token is forgotten before asking again.
 */
import { readTokens } from './api/read-tokens';
import type { Translate } from './i18n';
import { createTokenForm } from './ui/token-form';

const browserStorage = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

/** What the viewer does once a token is typed (reload with that site) or the prompt is dismissed. */
export interface TokenAccessDeps {
  t: Translate;
  onToken: (site: string) => void;
  onCancel: (site: string) => void;
}

/** Binds the token store and prompt. */
export const createTokenAccess = ({ t, onToken, onCancel }: TokenAccessDeps) => {
  const tokens = readTokens(browserStorage());
  let asked = '';
  // The site whose kept token the server refused; several requests may be refused at once,
  // and only the first still finds the token to forget, so the alert must not depend on it.
  let refusedFor: string | null = null;
  const form = createTokenForm({
    onToken: (site, token) => {
      refusedFor = null;
      tokens.set(site, token);
      onToken(site);
    },
    onCancel: () => onCancel(asked),
  });
  return {
    /** The token kept for `site` (sent as `Authorization: Bearer`). */
    tokenFor: (site: string): string | null => tokens.get(site),
    /** The site last opened with a token. */
    lastSite: (): string | null => tokens.lastSite(),
    /** Forgets `site`'s kept token without asking; a later prompt for `site` says it was refused. */
    forget(site: string): void {
      tokens.forget(site);
      refusedFor = site;
    },
    /** Asks for a token on the analyst's request ('' lets them type the site key). */
    ask(site: string): void {
      asked = site;
      form.ask({ site, wrong: false }, t);
    },
    /** Asks for `site`'s token after a 401 ('' when the site is not known); returns the status words. */
    refused(site: string): string {
      if (site !== '' && tokens.get(site) !== null) {
        tokens.forget(site);
        refusedFor = site;
      }
      asked = site;
      form.ask({ site, wrong: refusedFor === site }, t);
      return t('error.token', { site: site || '?' });
    },
  };
};
