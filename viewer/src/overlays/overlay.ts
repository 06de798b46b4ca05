/** What the stage draws over the page: one interface for click heat, scroll reach and attention. */

/** A label the stage places over the page at a document y, as text the analyst can read. */
export interface OverlayLabel {
  /** Document y, CSS px at the reference width. */
  y: number;
  text: string;
  /** A band value or the average fold line. */
  kind: 'band' | 'fold';
}

/** A layer drawn over the page. */
export interface Overlay {
  /** Reference width the page is laid out at, CSS px. */
  width: number;
  /** Document height to use when the page itself cannot be measured. */
  docHeight: number;
  /** Lowest document y the overlay needs on screen (for example the last click cell). */
  minHeight: number;
  /**
   * Paints onto `canvas` (already sized): `scale` canvas px per document px, page `height`
   * document px, `doc` the backdrop document when it can be read (for element placement).
   */
  paint(canvas: HTMLCanvasElement, scale: number, height: number, doc: Document | null): void;
  /**
   * Gets what painting on `doc` needs beyond the overlay's own data (element placement asks
   * for the position cells of elements the page lacks); the stage awaits it before painting.
   */
  prepare?(doc: Document | null): Promise<void>;
  /** Labels for a page of `height` document px. */
  labels(height: number): OverlayLabel[];
  /** The numbers behind the overlay as CSV. */
  csv(): string;
  /** A note on what the last paint could show, for the summary line (element placement). */
  describe?(): string;
  /** Words for the heat at a document point under the pointer (page `height`), or null. */
  probe?(x: number, y: number, height: number): string | null;
}
