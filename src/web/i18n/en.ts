import type { MessageKey } from './nb.ts';

/** English. */
export const en: Record<MessageKey, string> = {
  'lang.name': 'English',
  'lang.switch': 'Language',
  'lang.apply': 'Change language',

  'layout.skip': 'Skip to main content',
  'layout.nav': 'Main menu',
  'layout.signedInAs': 'Signed in as {name}',
  'layout.signOut': 'Sign out',
  'layout.appName': 'Herald',

  'nav.home': 'Home',
  'nav.write': 'Write a notice',
  'nav.plan': 'Plan',
  'nav.approvals': 'Awaiting approval',
  'nav.archive': 'Archive',
  'nav.admin': 'Administration',

  'role.hr': 'HR',
  'role.communications': 'Communications',
  'role.archivist': 'Archivist',
  'role.admin': 'Administrator',

  'signin.title': 'Sign in',
  'signin.intro': 'Sign in with your Herald e-mail address and password.',
  'signin.email': 'E-mail address',
  'signin.password': 'Password',
  'signin.submit': 'Sign in',
  'signin.failed': 'Wrong e-mail address or password, or the account is not active.',
  'signin.throttled': 'Too many failed attempts. Wait {minutes} minutes and try again.',
  'signin.signedOut': 'You are signed out.',
  'signin.expired': 'Your session has expired. Please sign in again.',

  'oidc.heading': 'Single sign-on',
  'oidc.button': 'Sign in with {label}',
  'oidc.unknownTitle': 'You have no Herald user',
  'oidc.unknownText': 'You signed in at {provider} as {email}, but {tenant} has no active Herald user with that e-mail address. Ask an administrator of the municipality to add you.',
  'oidc.failedTitle': 'Sign-in failed',
  'oidc.failedText': 'Signing in through {provider} did not complete. Please try again from the sign-in page.',
  'oidc.tryAgain': 'Back to the sign-in page',

  'home.title': 'Home',
  'home.greeting': 'Hello, {name}',
  'home.youAre': 'You are signed in as {role} in {tenant}.',
  'home.whatNext': 'What would you like to do?',

  'error.title': 'Something went wrong',
  'error.notFound': 'Page not found',
  'error.notFoundText': 'The page you asked for does not exist, or you do not have access to it.',
  'error.forbidden': 'No access',
  'error.forbiddenText': 'You do not have access to this.',
  'error.csrf': 'The form has expired',
  'error.csrfText': 'The form was refused because it was too old or came from somewhere else. Go back, reload the page and try again.',
  'error.badRequest': 'Bad request',
  'error.unavailable': 'The service is temporarily unavailable',
  'error.unavailableText': 'Please try again shortly.',
  'error.internalText': 'The error has been logged. Quote the reference {id} if you contact support.',
  'error.back': 'Back to the home page',
};
