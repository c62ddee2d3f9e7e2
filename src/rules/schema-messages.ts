import type { ErrorObject } from 'ajv';
import { LOCAL_DATE_TIME } from './ajv.ts';
import type { ErrorGroup } from './ajv-errors.ts';
import type { Messages } from './types.ts';

/** What a person filling in the form must do, in Norwegian and English, for one schema error. */

const TYPE_NAMES: Record<string, Messages> = {
  string: { nb: 'tekst', en: 'text' },
  number: { nb: 'et tall', en: 'a number' },
  integer: { nb: 'et heltall', en: 'a whole number' },
  boolean: { nb: 'ja eller nei (true/false)', en: 'yes or no (true/false)' },
  array: { nb: 'en liste', en: 'a list' },
  object: { nb: 'et objekt', en: 'an object' },
};

const FORMATS: Record<string, Messages> = {
  date: { nb: 'Må være en dato på formen ÅÅÅÅ-MM-DD.', en: 'Must be a date, YYYY-MM-DD.' },
  [LOCAL_DATE_TIME]: {
    nb: 'Må være dato og klokkeslett, f.eks. 2030-05-02T18:00 (med eller uten UTC-forskyvning).',
    en: 'Must be a date and time, e.g. 2030-05-02T18:00 (with or without a UTC offset).',
  },
  uri: { nb: 'Må være en fullstendig nettadresse, f.eks. https://www.example.no/side.', en: 'Must be a full web address, e.g. https://www.example.org/page.' },
  email: { nb: 'Må være en e-postadresse.', en: 'Must be an e-mail address.' },
};

function quoted(name: string | undefined): string {
  return `«${name ?? ''}»`;
}

function single(error: ErrorObject): Messages {
  const p = error.params as Record<string, unknown>;
  const n = (key: string): string => String(p[key]);
  switch (error.keyword) {
    case 'required':
      return { nb: `Feltet ${quoted(n('missingProperty'))} må fylles ut.`, en: `The field ${quoted(n('missingProperty'))} is required.` };
    case 'additionalProperties':
      return {
        nb: `Feltet ${quoted(n('additionalProperty'))} finnes ikke for denne typen kunngjøring.`,
        en: `There is no field ${quoted(n('additionalProperty'))} for this type of notice.`,
      };
    case 'type': {
      const name = TYPE_NAMES[n('type')] ?? { nb: n('type'), en: n('type') };
      return { nb: `Må være ${name.nb}.`, en: `Must be ${name.en}.` };
    }
    case 'format':
      return FORMATS[n('format')] ?? { nb: `Har feil form (${n('format')}).`, en: `Has the wrong form (${n('format')}).` };
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(String).join(', ');
      return { nb: `Må være en av: ${allowed}.`, en: `Must be one of: ${allowed}.` };
    }
    case 'const':
      return { nb: `Må være ${n('allowedValue')}.`, en: `Must be ${n('allowedValue')}.` };
    case 'minItems':
      return { nb: `Må ha minst ${n('limit')} element.`, en: `Must have at least ${n('limit')} item(s).` };
    case 'maxItems':
      return { nb: `Kan ha høyst ${n('limit')} element.`, en: `May have at most ${n('limit')} item(s).` };
    case 'minLength':
      return p.limit === 1 ? { nb: 'Kan ikke være tom.', en: 'Must not be empty.' } : { nb: `Må ha minst ${n('limit')} tegn.`, en: `Must have at least ${n('limit')} characters.` };
    case 'maxLength':
      return { nb: `Kan ha høyst ${n('limit')} tegn.`, en: `May have at most ${n('limit')} characters.` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { nb: `Må være ${n('comparison')} ${n('limit')}.`, en: `Must be ${n('comparison')} ${n('limit')}.` };
    case 'pattern':
      return { nb: 'Har feil form.', en: 'Has the wrong form.' };
    default:
      return { nb: `Ugyldig verdi (${error.message ?? error.keyword}).`, en: `Invalid value (${error.message ?? error.keyword}).` };
  }
}

/** The message for a grouped error: alternatives of missing fields read "fill in one of …". */
export function schemaErrorMessages({ error, alternatives }: ErrorGroup): Messages {
  if (alternatives.length > 0 && alternatives.every((a) => a.keyword === 'required')) {
    const names = alternatives.map((a) => quoted((a.params as { missingProperty: string }).missingProperty)).join(', ');
    return { nb: `Fyll ut minst ett av feltene ${names}.`, en: `Fill in at least one of the fields ${names}.` };
  }
  if (alternatives.length > 0) {
    const each = alternatives.map(single);
    return { nb: each.map((m) => m.nb).join(' Eller: '), en: each.map((m) => m.en).join(' Or: ') };
  }
  return single(error);
}
