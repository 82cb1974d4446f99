/**
 * Logging for services. Lines go to a sink (stderr in the CLI, a file in the app) and the last ones
 * stay in memory for the diagnostic report. Secrets are never passed to the logger; as a second line
 * of defence, values registered with `redact()` are masked in every line.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogLine {
  time: string;
  level: LogLevel;
  scope: string;
  message: string;
}

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  child(scope: string): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export class LogBook {
  private readonly lines: LogLine[] = [];
  private readonly secrets = new Set<string>();

  constructor(
    private readonly capacity = 500,
    private readonly sink: ((line: LogLine) => void) | null = null,
    private readonly minLevel: LogLevel = 'info',
  ) {}

  /** Registers a secret (e.g. a PJLink password) so that it never appears in a log line. */
  redact(secret: string): void {
    if (secret.length >= 3) this.secrets.add(secret);
  }

  write(level: LogLevel, scope: string, message: string): void {
    if (ORDER[level] < ORDER[this.minLevel]) return;
    let text = message;
    for (const s of this.secrets) text = text.split(s).join('••••');
    const line: LogLine = { time: new Date().toISOString(), level, scope, message: text };
    this.lines.push(line);
    if (this.lines.length > this.capacity) this.lines.splice(0, this.lines.length - this.capacity);
    this.sink?.(line);
  }

  recent(count = 100): LogLine[] {
    return this.lines.slice(-count);
  }

  logger(scope: string): Logger {
    return {
      debug: (m) => this.write('debug', scope, m),
      info: (m) => this.write('info', scope, m),
      warn: (m) => this.write('warn', scope, m),
      error: (m) => this.write('error', scope, m),
      child: (sub) => this.logger(`${scope}.${sub}`),
    };
  }
}

/** A logger that drops everything (tests that do not look at logs). */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};
