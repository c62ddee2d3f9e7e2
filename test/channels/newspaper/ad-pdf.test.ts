import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adContent, AdDoesNotFit, createNewspaperChannel } from '../../../src/channels/newspaper/index.ts';
import { renderAdText } from '../../../src/channels/newspaper/ad-text.ts';
import { newspaperTask, paper, tempDir, tenantWith } from './fixtures.ts';
import { poppler } from './poppler.ts';

const clock = (): Date => new Date('2030-03-01T11:00:05Z');
const channel = async () => createNewspaperChannel({ directoryRoot: await tempDir(), clock });
const MM = 72 / 25.4;

function mediaBoxMm(pdf: Buffer): [number, number] {
  const match = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString('latin1'));
  assert.ok(match, 'the page has a MediaBox');
  return [Number(match[1]) / MM, Number(match[2]) / MM];
}

await test('the ad is PDF/A-2b by its XMP metadata, PDF 1.7, with an sRGB output intent', async () => {
  const { bytes, contentType } = await (await channel()).render(newspaperTask('plan-ettersyn'));
  assert.equal(contentType, 'application/pdf');
  const raw = bytes.toString('latin1');
  assert.ok(raw.startsWith('%PDF-1.7'), 'PDF 1.7 header');
  assert.match(raw, /<pdfaid:part>2<\/pdfaid:part>/);
  assert.match(raw, /<pdfaid:conformance>B<\/pdfaid:conformance>/);
  assert.match(raw, /\/OutputIntents/);
  assert.match(raw, /\/S \/GTS_PDFA1/);
  const info = await poppler('pdfinfo', bytes, ['-meta']);
  assert.match(info, /pdfaid:part>2</, 'poppler reads the same XMP packet');
});

await test('every font is embedded (pdffonts), and the only fonts are DejaVu Sans', async () => {
  const { bytes } = await (await channel()).render(newspaperTask('meeting'));
  const rows = (await poppler('pdffonts', bytes)).trim().split('\n').slice(2);
  assert.ok(rows.length >= 2, 'regular and bold');
  for (const row of rows) {
    const cols = row.trim().split(/\s+/);
    // name, type…, encoding, emb, sub, uni, object, id: emb is fifth from the end.
    assert.equal(cols.at(-5), 'yes', `embedded: ${row}`);
    assert.equal(cols.at(-3), 'yes', `has a ToUnicode map: ${row}`);
    assert.match(cols[0] ?? '', /^[A-Z]{6}\+DejaVuSans/);
  }
});

await test('æøå and ÆØÅ come back out as text (pdftotext), with the municipality and the legal essentials', async () => {
  const task = newspaperTask('plan-ettersyn', tenantWith(), (c) => {
    c.title = 'Høring: blåbærsyltetøy på Ærøy – ÆØÅ';
  });
  const { bytes } = await (await channel()).render(task);
  const text = (await poppler('pdftotext', bytes, ['-raw'])).replace(/\s+/g, ' ');
  assert.match(text, /Høring: blåbærsyltetøy på Ærøy – ÆØÅ/);
  assert.match(text, /Åsnes kommune/);
  assert.match(text, /Høringsperiode tirsdag 5\. mars 2030–mandag 3\. mars 2031/, 'the hearing period runs from the issue date');
  assert.match(text, /Send merknader til postmottak@asnes\.kommune\.no/);
  assert.match(text, /Dokumentene kan leses på Servicetorget i Åsnes rådhus/);
});

await test('a meeting ad gives time, place and agenda', async () => {
  const { bytes } = await (await channel()).render(newspaperTask('meeting'));
  const text = (await poppler('pdftotext', bytes, ['-raw'])).replace(/\s+/g, ' ');
  assert.match(text, /Tid torsdag 19\. september 2030/);
  assert.match(text, /Sted Kommunestyresalen, Åsnes rådhus/);
  assert.match(text, /Saksliste PS 52\/30 Økonomirapport 2\. tertial 2030/);
});

for (const columns of [1, 2, 3]) {
  await test(`the page is exactly ${columns} × 46 mm wide, and no taller than the maximum`, async () => {
    const t = newspaperTask('announcement', tenantWith(paper({ ad: { columnWidthMm: 46, columns, maxHeightMm: 400 } })));
    const [width, height] = mediaBoxMm((await (await channel()).render(t)).bytes);
    assert.ok(Math.abs(width - 46 * columns) < 0.01, `width ${width} mm`);
    assert.ok(Math.abs(height - Math.round(height)) < 0.01, `whole mm: ${height}`);
    assert.ok(height <= 400);
  });
}

await test('text that does not fit the maximum height is refused for good, naming both heights; never cut', async () => {
  const t = newspaperTask('announcement', tenantWith(paper({ ad: { columnWidthMm: 40, columns: 1, maxHeightMm: 60 } })));
  await assert.rejects((await channel()).render(t), (error: Error) => {
    assert.equal(error.name, 'PermanentChannelError');
    assert.match(error.message, /the ad needs \d+ mm but Glåmdalen allows at most 60 mm/);
    return true;
  });
});

await test('AdDoesNotFit carries the needed and allowed heights', () => {
  const error = new AdDoesNotFit(80, 60, 'Glåmdalen');
  assert.equal(error.neededMm, 80);
  assert.equal(error.maxHeightMm, 60);
});

await test('the plain text holds the same words: title, body, facts, the web address', () => {
  const task = newspaperTask('plan-ettersyn');
  const text = renderAdText(adContent(task));
  assert.ok(text.startsWith('ÅSNES KOMMUNE\n\nPlansak\n\nOffentlig ettersyn: detaljregulering for Flisa sentrum nord\n\n'));
  assert.match(text, /\nSend merknader til: postmottak@asnes\.kommune\.no/);
  assert.match(text, new RegExp(`Mer informasjon: https://www\\.asnes\\.kommune\\.no/kunngjoringer/notices/${task.notice.id}\\.html\\n$`));
});

await test('a Sami translation is printed in the same ad (samelova § 3-2)', async () => {
  const task = newspaperTask('announcement', tenantWith(), (c) => {
    c.translations = [{ language: 'se', title: 'Almmuhus sámegillii', body: 'Gielda almmuha dán.' }];
  });
  const text = (await poppler('pdftotext', (await (await channel()).render(task)).bytes, ['-raw'])).replace(/\s+/g, ' ');
  assert.match(text, /Almmuhus sámegillii Gielda almmuha dán\./);
});

await test('an ad is the same bytes whatever was rendered before it (the font is parsed once per process)', async () => {
  const ads = await channel();
  const hearing = newspaperTask('plan-ettersyn');
  const first = (await ads.render(hearing)).bytes;
  // Letters the hearing does not use, so the shared font has laid out other glyphs in between.
  await ads.render(newspaperTask('meeting', tenantWith(), (c) => (c.title = 'Ŋ ŧ ž č đ – ÆØÅ ¶ ∑ → ✓')));
  assert.ok(first.equals((await ads.render(hearing)).bytes));
  // And each ad embeds its own subset: the other ad's glyphs are not in the hearing's PDF text.
  assert.doesNotMatch(await poppler('pdftotext', first), /Ŋ/);
});
