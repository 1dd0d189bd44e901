// Optimistic concurrency for clients and conversations: a write based on the version the
// caller read is applied with `where version = :read` and bumps it; a stale one is a 409 that
// carries the current state, so the board or card can show it.
import { AppError } from '@/lib/api/errors';

export function staleVersion(entity: string, current: unknown): AppError {
  return new AppError(409, 'stale_version', `${entity} was changed by someone else; reload it and try again`, { current });
}
