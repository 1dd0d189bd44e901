/** Who is calling, as seen on the wire; recorded on tokens and in the audit log. */
export interface RequestMeta {
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string;
}
