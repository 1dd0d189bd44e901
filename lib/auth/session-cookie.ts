// next-auth's session cookie names (v5 "authjs" prefix).
export const SESSION_COOKIE = 'authjs.session-token';
export const SECURE_SESSION_COOKIE = '__Secure-authjs.session-token';
export const REFRESH_COOKIE = 'sa_refresh';
