// The host page's own words, in English and Danish. The elements translate themselves through @lit/localize; this is
// the page around them, as an ERP would word it, following the same language (the page's `lang`, read through the
// elements' getLocale so that both switch on the same render).
import { getLocale, languageOf, type Language } from '../src/elements/localization.js';

/** Where the demo keeps the language chosen in its header. */
export const LANGUAGE_KEY = 'mobile-flow-pin-demo:lang';

const plural = (language: Language, count: number, one: string, other: string) =>
  new Intl.PluralRules(language).select(count) === 'one' ? one : other;

const en = {
  title: 'Mobile Flow PIN codes — demo',
  starting: 'Starting the demo host…',
  couldNotStart: (reason: string) => `The mock host could not start: ${reason}`,
  couldNotReachServerHost: (reason: string) => `The demo could not reach the server host: ${reason}`,
  workerNotUpdated: (reason: string) =>
    `The mock host's service worker could not be updated (${reason}). The demo goes on with the one already installed; if the dev server was restarting, reload this page once it runs again.`,
  onServerHost: (url: string) =>
    `This demo runs on the server host at ${url} (npm run demo:server): the users and their PIN codes are in its database. The fault panel's slow network, offline and failing change happen in this page, before a request leaves it.`,
  fallback: (reason: string) =>
    `No service worker could run here (${reason}), so the client calls the mock host directly.`,
  signedInAs: 'Signed in as',
  signInAs: 'Sign in as',
  language: 'Language',
  screen: 'Screen',
  phoneScreen: (width: number) => `Phone, ${width} px`,
  tabletScreen: (width: number) => `Tablet, ${width} px`,
  desktopScreen: 'Desktop, full width',
  administrator: 'administrator',
  switchFailed: (to: string, reason: string, from: string) =>
    `Could not switch to ${to}: ${reason}. Still signed in as ${from}.`,
  switchingTo: (to: string) => `Switching to ${to}…`,
  networkOffline: 'the network is offline',
  timedOut: 'the host did not answer in time',
  hostAnswered: (code: string) => `the host answered ${code}`,
  somethingFailed: 'something went wrong',
  pages: 'Pages',
  overview: 'Overview',
  userSetup: 'Mobile Flow User Setup',
  changePinCode: 'Change PIN Code',
  noPinCodesWithoutResource: (administrator: boolean) =>
    `You have no Resource card, and a PIN code belongs to one: mobile devices check it when someone signs in as that resource.${administrator ? ' As an administrator, you give users their temporary PIN codes in the Mobile Flow User Setup.' : ''}`,
  setupForAdministrators: (name: string) =>
    `The Mobile Flow User Setup is for administrators, and ${name} is not one: sign in as an administrator to see it. Your own PIN code is changed on the Overview.`,
  resourceCard: 'Resource card',
  number: 'No.',
  name: 'Name',
  pinCode: 'PIN code',
  lastChange: 'Last change',
  never: 'Never',
  deviceSignIn: 'Device sign-in',
  noResourceCard: 'No Resource card for this user.',
  signsInWithoutPinCode: 'Without a PIN code',
  signsInWithPinCode: 'With your PIN code',
  signsInWithTemporary: (until: string | null) =>
    until
      ? `With the temporary PIN code until ${until}, then change it`
      : 'With the temporary PIN code, then change it',
  needsPinCode:
    'Not possible: no PIN code yet. Choose one with Change PIN Code, or ask your administrator for a temporary one',
  temporaryExpired: 'Not possible: the temporary PIN code has expired. Ask your administrator for a new one',
  lockedUntil: (until: string) => `Locked until ${until}`,
  mobileDevice: 'Mobile device',
  resourceNo: 'Resource No.',
  signInOnDevice: 'Sign in on the device',
  withoutPinCodeNote: 'Signs in without a PIN code.',
  signInWithoutPinCode: 'Sign in without a PIN code',
  noSuchResource: (resourceNo: string) => `There is no resource ${resourceNo}.`,
  signedIn: (resourceNo: string) => `Signed in as ${resourceNo}.`,
  signedInWithoutPinCode: (resourceNo: string) => `Signed in as ${resourceNo} without a PIN code.`,
  mustChange: 'Signed in with a temporary PIN code: the user must change it first.',
  wrongPinCode: (left: number | undefined) =>
    left === undefined
      ? 'Wrong PIN code.'
      : `Wrong PIN code: ${plural('en', left, '1 attempt left', `${left} attempts left`)}.`,
  typePinCode: 'This resource now asks for a PIN code: type it and sign in again.',
  deviceLocked: (until: string) => `Locked until ${until}.`,
  pinCodeNotSet: (resourceNo: string) =>
    `${resourceNo} has no PIN code yet: ask your administrator for a temporary PIN code.`,
  pinCodeTemporaryExpired: 'The temporary PIN code has expired: ask your administrator for a new one.',
  pinCodesNotAllowed: (resourceNo: string) => `${resourceNo} does not use PIN codes.`,
  deviceHeldBack: (minutes: number) =>
    `This device sent too many wrong PIN codes, for several users: it may check again in ${plural('en', minutes, '1 minute', `${minutes} minutes`)}.`,
  faults: 'Faults',
  slowNetwork: 'Slow network (1.5 s)',
  offline: 'Offline',
  failNextChange: 'Fail the next change (server error)',
  nextChangeFails: 'The next change fails with a server error.',
  resetData: 'Reset demo data',
  faultsInAWindow: 'Open in a window of its own',
  faultsWindowNote:
    'While a modal dialog is open (Change PIN Code, or issuing a temporary PIN code), the rest of this page cannot be used: open the faults in a window of their own to switch them meanwhile.',
  faultsWindowBlocked: 'The browser did not open the window: allow pop-ups for this page.',
  businessCentral: 'Business Central',
  businessCentralIntro:
    'Both add-ins as Business Central hosts them: each in a fresh iframe, its script.js and then its startup.js loaded as classic scripts, drawing into #controlAddIn. A simulated web client carries their requests to AL, which answers them from the host as the signed-in user.',
  changePinCodeAddIn: 'Role Center: the Change PIN Code add-in',
  userSetupAddIn: 'Mobile Flow User Setup: the User Setup add-in',
  addInNotBuilt: (name: string) => `The ${name} add-in is not built yet: run npm run build, then reload this page.`,
  keepBusy: 'Keep the web client busy',
  refuseCalls: "Refuse the add-ins' calls",
  failInAl: 'Fail in AL',
  alErrorText: 'The demo made AL fail in this request.',
  recreateAddIns: 'Recreate the add-ins',
  bridgeTraffic: 'Bridge traffic',
  bridgeTrafficNote:
    'The events the add-ins raise in AL and the procedures AL calls, oldest first. PIN codes are masked.',
  noTraffic: 'Nothing has crossed the bridge yet.',
  clearLog: 'Clear',
  logTime: 'Time and add-in',
  logCall: 'Call',
  logStatus: 'Status',
  toAl: 'to AL',
  fromAl: 'from AL',
  waitedWhileBusy: 'waited: the web client was busy',
  busyEnded: 'the web client is no longer busy, and tells the add-in',
  refusedByBc: 'the web client refused the call (errorCallback): AL never heard of it',
  notShown: 'not JSON, so not shown',
  longDetail: (length: number) => `JSON, ${length} characters`,
};

