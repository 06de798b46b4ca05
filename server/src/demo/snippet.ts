/** The snippet a shop pastes into its pages (the README shows the same text). */

export interface SnippetOptions {
  site: string;
  /** Origin of the Heatfunnel server, e.g. `https://hf.example.com`. */
  endpoint: string;
}

/** The two script tags: a stub that queues `hf(...)` calls, and the SDK loaded async. */
export function snippet({ site, endpoint }: SnippetOptions): string {
  const init = JSON.stringify({ site, endpoint });
  return `<script>
  window.hf=window.hf||function(){(hf.q=hf.q||[]).push(arguments)};
  hf('init',${init});
</script>
<script async src="${endpoint}/sdk/heatfunnel.js"></script>`;
}
