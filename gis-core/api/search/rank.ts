/**
 * How well a name matches the words of a query, on folded text (fold.ts) — shared by the
 * project search (search.ts) and the published web map's search (gis-core/publish/site-search.ts),
 * so both rank names the same way. Pure: the web map bundles it.
 */

/** Words that only say "street": dropped from a query that has other words ('đường nguyễn huệ'). */
const STREET_WORDS = new Set(['duong', 'pho', 'd', 'road', 'street', 'st']);

/** The query words that name something (the street words dropped, unless nothing else is left). */
export function meaningfulWords(words: readonly string[]): readonly string[] {
  const meaningful = words.filter((w) => !STREET_WORDS.has(w));
  return meaningful.length > 0 ? meaningful : words;
}

/** 0 exact, 1 prefix, 2 every word starts a word of the name, 3 every word inside; undefined: no match. */
export function rankName(foldedName: string, words: readonly string[], phrase: string): number | undefined {
  if (!words.every((w) => foldedName.includes(w))) return undefined;
  if (foldedName === phrase) return 0;
  if (foldedName.startsWith(phrase)) return 1;
  const nameWords = foldedName.split(/[^a-z0-9]+/);
  return words.every((w) => nameWords.some((n) => n.startsWith(w))) ? 2 : 3;
}
