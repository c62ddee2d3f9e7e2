/** Facebook's error answers as the fake gives them: body, HTTP status and the messages Facebook uses. */
export interface FakeError {
  status: number;
  body: { error: { message: string; type: string; code: number; error_subcode?: number; fbtrace_id: string } };
}

const TYPES: Record<number, string> = { 1: 'OAuthException', 2: 'OAuthException', 190: 'OAuthException', 102: 'OAuthException', 104: 'OAuthException' };

const MESSAGES: Record<number, string> = {
  1: 'An unknown error occurred',
  2: 'An unexpected error has occurred. Please retry your request later.',
  4: '(#4) Application request limit reached',
  10: '(#10) This endpoint requires the \'pages_read_engagement\' permission or the \'Page Public Content Access\' feature.',
  17: '(#17) User request limit reached',
  32: '(#32) Page request limit reached',
  100: '(#100) Invalid parameter',
  102: 'Session key invalid or no longer valid',
  104: 'An access token is required to request this resource.',
  190: 'Invalid OAuth access token - Cannot parse access token',
  200: '(#200) If posting to a page, requires both pages_read_engagement and pages_manage_posts as an admin with sufficient administrative permission',
  341: '(#341) Application limit reached',
  368: 'The action attempted has been deemed abusive or is otherwise disallowed',
  506: '(#506) Duplicate status message',
  613: '(#613) Calls to this api have exceeded the rate limit.',
  80001: 'There have been too many calls to this Page account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.',
  1609005: 'Error Posting Link',
};

const SUBCODE_MESSAGES: Record<string, string> = {
  '190/460': 'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
  '190/463': 'Error validating access token: Session has expired.',
  '190/467': 'Error validating access token: The user has not authorized application or the session was invalidated.',
  '100/33': "Unsupported request. Object with ID does not exist, cannot be loaded due to missing permissions, or does not support this operation.",
};

/** Facebook's HTTP statuses: 500 for 1 and 2, 403 for permissions, 400 for the rest (rate limits included). */
function statusOf(code: number): number {
  if (code === 1 || code === 2) return 500;
  if (code === 10 || (code >= 200 && code <= 299)) return 403;
  return 400;
}

let trace = 0;

export function graphError(code: number, opts: { subcode?: number; status?: number; message?: string; type?: string } = {}): FakeError {
  trace += 1;
  const message = opts.message ?? (opts.subcode !== undefined ? SUBCODE_MESSAGES[`${code}/${opts.subcode}`] : undefined) ?? MESSAGES[code] ?? `(#${code}) Error`;
  return {
    status: opts.status ?? statusOf(code),
    body: {
      error: {
        message,
        type: opts.type ?? TYPES[code] ?? 'OAuthException',
        code,
        ...(opts.subcode !== undefined && { error_subcode: opts.subcode }),
        fbtrace_id: `Fake${trace.toString(36).padStart(8, '0')}`,
      },
    },
  };
}
