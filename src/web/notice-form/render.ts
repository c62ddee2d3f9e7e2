import { pointerSegments, valueAt } from '../../rules/pointer.ts';
import { html, type SafeHtml } from '../../channels/website/html.ts';
import { t, type Lang } from '../i18n/index.ts';
import type { Control, FormNode } from './model.ts';
import type { ShownFinding } from './findings.ts';

/** What the form's controls show: the values as submitted (or stored) and the messages by place. */
export interface FormState {
  lang: Lang;
  values: Record<string, unknown>;
  placed: ReadonlyMap<string, readonly ShownFinding[]>;
}

/** A control's id: its pointer with every other character a dash (field names are letters and digits). */
export function idOf(pointer: string): string {
  return `f${pointer.replace(/[^A-Za-z0-9]/g, '-')}`;
}

export function findingHtml(lang: Lang, finding: ShownFinding): SafeHtml {
  const source = finding.source ? html` (<a href="${finding.source.url}">${finding.source.law} ${finding.source.section}</a>)` : '';
  return html`<p class="finding finding-${finding.severity}"><strong>${t(lang, finding.severity === 'error' ? 'form.error' : 'form.warning')}</strong> ${finding.message}${source}</p>`;
}

function messages(state: FormState, pointer: string): SafeHtml {
  const found = state.placed.get(pointer) ?? [];
  return html`<div class="messages" id="${idOf(pointer)}-msg" data-messages-for="${pointer}">${found.map((f) => findingHtml(state.lang, f))}</div>`;
}

function hasError(state: FormState, pointer: string): boolean {
  return (state.placed.get(pointer) ?? []).some((f) => f.severity === 'error');
}

/** The value at a pointer as the control's text. */
function shown(state: FormState, pointer: string): string {
  const value = valueAt(state.values, pointerSegments(pointer));
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(String).join('\n');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function label(state: FormState, node: FormNode): SafeHtml {
  return html`${node.label[state.lang]}${node.required ? html` <span class="required">(${t(state.lang, 'form.required')})</span>` : ''}`;
}

function help(state: FormState, node: FormNode): SafeHtml | '' {
  return node.help ? html`<p class="help" id="${idOf(node.pointer)}-help">${node.help[state.lang]}</p>` : '';
}

function describedBy(node: FormNode): string {
  return [node.help ? `${idOf(node.pointer)}-help` : '', `${idOf(node.pointer)}-msg`].filter(Boolean).join(' ');
}

const INPUT_TYPES: Partial<Record<Control['kind'], string>> = { text: 'text', url: 'url', email: 'email', date: 'date', datetime: 'datetime-local', number: 'number', integer: 'number' };

function choices(state: FormState, c: Control, type: 'radio' | 'checkbox', options: readonly { value: string; text: string }[]): SafeHtml {
  const value = valueAt(state.values, pointerSegments(c.pointer));
  const selected = (v: string) => (Array.isArray(value) ? value.map(String).includes(v) : shown(state, c.pointer) === v);
  const items = options.map(
    (o, i) =>
      html`<div class="choice"><input type="${type}" id="${idOf(c.pointer)}-${i}" name="${c.pointer}" value="${o.value}" data-kind="${c.kind}" data-pointer="${c.pointer}"${selected(o.value) ? html` checked` : ''}> <label for="${idOf(c.pointer)}-${i}">${o.text}</label></div>`,
  );
  return html`<fieldset class="field choices" id="${idOf(c.pointer)}" aria-describedby="${describedBy(c)}"${hasError(state, c.pointer) ? html` aria-invalid="true"` : ''}>
    <legend>${label(state, c)}</legend>${help(state, c)}${items}${messages(state, c.pointer)}</fieldset>`;
}

function controlHtml(state: FormState, c: Control): SafeHtml {
  const { lang } = state;
  if (c.kind === 'boolean') {
    return choices(state, c, 'radio', [
      { value: 'true', text: t(lang, 'form.yes') },
      { value: 'false', text: t(lang, 'form.no') },
    ]);
  }
  if (c.kind === 'checkboxes') return choices(state, c, 'checkbox', (c.options ?? []).map((o) => ({ value: o.value, text: o.label[lang] })));
  const id = idOf(c.pointer);
  if (c.kind === 'file') {
    // Not read as a value: the server stores the image and fills in the address beside it.
    const urlPointer = c.pointer.replace(/\/file$/, '/url');
    return html`<div class="field"><label for="${id}">${label(state, c)}</label>${help(state, c)}<input type="file" id="${id}" name="${c.pointer}" accept="image/jpeg,image/png,image/gif,image/webp" data-upload-for="${urlPointer}" aria-describedby="${describedBy(c)}">${messages(state, c.pointer)}</div>`;
  }
  const common = html`id="${id}" name="${c.pointer}" data-kind="${c.kind}" data-pointer="${c.pointer}" aria-describedby="${describedBy(c)}"${hasError(state, c.pointer) ? html` aria-invalid="true"` : ''}${c.required ? html` aria-required="true"` : ''}`;
  const value = shown(state, c.pointer);
  let input: SafeHtml;
  if (c.kind === 'choice') {
    const options = (c.options ?? []).map((o) => html`<option value="${o.value}"${o.value === value ? html` selected` : ''}>${o.label[lang]}</option>`);
    input = html`<select ${common}><option value="">${t(lang, 'form.choose')}</option>${options}</select>`;
  } else if (c.kind === 'textarea' || c.kind === 'lines') {
    input = html`<textarea ${common} rows="${c.pointer === '/body' ? 12 : 4}">${value}</textarea>`;
  } else {
    const step = c.kind === 'integer' ? html` step="1" inputmode="numeric"` : c.kind === 'number' ? html` step="any" inputmode="decimal"` : '';
    const shownValue = c.kind === 'datetime' ? value.slice(0, 16) : value;
    input = html`<input type="${INPUT_TYPES[c.kind] ?? 'text'}" ${common} value="${shownValue}"${step}${c.maxLength ? html` maxlength="${c.maxLength}"` : ''}>`;
  }
  return html`<div class="field"><label for="${id}">${label(state, c)}</label>${help(state, c)}${input}${messages(state, c.pointer)}</div>`;
}

export function nodeHtml(state: FormState, node: FormNode): SafeHtml {
  if (node.node === 'control') return controlHtml(state, node);
  if (node.node === 'group') {
    return html`<fieldset class="group" id="${idOf(node.pointer)}"><legend>${label(state, node)}</legend>${help(state, node)}${messages(state, node.pointer)}${node.children.map((n) => nodeHtml(state, n))}</fieldset>`;
  }
  const rows = node.rows.map(
    (row, i) => html`<fieldset class="row"><legend>${node.label[state.lang]} ${i + 1}</legend>${row.map((n) => nodeHtml(state, n))}</fieldset>`,
  );
  return html`<fieldset class="group list" id="${idOf(node.pointer)}"><legend>${label(state, node)}</legend>${help(state, node)}${messages(state, node.pointer)}${rows}
    <button type="submit" name="_add" value="${node.pointer}" class="secondary">${t(state.lang, 'form.addRow')}</button></fieldset>`;
}

/** The messages that belong to the form as a whole (the notice's shape, the channels' plan …). */
export function generalMessages(state: FormState): SafeHtml {
  return messages(state, '');
}
