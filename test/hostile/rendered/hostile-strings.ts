import fc from 'fast-check';
import { findTextProblems } from '../../../src/notices/text-hygiene.ts';

/**
 * Text that means something to one of the formats a notice is rendered into. Each is plain text to
 * Herald: it must come out of every renderer as the same characters, never as markup or structure.
 */
export const HOSTILE_STRINGS: readonly string[] = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "' onmouseover='alert(1)' x='",
  '<a href="javascript:alert(1)">Klikk her</a>',
  'javascript:alert(document.cookie)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  '</script><script>alert(1)</script>',
  '</script><!--',
  '<!-- <script>',
  ']]><![CDATA[<script>alert(1)</script>]]>',
  '&amp; &lt;script&gt; &#60;b&#62; &#x3c;i&#x3e; &nbsp; &unknown; & &&',
  '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;',
  '</title></entry><entry><title>Falsk oppføring</title></entry>',
  '</summary><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></div></content>',
  'Møte\r\nBEGIN:VEVENT\r\nSUMMARY:Falsk hendelse\r\nEND:VEVENT',
  'Slutt\nEND:VEVENT\nEND:VCALENDAR\nBEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:evil',
  'a\rLOCATION:Et annet sted',
  ';LANGUAGE=xx:x, DESCRIPTION:y \\n \\, \\; \\',
  '@[100064000000001] @[4:0:Mark]',
  '{{constructor.constructor("alert(1)")()}} ${alert(1)} <%= 1 %>',
  '"\u2028\u2029"',
  'Frist\tfredag',
  'مرحبا بكم في اجتماع المجلس البلدي',
  'שלום לכולם',
  'Sámegiella: Ráđđehus ja gielda',
  '👩‍💻 🇳🇴 😀 𝕳𝖊𝖗𝖆𝖑𝖉',
  '\uffff\ufffe\ufdd0',
  '\u0085 \u0080 \u009f',
  `${'Langlinje'.repeat(60)} ${'Ø'.repeat(400)}`,
  'x'.repeat(1500),
];

/** Pieces the generator joins into longer strings. */
const FRAGMENTS = ['<', '>', '&', '"', "'", '/', '=', '\n', '\r\n', '\r', ';', ',', '\\', ':', ']]>', '<!--', '-->', '</script>', 'javascript:', 'on', 'BEGIN:VEVENT', '@[', '&#', '\uffff', '\u2028'];

/**
 * Hostile strings that the intake's text hygiene lets through (no C0 controls, no invisible
 * characters, no lone surrogates): the text a renderer really receives.
 */
export const hostileString: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom(...HOSTILE_STRINGS),
    fc.array(fc.oneof(fc.constantFrom(...HOSTILE_STRINGS, ...FRAGMENTS), fc.string({ unit: 'grapheme', maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 8 })), { minLength: 1, maxLength: 8 }).map((parts) => parts.join('')),
  )
  .filter((s) => s.trim() !== '' && findTextProblems(s, 'nb').length === 0);
