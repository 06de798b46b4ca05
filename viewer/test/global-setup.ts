/** Builds the viewer once before the browser tests, so every test file serves the same build. */
import { buildViewer } from './server';

/** Vitest global setup: runs once, before any test file. */
export default function setup(): void {
  buildViewer();
}
