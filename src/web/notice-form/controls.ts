import { CHANNELS, LANGUAGES } from '../../notices/types.ts';
import type { FormText } from '../../rules/types.ts';
import type { TenantRuleFile } from '../../rules/index.ts';
import { LANGS, t, type MessageKey } from '../i18n/index.ts';
import type { Control, FormNode } from './model.ts';
import { fieldNodes, type RowCount } from './model.ts';

/** A catalogue message in every language, as the rule files give their labels. */
export function texts(key: MessageKey): FormText {
  const [nb, nn, en] = LANGS.map((lang) => t(lang, key));
  return { nb: nb ?? '', nn: nn ?? '', en: en ?? '' };
}

function control(pointer: string, kind: Control['kind'], label: MessageKey, help: MessageKey | null, required: boolean, extra: Partial<Control> = {}): Control {
  return { node: 'control', pointer, kind, label: texts(label), ...(help ? { help: texts(help) } : {}), required, ...extra };
}

/** The parts every notice has (title, text, language, time, channels), before its type's own fields. */
export function commonNodes(rules: TenantRuleFile): Control[] {
  return [
    control('/title', 'text', 'form.title', 'form.titleHelp', true, { maxLength: 300 }),
    control('/body', 'textarea', 'form.body', 'form.bodyHelp', true, { maxLength: 50_000 }),
    control('/language', 'choice', 'form.language', null, true, { options: LANGUAGES.map((value) => ({ value, label: texts(`form.language.${value}`) })) }),
    control('/publishAt', 'datetime', 'form.publishAt', 'form.publishAtHelp', false),
    control('/channels', 'checkboxes', 'form.channels', 'form.channelsHelp', true, {
      options: CHANNELS.filter((c) => rules.channels.allowed.includes(c)).map((value) => ({ value, label: texts(`channel.${value}`) })),
    }),
  ];
}

/** Image attachments: each a URL (or an uploaded file) with its required alternative text. */
export function attachmentNodes(rows: RowCount): FormNode[] {
  const count = Math.max(1, rows('/attachments'));
  return [
    {
      node: 'list',
      pointer: '/attachments',
      label: texts('form.attachments'),
      help: texts('form.attachmentsHelp'),
      required: false,
      rows: Array.from({ length: count }, (_, i) => [
        control(`/attachments/${i}/url`, 'url', 'form.attachmentUrl', null, false),
        control(`/attachments/${i}/file`, 'file', 'form.upload', 'form.uploadHelp', false),
        control(`/attachments/${i}/altText`, 'textarea', 'form.altText', 'form.altTextHelp', false, { maxLength: 1500 }),
      ]),
    },
  ];
}

/** The whole form of a notice type: common parts, the type's fields, attachments. */
export function formNodes(rules: TenantRuleFile, rows: RowCount): { common: Control[]; fields: FormNode[]; attachments: FormNode[] } {
  return { common: commonNodes(rules), fields: fieldNodes(rules.fields, rules.form, rows), attachments: attachmentNodes(rows) };
}
