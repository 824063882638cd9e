/** A Kemendagri code: 2 digits, then 2, 2 and 4 for regency, district and village. */
export const PLACE_CODE = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;

/** The codes of a place and every place above it, nearest last: 35.13.13 → [35, 35.13, 35.13.13]. */
export function lineage(code: string): string[] {
  const parts = code.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}

/** SQL condition "column is this place or inside it", using the prefix nesting of the codes. */
export const insidePlace = (column: string, param: string) =>
  `(${column} = :${param} OR ${column} LIKE :${param} || '.%')`;
