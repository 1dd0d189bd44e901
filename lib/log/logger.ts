// Structured JSON logs; every line carries the request id of the request it belongs to.
import pino from 'pino';
import { getEnv } from '@/lib/env';
import { currentContext } from './context';

// Keys whose values never reach a log line, wherever they appear.
export const REDACT_KEYS = [
  'password',
  'new_password',
  'current_password',
  'password_hash',
  'passwordHash',
  'token',
  'access_token',
  'refresh_token',
  'accessToken',
  'refreshToken',
  'authorization',
  'cookie',
  'set-cookie',
  'api_key',
  'apiKey',
  'secret',
  'client_secret',
  'bot_token',
  'webhook_secret',
];

const paths = REDACT_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `headers["${k}"]`, `req.headers["${k}"]`]);

function create(destination?: pino.DestinationStream) {
  return pino(
    {
      level: getEnv().LOG_LEVEL,
      base: { service: 'salesagent' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label.toUpperCase() }) },
      mixin() {
        const ctx = currentContext();
        return ctx ? { request_id: ctx.requestId, user_id: ctx.userId, workspace_id: ctx.workspaceId } : {};
      },
    },
    destination,
  );
}

const g = globalThis as Record<string, unknown>;
export const logger: pino.Logger = (g.__salesagentLogger as pino.Logger) ?? (g.__salesagentLogger = create());

/** A logger writing into the given stream (tests read what would be logged). */
export function createLogger(destination: pino.DestinationStream): pino.Logger {
  return create(destination);
}

/** Masks a secret for display: keeps the last 4 characters. */
export function maskSecret(value: string | null | undefined): string {
  if (!value) return '';
  return value.length <= 8 ? '****' : `****${value.slice(-4)}`;
}
