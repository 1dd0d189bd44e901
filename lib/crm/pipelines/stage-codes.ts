// Stage codes: given, or derived from the stage name (Russian and Kazakh letters transliterated),
// else `stage_N`; unique within the list. Shared by pipelines and vertical templates.
const TRANSLIT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sch', ъ: '',
  ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', ә: 'a', ғ: 'g', қ: 'q', ң: 'n', ө: 'o', ұ: 'u', ү: 'u', һ: 'h', і: 'i',
};

export const CODE_RE = /^[a-z][a-z0-9_]{0,63}$/;

/** A code from a name: "В работе" → "v_rabote"; null when nothing usable is left. */
export function codeFromName(name: string): string | null {
  const latin = [...name.toLowerCase()].map((ch) => TRANSLIT[ch] ?? ch).join('');
  const code = latin
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '')
    .slice(0, 48)
    .replace(/_+$/, '');
  return CODE_RE.test(code) ? code : null;
}

/** Fills in missing codes; given codes are kept as they are (duplicates among them are the schema's job). */
export function assignCodes<T extends { code?: string | null; name: string }>(stages: T[]): (T & { code: string })[] {
  const taken = new Set(stages.map((s) => s.code).filter((c): c is string => !!c));
  return stages.map((s, i) => {
    if (s.code) return { ...s, code: s.code };
    const base = codeFromName(s.name) ?? `stage_${i + 1}`;
    let code = base;
    for (let n = 2; taken.has(code); n++) code = `${base}_${n}`;
    taken.add(code);
    return { ...s, code };
  });
}
