import Holidays from 'date-holidays';

const MS_PER_DAY = 86_400_000;
// Only 'public' days (helligdager) close offices and presses; bank days such as Christmas Eve do not.
const norway = new Holidays('NO');
const holidaysByYear = new Map<number, Map<number, { nb: string; en: string }>>();

/** A calendar date as a day number (days since 1970-01-01): DST days of 23 or 25 hours are still one day. */
export function dayNumber(date: { year: number; month: number; day: number }): number {
  return Date.UTC(date.year, date.month - 1, date.day) / MS_PER_DAY;
}

/**
 * Norway's public holidays of a year, by day number, with their names in Norwegian and English
 * (from `date-holidays`, cached per year: planning and rules both ask on the intake hot path).
 */
export function norwegianPublicHolidays(year: number): ReadonlyMap<number, { nb: string; en: string }> {
  let days = holidaysByYear.get(year);
  if (!days) {
    days = new Map();
    // Name the language every time: getHolidays(year, lang) changes the instance's default language.
    const english = new Map(norway.getHolidays(year, 'en').map((h) => [`${h.date}|${h.rule}`, h.name]));
    for (const holiday of norway.getHolidays(year, 'no')) {
      if (holiday.type !== 'public') continue;
      // `date` is "YYYY-MM-DD hh:mm:ss" in Norwegian local time.
      const day = Date.UTC(Number(holiday.date.slice(0, 4)), Number(holiday.date.slice(5, 7)) - 1, Number(holiday.date.slice(8, 10))) / MS_PER_DAY;
      const en = english.get(`${holiday.date}|${holiday.rule}`) ?? holiday.name;
      const earlier = days.get(day);
      // 17 May can also be Whit Monday: keep both names.
      days.set(day, earlier ? { nb: `${earlier.nb} / ${holiday.name}`, en: `${earlier.en} / ${en}` } : { nb: holiday.name, en });
    }
    holidaysByYear.set(year, days);
  }
  return days;
}
