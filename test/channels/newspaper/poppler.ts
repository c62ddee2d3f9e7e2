import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from './fixtures.ts';

const run = promisify(execFile);

/** Runs a poppler-utils tool (pdffonts, pdftotext, pdfinfo) on the PDF bytes; scripts/services.sh installs them. */
export async function poppler(tool: 'pdffonts' | 'pdftotext' | 'pdfinfo', pdf: Buffer, args: string[] = []): Promise<string> {
  const file = join(await tempDir('herald-pdf-'), 'ad.pdf');
  await writeFile(file, pdf);
  try {
    const { stdout } = await run(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
    return stdout;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${tool} is missing: apt-get install poppler-utils (scripts/services.sh does)`, { cause: error });
    throw error;
  }
}
