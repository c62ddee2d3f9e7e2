import type { Writable } from 'node:stream';
import { once } from 'node:events';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text for XML 1.0: escaped, and characters XML cannot carry at all (controls, lone surrogates) dropped. */
export function xmlText(text: string): string {
  // eslint-disable-next-line no-control-regex -- exactly the characters XML 1.0 forbids
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '').replace(/[&<>"]/g, (c) => ESCAPES[c] ?? c);
}

export type LeafValue = string | number | null | undefined;

/**
 * Streams XML to a file: a few kilobytes are buffered, then written, waiting for the stream to
 * drain, so a 100,000-record arkivstruktur.xml never sits in memory. Elements without a value are
 * never written (Noark 5: no empty elements; Arkade N5.63).
 */
export class XmlWriter {
  #buffer = '';
  #depth = 0;
  readonly #stack: string[] = [];

  constructor(private readonly out: Writable) {
    this.#buffer = '<?xml version="1.0" encoding="UTF-8"?>\n';
  }

  async open(name: string, attributes: Readonly<Record<string, string>> = {}): Promise<void> {
    const attrs = Object.entries(attributes).map(([k, v]) => ` ${k}="${xmlText(v)}"`).join('');
    this.#line(`<${name}${attrs}>`);
    this.#stack.push(name);
    this.#depth += 1;
    await this.#maybeFlush();
  }

  async close(name: string): Promise<void> {
    const open = this.#stack.pop();
    if (open !== name) throw new Error(`closing <${name}> while <${open ?? 'nothing'}> is open`);
    this.#depth -= 1;
    this.#line(`</${name}>`);
    await this.#maybeFlush();
  }

  /** `<name>value</name>`, or nothing when the value is empty. */
  leaf(name: string, value: LeafValue): void {
    if (value === null || value === undefined) return;
    const text = typeof value === 'number' ? String(value) : value.trim();
    if (text === '') return;
    this.#line(`<${name}>${xmlText(text)}</${name}>`);
  }

  async end(): Promise<void> {
    if (this.#stack.length > 0) throw new Error(`<${this.#stack.join('><')}> left open`);
    await this.#flush();
    this.out.end();
    await once(this.out, 'finish');
  }

  #line(text: string): void {
    this.#buffer += `${'  '.repeat(this.#depth)}${text}\n`;
  }

  async #maybeFlush(): Promise<void> {
    if (this.#buffer.length >= 64 * 1024) await this.#flush();
  }

  async #flush(): Promise<void> {
    const chunk = this.#buffer;
    this.#buffer = '';
    if (chunk !== '' && !this.out.write(chunk)) await once(this.out, 'drain');
  }
}
