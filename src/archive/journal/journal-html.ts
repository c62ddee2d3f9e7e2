import { html, SafeHtml } from '../../channels/website/html.ts';
import { safeHref } from '../../channels/website/escape.ts';
import type { PublicJournal, PublicJournalEntry } from './public-journal.ts';

const TYPE_NAMES: Record<string, string> = {
  vacancy: 'Stillingsutlysning',
  plan: 'Plansak',
  meeting: 'Møtekunngjøring',
  event: 'Arrangement',
  announcement: 'Kunngjøring',
};

function when(entry: PublicJournalEntry): SafeHtml {
  const at = entry.publishedAt ?? entry.deliveredAt;
  return html`${at !== null && html`<time datetime="${at}">${at.slice(0, 16).replace('T', ' ')} UTC</time>`}${entry.issueDate !== null && html` (avis ${entry.issueDate})`}${entry.withdrawnAt !== null && html`, trukket tilbake`}`;
}

function row(entry: PublicJournalEntry): SafeHtml {
  const href = entry.url === null ? null : safeHref(entry.url);
  return html`<tr>
<td>${entry.journalpost}</td><td>${entry.case}</td><td>${entry.journalpostType}</td>
<td>${href === null ? entry.title : html`<a href="${href}">${entry.title}</a>`}</td>
<td>${TYPE_NAMES[entry.noticeType] ?? entry.noticeType}</td>
<td>${entry.correspondent.type}: ${entry.correspondent.name}</td>
<td>${when(entry)}</td><td>${entry.status}</td>
<td>${entry.screening.map((s, i) => html`${i > 0 && '; '}${s.metadata} (${s.basis})`)}</td>
</tr>
`;
}

/** The public journal as an accessible page (one table per journal date), from the screened entries only. */
export function journalHtml(journal: PublicJournal): string {
  const days = journal.days.map(
    (day) => html`<section>
<h2><time datetime="${day.date}">${day.date}</time></h2>
<table>
<thead><tr><th scope="col">Journalpost</th><th scope="col">Sak</th><th scope="col">Type</th><th scope="col">Tittel</th><th scope="col">Kunngjøring</th><th scope="col">Korrespondansepart</th><th scope="col">Tidspunkt</th><th scope="col">Status</th><th scope="col">Skjerming</th></tr></thead>
<tbody>
${day.entries.map(row)}</tbody>
</table>
</section>
`,
  );
  return html`<!DOCTYPE html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Offentlig journal ${journal.from} – ${journal.to} – ${journal.name}</title>
</head>
<body>
<header><p>${journal.name}</p></header>
<main>
<h1>Offentlig journal ${journal.from} – ${journal.to}</h1>
<p>Kunngjøringer kommunen har publisert, kanal for kanal, og kommentarer mottatt på dem. Skjermede opplysninger er erstattet med ******.</p>
${journal.days.length === 0 ? html`<p>Ingen journalposter i perioden.</p>\n` : days}</main>
</body>
</html>
`.value;
}
