/**
 * Origin allowlists. A site lists the origins its pages run on; a browser's batch from
 * any other origin is refused (403). Requests without an Origin (mini-programs, servers)
 * are not browsers acting for a foreign page, so the check does not apply to them.
 */

/**
 * True when `origin` may send for a site allowing `allowed`: empty allows all; entries are
 * exact origins (`https://shop.example`) or a wildcard subdomain (`https://*.shop.example`).
 */
export function originAllowed(origin: string | undefined, allowed: readonly string[]): boolean {
  if (!origin || allowed.length === 0) return true;
  const wanted = origin.toLowerCase();
  return allowed.some((entry) => {
    const pattern = entry.toLowerCase().replace(/\/+$/, '');
    if (pattern === wanted) return true;
    const star = pattern.indexOf('://*.');
    if (star === -1) return false;
    const scheme = pattern.slice(0, star + 3);
    const suffix = pattern.slice(star + 4);
    return (
      wanted.startsWith(scheme) && wanted.endsWith(suffix) && wanted.length > scheme.length + suffix.length
    );
  });
}
