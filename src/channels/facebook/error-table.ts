/**
 * How Herald treats each Graph API error, by `code` (and `error_subcode` where it matters), never by
 * the wording of the message. Sources: graph-api/guides/error-handling and
 * ../shared/research/anchors-social.md § 4. Each entry keeps Facebook's own message beside it (the
 * error's `message` is shown as Facebook wrote it) and says what a person should do, in Norwegian and English.
 *
 * - `rate-limit`: nothing was posted; that Page waits until the usage headers say it may go on.
 * - `token`: nothing was posted; the Page's publications wait for a new token.
 * - `permission`, `bad-request`: refused for good; the publication fails with Facebook's message.
 * - `policy-block` (368), `duplicate` (506): the post may exist; Herald looks on the Page, adopts it
 *   if it is there, and otherwise fails for a person to check. Never retried blindly.
 * - `outcome-unknown` (1, 2, a 5xx): the post may exist; the next attempt looks on the Page first.
 * - `refused`: a code this table does not know, in a 4xx answer: refused, shown as Facebook wrote it.
 */
export type GraphErrorKind = 'rate-limit' | 'token' | 'permission' | 'bad-request' | 'policy-block' | 'duplicate' | 'outcome-unknown' | 'refused';

export interface Advice {
  nb: string;
  en: string;
}

export interface GraphErrorEntry {
  kind: GraphErrorKind;
  /** Facebook's name for the code. */
  name: string;
  what: Advice;
}

const RATE: Advice = {
  nb: 'Facebook begrenser hvor mange kall Siden kan gjøre. Herald venter til Facebook sier at Siden kan fortsette, og publiserer da. Ingenting å gjøre.',
  en: 'Facebook limits how many calls the Page may make. Herald waits until Facebook says the Page may go on, then publishes. Nothing to do.',
};
const TOKEN: Advice = {
  nb: 'Facebook godtar ikke lenger Sidens tilgangsnøkkel. En administrator må sette en ny (PUT /v1/channels/facebook/token eller npm run keys -- facebook-token). Innleggene venter og går ut når nøkkelen er satt.',
  en: "Facebook no longer accepts the Page's access token. An administrator must set a new one (PUT /v1/channels/facebook/token or npm run keys -- facebook-token). The posts wait and go out once it is set.",
};
const PERMISSION: Advice = {
  nb: 'Nøkkelen mangler en tillatelse eller en rolle på Siden (for eksempel pages_manage_posts eller oppgaven CREATE_CONTENT). Be en som administrerer Siden om å gi tilgangen, sett en ny nøkkel og publiser på nytt.',
  en: 'The token lacks a permission or a role on the Page (e.g. pages_manage_posts or the CREATE_CONTENT task). Ask a Page administrator to grant it, set a new token and publish again.',
};
const BAD_REQUEST: Advice = {
  nb: 'Facebook avviste innholdet i innlegget. Rett det Facebook peker på (les meldingen), og publiser en rettet versjon.',
  en: 'Facebook refused the content of the post. Fix what Facebook points to (read the message) and publish a corrected version.',
};

/** By code. */
const BY_CODE = new Map<number, GraphErrorEntry>([
  [1, { kind: 'outcome-unknown', name: 'API Unknown', what: { nb: 'Facebook hadde en midlertidig feil, og innlegget kan likevel ha blitt publisert. Herald ser etter det på Siden før det prøver igjen.', en: 'Facebook had a temporary error, and the post may have been published anyway. Herald looks for it on the Page before trying again.' } }],
  [2, { kind: 'outcome-unknown', name: 'API Service', what: { nb: 'Facebook var midlertidig utilgjengelig, og innlegget kan likevel ha blitt publisert. Herald ser etter det på Siden før det prøver igjen.', en: 'Facebook was temporarily unavailable, and the post may have been published anyway. Herald looks for it on the Page before trying again.' } }],
  [3, { kind: 'permission', name: 'API Method', what: PERMISSION }],
  [4, { kind: 'rate-limit', name: 'API Too Many Calls (application)', what: RATE }],
  [10, { kind: 'permission', name: 'API Permission Denied', what: PERMISSION }],
  [17, { kind: 'rate-limit', name: 'API User Too Many Calls', what: RATE }],
  [32, { kind: 'rate-limit', name: 'Page request limit reached', what: RATE }],
  [100, { kind: 'bad-request', name: 'Invalid parameter', what: BAD_REQUEST }],
  [102, { kind: 'token', name: 'API Session', what: TOKEN }],
  [104, { kind: 'token', name: 'Access token required', what: TOKEN }],
  [190, { kind: 'token', name: 'Access token has expired or is invalid', what: TOKEN }],
  [341, { kind: 'rate-limit', name: 'Application limit reached', what: RATE }],
  [368, { kind: 'policy-block', name: 'Temporarily blocked for policies violations', what: { nb: 'Facebook har midlertidig sperret Siden for å publisere (eller mener innlegget allerede er publisert). Herald fant ikke innlegget på Siden og prøver ikke igjen av seg selv: sjekk Siden og Facebooks melding, og publiser på nytt når sperren er opphevet.', en: 'Facebook has temporarily blocked the Page from posting (or thinks the post is already out). Herald did not find the post on the Page and does not retry by itself: check the Page and Facebook\'s message, and publish again once the block is lifted.' } }],
  [506, { kind: 'duplicate', name: 'Duplicate Post', what: { nb: 'Facebook sier at det samme innlegget allerede er publisert, men Herald fant det ikke blant innleggene siden dette forsøket. Sjekk Siden: finnes det fra før, er det allerede ute; ellers endre teksten litt og publiser på nytt.', en: 'Facebook says the same post is already out, but Herald did not find it among the posts since this attempt. Check the Page: if it is there, it is already out; otherwise change the text slightly and publish again.' } }],
  [613, { kind: 'rate-limit', name: 'Calls within one hour exceeded the rate limit', what: RATE }],
  [1609005, { kind: 'bad-request', name: 'Error posting link', what: { nb: 'Facebook kunne ikke hente lenken i innlegget (kunngjøringens side på nettstedet). Sjekk at siden er offentlig tilgjengelig, og publiser på nytt.', en: 'Facebook could not fetch the link in the post (the notice\'s page on the website). Check that the page is publicly reachable, and publish again.' } }],
]);

