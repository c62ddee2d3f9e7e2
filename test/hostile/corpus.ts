import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CORPUS_DIR = fileURLToPath(new URL('./corpus/', import.meta.url));

/** One known-nasty request body and what Herald must answer. */
export interface CorpusCase {
  name: string;
  /** What it attacks (the file's `#` lines). */
  note: string;
  /** undefined: the request is sent without a content type. */
  contentType: string | undefined;
  expect: { status: number; rule?: string; path?: string };
  body: Buffer;
}

/**
 * `<<repeat N|TEXT>>` (TEXT N times) keeps huge and deeply nested bodies out of the repository;
 * `<<byte HH>>` is one raw byte (NUL, invalid UTF-8) in an otherwise readable file.
 */
function expand(text: string): Buffer {
  const parts: Buffer[] = [];
  let rest = text;
  for (let m = /<<(repeat (\d+)\|([\s\S]*?)|byte ([0-9a-f]{2}))>>/i.exec(rest); m; m = /<<(repeat (\d+)\|([\s\S]*?)|byte ([0-9a-f]{2}))>>/i.exec(rest)) {
    parts.push(Buffer.from(rest.slice(0, m.index)));
    parts.push(m[4] !== undefined ? Buffer.from([parseInt(m[4], 16)]) : Buffer.from((m[3] ?? '').repeat(Number(m[2]))));
    rest = rest.slice(m.index + m[0].length);
  }
  parts.push(Buffer.from(rest));
  return Buffer.concat(parts);
}

/**
 * A case file: `# note` lines, then `content-type:` (or `content-type: none`) and
 * `expect: STATUS [RULE [PATH]]`, a blank line, and the body as it is sent.
 */
export function parseCase(name: string, text: string): CorpusCase {
  const split = text.indexOf('\n\n');
  if (split < 0) throw new Error(`${name}: no blank line between the head and the body`);
  const head = text.slice(0, split).split('\n');
  const note = head.filter((l) => l.startsWith('#')).map((l) => l.replace(/^#\s?/, '')).join(' ');
  const header = (key: string) => head.find((l) => l.toLowerCase().startsWith(`${key}:`))?.slice(key.length + 1).trim();
  const expected = header('expect')?.split(/\s+/);
  if (!note || !expected?.[0]) throw new Error(`${name}: needs a # note and an expect: line`);
  const type = header('content-type') ?? 'application/json';
  return {
    name,
    note,
    contentType: type === 'none' ? undefined : type,
    expect: { status: Number(expected[0]), ...(expected[1] && { rule: expected[1] }), ...(expected[2] !== undefined && { path: expected[2] }) },
    body: expand(text.slice(split + 2).replace(/\n$/, '')),
  };
}

export function loadCorpus(): CorpusCase[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => parseCase(f, readFileSync(join(CORPUS_DIR, f), 'utf8')));
}
