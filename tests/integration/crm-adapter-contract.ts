// The contract every CrmAdapter passes (built-in now, Kommo later): run it with
// describeCrmAdapterContract(name, makeAdapter). The setup hands over an adapter and what
// the suite cannot create through the interface itself: custom fields, a second pipeline,
// and a way to read tasks and notes back.
import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CrmAdapter, FieldUpdateResult } from '@/lib/crm/adapter';

export interface CrmContractSetup {
  adapter: CrmAdapter;
  /** A custom deal field of type number, and a custom contact field of type text. */
  dealNumberField: string;
  contactTextField: string;
  /** A stage of a pipeline other than the default one. */
  foreignStageId: string;
  /** A member who can be made responsible for a task. */
  responsibleUserId: string;
  tasksOf(dealId: string): Promise<{ text: string; responsible_user_id: string | null }[]>;
  notesOf(dealId: string): Promise<{ text: string }[]>;
}

const statusOf = (results: FieldUpdateResult[], code: string) => results.find((r) => r.code === code);
const uniq = () => crypto.randomBytes(6).toString('hex');

export function describeCrmAdapterContract(name: string, makeAdapter: () => Promise<CrmContractSetup>) {
  describe(`CrmAdapter contract: ${name}`, () => {
    let s: CrmContractSetup;
    let crm: CrmAdapter;
    let dealId: string;
    let contactId: string;

    const valuesOf = async (kind: 'deal' | 'contact', id: string, codes: string[]) => {
      const rec = kind === 'deal' ? await crm.readDeal(id, codes) : await crm.readContact(id, codes);
      return Object.fromEntries(rec.fields.map((f) => [f.code, f.value]));
    };

    beforeAll(async () => {
      s = await makeAdapter();
      crm = s.adapter;
      const first = await crm.findOrCreateByChannel({ channel_type: 'telegram', external_id: `tg-${uniq()}`, name: 'Айгерим', username: 'aigerim' });
      dealId = first.deal.id;
      contactId = first.client.id;
    });

    it('lists pipelines with their ordered stages, the default one first among them', async () => {
      const pipelines = await crm.listPipelines();
      const def = pipelines.find((p) => p.is_default);
      expect(def, 'a default pipeline').toBeDefined();
      expect(def!.stages.length).toBeGreaterThan(1);
      expect(def!.stages.map((st) => st.order_index)).toEqual([...def!.stages.map((st) => st.order_index)].sort((a, b) => a - b));
      for (const st of def!.stages) expect(st).toMatchObject({ id: expect.any(String), code: expect.any(String), name: expect.any(String), kind: expect.stringMatching(/^(open|won|lost)$/) });
      const other = pipelines.find((p) => p.stages.some((st) => st.id === s.foreignStageId));
      expect(other?.id, 'the second pipeline is listed too').not.toBe(def!.id);
    });

    it('lists system and custom fields for deals and contacts', async () => {
      const deal = await crm.listFields('deal');
      expect(deal.find((f) => f.code === 'price')).toMatchObject({ system: true, writable: true });
      expect(deal.find((f) => f.code === 'stage_id')).toMatchObject({ system: true, writable: false });
      expect(deal.find((f) => f.code === s.dealNumberField)).toMatchObject({ system: false, type: 'number' });
      const contact = await crm.listFields('contact');
      expect(contact.map((f) => f.code)).toEqual(expect.arrayContaining(['name', 'phone', s.contactTextField]));
      expect(contact.map((f) => f.code)).not.toContain(s.dealNumberField);
    });

    it('finds or creates the client and an open deal in the first stage of the default pipeline; a second call finds the same', async () => {
      const identity = { channel_type: 'whatsapp' as const, external_id: `wa-${uniq()}`, name: 'Bob' };
      const a = await crm.findOrCreateByChannel(identity);
      expect(a.created).toBe(true);
      expect(a.client.name).toBe('Bob');
      const def = (await crm.listPipelines()).find((p) => p.is_default)!;
      expect(a.deal).toMatchObject({ client_id: a.client.id, pipeline_id: def.id, stage_id: def.stages[0].id });
      const b = await crm.findOrCreateByChannel(identity);
      expect(b).toEqual({ ...a, created: false });
    });

    it('two calls at once for a new identity end with one client and one deal', async () => {
      const identity = { channel_type: 'telegram' as const, external_id: `race-${uniq()}`, name: 'Racer' };
      const [a, b] = await Promise.all([crm.findOrCreateByChannel(identity), crm.findOrCreateByChannel(identity)]);
      expect(a.client.id).toBe(b.client.id);
      expect(a.deal.id).toBe(b.deal.id);
      expect([a.created, b.created].filter(Boolean)).toHaveLength(1);
      const again = await crm.findOrCreateByChannel(identity);
      expect(again.client.id).toBe(a.client.id);
    });

    it('reads only the allowed fields of a deal and a contact', async () => {
      const deal = await crm.readDeal(dealId, ['price', 'device', s.dealNumberField, 'no_such_field']);
      expect(deal.id).toBe(dealId);
      expect(deal.fields.map((f) => f.code).sort()).toEqual(['device', 'price', s.dealNumberField].sort());
      for (const f of deal.fields) expect(f.name).toEqual(expect.any(String));
      const contact = await crm.readContact(contactId, ['name']);
      expect(contact.fields).toEqual([{ code: 'name', name: expect.any(String), value: 'Айгерим' }]);
    });

    it('reading a deal or contact that does not exist is a 404', async () => {
      await expect(crm.readDeal(crypto.randomUUID(), ['price'])).rejects.toMatchObject({ status: 404 });
      await expect(crm.readContact(crypto.randomUUID(), ['name'])).rejects.toMatchObject({ status: 404 });
    });

    it('fills empty fields, keeps filled ones unless overwrite is on for them', async () => {
      const first = await crm.updateFields('deal', dealId, { price: 15000, device: 'iPhone 14 Pro', [s.dealNumberField]: '42' }, { overwrite: false });
      expect(first.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
      expect(await valuesOf('deal', dealId, ['price', 'device', s.dealNumberField])).toEqual({ price: 15000, device: 'iPhone 14 Pro', [s.dealNumberField]: 42 });

      const kept = await crm.updateFields('deal', dealId, { price: 20000, device: 'iPhone 15' }, { overwrite: { device: true } });
      expect(statusOf(kept, 'price')).toMatchObject({ status: 'skipped', reason: 'filled' });
      expect(statusOf(kept, 'device')).toMatchObject({ status: 'applied', old_value: 'iPhone 14 Pro', value: 'iPhone 15' });
      expect(await valuesOf('deal', dealId, ['price', 'device'])).toEqual({ price: 15000, device: 'iPhone 15' });

      const forced = await crm.updateFields('deal', dealId, { price: 18000 }, { overwrite: true });
      expect(statusOf(forced, 'price')).toMatchObject({ status: 'applied' });
      expect(await valuesOf('deal', dealId, ['price'])).toEqual({ price: 18000 });
    });

    it('rejects values of the wrong type, unknown and read-only fields, and still applies the good ones', async () => {
      const res = await crm.updateFields(
        'deal',
        dealId,
        { [s.dealNumberField]: 'not a number', nope_field: 1, stage_id: s.foreignStageId, issue: 'разбит экран' },
        { overwrite: true },
      );
      expect(statusOf(res, s.dealNumberField)).toMatchObject({ status: 'rejected', reason: 'expected_number' });
      expect(statusOf(res, 'nope_field')).toMatchObject({ status: 'rejected', reason: 'unknown_field' });
      expect(statusOf(res, 'stage_id')).toMatchObject({ status: 'rejected', reason: 'read_only' });
      expect(statusOf(res, 'issue')).toMatchObject({ status: 'applied' });
      expect(await valuesOf('deal', dealId, [s.dealNumberField, 'issue'])).toEqual({ [s.dealNumberField]: 42, issue: 'разбит экран' });
    });

    it('writes contact fields, normalising the phone', async () => {
      const n = String(crypto.randomInt(1_000_000, 9_999_999));
      const local = `8 (701) ${n.slice(0, 3)}-${n.slice(3, 5)}-${n.slice(5)}`;
      const res = await crm.updateFields('contact', contactId, { phone: local, [s.contactTextField]: 'Алматы, Абая 1', email: 'not-an-email' }, { overwrite: false });
      expect(statusOf(res, 'phone')).toMatchObject({ status: 'applied', value: `+7701${n}` });
      expect(statusOf(res, 'email')).toMatchObject({ status: 'rejected', reason: 'invalid_email' });
      expect(await valuesOf('contact', contactId, ['phone', s.contactTextField, 'email'])).toEqual({
        phone: `+7701${n}`,
        [s.contactTextField]: 'Алматы, Абая 1',
        email: null,
      });
    });

    it('moves a deal within its pipeline and refuses a stage of another pipeline', async () => {
      const def = (await crm.listPipelines()).find((p) => p.is_default)!;
      const target = def.stages[2];
      const moved = await crm.changeStage(dealId, target.id);
      expect(moved).toMatchObject({ id: dealId, stage_id: target.id, pipeline_id: def.id });
      expect((await valuesOf('deal', dealId, ['stage_id'])).stage_id).toMatchObject({ id: target.id, code: target.code });
      await expect(crm.changeStage(dealId, s.foreignStageId)).rejects.toMatchObject({ status: 400 });
      await expect(crm.changeStage(dealId, crypto.randomUUID())).rejects.toMatchObject({ status: 400 });
      expect((await valuesOf('deal', dealId, ['stage_id'])).stage_id).toMatchObject({ id: target.id });
    });

    it('creates tasks and notes on a deal that people then see', async () => {
      const due = new Date(Date.now() + 86_400_000).toISOString();
      const task = await crm.createTask({ text: 'Перезвонить клиенту', due_at: due, conversation_id: dealId, responsible_user_id: s.responsibleUserId });
      expect(task.id).toEqual(expect.any(String));
      const note = await crm.addNote({ text: 'Клиент просит оригинальный дисплей', conversation_id: dealId });
      expect(note.id).toEqual(expect.any(String));
      expect(await s.tasksOf(dealId)).toContainEqual(expect.objectContaining({ text: 'Перезвонить клиенту', responsible_user_id: s.responsibleUserId }));
      expect(await s.notesOf(dealId)).toContainEqual(expect.objectContaining({ text: 'Клиент просит оригинальный дисплей' }));
    });

    it('refuses a task without text or for a deal that does not exist', async () => {
      await expect(crm.createTask({ text: '  ', conversation_id: dealId })).rejects.toMatchObject({ status: 400 });
      await expect(crm.createTask({ text: 'x', conversation_id: crypto.randomUUID() })).rejects.toMatchObject({ status: 400 });
    });
  });
}
