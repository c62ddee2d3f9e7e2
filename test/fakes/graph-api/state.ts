/** What the fake Graph API holds: Pages, their tokens, posts and comments. All in memory. */

export interface FakeToken {
  token: string;
  pageId: string;
  /** 0: valid; otherwise the `error_subcode` of the 190 it now answers with (458, 460, 463, 467 …). */
  revokedWith: number;
  /** Unix seconds; 0 = never (a Page token from a long-lived user token). */
  expiresAt: number;
  dataAccessExpiresAt: number;
  scopes: string[];
}

export interface FakeComment {
  id: string;
  from: { id: string; name: string };
  message: string;
  createdTime: Date;
  parentId: string | null;
}

export interface FakePost {
  /** `{page-id}_{post-id}`, as Facebook forms Page post ids. */
  id: string;
  pageId: string;
  message: string;
  link: string | null;
  photo: { id: string; url: string; altText: string | null } | null;
  createdTime: Date;
  /** False for a post scheduled with `published=false` + `scheduled_publish_time`. */
  published: boolean;
  scheduledPublishTime: number | null;
  deleted: boolean;
  comments: FakeComment[];
}

export interface FakePage {
  id: string;
  name: string;
  posts: FakePost[];
  /** Usage the headers report, in percent; `regainMinutes` is `estimated_time_to_regain_access`. */
  usage: { percent: number; regainMinutes: number };
}

export const ALL_SCOPES = ['pages_manage_posts', 'pages_read_engagement', 'pages_read_user_engagement', 'pages_manage_engagement', 'pages_show_list'];

/** Facebook's timestamps have whole seconds. */
export function graphNow(): Date {
  return new Date(Math.floor(Date.now() / 1000) * 1000);
}

export class FakeGraphState {
  readonly pages = new Map<string, FakePage>();
  readonly tokens = new Map<string, FakeToken>();
  private seq = 1_000_000;

  nextId(): string {
    this.seq += 1;
    return String(this.seq);
  }

  page(id: string, name = `Page ${id}`): FakePage {
    let page = this.pages.get(id);
    if (!page) {
      page = { id, name, posts: [], usage: { percent: 0, regainMinutes: 0 } };
      this.pages.set(id, page);
    }
    return page;
  }

  /** Every post of every Page, by its id. */
  post(id: string): FakePost | undefined {
    const pageId = id.split('_')[0] ?? '';
    return this.pages.get(pageId)?.posts.find((p) => p.id === id);
  }

  /** The post a comment id belongs to (comment ids are `{post-part}_{n}` as Facebook's). */
  commentOwner(commentId: string): FakePost | undefined {
    for (const page of this.pages.values()) {
      for (const post of page.posts) if (post.comments.some((c) => c.id === commentId)) return post;
    }
    return undefined;
  }
}
