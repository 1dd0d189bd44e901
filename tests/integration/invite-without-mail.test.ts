// Invitations when no mail can leave: the inviter gets the link (never written to a
// production log), and signing up through it joins the inviting workspace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, registerUser } from '../helpers/api';
import { setupTestDatabase, teardownTestDatabase } from '../helpers/db';
import { captureLogs } from '../helpers/logs';
import { startFakeSmtp } from '../fakes/smtp-server';
import { resetEnvCache } from '@/lib/env';
import { resetMailTransport } from '@/lib/mail/send-mail';
import type { Database } from '@/lib/db/client';

let db: Database;
let owner: Awaited<ReturnType<typeof registerUser>>;

beforeAll(async () => {
  process.env.RATE_LIMIT_DISABLED = '1';
  db = await setupTestDatabase();
  owner = await registerUser({ company_name: 'Mailless Ltd' });
});
afterAll(async () => {
  delete process.env.RATE_LIMIT_DISABLED;
  await teardownTestDatabase();
});

const invite = (email: string, role = 'member') => api('POST', '/api/team/invitations', { token: owner.token, body: { email, role } });
const tokenOf = (url: string) => /\/invite\/([A-Za-z0-9_-]+)$/.exec(url)![1];
const signUp = (email: string, invite_token: string, extra: Record<string, unknown> = {}) =>
  api('POST', '/api/auth/register', {
    body: { email, password: 'Tr0ub4dor&3-horse', full_name: 'Invited Person', company_name: 'Should Not Exist', invite_token, ...extra },
    headers: { 'x-forwarded-for': `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` },
  });

describe('inviting without SMTP', () => {
  it('answers with the link to pass on, and a sign-up through it joins the workspace with the invited role', async () => {
    const res = await invite('newcomer@example.com', 'admin');
    expect(res.status).toBe(201);
    expect(res.body.invitation).toMatchObject({ email: 'newcomer@example.com', role: 'admin', delivery: 'none' });
    expect(res.body.invitation.accept_url).toMatch(/^https?:\/\/[^/]+\/invite\/[A-Za-z0-9_-]{40,}$/);

    const joined = await signUp('Newcomer@Example.com', tokenOf(res.body.invitation.accept_url));
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    expect(joined.body.user.workspace.id).toBe(owner.workspaceId);
    expect(joined.body.user.workspace.role).toBe('admin');
    // No workspace of their own, and the invitation is used up.
    const own = await db.query(`select 1 from workspaces where created_by = $1`, [joined.body.user.id]);
    expect(own).toHaveLength(0);
    const [inv] = await db.query<{ accepted_at: Date | null }>(`select accepted_at from invitations where id = $1`, [res.body.invitation.id]);
    expect(inv.accepted_at).not.toBeNull();
    const team = await api('GET', '/api/team', { token: owner.token });
    expect(team.body.members.map((m: { email: string }) => m.email)).toContain('newcomer@example.com');
    const again = await signUp('second@example.com', tokenOf(res.body.invitation.accept_url));
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('invitation_invalid');
  });

  it('refuses a sign-up through the link with another e-mail, creating nothing', async () => {
    const res = await invite('right@example.com');
    const wrong = await signUp('wrong@example.com', tokenOf(res.body.invitation.accept_url));
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('invitation_email_mismatch');
    expect(await db.query(`select 1 from users where email = 'wrong@example.com'`)).toHaveLength(0);
  });

  it('in production, never writes the link to the log', async () => {
    const prev = process.env.NODE_ENV;
    (process.env as Record<string, string>).NODE_ENV = 'production';
    resetEnvCache();
    const logs = captureLogs();
    try {
      const res = await invite('quiet@example.com');
      expect(res.status).toBe(201);
      const token = tokenOf(res.body.invitation.accept_url);
      const text = JSON.stringify(logs.lines);
      expect(text).not.toContain(token);
      expect(text).not.toMatch(/\/invite\/[A-Za-z0-9_-]{20,}/);
    } finally {
      logs.stop();
      (process.env as Record<string, string | undefined>).NODE_ENV = prev;
      resetEnvCache();
    }
  });
});

describe('inviting with SMTP', () => {
  it('mails the link and does not return it', async () => {
    const smtp = await startFakeSmtp();
    process.env.SMTP_URL = smtp.url;
    resetEnvCache();
    resetMailTransport();
    try {
      const res = await invite('mailed@example.com');
      expect(res.status).toBe(201);
      expect(res.body.invitation.delivery).toBe('email');
      expect(res.body.invitation).not.toHaveProperty('accept_url');
      expect(smtp.mails.map((m) => m.to)).toEqual([['mailed@example.com']]);
    } finally {
      delete process.env.SMTP_URL;
      resetEnvCache();
      resetMailTransport();
      await smtp.close();
    }
  });
});
