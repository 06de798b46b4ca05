/**
 * The viewer's entry: reads the view from the URL, loads sites, pages, the chosen heatmap
 * and the element ranking in turn, and keeps the URL in step with every choice so a view
 * can be shared.
 */
import './styles.css';
import { type ApiError, createApi, type ElementRow, type PageQuery, type PageRow, type Site } from './api';
import { backdropUrl } from './backdrop';
import { DEFAULT_RANGE_DAYS, defaultRange } from './dates';
import { createFunnelPage } from './funnel/funnel-page';
import { DEFAULT_STOPS } from './heat/palette';
import { type Lang, pickLang, type Translate, translate } from './i18n';
import { loadOverlay } from './load-overlay';
import { locate } from './locate';
import { formatState, parseState, type View, type ViewState } from './state';
import { type ControlChange, createControls } from './ui/controls';
import { byId, setStatus } from './ui/dom';
import { createElementPanel } from './ui/element-panel';
import { createExportButtons } from './ui/export-buttons';
import { applyLabels } from './ui/labels';
import { createPageList } from './ui/page-list';
import { createStage } from './ui/stage';

const api = createApi();
let state: ViewState = parseState(location.search);
let sites: Site[] = [];
let pages: PageRow[] | null = null;
let pagesMessage = '';
let pagesError = false;
let pagesAbort: AbortController | null = null;
let heatAbort: AbortController | null = null;

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

const summary = byId('summary', HTMLParagraphElement);
const heatCanvas = byId('heat', HTMLCanvasElement);
const stageStatus = byId('stage-status', HTMLParagraphElement);
const stage = createStage();
const controls = createControls({ onChange: (c) => change(c) });
const pageList = createPageList({ onPick: (pageKey) => change({ page: pageKey }) });
const elementPanel = createElementPanel({
  onHover: (selector) => stage.highlight(selector ? locate(stage.view()?.doc ?? null, selector) : []),
});
const exportButtons = createExportButtons({
  current: () => {
    const view = stage.view();
    const q = pageQuery();
    if (!view || !q) return null;
    const caption = `${q.page} · ${t(`type.${state.type}`)} · ${summary.textContent ?? ''} · ${q.from} – ${q.to}`;
    return { ...view, caption, name: { ...q, type: state.type } };
  },
  t,
  status: (text, error = false) => setStatus(stageStatus, text, { error }),
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
  controls.render({ state, lang: lang(), sites, range: range() });
  const funnel = state.view === 'funnel';
  byId('heatmap-page', HTMLElement).hidden = funnel;
  byId('funnel-page', HTMLElement).hidden = !funnel;
  for (const node of document.querySelectorAll<HTMLElement>('.heatmap-only')) node.hidden = funnel;
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

function change(c: ControlChange | Partial<Pick<ViewState, 'page' | 'view' | 'funnel' | 'cohort'>>) {
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
    heatAbort?.abort();
    return funnelPage.load(pages);
  }
  funnelPage.stop();
  return loadView();
}

async function loadSites() {
  setStatus(stageStatus, t('loading.sites'));
  try {
    sites = await api.sites();
  } catch (e) {
    setStatus(stageStatus, errorText(e), { error: true });
    return;
  }
  if (sites.length === 0) {
    setStatus(stageStatus, t('empty.sites'));
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
    showMessage(t('error.range'), true);
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
  renderChrome();
  await loadCurrent();
}

function showMessage(text: string, error = false) {
  heatAbort?.abort();
  stage.hide();
  exportButtons.refresh();
  summary.textContent = '';
  setStatus(stageStatus, text, { error });
  elementPanel.render({ rows: null, lang: lang(), message: '', error: false });
}

async function loadElements(q: PageQuery, signal: AbortSignal) {
  elementPanel.render({ rows: null, lang: lang(), message: t('loading.elements'), error: false });
  let rows: ElementRow[] | null = null;
  let message = '';
  try {
    rows = await api.elements(q, 50, signal);
  } catch (e) {
    if (signal.aborted) return;
    message = errorText(e);
  }
  if (!signal.aborted) elementPanel.render({ rows, lang: lang(), message, error: rows === null });
}

async function loadView() {
  heatAbort?.abort();
  const abort = new AbortController();
  heatAbort = abort;
  const q = pageQuery();
  if (!q) return showMessage(pages && pages.length === 0 ? '' : t('empty.page'));
  if (q.from > q.to) return showMessage(t('error.range'), true);
  stage.busy();
  exportButtons.refresh();
  setStatus(stageStatus, t('loading.heatmap'));
  void loadElements(q, abort.signal);
  try {
    const loaded = await loadOverlay(api, q, state.type, state.place, t, abort.signal);
    if (abort.signal.aborted) return;
    if ('empty' in loaded) {
      stage.hide();
      exportButtons.refresh();
      summary.textContent = '';
      setStatus(stageStatus, loaded.empty);
      return;
    }
    const pageUrl = pages?.find((p) => p.pageKey === q.page)?.url;
    const result = await stage.show(loaded.overlay, pageUrl ? backdropUrl(pageUrl, location.origin) : null);
    if (!result || abort.signal.aborted) return;
    const note = loaded.overlay.describe?.();
    summary.textContent = [
      loaded.summary,
      ...(note ? [note] : []),
      t('summary.geometry', { width: loaded.overlay.width, height: result.height }),
    ].join(' · ');
    heatCanvas.setAttribute('aria-label', `${t(`type.${state.type}`)} ${q.page}: ${summary.textContent}`);
    setStatus(stageStatus, result.backdrop ? '' : t('error.frame'));
    exportButtons.refresh();
  } catch (e) {
    if (abort.signal.aborted) return;
    console.error('heatfunnel viewer: the view could not be drawn', e);
    showMessage(errorText(e), true);
  }
}

window.addEventListener('popstate', () => {
  const before = state;
  state = parseState(location.search);
  reload(before, before.lang !== state.lang);
});

renderChrome();
void loadSites();
