import type { RecordView } from '../../archive/search.ts';
import type { ArchiveVerdict } from '../../archive/verify-archive.ts';
import { CHANNELS, NOTICE_TYPES } from '../../notices/types.ts';
import type { WebContext } from '../context.ts';
import { html, type SafeHtml } from '../../channels/website/html.ts';
import { dateLocale, t, type Lang } from '../i18n/index.ts';
import { page } from '../layout.ts';

export const EVENTS = ['delivered', 'published', 'withdrawn', 'corrected', 'failed', 'comment', 'seal'] as const;

export interface SearchForm {
  q?: string;
  notice?: string;
  type?: string;
  channel?: string;
  event?: string;
  from?: string;
  to?: string;
}

function when(lang: Lang, value: Date, zone: string): string {
  return new Intl.DateTimeFormat(dateLocale(lang), { dateStyle: 'short', timeStyle: 'medium', timeZone: zone }).format(value);
}

function select(id: string, label: string, any: string, options: readonly string[], chosen: string | undefined): SafeHtml {
  return html`<div class="field"><label for="${id}">${label}</label><select id="${id}" name="${id}">
    <option value="">${any}</option>${options.map((o) => html`<option value="${o}"${o === chosen ? html` selected` : ''}>${o}</option>`)}</select></div>`;
}

function text(id: string, label: string, value: string | undefined, type = 'text'): SafeHtml {
  return html`<div class="field"><label for="${id}">${label}</label><input id="${id}" name="${id}" type="${type}" value="${value ?? ''}"></div>`;
}

function results(ctx: WebContext, zone: string, rows: readonly RecordView[] | null, limit: number): SafeHtml | '' {
  const { lang } = ctx;
  if (rows === null) return '';
  if (rows.length === 0) return html`<h2>${t(lang, 'archive.results')}</h2><p>${t(lang, 'archive.none')}</p>`;
  const shown = rows.slice(0, limit);
  const body = shown.map(
    (r) => html`<tr>
      <td>${r.seq ?? html`<span class="hint">${t(lang, 'archive.unsealed')}</span>`}</td>
      <td>${when(lang, r.recordedAt, zone)}</td>
      <td>${r.title ?? '—'}</td><td>${r.noticeType ?? '—'}</td><td>${r.channel ?? '—'}</td><td>${r.event}</td>
      <td><code>${r.contentSha256.toString('hex').slice(0, 12)}…</code></td>
      <td>${r.seq === null ? '' : html`<a href="/app/archive/records/${r.seq}">${t(lang, 'archive.open', { seq: r.seq })}</a>`}</td>
    </tr>`,
  );
  return html`<h2>${t(lang, 'archive.results')}</h2>
    ${rows.length > limit ? html`<p>${t(lang, 'archive.more', { count: limit })}</p>` : ''}
    <div class="table-wrap"><table>
      <thead><tr><th scope="col">${t(lang, 'archive.seq')}</th><th scope="col">${t(lang, 'archive.recorded')}</th><th scope="col">${t(lang, 'archive.titleCol')}</th><th scope="col">${t(lang, 'archive.type')}</th><th scope="col">${t(lang, 'archive.channel')}</th><th scope="col">${t(lang, 'archive.event')}</th><th scope="col">${t(lang, 'archive.sha256')}</th><th scope="col"><span class="visually-hidden">${t(lang, 'archive.open', { seq: '' })}</span></th></tr></thead>
      <tbody>${body}</tbody></table></div>`;
}

function verdictBox(ctx: WebContext, verdict: ArchiveVerdict | null): SafeHtml | '' {
  if (!verdict) return '';
  const { lang } = ctx;
  const unsealed = verdict.unsealed > 0 ? html`<p>${t(lang, 'archive.verifyUnsealed', { count: verdict.unsealed })}</p>` : '';
  return verdict.ok
    ? html`<div class="notice-box success" role="status" id="verdict"><p>${t(lang, 'archive.verifyOk', { checked: verdict.checked, seals: verdict.seals })}</p>${unsealed}</div>`
    : html`<div class="notice-box error" role="alert" id="verdict"><p>${t(lang, 'archive.verifyBad', { seq: verdict.firstBadSeq ?? '?', reason: verdict.reason ?? '' })}</p>${unsealed}</div>`;
}

