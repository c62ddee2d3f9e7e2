import type { Artifact } from '../types.ts';
import type { PostRequest } from './render.ts';

/** The artifact is the JSON body POSTed to the Graph API, byte for byte: what the archive keeps. */
export const POST_CONTENT_TYPE = 'application/json; charset=utf-8';

export function toArtifact(request: PostRequest): Artifact {
  return { bytes: Buffer.from(JSON.stringify(request.params), 'utf8'), contentType: POST_CONTENT_TYPE };
}

/** Reads an artifact back: a photo post carries the image `url`, a feed post does not. */
export function fromArtifact(artifact: Artifact): PostRequest {
  const params = JSON.parse(artifact.bytes.toString('utf8')) as Record<string, string>;
  if (typeof params.url === 'string') {
    return { edge: 'photos', params: { url: params.url, caption: params.caption ?? '', alt_text_custom: params.alt_text_custom ?? '' } };
  }
  return { edge: 'feed', params: { message: params.message ?? '', ...(typeof params.link === 'string' && { link: params.link }) } };
}
