/** The `describe` of a skipped suite (Vitest makes a new one on each `describe.skip` read). */
export const describeSkipped: typeof describe.skip = describe.skip;

/**
 * `describe` for a suite that needs a tool from outside npm (redis-server, Chromium). Where the
 * tool is missing, a developer's run skips the suite with a `SKIPPED:` line saying how to install
 * it; under `CI=true` the missing tool fails the run instead: CI never passes without the suite.
 */
export function describeWhenAvailable(
  suite: string,
  missing: string | undefined,
): typeof describe.skip {
  if (!missing) return describe;
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(`the ${suite} must run under CI, but ${missing}`);
  }
  console.warn(`SKIPPED: ${suite}: ${missing}`);
  return describeSkipped;
}
