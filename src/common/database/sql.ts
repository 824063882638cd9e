/** Escapes the LIKE wildcards in user text, so `%` and `_` match themselves. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
