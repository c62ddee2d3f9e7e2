import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { noticeInput } from '../../http/schemas/notice.ts';
import type { NoticeInput } from '../../notices/types.ts';
import { t, type Lang } from '../i18n/index.ts';
import type { ShownFinding } from './findings.ts';

/** The API's own body schema (POST /v1/notices), so the form accepts exactly what the API does. */
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv, ['uri']);
const validate = ajv.compile<NoticeInput>(noticeInput);

function shownError(lang: Lang, error: ErrorObject): ShownFinding {
  const params = error.params as { missingProperty?: string; limit?: number };
  if (error.keyword === 'required') return { severity: 'error', path: `${error.instancePath}/${params.missingProperty ?? ''}`, message: t(lang, 'form.missing') };
  if (error.keyword === 'maxLength' || error.keyword === 'maxItems') return { severity: 'error', path: error.instancePath, message: t(lang, 'form.tooLong', { max: params.limit ?? 0 }) };
  return { severity: 'error', path: error.instancePath, message: t(lang, 'form.invalid', { reason: error.message ?? '' }) };
}

/** The notice if the form gave one of the right shape; else a message per place it is not. */
export function checkShape(candidate: unknown, lang: Lang): { ok: true; notice: NoticeInput } | { ok: false; findings: ShownFinding[] } {
  if (validate(candidate)) return { ok: true, notice: candidate };
  return { ok: false, findings: (validate.errors ?? []).map((e) => shownError(lang, e)) };
}
