/** Options of `init`, shared by every platform. */

export interface InitOptions {
  /** Site key (public write key), as the server knows it. */
  site: string;
  /** Origin of the Heatfunnel server, e.g. `https://hf.example.com`. */
  endpoint?: string;
  /** Send once this many events wait (default 20). */
  batchSize?: number;
  /** Send waiting events after this many ms (default 5000). */
  flushInterval?: number;
  /** Most events kept waiting (offline, server down) in storage; the oldest go first (default 500). */
  maxQueue?: number;
  /** Log what the SDK does and why it fails to the console. */
  debug?: boolean;
  /** Collect and store nothing until `hf('consent', true)` (default false). */
  requireConsent?: boolean;
  /** Collect nothing when the browser sends Do-Not-Track or Global Privacy Control (default true). */
  respectDnt?: boolean;
  /** Query parameters kept in `url` besides utm_* (e.g. `['lang']`). */
  keepParams?: string[];
  /** The site's own page key rule; return undefined to use the default template. */
  pageKey?: (url: string) => string | undefined;
  /** Send the clicked element's visible text (`tx`, at most 64 characters; never form fields or `data-hf-ignore` content). Default false. */
  captureText?: boolean;
}

/** Options with every default filled in. */
export type ResolvedOptions = Required<
  Omit<InitOptions, 'pageKey' | 'debug' | 'requireConsent' | 'captureText'>
> &
  Pick<InitOptions, 'pageKey' | 'debug' | 'requireConsent' | 'captureText'>;

/** Fills in defaults; `fallbackEndpoint` is where the platform thinks the server is. */
export function resolveOptions(options: InitOptions, fallbackEndpoint: string): ResolvedOptions {
  return {
    batchSize: 20,
    flushInterval: 5000,
    maxQueue: 500,
    respectDnt: true,
    keepParams: [],
    ...options,
    endpoint: (options.endpoint || fallbackEndpoint).replace(/\/+$/, ''),
  };
}
