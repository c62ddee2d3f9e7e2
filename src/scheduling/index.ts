export { bookIssue, upcomingIssues, BOOKING_HORIZON_DAYS, type BookableIssue } from './newspaper-booking.ts';
export { planPublications, unservableChannels, type PlanRequest, type UnservableChannel } from './plan.ts';
export { moveIntoWindow, type DailyWindow } from './posting-window.ts';
export { publicationMoment } from './publication-moment.ts';
export type { PlannedPublication } from './types.ts';
export { isPublicHoliday, isWorkingDay, workingDaysBefore } from './working-days.ts';