/** /app/archive: search, verification, the Noark 5 export and proofs of publication. */
export function archivePage(ctx: WebContext, view: { form: SearchForm; rows: readonly RecordView[] | null; limit: number; zone: string; verdict: ArchiveVerdict | null; years: readonly number[] }): SafeHtml {
  const { lang } = ctx;
  const f = view.form;
  const main = html`<h1>${t(lang, 'archive.title')}</h1>
    <h2 id="verify">${t(lang, 'archive.verify')}</h2>
    <p>${t(lang, 'archive.verifyHint')}</p>
    ${verdictBox(ctx, view.verdict)}
    <form method="get" action="/app/archive/verify"><div class="actions"><button type="submit" class="primary">${t(lang, 'archive.verifyRun')}</button></div></form>

    <h2 id="export">${t(lang, 'archive.export')}</h2>
    <p>${t(lang, 'archive.exportHint')}</p>
    <form class="stack" method="get" action="/v1/archive/export" aria-labelledby="export">
      <div class="field"><label for="year">${t(lang, 'archive.year')}</label>
        <select id="year" name="year">${view.years.map((y) => html`<option value="${y}">${y}</option>`)}</select></div>
      <div class="actions"><button type="submit" class="primary">${t(lang, 'archive.exportRun')}</button></div>
    </form>

    <h2 id="proof">${t(lang, 'archive.proofHeading')}</h2>
    <p>${t(lang, 'archive.proofHint')}</p>
    <form class="stack" method="get" action="/app/archive/proof" aria-labelledby="proof">
      ${text('proof-notice', t(lang, 'archive.notice'), undefined)}
      <div class="actions"><button type="submit" class="primary">${t(lang, 'archive.proofRun')}</button></div>
    </form>

    <h2 id="search">${t(lang, 'archive.search')}</h2>
    <form class="stack" method="get" action="/app/archive" aria-labelledby="search">
      ${text('q', t(lang, 'archive.q'), f.q, 'search')}
      ${text('notice', t(lang, 'archive.notice'), f.notice)}
      ${select('type', t(lang, 'archive.type'), t(lang, 'archive.any'), NOTICE_TYPES, f.type)}
      ${select('channel', t(lang, 'archive.channel'), t(lang, 'archive.any'), CHANNELS, f.channel)}
      ${select('event', t(lang, 'archive.event'), t(lang, 'archive.any'), EVENTS, f.event)}
      ${text('from', t(lang, 'archive.from'), f.from, 'date')}
      ${text('to', t(lang, 'archive.to'), f.to, 'date')}
      <div class="actions"><button type="submit" class="primary">${t(lang, 'archive.submit')}</button></div>
    </form>
    ${results(ctx, view.zone, view.rows, view.limit)}`;
  return page(ctx, { title: t(lang, 'archive.title'), main, active: 'archive', path: '/app/archive' });
}

/** /app/archive/records/:seq: one record's facts, a link to its exact bytes and to the proof. */
export function recordPage(ctx: WebContext, r: RecordView, zone: string): SafeHtml {
  const { lang } = ctx;
  const seq = r.seq ?? 0;
  const row = (label: string, value: SafeHtml | string | number | null) => html`<tr><th scope="row">${label}</th><td>${value ?? '—'}</td></tr>`;
  const hex = (b: Buffer | null) => (b ? html`<code>${b.toString('hex')}</code>` : null);
  const main = html`<h1>${t(lang, 'archive.record', { seq })}</h1>
    <p><a class="button" href="/v1/archive/records/${seq}/content">${t(lang, 'archive.bytes', { type: r.contentType, size: r.contentLength })}</a></p>
    <div class="table-wrap"><table><tbody>
      ${row(t(lang, 'archive.titleCol'), r.title)}
      ${row(t(lang, 'archive.notice'), r.noticeId)}
      ${row(t(lang, 'archive.type'), r.noticeType)}
      ${row(t(lang, 'archive.channel'), r.channel)}
      ${row(t(lang, 'archive.event'), r.event)}
      ${row(t(lang, 'archive.recorded'), when(lang, r.recordedAt, zone))}
      ${row(t(lang, 'archive.sha256'), hex(r.contentSha256))}
      ${row(t(lang, 'archive.prevHash'), hex(r.prevHash))}
      ${row(t(lang, 'archive.hash'), hex(r.hash))}
    </tbody></table></div>
    ${r.noticeId ? html`<p><a href="/v1/notices/${r.noticeId}/proof">${t(lang, 'archive.proof')}</a></p>` : ''}
    <p><a href="/app/archive">${t(lang, 'archive.title')}</a></p>`;
  return page(ctx, { title: t(lang, 'archive.record', { seq }), main, active: 'archive', path: `/app/archive/records/${seq}` });
}
