import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DOMParser, type Element as XmlElement } from '@xmldom/xmldom';
import { Parser } from 'htmlparser2';

export interface HtmlElement {
  name: string;
  attribs: Record<string, string>;
  /** Its text content, entities decoded (what a reader sees). */
  text: string;
}

export interface ParsedHtml {
  elements: HtmlElement[];
  comments: string[];
  /** Processing instructions and declarations (`!doctype`). */
  declarations: string[];
}

/** Parses HTML as a browser's tokenizer does (htmlparser2): every element with its attributes and decoded text. */
export function parseHtml(source: string, xmlMode = false): ParsedHtml {
  const elements: HtmlElement[] = [];
  const comments: string[] = [];
  const declarations: string[] = [];
  const open: HtmlElement[] = [];
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const element = { name, attribs, text: '' };
        elements.push(element);
        open.push(element);
      },
      onclosetag() {
        open.pop();
      },
      ontext(text) {
        for (const element of open) element.text += text;
      },
      oncomment(text) {
        comments.push(text);
      },
      onprocessinginstruction(name) {
        declarations.push(name.toLowerCase());
      },
    },
    { decodeEntities: true, xmlMode },
  );
  parser.write(source);
  parser.end();
  return { elements, comments, declarations };
}

/** Where a link may point: a safe scheme, or one of the renderer's own relative paths. */
export function assertSafeUrl(url: string, relative: RegExp, what: string): void {
  if (relative.test(url)) return;
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    assert.fail(`${what}: "${url}" is neither an absolute URL nor one of the renderer's own paths`);
  }
  assert.ok(['http:', 'https:', 'mailto:', 'tel:'].includes(protocol), `${what}: a link with the scheme ${protocol} (${url})`);
}

export interface Vocabulary {
  elements: ReadonlySet<string>;
  attributes: ReadonlySet<string>;
  /** The renderer's own relative links. */
  relative: RegExp;
}

/**
 * No element, attribute, event handler, comment or script arises from user text: every element and
 * attribute is one the renderer itself writes, no link has another scheme than http(s), mailto or tel,
 * and the only script is JSON-LD.
 */
export function assertInertHtml(doc: ParsedHtml, vocabulary: Vocabulary, what: string): void {
  for (const element of doc.elements) {
    assert.ok(vocabulary.elements.has(element.name), `${what}: an element <${element.name}> the renderer never writes`);
    for (const [name, value] of Object.entries(element.attribs)) {
      assert.ok(!name.startsWith('on'), `${what}: an event handler ${name}="${value}" on <${element.name}>`);
      assert.ok(vocabulary.attributes.has(name), `${what}: an attribute ${name} on <${element.name}> the renderer never writes`);
      if (name === 'href' || name === 'src' || name === 'action') assertSafeUrl(value, vocabulary.relative, `${what}: <${element.name} ${name}>`);
    }
    if (element.name === 'script') assert.equal(element.attribs.type, 'application/ld+json', `${what}: a script that is not JSON-LD`);
  }
  assert.deepEqual(doc.comments, [], `${what}: a comment`);
  assert.ok(doc.declarations.every((d) => d === '!doctype'), `${what}: a declaration or processing instruction: ${doc.declarations.join(', ')}`);
}

export const only = (doc: ParsedHtml, name: string, what: string): HtmlElement => {
  const found = doc.elements.filter((e) => e.name === name);
  assert.equal(found.length, 1, `${what}: ${found.length} <${name}> elements, not one`);
  return found[0] as HtmlElement;
};

/** The page's shape: each element's name and attribute names in document order (values and text aside). */
export function skeleton(doc: ParsedHtml): string[] {
  return doc.elements.map((e) => `${e.name}(${Object.keys(e.attribs).sort().join(' ')})`);
}

const run = promisify(execFile);

/** Well-formed XML 1.0 by libxml2 (xmllint), which also refuses characters XML does not allow. */
export async function assertWellFormedXml(source: string, what: string): Promise<void> {
  const child = run('xmllint', ['--noout', '--nonet', '-'], { encoding: 'utf8' });
  child.child.stdin?.end(source);
  try {
    await child;
  } catch (error) {
    assert.fail(`${what}: not well-formed XML: ${String((error as { stderr?: string }).stderr ?? error).slice(0, 600)}`);
  }
}

/** The document, parsed; any error (an undeclared entity, a tag mismatch) fails. Warnings (a U+FFFD in the text) do not. */
export function parseXml(source: string, what: string): XmlElement {
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') assert.fail(`${what}: XML ${level}: ${message}`);
    },
  }).parseFromString(source, 'application/xml');
  assert.ok(doc.documentElement, `${what}: no root element`);
  return doc.documentElement;
}

/** An element's child elements. */
export function childElements(element: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (let node = element.firstChild; node !== null; node = node.nextSibling) if (node.nodeType === node.ELEMENT_NODE) out.push(node as XmlElement);
  return out;
}
