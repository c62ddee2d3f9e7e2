import type { ChannelName } from '../notices/types.ts';
import type { AlertKind, AlertPhase } from './types.ts';

/** An alert's words in one written standard: the tenant's (`nb` or `nn`). */
export interface AlertTexts {
  locale: string;
  channel: Record<ChannelName, string>;
  /** Subject lines by kind; `{title}`, `{channel}` and `{count}` are filled in. */
  subject: Record<AlertKind, string>;
  phase: Record<AlertPhase, string>;
  labels: {
    municipality: string;
    notice: string;
    notices: string;
    channel: string;
    deadline: string;
    planned: string;
    legal: string;
    problem: string;
    what: string;
    resolved: string;
    see: string;
    state: string;
  };
  /** What to do, by kind, when the channel gave no advice of its own. */
  what: Record<AlertKind, string>;
  dateFormat: string;
}

const nb: AlertTexts = {
  locale: 'nb',
  channel: { website: 'nettsiden', newspaper: 'avisen', facebook: 'Facebook-siden' },
  subject: {
    deadline: 'Frist i fare: «{title}» er ikke ute på {channel}',
    'newspaper-unconfirmed': 'Ikke bekreftet: annonsen for «{title}» i {channel}',
    'channel-paused': '{channel} står stille: {count} kunngjøring(er) venter',
    'publication-failed': 'Publisering feilet: «{title}» på {channel}',
  },
  phase: { opened: '', reminder: 'Påminnelse: ', resolved: 'Løst: ' },
  labels: {
    municipality: 'Kommune',
    notice: 'Kunngjøring',
    notices: 'Kunngjøringer som venter',
    channel: 'Kanal',
    deadline: 'Må være ute innen',
    planned: 'Planlagt',
    legal: 'Lovkrav',
    problem: 'Hva gikk galt',
    what: 'Hva du bør gjøre',
    resolved: 'Problemet er løst; ingenting mer å gjøre.',
    see: 'Se kunngjøringen',
    state: 'status',
  },
  what: {
    deadline: 'Sjekk kunngjøringen nå: godkjenn den, rett feilen eller publiser på annen måte før fristen, ellers holder ikke den lovpålagte fristen.',
    'newspaper-unconfirmed': 'Ring avisen og få bekreftet at annonsen sto på trykk; registrer siden eller tekstsiden (POST /v1/notices/:id/publications/newspaper/confirm).',
    'channel-paused': 'En administrator må rette kanalen (for Facebook: sette en ny tilgangsnøkkel). Kunngjøringene går ut når den er rettet.',
    'publication-failed': 'Rett det kanalen klager på, og send en rettet versjon (PUT /v1/notices/:id) eller publiser på annen måte.',
  },
  dateFormat: "d. MMMM yyyy 'kl.' HH:mm",
};

const nn: AlertTexts = {
  locale: 'nn',
  channel: { website: 'nettsida', newspaper: 'avisa', facebook: 'Facebook-sida' },
  subject: {
    deadline: 'Frist i fare: «{title}» er ikkje ute på {channel}',
    'newspaper-unconfirmed': 'Ikkje stadfesta: annonsen for «{title}» i {channel}',
    'channel-paused': '{channel} står still: {count} kunngjering(ar) ventar',
    'publication-failed': 'Publisering feila: «{title}» på {channel}',
  },
  phase: { opened: '', reminder: 'Påminning: ', resolved: 'Løyst: ' },
  labels: {
    municipality: 'Kommune',
    notice: 'Kunngjering',
    notices: 'Kunngjeringar som ventar',
    channel: 'Kanal',
    deadline: 'Må vere ute innan',
    planned: 'Planlagd',
    legal: 'Lovkrav',
    problem: 'Kva gjekk gale',
    what: 'Kva du bør gjere',
    resolved: 'Problemet er løyst; ingenting meir å gjere.',
    see: 'Sjå kunngjeringa',
    state: 'status',
  },
  what: {
    deadline: 'Sjekk kunngjeringa no: godkjenn ho, rett feilen eller publiser på anna vis før fristen, elles held ikkje den lovpålagde fristen.',
    'newspaper-unconfirmed': 'Ring avisa og få stadfesta at annonsen stod på trykk; registrer sida eller tekstsida (POST /v1/notices/:id/publications/newspaper/confirm).',
    'channel-paused': 'Ein administrator må rette kanalen (for Facebook: setje ein ny tilgangsnøkkel). Kunngjeringane går ut når han er retta.',
    'publication-failed': 'Rett det kanalen klagar på, og send ein retta versjon (PUT /v1/notices/:id) eller publiser på anna vis.',
  },
  dateFormat: "d. MMMM yyyy 'kl.' HH:mm",
};

/** The texts in the tenant's written standard. */
export function alertTexts(language: 'nb' | 'nn'): AlertTexts {
  return language === 'nn' ? nn : nb;
}
