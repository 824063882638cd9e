import { today } from './calendar.js';

/** A moment to read records as they stood, and its day in WIB (for dates, statuses and fulfilment). */
export interface AsOf {
  at: Date;
  day: string;
}

export const asOfMoment = (at: Date): AsOf => ({ at, day: today(at) });

/** A record read as it stood at a moment, from its history state: carries the moment so its relations follow it. */
export type AsOfRecord<T, Parts = object> = T & { asOf?: AsOf; snapshot?: Parts };

/** History states keep dates as ISO text: back to Date for the fields a GraphQL type declares as dates. */
export function revive<T extends Record<string, unknown>>(state: T, fields: readonly string[]): T {
  const out: Record<string, unknown> = { ...state };
  for (const f of fields) if (typeof out[f] === 'string') out[f] = new Date(out[f] as string);
  return out as T;
}
