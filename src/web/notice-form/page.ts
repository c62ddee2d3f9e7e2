import { DateTime } from 'luxon';
import type { presentPlan } from '../../notices/present.ts';
import type { TenantRuleFile } from '../../rules/index.ts';
import type { WebContext } from '../context.ts';
import { html, type SafeHtml } from '../../channels/website/html.ts';
import { dateLocale, t, type Lang } from '../i18n/index.ts';
import { boxPointers, placeFindings, type ShownFinding } from './findings.ts';
import { formNodes } from './controls.ts';
import type { RowCount } from './model.ts';
import type { WindowBound } from './window.ts';
import { generalMessages, idOf, nodeHtml, type FormState } from './render.ts';

export type PlanView = ReturnType<typeof presentPlan>;

export interface FormPage {
  rules: TenantRuleFile;
  zone: string;
  action: string;
  /** The notice as written so far (or as stored, for a correction). */
  values: Record<string, unknown>;
  rows: RowCount;
  errors: readonly ShownFinding[];
  warnings: readonly ShownFinding[];
  /** The planned publications, once the notice has been checked. */
  plan: PlanView | null;
  /** The earliest deadlines and latest publication days the rules allow, once checked. */
  window: readonly WindowBound[];
  /** Set when the form corrects a stored notice. */
  correcting?: { id: string; version: number };
  idempotencyKey: string;
}

function when(lang: Lang, iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).setLocale(dateLocale(lang)).toLocaleString(DateTime.DATETIME_HUGE);
}

function day(lang: Lang, isoDate: string): string {
  return DateTime.fromISO(isoDate).setLocale(dateLocale(lang)).toLocaleString(DateTime.DATE_HUGE);
}

/** When each channel will carry the notice, and the newspaper issue it makes. */
export function planItems(lang: Lang, plan: PlanView, zone: string, papers: ReadonlyMap<string, string>): SafeHtml[] {
  return plan.map(
    (p) =>
      html`<li><strong>${t(lang, `channel.${p.channel}`)}</strong>: ${when(lang, p.appearsAt, zone)}${
        p.issueDate ? html` – ${t(lang, 'form.issue', { paper: papers.get(p.target ?? '') ?? p.target ?? '', date: day(lang, p.issueDate) })}` : ''
      }</li>`,
  );
}

/** The lawful window: each bound with the rule's source. */
function windowItems(lang: Lang, bounds: readonly WindowBound[], rules: TenantRuleFile): SafeHtml | '' {
  if (bounds.length === 0) return '';
  const items = bounds.map((b) => {
    const field = rules.form[b.field]?.label[lang] ?? b.field;
    const key = b.kind === 'earliest' ? (b.severity === 'error' ? 'form.window.earliestMust' : 'form.window.earliestShould') : b.severity === 'error' ? 'form.window.latestMust' : 'form.window.latestShould';
    return html`<li>${t(lang, key, { field, date: day(lang, b.date) })} (<a href="${b.source.url}">${b.source.law} ${b.source.section}</a>)</li>`;
  });
  return html`<h3>${t(lang, 'form.window.title')}</h3><ul data-window>${items}</ul>`;
}

function summary(lang: Lang, errors: readonly ShownFinding[]): SafeHtml | '' {
  if (errors.length === 0) return '';
  const items = errors.map((e) => html`<li><a href="#${idOf(e.path.replace(/\/\d+$/, ''))}">${e.message}</a></li>`);
  return html`<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
    <h2 id="error-summary-title">${t(lang, 'form.summary', { count: errors.length })}</h2><ul>${items}</ul></div>`;
}

/** The main part of the write/correct page: one form generated from the type's rule file. */
export function formMain(ctx: WebContext, p: FormPage, papers: ReadonlyMap<string, string>): SafeHtml {
  const { lang } = ctx;
  const nodes = formNodes(p.rules, p.rows);
  const all = [...nodes.common, ...nodes.fields, ...nodes.attachments];
  const findings = [...p.errors, ...p.warnings];
  const state: FormState = { lang, values: p.values, placed: placeFindings(findings, boxPointers(all)) };
  const typeTitle = p.rules.title[lang];
  const heading = p.correcting ? t(lang, 'form.correctTitle', { type: typeTitle }) : t(lang, 'form.newTitle', { type: typeTitle });
  const counts = t(lang, 'form.counts', { errors: p.errors.length, warnings: p.warnings.length });
  const dataText = html`data-zone="${p.zone}" data-text-error="${t(lang, 'form.error')}" data-text-warning="${t(lang, 'form.warning')}"
    data-text-counts="${t(lang, 'form.counts')}" data-text-all-clear="${t(lang, 'form.allClear')}" data-text-issue="${t(lang, 'form.issue')}"
    data-channel-website="${t(lang, 'channel.website')}" data-channel-newspaper="${t(lang, 'channel.newspaper')}" data-channel-facebook="${t(lang, 'channel.facebook')}"`;
  return html`<h1>${heading}</h1>
    <p>${t(lang, 'form.intro')}</p>
    ${summary(lang, p.errors)}
    <form method="post" action="${p.action}" enctype="multipart/form-data" class="notice-form" novalidate data-notice-form ${dataText}>
      <input type="hidden" name="_csrf" value="${ctx.csrfToken}">
      <input type="hidden" name="_key" value="${p.idempotencyKey}">
      ${p.correcting ? html`<input type="hidden" name="_version" value="${p.correcting.version}">` : ''}
      <input type="hidden" name="/type" value="${p.rules.type}" data-kind="text">
      ${generalMessages(state)}
      <fieldset class="section"><legend>${t(lang, 'form.sectionNotice')}</legend>${nodes.common.map((n) => nodeHtml(state, n))}</fieldset>
      <fieldset class="section"><legend>${t(lang, 'form.sectionFields', { type: typeTitle })}</legend>${nodes.fields.map((n) => nodeHtml(state, n))}</fieldset>
      <fieldset class="section"><legend>${t(lang, 'form.sectionAttachments')}</legend>${nodes.attachments.map((n) => nodeHtml(state, n))}</fieldset>
      <section class="plan-preview" aria-labelledby="plan-title">
        <h2 id="plan-title">${t(lang, 'form.planTitle')}</h2>
        <p>${t(lang, 'form.planHelp')}</p>
        <ul data-plan>${p.plan ? planItems(lang, p.plan, p.zone, papers) : html`<li>${t(lang, 'form.planUnknown')}</li>`}</ul>
        ${windowItems(lang, p.window, p.rules)}
      </section>
      <p class="status" data-status role="status" aria-live="polite">${p.plan || findings.length > 0 ? counts : ''}</p>
      <div class="actions">
        <button type="submit" name="_action" value="check" class="secondary">${t(lang, 'form.check')}</button>
        <button type="submit" name="_action" value="submit">${p.correcting ? t(lang, 'form.submitCorrection') : t(lang, 'form.submit')}</button>
      </div>
    </form>`;
}

