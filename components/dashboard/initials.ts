// Legal forms carry no identity: «ООО "Северный ветер"» should read СВ, not ОВ.
const LEGAL_FORMS = new Set(['ооо', 'оао', 'зао', 'пао', 'ао', 'ип', 'тоо', 'жшс', 'llc', 'ltd', 'inc', 'gmbh']);

/** Up to two initials for an avatar fallback ("Анна Петрова" → "АП", "ivan@x.kz" → "I"). */
export function initials(nameOrEmail: string): string {
  const base = nameOrEmail.includes('@') && !nameOrEmail.includes(' ') ? nameOrEmail.split('@')[0] : nameOrEmail;
  const words = base
    .replace(/[«»"'“”„()]/g, ' ')
    .trim()
    .split(/[\s.]+/)
    .filter(Boolean);
  const parts = words.length > 1 ? words.filter((w) => !LEGAL_FORMS.has(w.toLowerCase())) : words;
  const letters = parts.length > 1 ? parts[0][0] + parts[parts.length - 1][0] : (parts[0] ?? '?')[0];
  return letters.toUpperCase();
}
