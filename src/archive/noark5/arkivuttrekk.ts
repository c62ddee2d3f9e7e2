import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SCHEMAS_DIR, TEMPLATE_FILE } from './schemas.ts';

/** What the package says of itself beyond checksums. */
export interface PackageFacts {
  recordCreator: string;
  systemName: string;
  archive: string;
  startDate: string;
  endDate: string;
  containsScreened: boolean;
  documentFiles: number;
  /** `element@file` → count, e.g. `mappe@arkivstruktur.xml`. */
  occurrences: Readonly<Record<string, number>>;
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Writes arkivuttrekk.xml by filling in Arkivverket's own template (arkivuttrekk-mal-v5_0.xml),
 * placeholder by placeholder, so the structure is the template's and nothing else: names, the
 * period, «skarpt» period cuts, the four booleans, the number of document files, element counts,
 * and the SHA-256 of each XML and XSD the template asks for (read from the files as written).
 * Every placeholder must be filled; one left over means the template changed, and the export fails.
 */
export async function writeArkivuttrekk(dir: string, facts: PackageFacts): Promise<void> {
  let text = await readFile(join(SCHEMAS_DIR, TEMPLATE_FILE), 'utf8');
  const fixed: [string, string][] = [
    ['Arkivskaper A', facts.recordCreator],
    ['System X', facts.systemName],
    ['Arkiv XYZ', facts.archive],
    ['2014-01-01', facts.startDate],
    ['2019-01-01', facts.endDate],
    ['mykt/skarpt', 'skarpt'],
    ['mykt/skarpt', 'skarpt'],
    // In the template's order: inneholderSkjermetInformasjon, omfatterDokumenterSomErKassert,
    // inneholderDokumenterSomSkalKasseres, inneholderVirksomhetsspesifikkeMetadata.
    ['true/false', String(facts.containsScreened)],
    ['true/false', 'false'],
    ['true/false', 'false'],
    ['true/false', 'false'],
    ['Oppgi antall dokumentfiler i arkivuttrekket her', String(facts.documentFiles)],
  ];
  for (const [placeholder, value] of fixed) {
    const tag = `<value>${placeholder}</value>`;
    if (!text.includes(tag)) throw new Error(`the arkivuttrekk template has no placeholder ${placeholder}`);
    text = text.replace(tag, `<value>${escape(value)}</value>`);
  }
  const checksums = new Map<string, string>();
  for (const [, file] of text.matchAll(/<value>Oppgi sjekksumverdi heksadesimalt for ([\w.]+) her<\/value>/g)) {
    if (file === undefined || checksums.has(file)) continue;
    const inPackage = file.endsWith('.xsd') ? join(SCHEMAS_DIR, file) : join(dir, file);
    checksums.set(file, await sha256File(inPackage));
  }
  text = text.replace(/<value>Oppgi sjekksumverdi heksadesimalt for ([\w.]+) her<\/value>/g, (_m, file: string) => `<value>${checksums.get(file) ?? ''}</value>`);
  text = text.replace(/<value>Oppgi antall forekomster av (\w+) i ([\w.]+) her<\/value>/g, (_m, element: string, file: string) => {
    const count = facts.occurrences[`${element}@${file}`];
    if (count === undefined) throw new Error(`no count of ${element} in ${file} for the arkivuttrekk template`);
    return `<value>${count}</value>`;
  });
  if (/<value>(Oppgi|true\/false|mykt\/skarpt)/.test(text)) throw new Error('a placeholder of the arkivuttrekk template was left unfilled');
  await writeFile(join(dir, 'arkivuttrekk.xml'), text);
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
