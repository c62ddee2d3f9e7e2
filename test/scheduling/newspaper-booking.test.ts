import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Newspaper } from '../../src/config/tenant-types.ts';
import { bookIssue, upcomingIssues } from '../../src/scheduling/newspaper-booking.ts';
import { at, newspaper, oslo, ZONE } from './fixtures.ts';

/** The booked issue as readable strings; the default paper prints Tue/Thu/Sat, booking 2 working days before at 12:00. */
function booked(earliest: string, paper: Newspaper = newspaper()) {
  const issue = bookIssue(paper, ZONE, at(earliest));
  assert.ok(issue, `no issue booked for ${earliest}`);
  return { issueDate: issue.issueDate, deadline: oslo(issue.deadline), appearsAt: oslo(issue.appearsAt) };
}

const mondayPaper = newspaper({ issueWeekdays: [1], bookingDeadline: { workingDaysBefore: 1, time: '14:00' } });

await test('one minute before the deadline books that issue', () => {
  assert.deepEqual(booked('2026-06-09T11:59+02:00'), {
    issueDate: '2026-06-11',
    deadline: '2026-06-09T12:00:00+02:00',
    appearsAt: '2026-06-11T00:00:00+02:00',
  });
});

await test('exactly at the deadline books the next issue', () => {
  assert.deepEqual(booked('2026-06-09T12:00+02:00'), {
    issueDate: '2026-06-13',
    deadline: '2026-06-11T12:00:00+02:00',
    appearsAt: '2026-06-13T00:00:00+02:00',
  });
});

await test('a Monday issue closes on the Friday before', () => {
  assert.equal(booked('2026-06-05T13:59+02:00', mondayPaper).issueDate, '2026-06-08');
  assert.deepEqual(booked('2026-06-05T14:00+02:00', mondayPaper), {
    issueDate: '2026-06-15',
    deadline: '2026-06-12T14:00:00+02:00',
    appearsAt: '2026-06-15T00:00:00+02:00',
  });
});

await test('Easter 2027: no issue on Maundy Thursday; Saturday and Tuesday both close on 23 March', () => {
  assert.deepEqual(booked('2027-03-23T11:59+01:00'), {
    issueDate: '2027-03-27',
    deadline: '2027-03-23T12:00:00+01:00',
    appearsAt: '2027-03-27T00:00:00+01:00',
  });
  // Easter Sunday is also the day clocks go forward: the next deadline is in summer time.
  assert.deepEqual(booked('2027-03-23T12:00+01:00'), {
    issueDate: '2027-04-01',
    deadline: '2027-03-30T12:00:00+02:00',
    appearsAt: '2027-04-01T00:00:00+02:00',
  });
});

await test('Easter 2027: no issue on Good Friday or Easter Monday', () => {
  const daily = newspaper({ issueWeekdays: [1, 2, 3, 4, 5, 6], bookingDeadline: { workingDaysBefore: 1, time: '12:00' } });
  const dates = upcomingIssues(daily, ZONE, at('2027-03-22T12:00+01:00'), 3).map((issue) => issue.issueDate);
  assert.deepEqual(dates, ['2027-03-24', '2027-03-27', '2027-03-30']);
});

await test('17 May 2027 (a Monday) has no issue; the next Monday closes on the Friday before', () => {
  assert.deepEqual(booked('2027-05-07T14:00+02:00', mondayPaper), {
    issueDate: '2027-05-24',
    deadline: '2027-05-21T14:00:00+02:00',
    appearsAt: '2027-05-24T00:00:00+02:00',
  });
});

await test('the deadline for the day after 17 May skips the holiday and the weekend', () => {
  const tuesdayPaper = newspaper({ issueWeekdays: [2], bookingDeadline: { workingDaysBefore: 1, time: '14:00' } });
  assert.deepEqual(booked('2027-05-14T13:59+02:00', tuesdayPaper), {
    issueDate: '2027-05-18',
    deadline: '2027-05-14T14:00:00+02:00',
    appearsAt: '2027-05-18T00:00:00+02:00',
  });
});

await test('Christmas 2026: Christmas Eve is a working day, Boxing Day has no issue', () => {
  assert.equal(booked('2026-12-22T11:59+01:00').issueDate, '2026-12-24');
  assert.deepEqual(booked('2026-12-22T12:00+01:00'), {
    issueDate: '2026-12-29',
    deadline: '2026-12-24T12:00:00+01:00',
    appearsAt: '2026-12-29T00:00:00+01:00',
  });
});

