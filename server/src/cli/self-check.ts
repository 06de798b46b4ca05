/**
 * What `--exit-after-start` checks before it exits: the server answers, the SDK script and
 * the viewer are served, and (for the demo) the heatmap API has clicks to show.
 */

/** Checks the running server at `url`; resolves with a line per check, throws on the first failure. */
export async function selfCheck(url: string, demo: boolean): Promise<string[]> {
  const lines: string[] = [];
  const get = async (path: string) => {
    const response = await fetch(`${url}${path}`);
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
    return response;
  };
  await get('/healthz');
  lines.push('health: ok');
  const sdk = await (await get('/sdk/heatfunnel.js')).text();
  lines.push(`SDK script: ${sdk.length} bytes`);
  const viewer = await (await get('/')).text();
  if (!viewer.includes('<html')) throw new Error('GET / did not answer the viewer page');
  lines.push('viewer: ok');
  if (demo) {
    const page = encodeURIComponent('/demo/product/:id');
    const heat = (await (await get(`/api/heatmap/clicks?site=demo&page=${page}`)).json()) as {
      total: number;
    };
    if (!(heat.total > 0)) throw new Error('the demo heatmap of /demo/product/:id has no clicks');
    lines.push(`demo heatmap of /demo/product/:id: ${heat.total} clicks`);
  }
  return lines;
}
