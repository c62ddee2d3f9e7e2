/**
 * Norsk bokmål: the reference catalogue. nn.ts and en.ts must have exactly these keys (a missing or
 * extra key is a type error). Keys are grouped by page with a prefix: each developer adds their own
 * group. `{name}` marks a parameter.
 */
export const nb = {
  'lang.name': 'Bokmål',
  'lang.switch': 'Språk',
  'lang.apply': 'Bytt språk',

  'layout.skip': 'Hopp til hovedinnholdet',
  'layout.nav': 'Hovedmeny',
  'layout.signedInAs': 'Logget inn som {name}',
  'layout.signOut': 'Logg ut',
  'layout.appName': 'Herald',

  'nav.home': 'Forside',
  'nav.write': 'Skriv kunngjøring',
  'nav.plan': 'Plan',
  'nav.approvals': 'Til godkjenning',
  'nav.archive': 'Arkiv',
  'nav.admin': 'Administrasjon',

  'role.hr': 'HR',
  'role.communications': 'Kommunikasjon',
  'role.archivist': 'Arkivar',
  'role.admin': 'Administrator',

  'signin.title': 'Logg inn',
  'signin.intro': 'Logg inn med e-postadressen og passordet ditt i Herald.',
  'signin.email': 'E-postadresse',
  'signin.password': 'Passord',
  'signin.submit': 'Logg inn',
  'signin.failed': 'Feil e-postadresse eller passord, eller kontoen er ikke aktiv.',
  'signin.throttled': 'For mange mislykkede forsøk. Vent {minutes} minutter og prøv igjen.',
  'signin.signedOut': 'Du er logget ut.',
  'signin.expired': 'Økten din er utløpt. Logg inn igjen.',

  'oidc.heading': 'Enkel pålogging',
  'oidc.button': 'Logg inn med {label}',
  'oidc.unknownTitle': 'Du har ingen bruker i Herald',
  'oidc.unknownText': 'Du ble logget inn hos {provider} som {email}, men {tenant} har ingen aktiv Herald-bruker med denne e-postadressen. Be en administrator i kommunen om å legge deg til.',
  'oidc.failedTitle': 'Innloggingen mislyktes',
  'oidc.failedText': 'Innloggingen gjennom {provider} ble ikke fullført. Prøv igjen fra innloggingssiden.',
  'oidc.tryAgain': 'Til innloggingssiden',

  'home.title': 'Forside',
  'home.greeting': 'Hei, {name}',
  'home.youAre': 'Du er logget inn som {role} i {tenant}.',
  'home.whatNext': 'Hva vil du gjøre?',

  'error.title': 'Noe gikk galt',
  'error.notFound': 'Fant ikke siden',
  'error.notFoundText': 'Siden du ba om, finnes ikke, eller du har ikke tilgang til den.',
  'error.forbidden': 'Ingen tilgang',
  'error.forbiddenText': 'Du har ikke tilgang til dette.',
  'error.csrf': 'Skjemaet er utløpt',
  'error.csrfText': 'Skjemaet ble ikke godtatt fordi det var for gammelt eller kom fra et annet sted. Gå tilbake, last inn siden på nytt og prøv igjen.',
  'error.badRequest': 'Ugyldig forespørsel',
  'error.unavailable': 'Tjenesten er midlertidig utilgjengelig',
  'error.unavailableText': 'Prøv igjen om litt.',
  'error.internalText': 'Feilen er logget. Oppgi referansen {id} hvis du kontakter brukerstøtte.',
  'error.back': 'Til forsiden',
} as const;

export type MessageKey = keyof typeof nb;
