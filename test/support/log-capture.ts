import type { LoggerService } from '@nestjs/common';

/** Captures every line Nest loggers write (all levels), so tests can check what would be logged. */
export class LogCapture implements LoggerService {
  readonly lines: string[] = [];

  log(message: unknown, ...rest: unknown[]) {
    this.push('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.push('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.push('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.push('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.push('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.push('fatal', message, rest);
  }

  /** Lines that contain any of the given secret values. */
  leaks(secrets: Array<string | undefined>): string[] {
    const values = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4);
    return this.lines.filter((line) => values.some((v) => line.includes(v)));
  }

  private push(level: string, message: unknown, rest: unknown[]) {
    const text = [message, ...rest]
      .map((part) => (typeof part === 'string' ? part : JSON.stringify(part)))
      .join(' ');
    this.lines.push(`[${level}] ${text}`);
  }
}
