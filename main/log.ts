export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface Log {
  error(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
}

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };
const SECRET_FIELD = /token|secret|password|authorization|credential|session|private|^key$|accesskey/i;
/** Values that are secrets whatever field they sit in: AWS access key ids, PEM keys, bearer headers. */
const SECRET_VALUE = /\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b|-----BEGIN [A-Z ]*PRIVATE KEY-----|\bBearer\s+\S+/g;
export const REDACTED = '[redacted]';

function clean(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return value.replace(SECRET_VALUE, REDACTED);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => clean(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_FIELD.test(k) ? REDACTED : clean(v, depth + 1)]),
  );
}

/** Fields as they may be written: secret-named fields and secret-looking values replaced. */
export function redact(fields: Record<string, unknown>): Record<string, unknown> {
  return clean(fields, 0) as Record<string, unknown>;
}

/**
 * Structured logging: one JSON object per line with time, level and message, below `level`
 * dropped. Every line is redacted on the way out, so a careless field never writes a secret.
 */
export function jsonLog(write: (line: string) => void, level: LogLevel = 'info', now: () => number = Date.now): Log {
  const at = (lineLevel: LogLevel) => (message: string, fields: Record<string, unknown> = {}) => {
    if (RANK[lineLevel] > RANK[level]) return;
    const line = { time: new Date(now()).toISOString(), level: lineLevel, message: clean(message, 0), ...redact(fields) };
    write(`${JSON.stringify(line)}\n`);
  };
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

/** The level from ROLETRAY_LOG_LEVEL, when it names one. */
export function levelFrom(env: NodeJS.ProcessEnv, fallback: LogLevel = 'info'): LogLevel {
  const value = env.ROLETRAY_LOG_LEVEL;
  return value === 'error' || value === 'warn' || value === 'info' || value === 'debug' ? value : fallback;
}
