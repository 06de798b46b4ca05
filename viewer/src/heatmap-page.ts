/**
 * The heatmap page's controller: loads the chosen view's overlay (and the comparison
 * beside it) and the element ranking, and shows them in the stage, summary and captions.
 */
import type { Api, ElementRow, PageQuery, PageRow } from './api';
import { type BackdropSource, backdropNoteText } from './backdrop';
import { previousRange } from './dates';
import type { Lang, Translate } from './i18n';
import { type Loaded, loadOverlays } from './load-overlay';
import { locate } from './locate';
import { createScreenshots } from './mini/screenshots';
import { scaleForPage, widthScaledBackdrop } from './mini/width-scale';
import { describeSegment, toApiSegment } from './segments';
import { createBackdropControl } from './snapshot/backdrop-control';
import { loadBackdrop } from './snapshot/load-backdrop';
import type { Backdrop, ViewState } from './state';
import { byId, setStatus } from './ui/dom';
import { createElementPanel } from './ui/element-panel';
import { createExportButtons } from './ui/export-buttons';
import { createStage } from './ui/stage';

/** What the heatmap page needs from the viewer around it. */
export interface HeatmapPageDeps {
  api: Api;
  state: () => ViewState;
  pages: () => readonly PageRow[] | null;
  pageQuery: () => PageQuery | null;
  lang: () => Lang;
  t: Translate;
  errorText: (e: unknown) => string;
  /** Opens the funnel page with a "click on `selector`" step added. */
  toFunnel: (selector: string) => void;
  /** The analyst chose another backdrop. */
  onBackdrop: (backdrop: Backdrop) => void;
}

