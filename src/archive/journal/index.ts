/** The public journal (offentleg journal): journal numbering shared with the export, screened entries, HTML. */
export { journalHtml } from './journal-html.ts';
export { publicJournal, type PublicJournal, type PublicJournalDay, type PublicJournalEntry } from './public-journal.ts';
