/**
 * The SDK must never throw into the host page: every handler and public call runs through
 * a guard that swallows the error, counts it, and logs the first one in debug mode.
 */

/** A guard with its failure count. */
export function createGuard(debug: boolean) {
  let failures = 0;
  const report = (error: unknown) => {
    if (failures++ === 0 && debug) console.warn('[heatfunnel] internal error, please report it:', error);
  };
  return {
    /** `fn` wrapped so that it returns undefined instead of throwing. */
    wrap<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R | undefined {
      return (...args) => {
        try {
          return fn(...args);
        } catch (error) {
          report(error);
          return undefined;
        }
      };
    },
    report,
    /** How many internal errors were swallowed. */
    failures: (): number => failures,
  };
}

/** The guard's interface. */
export type Guard = ReturnType<typeof createGuard>;
