import { Parser } from 'htmlparser2';
import type { PdfBlock } from './pdf-a.ts';

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Elements whose end closes a block of text. */
const BLOCKS = new Set(['p', 'div', 'section', 'article', 'header', 'footer', 'main', 'nav', 'li', 'dt', 'dd', 'tr', 'blockquote', 'figcaption', 'address', 'pre', 'title']);
/** Never text: scripts (the JSON-LD), styles, the head's metadata. */
const SKIPPED = new Set(['script', 'style', 'template', 'noscript']);

/**
 * An HTML page as text blocks, in reading order: headings as headings, list items as items, links
 * with their address, images as their alternative text. What a reader of the page sees, not its
 * styling; the archived HTML itself stays in the archive, its SHA-256 printed beside this.
 */
export function htmlBlocks(html: string): PdfBlock[] {
  const blocks: PdfBlock[] = [];
  let text = '';
  let skipping = 0;
  let inHead = false;
  let style: PdfBlock['style'] = 'text';
  const hrefs: string[] = [];

  const flush = (): void => {
    const clean = text.replace(/[ \t\r\n\f]+/g, ' ').trim();
    if (clean !== '') blocks.push({ style, text: clean });
    text = '';
    style = 'text';
  };

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (SKIPPED.has(name)) skipping += 1;
        if (name === 'head') inHead = true;
        if (skipping > 0) return;
        if (HEADINGS.has(name) || BLOCKS.has(name)) flush();
        if (HEADINGS.has(name)) style = name === 'h1' ? 'title' : 'heading';
        else if (name === 'li' || name === 'dd') style = 'item';
        if (name === 'a') hrefs.push(attributes.href ?? '');
        if (name === 'br') text += '\n';
        if (name === 'img') text += ` [Bilde: ${attributes.alt ?? ''}] `;
        if (name === 'td' || name === 'th') text += ' ';
      },
      ontext(data) {
        if (skipping === 0 && (!inHead || text !== '' || style === 'title')) text += data;
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) {
          skipping -= 1;
          return;
        }
        if (name === 'head') {
          inHead = false;
          text = '';
        }
        if (skipping > 0) return;
        if (name === 'a') {
          const href = hrefs.pop() ?? '';
          if (href !== '' && !text.includes(href)) text += ` (${href})`;
        }
        if (HEADINGS.has(name) || BLOCKS.has(name)) flush();
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return blocks;
}
