import type { Role } from '@/lib/auth/permissions';

/** A member row as the team table shows it, with what the viewer may do to it. */
export interface MemberRow {
  id: string;
  name: string;
  email: string;
  avatarUrl: string | null;
  role: Role;
  joinedAt: string;
  isSelf: boolean;
  canChangeRole: boolean;
  canRemove: boolean;
}

export interface InvitationRow {
  id: string;
  email: string;
  role: Role;
  expiresAt: string;
}
