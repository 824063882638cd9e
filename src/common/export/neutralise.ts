/** Spreadsheet programs run a cell that begins with one of these as a formula. */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/**
 * Text a spreadsheet would take for a formula gets a leading apostrophe (and text that already begins with
 * apostrophes before such a character one more), so `unneutralise` gives back exactly what was stored.
 */
export const neutralise = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);
export const unneutralise = (text: string): string => (/^'+[=+\-@\t\r]/.test(text) ? text.slice(1) : text);
