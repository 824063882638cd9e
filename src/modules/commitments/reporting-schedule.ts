import { addDays } from '../../common/time/calendar.js';
import { ReportingSchedule } from './commitment.entity.js';

/** A report for a scheduled period is due this many days after the period ends. */
export const REPORT_GRACE_DAYS = 14;

export interface PeriodPlan {
  number: number;
  startsOn: string;
  endsOn: string;
  dueOn: string;
}

const MONTHS: Partial<Record<ReportingSchedule, number>> = {
  [ReportingSchedule.MONTHLY]: 1,
  [ReportingSchedule.QUARTERLY]: 3,
  [ReportingSchedule.SEMI_ANNUAL]: 6,
  [ReportingSchedule.ANNUAL]: 12,
};

/** The last day of the calendar block (month, quarter, half-year, year) that `day` falls in. */
function endOfBlock(day: string, months: number): string {
  const [year, month] = day.split('-').map(Number) as [number, number];
  const blockEnd = Math.ceil(month / months) * months; // 1-based month that closes the block
  return new Date(Date.UTC(year, blockEnd, 0)).toISOString().slice(0, 10);
}

/**
 * The reporting periods of a commitment running from `startOn` to `dueOn`:
 * - MONTHLY, QUARTERLY, SEMI_ANNUAL, ANNUAL: calendar blocks clipped to the commitment, each report due
 *   REPORT_GRACE_DAYS after its block ends;
 * - CUSTOM: one period up to each given due date, due on that date;
 * - NONE: one period for the whole commitment, due on its due date.
 */
export function reportingPeriods(startOn: string, dueOn: string, schedule: ReportingSchedule, dueDates: string[] = []): PeriodPlan[] {
  if (schedule === ReportingSchedule.NONE) return [{ number: 1, startsOn: startOn, endsOn: dueOn, dueOn }];
  if (schedule === ReportingSchedule.CUSTOM) {
    const dates = [...new Set(dueDates)].sort();
    return dates.map((date, i) => ({
      number: i + 1,
      startsOn: i === 0 ? startOn : addDays(dates[i - 1]!, 1),
      endsOn: date,
      dueOn: date,
    }));
  }
  const months = MONTHS[schedule]!;
  const periods: PeriodPlan[] = [];
  for (let start = startOn; start <= dueOn; ) {
    const end = [endOfBlock(start, months), dueOn].sort()[0]!;
    periods.push({ number: periods.length + 1, startsOn: start, endsOn: end, dueOn: addDays(end, REPORT_GRACE_DAYS) });
    start = addDays(end, 1);
  }
  return periods;
}
