import assert from 'node:assert/strict';
import { test } from 'node:test';
import { messageOf, renderPost } from '../../../src/channels/facebook/index.ts';
import { codePoints } from '../../../src/channels/facebook/plain-text.ts';
import { snapshot, tenant } from '../website/fixtures.ts';

// The post's text: per type, in the notice's language and the tenant's local time, with the link to
// the website page, within the rule file's limit, and user text unable to act as Facebook markup.

const LIMIT = 63_206;

test('a meeting: type and title, its time and place in local time, the text, the link to its page', () => {
  const notice = snapshot('meeting');
  const post = renderPost(notice, tenant(), { maxLength: LIMIT });
  const url = `https://www.asnes.kommune.no/kunngjoringer/notices/${notice.id}.html`;
  assert.deepEqual(post, { edge: 'feed', params: { message: messageOf(post), link: url } });
  const message = messageOf(post);
  assert.ok(message.startsWith('Møte: Møte i kommunestyret'), message);
  // 18:00–21:00 Oslo time (CEST), as submitted, not UTC.
  assert.match(message, /Tid: torsdag 19\. september 2030, 18:00–21:00/);
  assert.ok(message.endsWith(`Les hele kunngjøringen: ${url}`));
});

test('the tenant zone decides the local time: the same instant reads differently in another zone', () => {
  const notice = snapshot('meeting', undefined, (c) => {
    c.fields.start = '2030-09-19T16:00:00Z';
    delete c.fields.end;
  });
  assert.match(messageOf(renderPost(notice, tenant(), { maxLength: LIMIT })), /Tid: torsdag 19\. september 2030 kl\. 18:00/);
  assert.match(messageOf(renderPost(notice, tenant({ timeZone: 'Atlantic/Reykjavik' }), { maxLength: LIMIT })), /Tid: torsdag 19\. september 2030 kl\. 16:00/);
});

test('the notice language decides the words and the dates: nynorsk and English', () => {
  const nn = renderPost(snapshot('vacancy', undefined, (c) => (c.language = 'nn')), tenant(), { maxLength: LIMIT });
  assert.match(messageOf(nn), /^Ledig stilling: /);
  assert.match(messageOf(nn), /Søknadsfrist: måndag 6\. mai 2030/);
  assert.match(messageOf(nn), /Les heile kunngjeringa: https:/);
  const en = renderPost(snapshot('vacancy', undefined, (c) => (c.language = 'en')), tenant(), { maxLength: LIMIT });
  assert.match(messageOf(en), /^Job vacancy: /);
  assert.match(messageOf(en), /Monday, May 6, 2030/);
  assert.match(messageOf(en), /Read the full notice: https:/);
});

test('a plan hearing names its period from the publication day to the deadline', () => {
  const message = messageOf(renderPost(snapshot('plan-ettersyn'), tenant(), { maxLength: LIMIT }));
  assert.match(message, /Plansteg: Offentlig ettersyn/);
  assert.match(message, /Høringsperiode: fredag 1\. mars 2030–mandag 3\. mars 2031/);
});

test('a notice with an image goes to /photos with its alt text, the link in the text', () => {
  const notice = snapshot('event');
  const post = renderPost(notice, tenant(), { maxLength: LIMIT });
  assert.ok(post.edge === 'photos');
  assert.equal(post.params.url, 'https://www.asnes.kommune.no/bilder/finnskogdagene-plakat.jpg');
  assert.match(post.params.alt_text_custom, /^Plakat for Finnskogdagene 2030/);
  assert.ok(post.params.caption.includes(`/notices/${notice.id}.html`));
});

test('too long for the limit: the body is cut at a word and says so; head, facts and link stay whole', () => {
  const notice = snapshot('announcement', undefined, (c) => (c.body = 'Ord '.repeat(5000).trim()));
  const full = messageOf(renderPost(notice, tenant(), { maxLength: LIMIT }));
  assert.ok(codePoints(full) > 2000);
  const short = messageOf(renderPost(notice, tenant(), { maxLength: 2000 }));
  assert.ok(codePoints(short) <= 2000, `${codePoints(short)} code points`);
  assert.ok(codePoints(short) > 1900, 'uses the room it has');
  assert.match(short, /^Kunngjøring: Vannet stenges/);
  assert.match(short, /Gjelder til: tirsdag 12\. mars 2030/);
  assert.match(short, /Ord … Teksten er forkortet\.\n\nLes hele kunngjøringen: https:\/\/\S+\.html$/);
});

test('the limit counts code points, as the rule does: emoji count once and are never split', () => {
  const notice = snapshot('announcement', undefined, (c) => (c.body = '🎉'.repeat(3000)));
  const message = messageOf(renderPost(notice, tenant(), { maxLength: 1500 }));
  assert.ok(codePoints(message) <= 1500);
  assert.ok(message.isWellFormed(), 'no half surrogate pair');
});

test('user text cannot tag Pages or disguise the link; everything else stays as written', () => {
  const notice = snapshot('announcement', undefined, (c) => {
    c.title = 'Møte med @[100064000000999] <b>viktig</b>';
    c.body = 'Se \u202Eknil\u202C her & <script>alert(1)</script>\r\nNy linje   ';
  });
  const message = messageOf(renderPost(notice, tenant(), { maxLength: LIMIT }));
  assert.ok(!message.includes('@['), 'a Page tag survived');
  assert.ok(message.includes('@\u2060[100064000000999]'), 'the text still reads as written');
  assert.ok(!/[\u202A-\u202E\u2066-\u2069]/.test(message), 'a bidirectional override survived');
  assert.ok(message.includes('<b>viktig</b>') && message.includes('<script>alert(1)</script>'), 'plain text is not escaped: Facebook shows it as text');
  assert.ok(message.includes('her & <script>alert(1)</script>\nNy linje\n'), 'line ends normalised, trailing spaces gone');
});

test('render is deterministic and the link is left out when the notice has no website channel', () => {
  const notice = snapshot('announcement', undefined, (c) => (c.channels = ['facebook']));
  const first = renderPost(notice, tenant(), { maxLength: LIMIT });
  assert.deepEqual(renderPost(structuredClone(notice), tenant(), { maxLength: LIMIT }), first);
  assert.ok(first.edge === 'feed' && first.params.link === undefined);
  assert.ok(!messageOf(first).includes('kunngjoringer/notices'));
});

test('a Sami-area notice carries its translation too', () => {
  const notice = snapshot('announcement', undefined, (c) => {
    c.translations = [{ language: 'se', title: 'Čáhci cadno', body: 'Čáhci gessojuvvo ija.' }];
  });
  const message = messageOf(renderPost(notice, tenant(), { maxLength: LIMIT }));
  assert.match(message, /Čáhci cadno\n\nČáhci gessojuvvo ija\./);
});
