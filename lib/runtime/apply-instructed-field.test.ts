// How a chain step's update_field instruction is read without the model.
import { describe, expect, it } from 'vitest';
import { parseFieldInstruction } from './apply-instructed-field';

describe('parseFieldInstruction', () => {
  it('reads `field = value`, `deal.field = value` and `contact.field: value` (quotes dropped)', () => {
    expect(parseFieldInstruction('budget = 5000')).toEqual({ entity: 'deal', field: 'budget', value: '5000' });
    expect(parseFieldInstruction('deal.urgency=high')).toEqual({ entity: 'deal', field: 'urgency', value: 'high' });
    expect(parseFieldInstruction('contact.city: «Алматы»')).toEqual({ entity: 'contact', field: 'city', value: 'Алматы' });
    expect(parseFieldInstruction('  Контакт.email = "a@b.kz" ')).toEqual({ entity: 'contact', field: 'email', value: 'a@b.kz' });
  });

  it('leaves prose to the model', () => {
    expect(parseFieldInstruction('Запиши, что клиент из Алматы')).toBeNull();
    expect(parseFieldInstruction('Mark the deal as cold')).toBeNull();
    expect(parseFieldInstruction('budget =   ')).toBeNull();
    expect(parseFieldInstruction('Note: call them back tomorrow')).toBeNull();
  });
});
