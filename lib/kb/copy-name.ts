// The name a duplicate gets: "<name> (копия)", shortened to fit the column.
// The product's knowledge base is Russian-first; the suffix is what the seed's UI shows.
export const COPY_SUFFIX = ' (копия)';

export function copyName(name: string, max: number): string {
  return `${name.slice(0, max - COPY_SUFFIX.length)}${COPY_SUFFIX}`;
}
