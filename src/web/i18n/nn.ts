import type { MessageKey } from './nb.ts';

/** Norsk nynorsk. */
export const nn: Record<MessageKey, string> = {
  'lang.name': 'Nynorsk',
  'lang.switch': 'Språk',
  'lang.apply': 'Byt språk',

  'layout.skip': 'Hopp til hovudinnhaldet',
  'layout.nav': 'Hovudmeny',
  'layout.signedInAs': 'Logga inn som {name}',
  'layout.signOut': 'Logg ut',
  'layout.appName': 'Herald',

  'nav.home': 'Framside',
  'nav.write': 'Skriv kunngjering',
  'nav.plan': 'Plan',
  'nav.approvals': 'Til godkjenning',
  'nav.archive': 'Arkiv',
  'nav.admin': 'Administrasjon',

  'role.hr': 'HR',
  'role.communications': 'Kommunikasjon',
  'role.archivist': 'Arkivar',
  'role.admin': 'Administrator',

  'signin.title': 'Logg inn',
  'signin.intro': 'Logg inn med e-postadressa og passordet ditt i Herald.',
  'signin.email': 'E-postadresse',
  'signin.password': 'Passord',
  'signin.submit': 'Logg inn',
  'signin.failed': 'Feil e-postadresse eller passord, eller kontoen er ikkje aktiv.',
  'signin.throttled': 'For mange mislukka forsøk. Vent {minutes} minutt og prøv igjen.',
  'signin.signedOut': 'Du er logga ut.',
  'signin.expired': 'Økta di er utgått. Logg inn igjen.',

  'oidc.heading': 'Enkel pålogging',
  'oidc.button': 'Logg inn med {label}',
  'oidc.unknownTitle': 'Du har ingen brukar i Herald',
  'oidc.unknownText': 'Du vart logga inn hos {provider} som {email}, men {tenant} har ingen aktiv Herald-brukar med denne e-postadressa. Be ein administrator i kommunen om å leggje deg til.',
  'oidc.failedTitle': 'Innlogginga mislukkast',
  'oidc.failedText': 'Innlogginga gjennom {provider} vart ikkje fullført. Prøv igjen frå innloggingssida.',
  'oidc.tryAgain': 'Til innloggingssida',

  'home.title': 'Framside',
  'home.greeting': 'Hei, {name}',
  'home.youAre': 'Du er logga inn som {role} i {tenant}.',
  'home.whatNext': 'Kva vil du gjere?',

  'error.title': 'Noko gjekk gale',
  'error.notFound': 'Fann ikkje sida',
  'error.notFoundText': 'Sida du bad om, finst ikkje, eller du har ikkje tilgang til henne.',
  'error.forbidden': 'Inga tilgang',
  'error.forbiddenText': 'Du har ikkje tilgang til dette.',
  'error.csrf': 'Skjemaet er utgått',
  'error.csrfText': 'Skjemaet vart ikkje godteke fordi det var for gammalt eller kom frå ein annan stad. Gå tilbake, last inn sida på nytt og prøv igjen.',
  'error.badRequest': 'Ugyldig førespurnad',
  'error.unavailable': 'Tenesta er mellombels utilgjengeleg',
  'error.unavailableText': 'Prøv igjen om litt.',
  'error.internalText': 'Feilen er logga. Oppgi referansen {id} om du kontaktar brukarstøtte.',
  'error.back': 'Til framsida',
};
