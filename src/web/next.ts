/** `next` (where to go after sign-in or a language switch) may only lead back into the app. */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string') return '/app';
  return /^\/app(?:[/?#][^\\\s]*)?$/.test(next) && !next.startsWith('//') ? next : '/app';
}
