/** The "Download PNG" and "Download CSV" buttons: enabled while a heatmap is drawn. */
import { exportFileName } from '../export/csv';
import { download } from '../export/download';
import { exportPng } from '../export/png';
import type { Translate } from '../i18n';
import type { Overlay } from '../overlays/overlay';
import { byId } from './dom';

/** What an export needs from the page: the drawn view and what to call it. */
export interface ExportView {
  overlay: Overlay;
  height: number;
  doc: Document | null;
  image?: HTMLImageElement | null;
  caption: string;
  name: { site: string; page: string; type: string; device: string; from: string; to: string };
}

/** Binds the export buttons; `current` says what is drawn, `status` shows progress and failures. */
export const createExportButtons = ({
  current,
  t,
  status,
}: {
  current: () => ExportView | null;
  t: Translate;
  status: (text: string, error?: boolean) => void;
}) => {
  const png = byId('export-png', HTMLButtonElement);
  const csv = byId('export-csv', HTMLButtonElement);

  csv.addEventListener('click', () => {
    const view = current();
    if (!view) return;
    download(
      new Blob([view.overlay.csv()], { type: 'text/csv;charset=utf-8' }),
      exportFileName(view.name, 'csv'),
    );
  });

  png.addEventListener('click', async () => {
    const view = current();
    if (!view) return;
    png.disabled = true;
    status(t('export.busy'));
    try {
      download(await exportPng(view), exportFileName(view.name, 'png'));
      status('');
    } catch (e) {
      status(t('error.export', { message: e instanceof Error ? e.message : String(e) }), true);
    } finally {
      png.disabled = current() === null;
    }
  });

  return {
    /** Enables the buttons when there is something to export. */
    refresh() {
      const ready = current() !== null;
      png.disabled = !ready;
      csv.disabled = !ready;
    },
  };
};
