/**
 * The viewer's entry: reads the view from the URL, loads sites and pages, hands over to
 * the heatmap or the funnel page, and keeps the URL in step with every choice so a view
 * can be shared.
 */
import './styles.css';
import { type ApiError, createApi, type PageQuery, type PageRow, type Site } from './api';
import { DEFAULT_RANGE_DAYS, defaultRange } from './dates';
import { createFunnelPage } from './funnel/funnel-page';
import { DEFAULT_STOPS } from './heat/palette';
import { createHeatmapPage } from './heatmap-page';
import { type Lang, pickLang, type Translate, translate } from './i18n';
import { deviceForPage } from './mini/width-scale';
import { formatState, parseState, type View, type ViewState } from './state';
import { createTokenAccess } from './token-access';
import { type ControlChange, createControls } from './ui/controls';
import { byId } from './ui/dom';
import { applyLabels } from './ui/labels';
import { createPageList } from './ui/page-list';

let state: ViewState = parseState(location.search);
const access = createTokenAccess({
  t: (key, params) => t(key, params),
  onToken: (site) => {
    if (site !== state.site) state = { ...state, site, page: null };
    writeUrl(false);
    void loadSites();
  },
  onCancel: (site) => heatmapPage.message(t('token.cancelled', { site: site || '?' }), true),
});
const api = createApi({ tokenFor: access.tokenFor });
let sites: Site[] = [];
/** Sites that need a read token this browser lacks (not in `sites`). */
let locked = 0;
let pages: PageRow[] | null = null;
let pagesMessage = '';
let pagesError = false;
let pagesAbort: AbortController | null = null;

const lang = (): Lang => state.lang ?? pickLang(navigator.languages ?? [navigator.language]);
const t: Translate = (key, params) => translate(lang(), key, params);
const range = () => {
  const d = defaultRange(Date.now(), state.days ?? DEFAULT_RANGE_DAYS);
  return { from: state.from ?? d.from, to: state.to ?? d.to };
};
const rangeChanged = (a: ViewState, b: ViewState) => a.from !== b.from || a.to !== b.to || a.days !== b.days;
const pageQuery = (): PageQuery | null => {
  const { site, page, device } = state;
  if (!site || !page) return null;
  const segment = {
    ...(state.channel ? { channel: state.channel } : {}),
    ...(state.platform ? { platform: state.platform } : {}),
    ...(state.visitor ? { visitor: state.visitor } : {}),
    ...(state.cohort ? { cohort: state.cohort } : {}),
  };
  return { site, page, device, ...range(), segment };
};

const heatmapPage = createHeatmapPage({
  api,
  state: () => state,
  pages: () => pages,
  pageQuery,
  lang,
  t,
  errorText,
  toFunnel: (selector) => {
    const steps = state.funnel.steps;
    const start =
      steps.length === 0 && state.page ? [{ kind: 'pageview' as const, pageKey: state.page }] : steps;
    change({ view: 'funnel', funnel: { ...state.funnel, steps: [...start, { kind: 'click', selector }] } });
  },
  onBackdrop: (backdrop) => change({ backdrop }),
});
const controls = createControls({ onChange: (c) => change(c), onUnlock: () => access.ask('') });
// A mini-program page opens in the mobile bucket (its desktop heatmap is always empty).
const pageList = createPageList({
  onPick: (pageKey) => change({ page: pageKey, device: deviceForPage(pageKey, pages, state.device) }),
});
const funnelPage = createFunnelPage({
  api,
  state: () => state,
  range,
  lang,
  t,
  errorText,
  onDraft: (funnel) => change({ funnel }),
  replaceDraft: (funnel) => {
    state = { ...state, funnel };
    writeUrl(false);
    void funnelPage.load(pages);
  },
});
const cohortNote = byId('cohort-note', HTMLParagraphElement);
byId('cohort-clear', HTMLButtonElement).addEventListener('click', () => change({ cohort: null }));
for (const tab of document.querySelectorAll<HTMLAnchorElement>('#tabs a[data-view]')) {
  tab.addEventListener('click', (e) => {
    e.preventDefault();
    change({ view: tab.dataset.view as View });
  });
}

/** The words for a failed request, in the analyst's language. */
function errorText(e: unknown): string {
  const err = e as Partial<ApiError>;
  switch (err.kind) {
    case 'network':
      return t('error.network');
    case 'badRequest':
      return t('error.badRequest', { message: err.message ?? '' });
    case 'unauthorized':
      return access.refused(err.site || state.site || '');
    case 'server':
      return t('error.server', { status: err.status ?? 0 });
    default:
      return t('error.format');
  }
}

