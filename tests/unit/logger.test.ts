import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, maskSecret } from '@/lib/log/logger';
import { runWithContext } from '@/lib/log/context';
import { scrubSecrets } from '@/lib/audit/record-audit';

function sink() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      cb();
    },
  });
  return { lines, stream };
}

describe('structured logs', () => {
  it('stamps every line with the request id of the request it belongs to', async () => {
    const { lines, stream } = sink();
    const log = createLogger(stream);
    log.level = 'info';
    await runWithContext({ requestId: 'req-1', userId: 'u-1' }, async () => {
      log.info('first');
      await new Promise((r) => setTimeout(r, 1));
      log.info({ step: 2 }, 'second');
    });
    log.info('outside');
    expect(lines.map((l) => l.request_id)).toEqual(['req-1', 'req-1', undefined]);
    expect(lines[0]).toMatchObject({ level: 'INFO', msg: 'first', user_id: 'u-1', service: 'salesagent' });
  });

  it('masks tokens, passwords and keys wherever they appear', () => {
    const { lines, stream } = sink();
    const log = createLogger(stream);
    log.level = 'info';
    log.info(
      {
        password: 'hunter2hunter2',
        refresh_token: 'rt-secret',
        body: { access_token: 'at-secret', api_key: 'sk-live-123' },
        headers: { authorization: 'Bearer abc', cookie: 'authjs.session-token=zzz' },
      },
      'login attempt',
    );
    const text = JSON.stringify(lines);
    for (const secret of ['hunter2hunter2', 'rt-secret', 'at-secret', 'sk-live-123', 'Bearer abc', 'zzz']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
  });

  it('keeps secrets out of audit values and masks for display', () => {
    expect(scrubSecrets({ name: 'Bot', bot_token: '123:ABC', nested: { webhook_secret: 's' } })).toEqual({
      name: 'Bot',
      bot_token: '[redacted]',
      nested: { webhook_secret: '[redacted]' },
    });
    expect(maskSecret('sk-abcdefghijkl')).toBe('****ijkl');
    expect(maskSecret('short')).toBe('****');
  });
});

describe('unexpected errors', () => {
  it('are logged without the bound parameters of a failed query and answered without internals', async () => {
    const { errorResponse, loggableError } = await import('@/lib/api/error-response');
    const err = new Error('Failed query: insert into users (email, password_hash) values ($1, $2)\nparams: a@b.c,$argon2id$v=19$secret');
    const logged = JSON.stringify(loggableError(err));
    expect(logged).toContain('insert into users');
    expect(logged).not.toContain('argon2id');
    const res = errorResponse(err, 'req-9');
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body.error).toMatchObject({ code: 'internal_error', request_id: 'req-9' });
    expect(JSON.stringify(body)).not.toContain('insert');
  });
});
