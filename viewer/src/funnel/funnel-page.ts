/**
 * The funnel page's controller: runs the funnel of the current state when it changes,
 * fills in two steps from the site's most viewed pages when none are set, and fetches the
 * drop-offs of a step on request.
 */
import type { Api, PageRow } from '../api';
import type { Lang, Translate } from '../i18n';
import { EVERYONE } from '../segments';
import { formatState, type ViewState } from '../state';
import { createFunnelBuilder } from './builder';
import { createFunnelResults } from './results';
import { type FunnelDraft, toSpec } from './spec';

/** What the page needs from the viewer around it. */
export interface FunnelPageDeps {
  api: Api;
  state: () => ViewState;
  range: () => { from: string; to: string };
  lang: () => Lang;
  t: Translate;
  errorText: (e: unknown) => string;
  /** Applies a new draft (pushes a history entry and reloads). */
  onDraft: (draft: FunnelDraft) => void;
  /** Replaces the draft without a history entry (filled-in defaults). */
  replaceDraft: (draft: FunnelDraft) => void;
}

/** Binds the funnel page. */
export const createFunnelPage = (deps: FunnelPageDeps) => {
  const { api, t } = deps;
  let abort: AbortController | null = null;
  const builder = createFunnelBuilder({ onChange: deps.onDraft });
  const results = createFunnelResults({ onWhoLeft: (step) => void whoLeft(step) });

  const spec = () => {
    const { site, funnel } = deps.state();
    return site ? toSpec(funnel, site, deps.range()) : null;
  };

  async function whoLeft(step: number) {
    const s = spec();
    if (!s || !abort) return;
    const signal = abort.signal;
    const draft = deps.state().funnel;
    results.renderDropoffs(t('loading.dropoffs'), draft, t);
    try {
      const d = await api.dropoffs(s, step, signal);
      const match = draft.steps[step - 1];
      const left = JSON.stringify({ funnel: s, reached: step });
      const heatmap = (extra: Partial<ViewState>) =>
        match?.kind === 'pageview'
          ? formatState({
              ...deps.state(),
              view: 'heatmap',
              page: match.pageKey,
              type: 'click',
              cohort: left,
              ...extra,
            }) || '?'
          : null;
      const links = {
        left: heatmap({}),
        // Beside them, on the same page: the visitors who finished the funnel.
        compare: heatmap({
          compare: 'segments',
          vs: { ...EVERYONE, cohort: JSON.stringify({ funnel: s, reached: s.steps.length }) },
        }),
      };
      if (!signal.aborted) results.renderDropoffs(d, draft, t, links);
    } catch (e) {
      if (!signal.aborted) results.renderDropoffs(deps.errorText(e), draft, t);
    }
  }

  return {
    /** Shows the builder and runs the funnel of the current state. */
    async load(pages: readonly PageRow[] | null) {
      abort?.abort();
      const mine = new AbortController();
      abort = mine;
      const state = deps.state();
      const view = { draft: state.funnel, lang: deps.lang(), t, error: false };
      if (state.funnel.steps.length === 0 && pages && pages.length >= 2) {
        // A first visit: start from the two most viewed pages rather than a blank form.
        deps.replaceDraft({
          ...state.funnel,
          steps: pages.slice(0, 2).map((p) => ({ kind: 'pageview', pageKey: p.pageKey })),
        });
        return;
      }
      builder.render(
        state.funnel,
        (pages ?? []).map((p) => p.pageKey),
        t,
      );
      const s = spec();
      if (!s || state.funnel.steps.length < 2) {
        results.render({ ...view, answer: null, message: t('funnel.needSteps') });
        return;
      }
      results.render({ ...view, answer: null, message: t('loading.funnel') });
      try {
        const answer = await api.funnel(s, mine.signal);
        if (!mine.signal.aborted) results.render({ ...view, answer, message: '' });
      } catch (e) {
        if (!mine.signal.aborted)
          results.render({ ...view, answer: null, message: deps.errorText(e), error: true });
      }
    },
    /** Stops a running funnel (the analyst left the page). */
    stop() {
      abort?.abort();
    },
  };
};
