import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderNoticePage } from '../../../src/channels/website/page.ts';
import { renderWithdrawnPage } from '../../../src/channels/website/withdrawn-page.ts';
import type { NoticeSnapshot } from '../../../src/channels/types.ts';
import { attributeNames, BASE_URL, snapshot, structuredData, tenant } from './fixtures.ts';

function render(notice: NoticeSnapshot): string {
  return renderNoticePage(notice, tenant(), { page: `${BASE_URL}notices/${notice.id}.html`, base: BASE_URL });
}

/** The text of the `<dd>` after the `<dt>` with this label. */
function fact(page: string, label: string): string | undefined {
  return new RegExp(`<dt>${label}</dt>\\n<dd>([\\s\\S]*?)</dd>`).exec(page)?.[1];
}

test('a page is in the notice language, with one h1, a main landmark and h2 sections', () => {
  const page = render(snapshot('vacancy'));
  assert.match(page, /^<!DOCTYPE html>\n<html lang="nb">/);
  assert.match(page, /<meta charset="utf-8">/);
  assert.equal(page.match(/<h1>/g)?.length, 1);
  assert.match(page, /<h1>Sykepleier ved Åsnes helsetun – 100 % fast stilling<\/h1>/);
  assert.equal(page.match(/<main>/g)?.length, 1);
  assert.match(page, /<h2>Viktige opplysninger<\/h2>/);
  assert.match(page, /<title>Sykepleier ved Åsnes helsetun – 100 % fast stilling – Åsnes kommune<\/title>/);
});

test('an English notice gets lang="en" and English labels and dates', () => {
  const page = render(snapshot('vacancy', undefined, (c) => (c.language = 'en')));
  assert.match(page, /<html lang="en">/);
  assert.match(fact(page, 'Application deadline') ?? '', /<time datetime="2030-05-06">Monday, May 6, 2030<\/time>/);
});

test('translations are sections with their own lang and an h2', () => {
  const page = render(
    snapshot('announcement', undefined, (c) => {
      c.translations = [{ language: 'se', title: 'Čáhci giddejuvvo', body: 'Vuosttaš oassi.\n\nNubbi oassi.' }];
    }),
  );
  assert.match(page, /<html lang="nb">/);
  assert.match(page, /<section lang="se">\n<h2>Čáhci giddejuvvo<\/h2>\n<p>Vuosttaš oassi.<\/p>\n<p>Nubbi oassi.<\/p>\n<\/section>/);
});

test('the body becomes paragraphs at blank lines; single newlines become line breaks', () => {
  const page = render(snapshot('announcement', undefined, (c) => (c.body = 'First line\nsame paragraph\n\n\nSecond paragraph\r\n\r\nThird')));
  assert.match(page, /<p>First line<br>\nsame paragraph<\/p>\n<p>Second paragraph<\/p>\n<p>Third<\/p>/);
});

test('every image has alt text; a document attachment is a link named by it', () => {
  const page = render(
    snapshot('event', undefined, (c) => {
      c.attachments = [...(c.attachments ?? []), { url: 'https://www.asnes.kommune.no/program.pdf', altText: 'Programmet (PDF)' }];
    }),
  );
  const images = page.match(/<img [^>]*>/g) ?? [];
  assert.equal(images.length, 1);
  assert.match(images[0], /alt="Plakat for Finnskogdagene 2030: åpning lørdag 3\. august kl\. 12 på Flisa torg, gratis for alle\."/);
  assert.match(page, /<a href="https:\/\/www\.asnes\.kommune\.no\/program\.pdf">Programmet \(PDF\)<\/a>/);
});

test('vacancy facts: deadline as a date in the tenant language, extent, contact links', () => {
  const page = render(snapshot('vacancy'));
  assert.equal(fact(page, 'Søknadsfrist'), '<time datetime="2030-05-06">mandag 6. mai 2030</time>');
  assert.equal(fact(page, 'Stillingsstørrelse'), '100\u00a0% fast');
  assert.equal(fact(page, 'Kontakt'), 'Kari Nordby, Avdelingsleder, <a href="tel:62954000">62 95 40 00</a>');
});

test('meeting facts: organ, time span in the tenant zone, place, agenda as a list, documents link', () => {
  const page = render(snapshot('meeting'));
  assert.equal(fact(page, 'Organ'), 'Kommunestyret');
  assert.equal(fact(page, 'Tid'), 'torsdag 19. september 2030, 18:00–21:00');
  assert.equal(fact(page, 'Sted'), 'Kommunestyresalen, Åsnes rådhus, Rådhusvegen 6, Flisa');
  assert.match(fact(page, 'Saksliste') ?? '', /^<ol><li>PS 52\/30 Økonomirapport 2\. tertial 2030<\/li><li>/);
  assert.match(fact(page, 'Saksdokumenter') ?? '', /^<a href="https:\/\/www\.asnes\.kommune\.no\/politikk\/moteplan\/kommunestyret-2030-09-19">/);
});

