import { readFileSync } from 'node:fs';
import { isNode, LineCounter, parseDocument } from 'yaml';

/** A parsed YAML file that can say which line a JSON-pointer path came from. */
export interface YamlSource {
  file: string;
  bytes: Buffer;
  data: unknown;
  /** Syntax errors, as `file:line: reason`. */
  syntaxErrors: string[];
  /** 1-based line of the node at `pointer` (`/checks/3/params/days`), or of its nearest existing parent. */
  lineOf(pointer: string): number;
}

export function readYaml(file: string): YamlSource {
  const bytes = readFileSync(file);
  const lineCounter = new LineCounter();
  const doc = parseDocument(bytes.toString('utf8'), { lineCounter, prettyErrors: false });
  const syntaxErrors = doc.errors.map((e) => `${file}:${lineCounter.linePos(e.pos[0]).line}: ${e.message}`);

  function lineOf(pointer: string): number {
    const segments = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    // Walk down as far as the path exists; an error about a missing key points at its parent.
    for (let depth = segments.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : doc.getIn(segments.slice(0, depth).map(keyOf), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return 1;
  }
  return { file, bytes, data: doc.toJS() as unknown, syntaxErrors, lineOf };
}

function keyOf(segment: string): string | number {
  return /^\d+$/.test(segment) ? Number(segment) : segment;
}
