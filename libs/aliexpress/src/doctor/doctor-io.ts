/** What the doctor needs from the outside world; tests pass fakes, the bin passes the process. */
export interface DoctorIo {
  env: Readonly<Record<string, string | undefined>>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Colours only on a terminal (and never with NO_COLOR). */
  color: boolean;
  readFile: (path: string) => string;
  now: () => number;
  fetch: typeof fetch;
}

/** A bad command line or input: printed as one clear line, exit code 2. */
export class DoctorUsageError extends Error {}

const CODES = { red: 31, green: 32, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const;

/** Wraps text in an ANSI colour when the output is a terminal. */
export function paint(io: DoctorIo, color: keyof typeof CODES, text: string): string {
  return io.color ? `\u001b[${CODES[color]}m${text}\u001b[0m` : text;
}
