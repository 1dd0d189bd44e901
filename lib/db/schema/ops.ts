// Operational tables in the private `app` schema (not tenant data).
import { integer, timestamp, varchar } from 'drizzle-orm/pg-core';
import { appSchema } from './core';

export const rateLimits = appSchema.table('rate_limits', {
  key: varchar('key', { length: 255 }).primaryKey(),
  points: integer('points').notNull().default(0),
  expire: timestamp('expire', { withTimezone: true, mode: 'date' }),
});