test('a closed agenda item names its legal basis', () => {
  const page = render(
    snapshot('meeting', undefined, (c) => {
      c.fields.agenda = [{ number: 'PS 55/30', title: 'Kjøp av eiendom', closed: true, legalBasis: 'kl. § 11-5 (3) a' }];
    }),
  );
  assert.match(fact(page, 'Saksliste') ?? '', /PS 55\/30 Kjøp av eiendom \(lukket, kl\. § 11-5 \(3\) a\)/);
});

test('plan facts: the hearing period from publication to the deadline, and where to send comments', () => {
  const page = render(snapshot('plan-ettersyn', '2030-09-12T08:00:00Z'));
  assert.equal(fact(page, 'Høringsperiode'), 'torsdag 12. september 2030–mandag 3. mars 2031');
  assert.equal(fact(page, 'Send merknader til'), 'postmottak@asnes.kommune.no eller Åsnes kommune, Rådhusvegen 6, 2270 Flisa');
  assert.equal(fact(page, 'Plansteg'), 'Offentlig ettersyn');
});

test('event facts: time, place and organiser', () => {
  const page = render(snapshot('event'));
  assert.equal(fact(page, 'Tid'), 'lørdag 3. august 2030, 12:00–16:00');
  assert.equal(fact(page, 'Sted'), 'Flisa torg, Åsnes');
  assert.equal(fact(page, 'Arrangør'), 'Åsnes kommune, kulturkontoret, i samarbeid med Finnskogdagene');
});

test('hostile text in the title, body, fields and URLs renders as text', () => {
  const hostile = snapshot('event', undefined, (c) => {
    c.title = '<script>alert(1)</script>';
    c.body = 'Before </script><script>alert(2)</script> after';
    c.fields.place = '"><img src=x onerror=alert(1)>';
    c.fields.registrationUrl = 'javascript:alert(3)';
    c.attachments = [{ url: 'https://x.test/a.png" onerror="alert(4)', altText: '" onload="alert(5)' }];
  });
  const page = render(hostile);
  const scripts = page.match(/<script\b[^>]*>/g) ?? [];
  assert.deepEqual(scripts, ['<script type="application/ld+json">'], 'only the JSON-LD script is live');
  assert.doesNotMatch(page, /<img src=x/);
  const handlers = attributeNames(page).filter((name) => name.startsWith('on'));
  assert.deepEqual(handlers, [], 'no event-handler attribute');
  assert.doesNotMatch(page, /(href|src)="javascript:/i);
  assert.match(page, /<h1>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/h1>/);
  assert.match(page, /<dd>&quot;&gt;&lt;img src=x onerror=alert\(1\)&gt;<\/dd>/);
  assert.match(page, /<dd>javascript:alert\(3\)<\/dd>/);
  // The JSON-LD still holds the exact text.
  assert.equal(structuredData(page).name, '<script>alert(1)</script>');
  assert.equal(structuredData(page).description, 'Before </script><script>alert(2)</script> after');
});

test('render is pure: the same notice gives the same page', () => {
  const notice = snapshot('plan-oppstart');
  assert.equal(render(notice), render(structuredClone(notice)));
});

test('the withdrawn page names the notice and the withdrawal, in its languages', () => {
  const notice = snapshot('event', undefined, (c) => {
    c.translations = [{ language: 'en', title: 'Finnskogdagene opening', body: 'Welcome.' }];
  });
  const page = renderWithdrawnPage(notice, tenant(), { page: `${BASE_URL}x.html`, base: BASE_URL }, new Date('2030-07-01T10:00:00Z'));
  assert.match(page, /<html lang="nb">/);
  assert.match(page, /<h1>Kunngjøringen er trukket tilbake<\/h1>\n<p><q>Finnskogdagene 2030: åpning på Flisa torg<\/q><\/p>/);
  assert.match(page, /Trukket tilbake <time datetime="2030-07-01T12:00\+02:00">mandag 1\. juli 2030 kl\. 12:00<\/time>/);
  assert.match(page, /<section lang="en">\n<h2>This notice has been withdrawn<\/h2>/);
  assert.equal(structuredData(page).eventStatus, 'https://schema.org/EventCancelled');
  assert.doesNotMatch(page, /Velkommen til den offisielle åpningen/, 'the withdrawn text is not repeated');
});