function renderChrome() {
  applyLabels(document, lang());
  const legend = state.type === 'scroll' || state.type === 'attention' ? state.type : 'click';
  byId('legend-low', HTMLSpanElement).textContent = t(`legend.${legend}.low`);
  byId('legend-high', HTMLSpanElement).textContent = t(`legend.${legend}.high`);
  byId('legend-bar', HTMLSpanElement).style.background =
    `linear-gradient(to right, ${DEFAULT_STOPS.map((s) => `${s.color} ${s.at * 100}%`).join(', ')})`;
  const funnel = state.view === 'funnel';
  byId('heatmap-page', HTMLElement).hidden = funnel;
  byId('funnel-page', HTMLElement).hidden = !funnel;
  for (const node of document.querySelectorAll<HTMLElement>('.heatmap-only')) node.hidden = funnel;
  // After the page's parts: the controls hide some heatmap-only ones (placement for scroll maps).
  controls.render({ state, lang: lang(), sites, locked, range: range() });
  for (const tab of document.querySelectorAll<HTMLAnchorElement>('#tabs a[data-view]')) {
    tab.setAttribute('aria-current', String(tab.dataset.view === state.view));
    tab.href = formatState({ ...state, view: tab.dataset.view as View }) || '?';
  }
  cohortNote.hidden = !state.cohort;
  if (state.cohort) {
    let reached = 0;
    try {
      reached = Number(JSON.parse(state.cohort).reached) || 0;
    } catch {
      // a hand-edited URL: the server will say what is wrong with it
    }
    byId('cohort-text', HTMLSpanElement).textContent = t('cohort.note', { n: reached });
  }
  pageList.render({ pages, selected: state.page, lang: lang(), message: pagesMessage, error: pagesError });
}

function writeUrl(push: boolean) {
  const url = `${location.pathname}${formatState(state)}`;
  if (url === `${location.pathname}${location.search}`) return;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

function change(
  c: ControlChange | Partial<Pick<ViewState, 'page' | 'view' | 'funnel' | 'cohort' | 'backdrop'>>,
) {
  const before = state;
  state = { ...state, ...c };
  if ('site' in c && c.site !== before.site) state.page = null;
  writeUrl(true);
  reload(before, 'lang' in c);
}

/** Reloads what a state change affects; a language change re-words status lines too. */
function reload(before: ViewState, all = false) {
  renderChrome();
  if (all || state.site !== before.site || rangeChanged(state, before)) void loadPages();
  else void loadCurrent();
}

/** Loads the current page's content: the heatmap view or the funnel. */
function loadCurrent() {
  if (state.view === 'funnel') {
    heatmapPage.stop();
    return funnelPage.load(pages);
  }
  funnelPage.stop();
  return heatmapPage.load();
}

/**
 * The sites this browser may read. A kept token the server refuses here opens no locked site
 * (rotated, or cleared while another site stays locked): it is forgotten and the list asked
 * for without it, so the viewer neither re-sends it nor asks for a token the site may not need.
 */
async function listSites(as: string | null) {
  try {
    return await api.sites(undefined, as);
  } catch (e) {
    if (!as || (e as Partial<ApiError>).kind !== 'unauthorized' || access.tokenFor(as) === null) throw e;
    access.forget(as);
    return api.sites();
  }
}

async function loadSites() {
  heatmapPage.message(t('loading.sites'));
  try {
    ({ sites, locked } = await listSites(state.site ?? access.lastSite()));
    // A site in the URL that the list lacks may be locked: its pages say so (401 asks for a token).
    if (locked > 0 && state.site && !sites.some((s) => s.key === state.site))
      await api.pages(state.site, range());
  } catch (e) {
    // The site select shows the site asked for (locked) behind the token prompt.
    renderChrome();
    heatmapPage.message(errorText(e), true);
    return;
  }
  if (sites.length === 0) {
    heatmapPage.message(locked > 0 ? access.refused('') : t('empty.sites'), locked > 0);
    renderChrome();
    return;
  }
  if (!state.site || !sites.some((s) => s.key === state.site)) {
    state = { ...state, site: sites[0]?.key ?? null, page: state.site ? null : state.page };
    writeUrl(false);
  }
  renderChrome();
  await loadPages();
}

async function loadPages() {
  pagesAbort?.abort();
  const abort = new AbortController();
  pagesAbort = abort;
  const site = state.site;
  if (!site) return;
  const r = range();
  pages = null;
  pagesError = false;
  if (r.from > r.to) {
    pagesMessage = t('error.range');
    pagesError = true;
    renderChrome();
    heatmapPage.message(t('error.range'), true);
    return;
  }
  pagesMessage = t('loading.pages');
  renderChrome();
  try {
    pages = await api.pages(site, r, abort.signal);
    pagesMessage = pages.length === 0 ? t('empty.pages', r) : '';
  } catch (e) {
    if (abort.signal.aborted) return;
    pagesMessage = errorText(e);
    pagesError = true;
  }
  if (state.page === null && pages && pages.length > 0) {
    state = { ...state, page: pages[0]?.pageKey ?? null };
    writeUrl(false);
  }
  const device = deviceForPage(state.page, pages, state.device);
  if (device !== state.device) {
    state = { ...state, device };
    writeUrl(false);
  }
  renderChrome();
  await loadCurrent();
}

window.addEventListener('popstate', () => {
  const before = state;
  state = parseState(location.search);
  reload(before, before.lang !== state.lang);
});

renderChrome();
void loadSites();
