import { ReportingSchedule } from '../../src/modules/commitments/commitment.entity.js';
import { reportingPeriods } from '../../src/modules/commitments/reporting-schedule.js';

describe('reporting periods', () => {
  it('cuts a quarterly schedule into calendar quarters clipped to the commitment, each due 14 days after', () => {
    expect(reportingPeriods('2023-03-20', '2023-12-31', ReportingSchedule.QUARTERLY)).toEqual([
      { number: 1, startsOn: '2023-03-20', endsOn: '2023-03-31', dueOn: '2023-04-14' },
      { number: 2, startsOn: '2023-04-01', endsOn: '2023-06-30', dueOn: '2023-07-14' },
      { number: 3, startsOn: '2023-07-01', endsOn: '2023-09-30', dueOn: '2023-10-14' },
      { number: 4, startsOn: '2023-10-01', endsOn: '2023-12-31', dueOn: '2024-01-14' },
    ]);
  });

  it('handles months of every length, leap years included', () => {
    const monthly = reportingPeriods('2024-01-15', '2024-03-10', ReportingSchedule.MONTHLY);
    expect(monthly.map((p) => [p.startsOn, p.endsOn])).toEqual([
      ['2024-01-15', '2024-01-31'],
      ['2024-02-01', '2024-02-29'],
      ['2024-03-01', '2024-03-10'],
    ]);
  });

  it('splits semi-annual and annual schedules at June and December', () => {
    expect(reportingPeriods('2022-06-15', '2023-06-14', ReportingSchedule.SEMI_ANNUAL).map((p) => p.endsOn)).toEqual([
      '2022-06-30',
      '2022-12-31',
      '2023-06-14',
    ]);
    expect(reportingPeriods('2016-03-01', '2018-02-28', ReportingSchedule.ANNUAL).map((p) => p.endsOn)).toEqual([
      '2016-12-31',
      '2017-12-31',
      '2018-02-28',
    ]);
  });

  it('makes one period per explicit due date, in date order', () => {
    expect(reportingPeriods('2020-04-01', '2020-12-31', ReportingSchedule.CUSTOM, ['2020-12-31', '2020-06-30'])).toEqual([
      { number: 1, startsOn: '2020-04-01', endsOn: '2020-06-30', dueOn: '2020-06-30' },
      { number: 2, startsOn: '2020-07-01', endsOn: '2020-12-31', dueOn: '2020-12-31' },
    ]);
  });

  it('makes one period for the whole commitment when nothing is scheduled', () => {
    expect(reportingPeriods('2023-03-20', '2024-03-19', ReportingSchedule.NONE)).toEqual([
      { number: 1, startsOn: '2023-03-20', endsOn: '2024-03-19', dueOn: '2024-03-19' },
    ]);
  });
});
