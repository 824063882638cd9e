import type { ValueTransformer } from 'typeorm';

/** numeric columns arrive from `pg` as strings (to keep precision); our figures fit a JS number. */
export const numeric: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};
