/**
 * The viewer's entry: reads the view from the URL, loads sites, pages and the click
 * heatmap in turn, and keeps the URL in step with every choice so a view can be shared.
 */
import './styles.css';
import { type ApiError, createApi, type PageRow, type Site } from './api';
import { backdropUrl } from './backdrop';
import { DEFAULT_RANGE_DAYS, defaultRange } from './dates';
import { DEFAULT_STOPS } from './heat/palette';
import { type Lang, type MessageKey, pickLang, translate } from './i18n';
import { formatState, parseState, type ViewState } from './state';
import { type ControlChange, createControls } from './ui/controls';
import { byId, setStatus } from './ui/dom';
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
const t = (key: MessageKey, params?: Record<string, string | number>) => translate(lang(), key, params);
const range = () => {
  const d = defaultRange(Date.now(), state.days ?? DEFAULT_RANGE_DAYS);
  return { from: state.from ?? d.from, to: state.to ?? d.to };
};
const rangeChanged = (a: ViewState, b: ViewState) => a.from !== b.from || a.to !== b.to || a.days !== b.days;

const summary = byId('summary', HTMLParagraphElement);
const heatCanvas = byId('heat', HTMLCanvasElement);
const stageStatus = byId('stage-status', HTMLParagraphElement);
const stage = createStage();
const controls = createControls({ onChange: (c) => change(c) });
const pageList = createPageList({ onPick: (pageKey) => change({ page: pageKey }) });
const exportButtons = createExportButtons({
  current: () => {
    const view = stage.view();
    const { site, page, device } = state;
    if (!view || !site || !page) return null;
    const r = range();
    const caption = `${page} · ${summary.textContent ?? ''} · ${r.from} – ${r.to}`;
    return { ...view, caption, name: { site, page, device, ...r } };
  },
  t,
  status: (text, error = false) => setStatus(stageStatus, text, { error }),
});

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
  byId('legend-bar', HTMLSpanElement).style.background =
    `linear-gradient(to right, ${DEFAULT_STOPS.map((s) => `${s.color} ${s.at * 100}%`).join(', ')})`;
  controls.render({ state, lang: lang(), sites, range: range() });
  pageList.render({ pages, selected: state.page, lang: lang(), message: pagesMessage, error: pagesError });
}

function writeUrl(push: boolean) {
  const url = `${location.pathname}${formatState(state)}`;
  if (url === `${location.pathname}${location.search}`) return;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

function change(c: ControlChange | { page: string }) {
  const before = state;
  state = { ...state, ...c };
  if ('site' in c && c.site !== before.site) state.page = null;
  writeUrl(true);
  renderChrome();
  // A language change reloads too, so status lines already shown are re-worded.
  if ('lang' in c || state.site !== before.site || rangeChanged(state, before)) void loadPages();
  else void loadHeatmap();
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
    showHeatmapMessage(t('error.range'), true);
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
  await loadHeatmap();
}

function showHeatmapMessage(text: string, error = false) {
  heatAbort?.abort();
  stage.hide();
  exportButtons.refresh();
  summary.textContent = '';
  setStatus(stageStatus, text, { error });
}

async function loadHeatmap() {
  heatAbort?.abort();
  const abort = new AbortController();
  heatAbort = abort;
  const { site, page, device } = state;
  const r = range();
  if (!site || !page) {
    showHeatmapMessage(pages && pages.length === 0 ? '' : t('empty.page'));
    return;
  }
  if (r.from > r.to) return showHeatmapMessage(t('error.range'), true);
  stage.busy();
  exportButtons.refresh();
  setStatus(stageStatus, t('loading.heatmap'));
  try {
    const heatmap = await api.clickHeatmap(site, page, device, r, abort.signal);
    if (abort.signal.aborted) return;
    if (heatmap.total === 0 || heatmap.cells.length === 0) {
      showHeatmapMessage(t('empty.heatmap', { ...r, device: t(`device.${device}`) }));
      return;
    }
    const pageUrl = pages?.find((p) => p.pageKey === page)?.url;
    const url = pageUrl ? backdropUrl(pageUrl, location.origin) : null;
    const result = await stage.show(heatmap, url);
    if (!result || abort.signal.aborted) return;
    summary.textContent = t('summary', {
      device: t(`device.${device}`),
      total: heatmap.total,
      width: heatmap.width,
      height: result.height,
    });
    heatCanvas.setAttribute('aria-label', `${t('heatmap')} ${page}: ${summary.textContent}`);
    setStatus(stageStatus, result.backdrop ? '' : t('error.frame'));
    exportButtons.refresh();
  } catch (e) {
    if (abort.signal.aborted) return;
    showHeatmapMessage(errorText(e), true);
  }
}

window.addEventListener('popstate', () => {
  const before = state;
  state = parseState(location.search);
  renderChrome();
  if (state.site !== before.site || rangeChanged(state, before)) void loadPages();
  else void loadHeatmap();
});

renderChrome();
void loadSites();