/** Binds the heatmap page. */
export const createHeatmapPage = ({
  api,
  state,
  pages,
  pageQuery,
  lang,
  t,
  errorText,
  toFunnel,
  onBackdrop,
}: HeatmapPageDeps) => {
  let heatAbort: AbortController | null = null;
  // Screenshots the analyst chose as backdrops, per site and page (kept in this browser).
  const screenshots = createScreenshots();
  const fileInput = byId('backdrop-file', HTMLInputElement);
  const removeButton = byId('backdrop-remove', HTMLButtonElement);
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    const q = pageQuery();
    fileInput.value = '';
    if (!file || !q) return;
    if (!(await screenshots.choose(q, file))) {
      setStatus(stageStatus, t('backdrop.bad'), { error: true });
      return;
    }
    void loadView();
  });
  removeButton.addEventListener('click', async () => {
    const q = pageQuery();
    if (!q) return;
    await screenshots.remove(q);
    void loadView();
  });
  const summary = byId('summary', HTMLParagraphElement);
  const heatCanvas = byId('heat', HTMLCanvasElement);
  const stageStatus = byId('stage-status', HTMLParagraphElement);
  const stage = createStage();
  const stageB = createStage('-b');
  const backdropControl = createBackdropControl({ onChange: onBackdrop });
  const captionA = byId('caption', HTMLElement);
  const captionB = byId('caption-b', HTMLElement);
  const elementPanel = createElementPanel({
    onFunnel: toFunnel,
    // Both sides when comparing: each outlines the element in its own backdrop.
    onHover: (selector) => {
      for (const s of [stage, stageB]) s.highlight(selector ? locate(s.view()?.doc ?? null, selector) : []);
    },
  });
  const exportButtons = createExportButtons({
    current: () => {
      const view = stage.view();
      const q = pageQuery();
      if (!view || !q) return null;
      const caption = `${q.page} · ${t(`type.${state().type}`)} · ${summary.textContent ?? ''} · ${q.from} – ${q.to}`;
      return { ...view, caption, name: { ...q, type: state().type } };
    },
    t,
    status: (text, error = false) => setStatus(stageStatus, text, { error }),
  });
  function showMessage(text: string, error = false) {
    heatAbort?.abort();
    removeButton.hidden = true;
    stage.hide();
    stageB.hide();
    showCaptions([]);
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
    const q = scaleForPage(pageQuery(), pages());
    if (!q) return showMessage(pages()?.length === 0 ? '' : t('empty.page'));
    if (q.from > q.to) return showMessage(t('error.range'), true);
    const queries = compareQueries(q);
    backdropControl.render(state().backdrop, lang());
    backdropControl.note('');
    stage.busy();
    exportButtons.refresh();
    setStatus(stageStatus, t('loading.heatmap'));
    showCaptions(queries);
    void loadElements(q, abort.signal);
    try {
      const pageUrl = pages()?.find((p) => p.pageKey === q.page)?.url ?? null;
      // Width-normalised rows must keep their own width: no snapshot or live page for them.
      const scaled = widthScaledBackdrop(q);
      const picking = scaled
        ? Promise.resolve(scaled)
        : loadBackdrop(api, q, state().backdrop, pageUrl, abort.signal);
      const gettingShot = screenshots.get(q);
      const [[loaded, other], backdrop, screenshot] = await Promise.all([
        loadOverlays(
          api,
          queries,
          state().type,
          // Elements are looked for in a snapshot or live page; with neither, clicks go by
          // position. Two sides share one colour scale only by position, so comparisons use it.
          Promise.all([picking, gettingShot]).then(([b, image]) =>
            b.source.kind === 'none' || image || queries.length > 1 ? 'position' : state().place,
          ),
          t,
          abort.signal,
          picking.then((b) => b.width),
        ),
        picking,
        gettingShot,
      ]);
      if (abort.signal.aborted || !loaded) return;
      removeButton.hidden = !screenshot;
      const source = backdrop.source;
      const second = other && queries[1] ? showSecond(other, source, queries[1]) : stageB.hide();
      if ('empty' in loaded) {
        stage.hide();
        exportButtons.refresh();
        summary.textContent = '';
        setStatus(stageStatus, loaded.empty);
        await second;
        return;
      }
      const result = await stage.show(loaded.overlay, source, screenshot);
      if (!result || abort.signal.aborted) return;
      // Placing by element was asked for, but there is no page to find elements in.
      const byPosition =
        state().type === 'click' &&
        state().place === 'element' &&
        queries.length === 1 &&
        (backdrop.source.kind === 'none' || screenshot !== null);
      const note = loaded.overlay.describe?.() || (byPosition ? t('place.byPosition') : '');
      summary.textContent = [
        loaded.summary,
        ...(note ? [note] : []),
        t('summary.geometry', { width: loaded.overlay.width, height: result.height }),
      ].join(' · ');
      heatCanvas.setAttribute('aria-label', `${t(`type.${state().type}`)} ${q.page}: ${summary.textContent}`);
      const shot = screenshot !== null;
      const none = backdrop.source.kind === 'none';
      setStatus(stageStatus, result.backdrop ? '' : t(none ? 'backdrop.none' : 'error.frame'));
      backdropControl.note(shot || none ? '' : backdropNoteText(backdrop.note, t));
      exportButtons.refresh();
      await second;
    } catch (e) {
      if (abort.signal.aborted) return;
      console.error('heatfunnel viewer: the view could not be drawn', e);
      showMessage(errorText(e), true);
    }
  }

  /** Captions over the two sides when comparing; none otherwise. */
  function showCaptions(queries: readonly PageQuery[]) {
    const [a, b] = queries;
    byId('stage-col-b', HTMLElement).hidden = !b;
    captionA.hidden = !b;
    captionB.replaceChildren();
    if (!a || !b) return;
    captionA.textContent = `${sideName(a, 0)} · ${t('caption.shared')}`;
    captionB.textContent = sideName(b, 1);
  }

  /** The views to draw: the one chosen, and beside it the previous period, returning visitors or a second segment. */
  function compareQueries(q: PageQuery): PageQuery[] {
    switch (state().compare) {
      case 'previous':
        return [q, { ...q, ...previousRange(q) }];
      case 'visitors':
        return [
          { ...q, segment: { ...q.segment, visitor: 'new' } },
          { ...q, segment: { ...q.segment, visitor: 'returning' } },
        ];
      case 'segments':
        return [q, { ...q, segment: toApiSegment(state().vs) }];
      default:
        return [q];
    }
  }

  /** What a side shows, for its caption. */
  function sideName(q: PageQuery, side: 0 | 1): string {
    if (state().compare === 'visitors') return t(side === 0 ? 'visitor.new' : 'visitor.returning');
    if (state().compare === 'segments') return describeSegment(q.segment, t);
    return side === 0
      ? t('caption.range', { from: q.from, to: q.to })
      : t('caption.previous', { from: q.from, to: q.to });
  }

  /** Draws the comparison side, with its summary or its "nothing here" words in the caption. */
  async function showSecond(loaded: Loaded, source: BackdropSource, q: PageQuery) {
    const words = 'empty' in loaded ? loaded.empty : loaded.summary;
    if ('empty' in loaded) stageB.hide();
    else if (!(await stageB.show(loaded.overlay, source))) return;
    captionB.textContent = `${sideName(q, 1)} · ${words}`;
  }

  return {
    /** Loads and draws the current view. */
    load: loadView,
    /** Shows words instead of a heatmap (no page, a bad range, an error). */
    message: showMessage,
    /** Stops loading (the analyst went to the funnel page). */
    stop: () => heatAbort?.abort(),
  };
};
