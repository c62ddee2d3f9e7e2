import { DateTime } from 'luxon';
import type { presentAlert } from '../../alerts/present.ts';
import type { NoticeView } from '../../notices/present.ts';
import type { WebContext } from '../context.ts';
import { html, type SafeHtml } from '../../channels/website/html.ts';
import { dateLocale, t, type Lang, type MessageKey } from '../i18n/index.ts';

type Publication = NoticeView['publications'][number];
type Alert = ReturnType<typeof presentAlert>;

/** The word for a state, and a class for its colour (the word is always shown: colour is never the only signal). */
export function stateBadge(lang: Lang, state: string): SafeHtml {
  const known = ['pending', 'scheduled', 'awaiting_approval', 'publishing', 'published', 'delivered', 'confirmed', 'failed', 'withdrawing', 'withdrawn'];
  const word = known.includes(state) ? t(lang, `state.${state}` as MessageKey) : state;
  return html`<span class="badge state-${state}">${word}</span>`;
}

function when(lang: Lang, iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).setLocale(dateLocale(lang)).toLocaleString(DateTime.DATETIME_MED);
}

/** A channel's failure in plain words, with what to do about it. */
function failure(lang: Lang, p: Publication): SafeHtml | '' {
  if (p.state !== 'failed' || p.lastError === null) return '';
  const error = p.lastError as { message?: unknown } | string;
  const said = typeof error === 'string' ? error : typeof error.message === 'string' ? error.message : JSON.stringify(error);
  return html`<div class="failure"><p><strong>${t(lang, 'notice.failedOn', { channel: t(lang, `channel.${p.channel}`) })}</strong> ${said}</p><p>${t(lang, 'notice.whatToDoFailed')}</p></div>`;
}

function link(lang: Lang, noticeId: string, p: Publication): SafeHtml | '' {
  if (p.externalUrl) return html`<a href="${p.externalUrl}">${t(lang, `notice.open.${p.channel}`)}</a>`;
  if (p.channel === 'newspaper' && p.issueDate) return html`${t(lang, 'notice.issue', { date: p.issueDate })} · <a href="/app/notices/${noticeId}/preview/newspaper">${t(lang, 'notice.open.newspaper')}</a>`;
  return '';
}

function publications(lang: Lang, view: NoticeView, zone: string): SafeHtml {
  const rows = view.publications.map(
    (p) => html`<tr><th scope="row">${t(lang, `channel.${p.channel}`)}</th><td>${stateBadge(lang, p.state)}</td><td>${when(lang, p.appearsAt, zone)}</td><td>${link(lang, view.id, p)}</td></tr>
      ${p.state === 'failed' ? html`<tr><td colspan="4">${failure(lang, p)}</td></tr>` : ''}
      ${p.followUp ? html`<tr><td colspan="4"><p class="finding finding-warning">${p.followUp.instructions}</p></td></tr>` : ''}`,
  );
  return html`<div class="table-wrap"><table><caption>${t(lang, 'notice.channels')}</caption>
    <thead><tr><th scope="col">${t(lang, 'notice.channel')}</th><th scope="col">${t(lang, 'notice.state')}</th><th scope="col">${t(lang, 'notice.when')}</th><th scope="col">${t(lang, 'notice.link')}</th></tr></thead>
    <tbody>${rows}</tbody></table></div>`;
}

function alerts(lang: Lang, list: readonly Alert[]): SafeHtml {
  if (list.length === 0) return html`<p>${t(lang, 'notice.noAlerts')}</p>`;
  const items = list.map(
    (a) => html`<li class="alert-item"><strong>${t(lang, `notice.alert.${a.kind}`)}</strong> (${t(lang, a.state === 'open' ? 'notice.alertOpen' : 'notice.alertResolved')})
      ${a.channel ? html` – ${t(lang, `channel.${a.channel}` as MessageKey)}` : ''}${a.problem ? html`<br>${a.problem}` : ''}${a.what ? html`<br>${lang === 'en' ? a.what.en : a.what.nb}` : ''}</li>`,
  );
  return html`<ul class="alerts">${items}</ul>`;
}

export interface NoticePageOptions {
  view: NoticeView;
  alerts: readonly Alert[];
  zone: string;
  typeTitle: string;
  flash: MessageKey | null;
  mayApprove: boolean;
  mayChange: boolean;
}

/** The notice page: state per channel, links to what went out, failures, alerts, and what one may do. */
export function noticeMain(ctx: WebContext, o: NoticePageOptions): SafeHtml {
  const { lang } = ctx;
  const v = o.view;
  const approve = o.mayApprove
    ? html`<form method="post" action="/app/notices/${v.id}/approve" class="inline"><input type="hidden" name="_csrf" value="${ctx.csrfToken}"><button type="submit">${t(lang, 'notice.approve')}</button></form>`
    : '';
  const change =
    o.mayChange && v.status !== 'withdrawn'
      ? html`<p><a class="button secondary" href="/app/notices/${v.id}/edit">${t(lang, 'notice.correct')}</a></p>
        <form method="post" action="/app/notices/${v.id}/withdraw" class="withdraw">
          <input type="hidden" name="_csrf" value="${ctx.csrfToken}">
          <div class="field"><label for="reason">${t(lang, 'notice.reason')} <span class="required">(${t(lang, 'form.required')})</span></label>
          <p class="help" id="reason-help">${t(lang, 'notice.reasonHelp')}</p>
          <textarea id="reason" name="reason" rows="3" required minlength="3" maxlength="2000" aria-describedby="reason-help"></textarea></div>
          <button type="submit" class="danger">${t(lang, 'notice.withdraw')}</button>
        </form>`
      : '';
  return html`${o.flash ? html`<p class="flash" role="status">${t(lang, o.flash)}</p>` : ''}
    <h1>${v.title}</h1>
    <dl class="facts">
      <dt>${t(lang, 'notice.type')}</dt><dd>${o.typeTitle}</dd>
      <dt>${t(lang, 'notice.status')}</dt><dd>${stateBadge(lang, v.status)}</dd>
      <dt>${t(lang, 'notice.version')}</dt><dd>${v.version}</dd>
      <dt>${t(lang, 'notice.submittedBy')}</dt><dd>${v.submittedBy.name}</dd>
    </dl>
    ${publications(lang, v, o.zone)}
    <section aria-labelledby="previews-title"><h2 id="previews-title">${t(lang, 'notice.previews')}</h2>
      <ul><li><a href="/app/notices/${v.id}/preview/website">${t(lang, 'channel.website')}</a></li><li><a href="/app/notices/${v.id}/preview/newspaper">${t(lang, 'channel.newspaper')} (PDF)</a></li><li><a href="/app/notices/${v.id}/preview/facebook">${t(lang, 'channel.facebook')}</a></li></ul></section>
    <section aria-labelledby="alerts-title"><h2 id="alerts-title">${t(lang, 'notice.alerts')}</h2>${alerts(lang, o.alerts)}</section>
    ${approve || change ? html`<section aria-labelledby="actions-title"><h2 id="actions-title">${t(lang, 'notice.actions')}</h2>${approve}${change}</section>` : ''}`;
}
