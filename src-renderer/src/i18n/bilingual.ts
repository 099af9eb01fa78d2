/** One feature's UI strings: the Chinese table must have exactly the English table's keys (the compiler checks). */
export function bilingual<const E extends Record<string, string>>(en: E, zh: { readonly [K in keyof E]: string }): { en: E; zh: { readonly [K in keyof E]: string } } {
  return { en, zh }
}
