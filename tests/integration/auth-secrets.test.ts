// Point 9 of issue 6: nothing secret in logs, no account enumeration by timing,
// readiness details only for those who may see them, no schema names in errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import { captureLogs } from '../helpers/logs';
import { settleOutbox } from '../helpers/outbox';
import { mailText, startFakeSmtp } from '../fakes/smtp-server';
import { resetEnvCache } from '@/lib/env';
import { resetMailTransport } from '@/lib/mail/send-mail';
import { errorResponse } from '@/lib/api/error-response';
import type { Database } from '@/lib/db/client';

let db: Database;
beforeAll(async () => {
  db = await setupTestDatabase();
});
afterAll(teardownTestDatabase);

async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  resetEnvCache();
  resetMailTransport();
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvCache();
    resetMailTransport();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

describe('forgot password: the same answer in the same time', () => {
  it('does not send mail on the request path; the mail follows from the outbox', async () => {
    const smtp = await startFakeSmtp({ acceptDelayMs: 2000 });
    const u = await registerUser();
    await withEnv({ SMTP_URL: smtp.url }, async () => {
      const started = performance.now();
      const r = await api('POST', '/api/auth/forgot-password', { body: { email: u.email } });
      const took = performance.now() - started;
      expect(r.status).toBe(202);
      // A synchronous send would have waited for the slow SMTP server.
      expect(took).toBeLessThan(2000);
      expect(smtp.mails).toHaveLength(0);
      await settleOutbox(db);
      expect(smtp.mails).toHaveLength(1);
      expect(smtp.mails[0].to).toEqual([u.email]);
      expect(mailText(smtp.mails[0].data)).toMatch(/reset-password\?token=[A-Za-z0-9_-]{40,}/);
    });
    await smtp.close();
  });

  it('an existing and an unknown email take the same time (medians of many runs)', async () => {
    // A slow mail server makes any mail work on the request path obvious.
    const smtp = await startFakeSmtp({ acceptDelayMs: 150 });
    const RUNS = 9;
    const users: Awaited<ReturnType<typeof registerUser>>[] = [];
    for (let i = 0; i < RUNS; i++) users.push(await registerUser());
    const known: number[] = [];
    const unknown: number[] = [];
    await withEnv({ SMTP_URL: smtp.url }, async () => {
      const timed = async (email: string) => {
        const started = performance.now();
        const r = await api('POST', '/api/auth/forgot-password', { body: { email } });
        const took = performance.now() - started;
        expect(r.status).toBe(202);
        // The background work of one run must not slow the next one down.
        await settleOutbox(db);
        return took;
      };
      await timed(`warm-up-${Date.now()}@example.com`);
      for (let i = 0; i < RUNS; i++) {
        known.push(await timed(users[i].email));
        unknown.push(await timed(`nobody-${i}-${Date.now()}@example.com`));
      }
    });
    await smtp.close();
    expect(smtp.mails).toHaveLength(RUNS);
    const ratio = median(known) / median(unknown);
    expect(ratio, `median known ${median(known).toFixed(1)} ms vs unknown ${median(unknown).toFixed(1)} ms`).toBeLessThan(1.8);
    expect(ratio).toBeGreaterThan(1 / 1.8);
  });
});

describe('production without SMTP: mail is off and no link reaches the log', () => {
  it('a reset and an invitation leave no link in the log; readiness says mail is off; the inviter gets the link', async () => {
    const owner = await registerUser();
    const logs = captureLogs();
    const { invite, ready } = await withEnv({ NODE_ENV: 'production' }, async () => {
      await api('POST', '/api/auth/forgot-password', { body: { email: owner.email } });
      await settleOutbox(db);
      const invite = await api('POST', '/api/team/invitations', { token: owner.token, body: { email: 'new-colleague@example.com', role: 'member' } });
      const ready = await api('GET', '/api/health/ready', { token: owner.token });
      return { invite, ready };
    });
    logs.stop();
    const text = JSON.stringify(logs.lines);
    expect(text).not.toMatch(/reset-password\?token=/);
    expect(text).not.toMatch(/\/invite\/[A-Za-z0-9_-]{20,}/);
    expect(logs.lines.some((l) => /mail is off/.test(l.msg))).toBe(true);
    expect(ready.body.services.mail).toBe('off');
    expect(invite.status).toBe(201);
    expect(invite.body.invitation.accept_url).toMatch(/\/invite\/[A-Za-z0-9_-]{40,}$/);
    // A token was really created: the reset row exists even though no mail left.
    const [{ n }] = await db.query<{ n: number }>(`select count(*)::int as n from password_reset_tokens where user_id = $1`, [owner.userId]);
    expect(n).toBe(1);
  });

  it('with SMTP the link goes by mail only (not in the response)', async () => {
    const smtp = await startFakeSmtp();
    const owner = await registerUser();
    const invite = await withEnv({ NODE_ENV: 'production', SMTP_URL: smtp.url }, () =>
      api('POST', '/api/team/invitations', { token: owner.token, body: { email: 'by-mail@example.com', role: 'viewer' } }),
    );
    await smtp.close();
    expect(invite.status).toBe(201);
    expect(invite.body.invitation.accept_url).toBeUndefined();
    expect(smtp.mails).toHaveLength(1);
  });
});

describe('readiness details', () => {
  it('anonymous callers get only the status', async () => {
    const r = await api('GET', '/api/health/ready');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ready' });
    const forged = await api('GET', '/api/health/ready', { headers: { 'x-health-token': 'guess-guess-guess-guess' } });
    expect(forged.body).toEqual({ status: 'ready' });
    const badBearer = await api('GET', '/api/health/ready', { headers: { authorization: 'Bearer not-a-token' } });
    expect(badBearer.status).toBe(200);
    expect(badBearer.body).toEqual({ status: 'ready' });
  });

  it('HEALTH_TOKEN or an owner/admin session sees services and database', async () => {
    const secret = 'monitoring-token-0123456789';
    const viaToken = await withEnv({ HEALTH_TOKEN: secret }, () => api('GET', '/api/health/ready', { headers: { 'x-health-token': secret } }));
    expect(viaToken.body).toMatchObject({ ready: true, database: { ok: true }, services: { mail: 'log', storage: 'local' } });
    const owner = await registerUser();
    const viaOwner = await api('GET', '/api/health/ready', { token: owner.token });
    expect(viaOwner.body.services).toBeDefined();
  });
});

describe('errors name no constraints', () => {
  it('a check violation answers 400 without the constraint or table name', async () => {
    const err = await db
      .query(`insert into workspaces (name, subscription_plan) values ('x', 'platinum')`)
      .catch((e: unknown) => e);
    expect((err as { constraint?: string }).constraint).toMatch(/subscription_plan/);
    const res = errorResponse(err);
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).not.toMatch(/subscription_plan|workspaces|_check/);
    expect(JSON.parse(body).error.details).toBeNull();
  });

  it('the last-owner guard answers 409 last_owner without naming its trigger', async () => {
    const owner = await registerUser();
    const team = await api('GET', '/api/team', { token: owner.token });
    const r = await api('PATCH', `/api/team/members/${team.body.members[0].id}`, { token: owner.token, body: { role: 'admin' } });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('last_owner');
    expect(JSON.stringify(r.body)).not.toMatch(/keep_one_owner/);
  });
});