/** Subcodes that change what to do (190's reasons; 100/33: the object is gone). */
const BY_SUBCODE = new Map<string, Advice>([
  ['190/458', { nb: 'Appen er fjernet fra kontoen som ga nøkkelen. Koble appen til igjen og sett en ny nøkkel.', en: 'The app was removed from the account that gave the token. Connect the app again and set a new token.' }],
  ['190/459', { nb: 'Kontoen som ga nøkkelen, er låst av Facebook (checkpoint). Logg inn på facebook.com, løs det, og sett en ny nøkkel.', en: 'The account that gave the token is locked by Facebook (checkpoint). Log in on facebook.com, resolve it and set a new token.' }],
  ['190/460', { nb: 'Passordet til kontoen som ga nøkkelen, er endret. Sett en ny nøkkel (helst en systembrukernøkkel fra Business Manager, som ikke følger en person).', en: 'The password of the account that gave the token was changed. Set a new token (preferably a Business Manager system-user token, which does not follow a person).' }],
  ['190/463', { nb: 'Nøkkelen er utløpt. Sett en ny, langvarig Side-nøkkel.', en: 'The token has expired. Set a new, long-lived Page token.' }],
  ['190/467', { nb: 'Nøkkelen er ugyldig (logget ut eller tilbakekalt). Sett en ny nøkkel.', en: 'The token is invalid (logged out or revoked). Set a new token.' }],
]);

/** Business Use Case limits ("too many calls to this Page account" and its siblings), 80000–80014. */
function isBucLimit(code: number): boolean {
  return code >= 80000 && code <= 80014;
}

const BUC: GraphErrorEntry = { kind: 'rate-limit', name: 'Business Use Case rate limit', what: RATE };
const PERMISSION_RANGE: GraphErrorEntry = { kind: 'permission', name: 'API Permission (200–299)', what: PERMISSION };
const SERVER: GraphErrorEntry = { kind: 'outcome-unknown', name: 'Server error', what: { nb: 'Facebook svarte med en serverfeil, og innlegget kan likevel ha blitt publisert. Herald ser etter det på Siden før det prøver igjen.', en: 'Facebook answered with a server error, and the post may have been published anyway. Herald looks for it on the Page before trying again.' } };
const UNLISTED: GraphErrorEntry = { kind: 'refused', name: 'Refused', what: { nb: 'Facebook avviste forespørselen med en kode Herald ikke har egen behandling for. Les Facebooks melding over; rett det den peker på, og publiser på nytt.', en: 'Facebook refused the request with a code Herald has no special handling for. Read Facebook\'s message above; fix what it points to, and publish again.' } };

/** The table's entry for an error; HTTP status only decides for codes the table does not list. */
export function lookupGraphError(code: number, subcode: number | undefined, status: number): GraphErrorEntry {
  const entry = BY_CODE.get(code) ?? (isBucLimit(code) ? BUC : code >= 200 && code <= 299 ? PERMISSION_RANGE : status >= 500 ? SERVER : UNLISTED);
  const special = subcode === undefined ? undefined : BY_SUBCODE.get(`${code}/${subcode}`);
  return special ? { ...entry, what: special } : entry;
}

/** Every listed code (the docs and tests walk over them). */
export const LISTED_CODES: readonly number[] = [...BY_CODE.keys()];
