// Inputs of the synonyms endpoints: a customer's term (1-100 characters) and 1-20 words or
// phrases the knowledge base uses for it.
import { z } from 'zod';

const term = z
  .string({ error: 'term is required' })
  .trim()
  .min(1, 'term is required')
  .max(100, 'term must be at most 100 characters')
  .refine((t) => /[\p{L}\p{N}]/u.test(t), 'term must have letters or digits');
const synonyms = z
  .array(
    z
      .string({ error: 'each synonym must be text' })
      .trim()
      .min(1, 'a synonym cannot be empty')
      .max(100, 'each synonym must be at most 100 characters')
      .refine((t) => /[\p{L}\p{N}]/u.test(t), 'each synonym must have letters or digits'),
    { error: 'synonyms must be a list of words' },
  )
  .transform((list) => list.filter((s, i) => list.findIndex((x) => x.toLowerCase() === s.toLowerCase()) === i))
  .pipe(z.array(z.string()).min(1, 'add at least one synonym').max(20, 'at most 20 synonyms'));

export const createSynonymSchema = z.object({ term, synonyms });
export type CreateSynonymInput = z.infer<typeof createSynonymSchema>;

export const updateSynonymSchema = z
  .object({ term: term.optional(), synonyms: synonyms.optional() })
  .refine((v) => v.term !== undefined || v.synonyms !== undefined, { error: 'send term or synonyms' });
export type UpdateSynonymInput = z.infer<typeof updateSynonymSchema>;
