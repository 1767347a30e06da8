/**
 * Everything wrong with the demo's settings, found before anything starts: one message naming
 * each problem, so a half-filled `.env` is fixed in one go rather than one restart per setting.
 */
export class DemoSettingsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      problems.length === 1
        ? problems[0]
        : `${problems.length} settings need fixing (in .env, see .env.example, or the environment):\n` +
            problems.map((problem) => `  - ${problem}`).join('\n'),
    );
    this.name = 'DemoSettingsError';
  }
}

/**
 * Runs each settings reader on its own and throws one {@link DemoSettingsError} with all their
 * problems, if any: a reader throws either a `DemoSettingsError` (several problems) or an `Error`
 * whose message is the problem.
 */
export function checkDemoSettings(readers: ReadonlyArray<() => unknown>): void {
  const problems: string[] = [];
  for (const read of readers) {
    try {
      read();
    } catch (error) {
      if (error instanceof DemoSettingsError) problems.push(...error.problems);
      else problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (problems.length > 0) throw new DemoSettingsError(problems);
}
