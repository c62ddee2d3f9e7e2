import type { Tenant } from '../../config/tenant-types.ts';
import type { Attachment, NoticeInput } from '../../notices/types.ts';
import type { NoticeSnapshot } from '../types.ts';
import { readFacts } from '../website/facts.ts';
import { labelsFor } from '../website/labels/index.ts';
import { noticeUrl } from '../website/paths.ts';
import { essentials } from './essentials.ts';
import { postLabelsFor } from './labels.ts';
import { codePoints, cutToWords, neutralise, normaliseLines } from './plain-text.ts';

/** What is POSTed to the Graph API: the edge and its parameters, in a fixed order. */
export type PostRequest =
  | { edge: 'feed'; params: { message: string; link?: string } }
  | { edge: 'photos'; params: { url: string; caption: string; alt_text_custom: string } };

export interface RenderPostOptions {
  /** The rule file's limit for this channel (`channel.facebook.length` in rules/common.yaml), in code points. */
  maxLength: number;
  /** As the website channel's option: where this deployment serves every tenant's pages. */
  publicBaseUrl?: string;
}

const IMAGE = /\.(avif|gif|jpe?g|png|webp)$/i;

/** The first attachment Facebook can show as a photo: http(s), an image by its file name. */
function firstImage(attachments: readonly Attachment[] | undefined): Attachment | undefined {
  return attachments?.find((a) => {
    try {
      const url = new URL(a.url);
      return (url.protocol === 'https:' || url.protocol === 'http:') && IMAGE.test(url.pathname);
    } catch {
      return false;
    }
  });
}

/** The website is on unless the notice names its channels without it (rules/common.yaml makes it mandatory beside Facebook). */
function websiteOn(content: NoticeInput): boolean {
  return content.channels === undefined || content.channels.includes('website');
}

/** Bodies of the notice and its translations (a Sami-area notice carries both languages). */
function texts(content: NoticeInput): string {
  const translations = (content.translations ?? []).map((t) => `${t.title}\n\n${t.body}`);
  return normaliseLines([content.body, ...translations].join('\n\n'));
}

/**
 * The post for a notice: "<type>: <title>", the type's essentials (deadline or date in the notice's
 * language and the tenant's local time), the text, and the link to the notice's page on the website
 * (which also makes the message unique: the read-back matches it exactly). When everything does not fit
 * within `maxLength`, the text is shortened at a word and says so; the link is never cut.
 */
export function renderPost(notice: NoticeSnapshot, tenant: Tenant, options: RenderPostOptions): PostRequest {
  const { content } = notice;
  const lang = content.language;
  const labels = labelsFor(lang);
  const words = postLabelsFor(lang);
  const facts = essentials(readFacts(content, tenant.timeZone), labels, lang, notice.publishAt, tenant.timeZone);
  const url = websiteOn(content) ? noticeUrl(tenant, notice.id, options.publicBaseUrl) : undefined;

  const head = normaliseLines(neutralise(`${labels.typeNames[notice.type]}: ${content.title}`));
  const factLines = normaliseLines(neutralise(facts.map((f) => `${f.label}: ${f.value}`).join('\n')));
  const tail = url === undefined ? '' : `${words.readMore}: ${url}`;
  const body = neutralise(texts(content));

  const compose = (text: string, factBlock: string): string => normaliseLines([head, factBlock, text, tail].filter((part) => part !== '').join('\n\n'));
  let message = compose(body, factLines);
  if (codePoints(message) > options.maxLength) {
    // What is left for the text once the fixed parts and the note are in.
    const note = ` … ${words.shortened}`;
    const fixed = codePoints(compose('', factLines)) + 2 + codePoints(note);
    const room = options.maxLength - fixed;
    message = room > 0 ? compose(`${cutToWords(body, room)}${note}`, factLines) : cutToWords(compose('', ''), options.maxLength);
  }

  const image = firstImage(content.attachments);
  if (image) return { edge: 'photos', params: { url: image.url, caption: message, alt_text_custom: normaliseLines(image.altText) } };
  return { edge: 'feed', params: url === undefined ? { message } : { message, link: url } };
}

/** The post's text, whichever edge carries it. */
export function messageOf(request: PostRequest): string {
  return request.edge === 'feed' ? request.params.message : request.params.caption;
}
