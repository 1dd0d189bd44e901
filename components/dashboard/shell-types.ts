import type { Role } from '@/lib/auth/permissions';

/** What the dashboard chrome needs about the signed-in person (plain, serialisable). */
export interface ShellUser {
  name: string;
  email: string;
  avatarUrl: string | null;
}

export interface ShellWorkspace {
  id: string;
  slug: string;
  name: string;
  role: Role;
}
