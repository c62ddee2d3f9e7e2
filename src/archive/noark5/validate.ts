import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ServiceUnavailable } from '../../errors.ts';
import { XML_FILES, type XmlFile } from './schemas.ts';

export interface ValidationProblem {
  file: string;
  message: string;
}

/** At most this many problems are kept per file: one broken element tends to repeat. */
const KEEP = 20;

function xmllint(xml: string, xsd: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    // --stream: the reader API validates while it reads, so a file of any size fits in bounded memory.
    const child = spawn('xmllint', ['--noout', '--stream', '--nonet', '--schema', xsd, xml], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 64 * 1024) stderr += chunk.toString('utf8');
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' ? new ServiceUnavailable('XML schema validation (xmllint, Debian package libxml2-utils)') : error);
    });
    child.on('close', (code) => {
      resolve({ code: code ?? 1, stderr });
    });
  });
}

/**
 * Validates every XML file of the extraction folder against the XSD beside it in the package (the
 * official ones, copied unchanged) with xmllint, the tool Arkivverket's notes name. Returns every
 * problem found; none means every file is valid.
 */
export async function validateExtraction(dir: string): Promise<ValidationProblem[]> {
  const problems: ValidationProblem[] = [];
  for (const [name, xsd] of Object.entries(XML_FILES) as [XmlFile, string][]) {
    const file = `${name}.xml`;
    const { code, stderr } = await xmllint(join(dir, file), join(dir, xsd));
    if (code === 0) continue;
    const lines = stderr
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.endsWith('fails to validate') && !l.endsWith(' validates'))
      .map((l) => l.replace(`${dir}/`, ''));
    problems.push(...(lines.length > 0 ? lines : [`xmllint exited with ${code}`]).slice(0, KEEP).map((message) => ({ file, message })));
  }
  return problems;
}
