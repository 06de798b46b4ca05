/**
 * The screenshot backdrops of the heatmap page: the image shown for a site and page, read
 * once from the browser's store and kept decoded in memory; choosing or removing one
 * updates both.
 */
import type { PageQuery } from '../api';
import { loadScreenshot, removeScreenshot, saveScreenshot, screenshotKey } from './screenshot-store';

/** The image of `blob`, decoded; null when this browser cannot show it. */
async function decode(blob: Blob): Promise<HTMLImageElement | null> {
  const image = new Image();
  image.src = URL.createObjectURL(blob);
  try {
    await image.decode();
    return image;
  } catch {
    URL.revokeObjectURL(image.src);
    return null;
  }
}

/** Screenshot backdrops per site and page (any device: a screenshot is of the page). */
export function createScreenshots() {
  const images = new Map<string, Promise<HTMLImageElement | null>>();
  const key = (q: PageQuery) => screenshotKey(q.site, q.page);
  const drop = async (k: string) => {
    const image = await images.get(k);
    if (image) URL.revokeObjectURL(image.src);
    images.delete(k);
  };
  return {
    /** The screenshot of `q`'s page, or null (read from the store the first time). */
    get(q: PageQuery): Promise<HTMLImageElement | null> {
      const k = key(q);
      let image = images.get(k);
      if (!image) {
        image = loadScreenshot(k).then((blob) => (blob ? decode(blob) : null));
        images.set(k, image);
      }
      return image;
    },
    /** Shows and keeps `file` for `q`'s page; false when it is not an image this browser shows. */
    async choose(q: PageQuery, file: Blob): Promise<boolean> {
      const image = await decode(file);
      if (!image) return false;
      const k = key(q);
      await drop(k);
      images.set(k, Promise.resolve(image));
      await saveScreenshot(k, file);
      return true;
    },
    /** Forgets `q`'s page's screenshot, here and in the store. */
    async remove(q: PageQuery): Promise<void> {
      const k = key(q);
      await drop(k);
      images.set(k, Promise.resolve(null));
      await removeScreenshot(k);
    },
  };
}