await test('Christmas 2026: a daily paper skips Christmas Day and Boxing Day', () => {
  const daily = newspaper({ issueWeekdays: [1, 2, 3, 4, 5, 6], bookingDeadline: { workingDaysBefore: 1, time: '12:00' } });
  assert.deepEqual(booked('2026-12-23T12:00+01:00', daily), {
    issueDate: '2026-12-28',
    deadline: '2026-12-24T12:00:00+01:00',
    appearsAt: '2026-12-28T00:00:00+01:00',
  });
});

await test('the search crosses New Year, skipping 1 January', () => {
  assert.deepEqual(booked('2026-12-30T12:00+01:00'), {
    issueDate: '2027-01-05',
    deadline: '2026-12-31T12:00:00+01:00',
    appearsAt: '2027-01-05T00:00:00+01:00',
  });
});

await test('a deadline across the spring-forward weekend keeps its wall-clock time', () => {
  assert.deepEqual(booked('2026-03-27T13:59+01:00', mondayPaper), {
    issueDate: '2026-03-30',
    deadline: '2026-03-27T14:00:00+01:00',
    appearsAt: '2026-03-30T00:00:00+02:00',
  });
});

const sundaySameDay = (time: string) =>
  newspaper({ issueWeekdays: [7], bookingDeadline: { workingDaysBefore: 0, time } });

await test('a deadline on the day clocks go forward is in summer time', () => {
  assert.equal(booked('2026-03-29T01:00+01:00', sundaySameDay('12:00')).deadline, '2026-03-29T12:00:00+02:00');
});

await test('a deadline inside the spring-forward gap becomes a valid instant after it', () => {
  assert.equal(booked('2026-03-29T01:00+01:00', sundaySameDay('02:30')).deadline, '2026-03-29T03:30:00+02:00');
});

await test('a deadline inside the fall-back overlap is its first occurrence', () => {
  const paper = sundaySameDay('02:30');
  assert.equal(booked('2026-10-25T02:29+02:00', paper).deadline, '2026-10-25T02:30:00+02:00');
  // At the second 02:30 the first has passed: the issue is closed.
  assert.equal(booked('2026-10-25T02:15+01:00', paper).issueDate, '2026-11-01');
});

await test('a same-day deadline: the ad appears no earlier than it is booked', () => {
  const issue = booked('2026-06-14T09:00+02:00', sundaySameDay('10:00'));
  assert.equal(issue.issueDate, '2026-06-14');
  assert.equal(issue.appearsAt, '2026-06-14T10:00:00+02:00');
});

await test('upcomingIssues lists the next issues whose deadlines are still ahead, in date order', () => {
  const issues = upcomingIssues(newspaper(), ZONE, at('2027-03-23T12:00+01:00'), 3);
  assert.deepEqual(
    issues.map((issue) => [issue.issueDate, oslo(issue.deadline)]),
    [
      ['2027-04-01', '2027-03-30T12:00:00+02:00'],
      ['2027-04-03', '2027-04-01T12:00:00+02:00'],
      ['2027-04-06', '2027-04-02T12:00:00+02:00'],
    ],
  );
});

await test('upcomingIssues stops at the 60-day horizon', () => {
  const weekly = newspaper({ issueWeekdays: [3] });
  const dates = upcomingIssues(weekly, ZONE, at('2026-06-01T08:00+02:00'), 20).map((issue) => issue.issueDate);
  assert.equal(dates[0], '2026-06-03');
  assert.equal(dates.at(-1), '2026-07-29');
  assert.equal(dates.length, 9);
});

await test('bookIssue gives null without issue days or with a deadline beyond the horizon', () => {
  assert.equal(bookIssue(newspaper({ issueWeekdays: [] }), ZONE, at('2026-06-01T08:00+02:00')), null);
  const farAhead = newspaper({ bookingDeadline: { workingDaysBefore: 60, time: '12:00' } });
  assert.equal(bookIssue(farAhead, ZONE, at('2026-06-01T08:00+02:00')), null);
});

await test('results are in the tenant zone whatever the zone of the earliest moment', () => {
  const issue = bookIssue(newspaper(), ZONE, at('2026-06-09T09:59Z').toUTC());
  assert.ok(issue);
  assert.equal(issue.deadline.zoneName, ZONE);
  assert.equal(issue.appearsAt.zoneName, ZONE);
  assert.equal(issue.issueDate, '2026-06-11');
});