type Words = typeof en;

const da: Words = {
  title: 'Mobile Flow-pinkoder — demo',
  starting: 'Demoværten starter…',
  couldNotStart: (reason) => `Mock-værten kunne ikke starte: ${reason}`,
  couldNotReachServerHost: (reason) => `Demoen kunne ikke nå serverværten: ${reason}`,
  workerNotUpdated: (reason) =>
    `Mock-værtens service worker kunne ikke opdateres (${reason}). Demoen fortsætter med den, der allerede er installeret; hvis udviklingsserveren var ved at genstarte, så genindlæs siden, når den kører igen.`,
  onServerHost: (url) =>
    `Denne demo kører på serverværten på ${url} (npm run demo:server): brugerne og deres pinkoder ligger i dens database. Fejlpanelets langsomme netværk, manglende netværk og fejlende ændring sker i denne side, før en anmodning forlader den.`,
  fallback: (reason) => `Ingen service worker kunne køre her (${reason}), så klienten kalder mock-værten direkte.`,
  signedInAs: 'Logget på som',
  signInAs: 'Log på som',
  language: 'Sprog',
  screen: 'Skærm',
  phoneScreen: (width) => `Telefon, ${width} px`,
  tabletScreen: (width) => `Tablet, ${width} px`,
  desktopScreen: 'Computer, fuld bredde',
  administrator: 'administrator',
  switchFailed: (to, reason, from) => `Kunne ikke skifte til ${to}: ${reason}. Stadig logget på som ${from}.`,
  switchingTo: (to) => `Skifter til ${to}…`,
  networkOffline: 'der er ingen forbindelse til netværket',
  timedOut: 'værten svarede ikke i tide',
  hostAnswered: (code) => `værten svarede ${code}`,
  somethingFailed: 'noget gik galt',
  pages: 'Sider',
  overview: 'Oversigt',
  userSetup: 'Mobile Flow-brugeropsætning',
  changePinCode: 'Skift pinkode',
  noPinCodesWithoutResource: (administrator) =>
    `Du har intet ressourcekort, og en pinkode hører til et: mobilenheder tjekker den, når nogen logger på som den ressource.${administrator ? ' Som administrator giver du brugerne deres midlertidige pinkoder i Mobile Flow-brugeropsætningen.' : ''}`,
  setupForAdministrators: (name) =>
    `Mobile Flow-brugeropsætningen er for administratorer, og ${name} er ikke administrator: log på som en administrator for at se den. Din egen pinkode skiftes under Oversigt.`,
  resourceCard: 'Ressourcekort',
  number: 'Nr.',
  name: 'Navn',
  pinCode: 'Pinkode',
  lastChange: 'Seneste ændring',
  never: 'Aldrig',
  deviceSignIn: 'Logon på enhed',
  noResourceCard: 'Denne bruger har intet ressourcekort.',
  signsInWithoutPinCode: 'Uden pinkode',
  signsInWithPinCode: 'Med din pinkode',
  signsInWithTemporary: (until) =>
    until
      ? `Med den midlertidige pinkode til ${until}, og så skal den skiftes`
      : 'Med den midlertidige pinkode, og så skal den skiftes',
  needsPinCode:
    'Ikke muligt: ingen pinkode endnu. Vælg en med Skift pinkode, eller bed din administrator om en midlertidig',
  temporaryExpired: 'Ikke muligt: den midlertidige pinkode er udløbet. Bed din administrator om en ny',
  lockedUntil: (until) => `Spærret til ${until}`,
  mobileDevice: 'Mobilenhed',
  resourceNo: 'Ressourcenr.',
  signInOnDevice: 'Log på enheden',
  withoutPinCodeNote: 'Logger på uden pinkode.',
  signInWithoutPinCode: 'Log på uden pinkode',
  noSuchResource: (resourceNo) => `Der er ingen ressource ${resourceNo}.`,
  signedIn: (resourceNo) => `Logget på som ${resourceNo}.`,
  signedInWithoutPinCode: (resourceNo) => `Logget på som ${resourceNo} uden pinkode.`,
  mustChange: 'Logget på med en midlertidig pinkode: brugeren skal først skifte den.',
  wrongPinCode: (left) =>
    left === undefined
      ? 'Forkert pinkode.'
      : `Forkert pinkode: ${plural('da', left, '1 forsøg', `${left} forsøg`)} tilbage.`,
  typePinCode: 'Denne ressource beder nu om en pinkode: skriv den, og log på igen.',
  deviceLocked: (until) => `Spærret til ${until}.`,
  pinCodeNotSet: (resourceNo) =>
    `${resourceNo} har ingen pinkode endnu: bed din administrator om en midlertidig pinkode.`,
  pinCodeTemporaryExpired: 'Den midlertidige pinkode er udløbet: bed din administrator om en ny.',
  pinCodesNotAllowed: (resourceNo) => `${resourceNo} bruger ikke pinkoder.`,
  deviceHeldBack: (minutes) =>
    `Denne enhed sendte for mange forkerte pinkoder til flere brugere: den kan tjekke igen om ${plural('da', minutes, '1 minut', `${minutes} minutter`)}.`,
  faults: 'Fejl',
  slowNetwork: 'Langsomt netværk (1,5 s)',
  offline: 'Intet netværk',
  failNextChange: 'Lad næste ændring fejle (serverfejl)',
  nextChangeFails: 'Næste ændring fejler med en serverfejl.',
  resetData: 'Nulstil demodata',
  faultsInAWindow: 'Åbn i sit eget vindue',
  faultsWindowNote:
    'Mens en modal dialog er åben (Skift pinkode, eller udstedelse af en midlertidig pinkode), kan resten af siden ikke bruges: åbn fejlene i deres eget vindue for at slå dem til og fra imens.',
  faultsWindowBlocked: 'Browseren åbnede ikke vinduet: tillad pop op-vinduer for denne side.',
  businessCentral: 'Business Central',
  businessCentralIntro:
    'Begge tilføjelsesprogrammer, som Business Central viser dem: hver i sin egen nye iframe, hvor script.js og derefter startup.js indlæses som klassiske scripts og tegner i #controlAddIn. En simuleret webklient bringer deres anmodninger til AL, som besvarer dem fra værten som den bruger, der er logget på.',
  changePinCodeAddIn: 'Rollecenter: tilføjelsesprogrammet Skift pinkode',
  userSetupAddIn: 'Mobile Flow-brugeropsætning: tilføjelsesprogrammet Brugeropsætning',
  addInNotBuilt: (name) => `Tilføjelsesprogrammet ${name} er ikke bygget endnu: kør npm run build, og genindlæs siden.`,
  keepBusy: 'Hold webklienten optaget',
  refuseCalls: 'Afvis tilføjelsesprogrammernes kald',
  failInAl: 'Fejl i AL',
  alErrorText: 'Demoen fik AL til at fejle i denne anmodning.',
  recreateAddIns: 'Genskab tilføjelsesprogrammerne',
  bridgeTraffic: 'Trafik over broen',
  bridgeTrafficNote:
    'De hændelser, tilføjelsesprogrammerne sender til AL, og de procedurer, AL kalder, ældste først. Pinkoder er skjult.',
  noTraffic: 'Intet er gået over broen endnu.',
  clearLog: 'Ryd',
  logTime: 'Tid og tilføjelsesprogram',
  logCall: 'Kald',
  logStatus: 'Status',
  toAl: 'til AL',
  fromAl: 'fra AL',
  waitedWhileBusy: 'ventede: webklienten var optaget',
  busyEnded: 'webklienten er ikke længere optaget og siger det til tilføjelsesprogrammet',
  refusedByBc: 'webklienten afviste kaldet (errorCallback): AL hørte aldrig om det',
  notShown: 'ikke JSON, så ikke vist',
  longDetail: (length) => `JSON, ${length} tegn`,
};

/** The host page's words in the language the elements speak now. */
export const words = (): Words => (languageOf(getLocale()) === 'da' ? da : en);

/** The words in the language stored for the demo, before the elements have loaded any. */
export const storedLanguageWords = (): Words =>
  languageOf(localStorage.getItem(LANGUAGE_KEY) ?? undefined) === 'da' ? da : en;
