import type { DateTime } from 'luxon';
import type { WebContext } from '../context.ts';
import { html, type SafeHtml } from '../../channels/website/html.ts';
import { dateLocale, t, type Lang } from '../i18n/index.ts';
import { stateBadge } from '../notice-page/render.ts';
import type { Day, View } from './calendar.ts';

const LEGEND = ['scheduled', 'awaiting_approval', 'published', 'failed', 'withdrawn'];

function dayHtml(lang: Lang, day: Day): SafeHtml {
  const heading = day.date.setLocale(dateLocale(lang)).toFormat('cccc d. LLLL');
  const issues = day.issues.length > 0 ? html`<p class="issues">${t(lang, 'plan.issues', { papers: day.issues.join(', ') })}</p>` : '';
  const items = day.entries.map(
    (e) => html`<li class="entry state-${e.state}"><span class="time">${e.at.toFormat('HH:mm')}</span>
      <span class="channel">${t(lang, `channel.${e.channel}` as 'channel.website')}</span> ${stateBadge(lang, e.state)}
      <a href="/app/notices/${e.noticeId}">${e.title}</a></li>`,
  );
  return html`<li class="day"><h3>${heading}</h3>${issues}${items.length > 0 ? html`<ul class="entries">${items}</ul>` : html`<p class="empty">${t(lang, 'plan.nothing')}</p>`}</li>`;
}

/** The calendar page: a week or a month of publications per channel, with the newspapers' issue days. */
export function planMain(ctx: WebContext, view: View, start: DateTime, days: readonly Day[]): SafeHtml {
  const { lang } = ctx;
  const step = view === 'week' ? { weeks: 1 } : { months: 1 };
  const link = (date: DateTime, v: View) => `/app/plan?view=${v}&date=${date.toISODate() ?? ''}`;
  const title = view === 'week' ? t(lang, 'plan.week', { week: start.weekNumber, year: start.weekYear }) : start.setLocale(dateLocale(lang)).toFormat('LLLL yyyy');
  const shown = view === 'month' ? days.filter((d) => d.entries.length > 0 || d.issues.length > 0) : days;
  return html`<h1>${t(lang, 'plan.title')}</h1>
    <nav class="plan-nav" aria-label="${t(lang, 'plan.navigation')}"><ul>
      <li><a href="${link(start.minus(step), view)}">${t(lang, view === 'week' ? 'plan.previousWeek' : 'plan.previousMonth')}</a></li>
      <li><a href="${link(start.plus(step), view)}">${t(lang, view === 'week' ? 'plan.nextWeek' : 'plan.nextMonth')}</a></li>
      <li><a href="${link(start, 'week')}"${view === 'week' ? html` aria-current="page"` : ''}>${t(lang, 'plan.weekView')}</a></li>
      <li><a href="${link(start, 'month')}"${view === 'month' ? html` aria-current="page"` : ''}>${t(lang, 'plan.monthView')}</a></li>
    </ul></nav>
    <h2>${title}</h2>
    <p class="legend">${t(lang, 'plan.legend')} ${LEGEND.map((s) => stateBadge(lang, s))}</p>
    <ol class="calendar">${shown.map((d) => dayHtml(lang, d))}</ol>`;
}
