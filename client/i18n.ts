/** @module The client's UI text in Swedish and English, and how a page picks its language. */
import type { Language } from '../shared/language';
import type { LinkRole } from '../shared/roles';

const sv = {
  appName: 'Samkarta',
  homeIntro:
    'En gemensam karta för nätverksmöten: vad vi oroar oss för, vad som fungerar bra och vad som behöver hända.',
  boardTitle: 'Tavlans namn',
  boardTitleHint: 'Till exempel "Familjen A, möte 1". Skriv inga personnummer.',
  boardLanguage: 'Språk på tavlan',
  createBoard: 'Skapa tavla',
  creatingBoard: 'Skapar…',
  createFailed: 'Det gick inte att skapa tavlan. Försök igen.',
  linksHeading: 'Länkar till mötet',
  linksNote: 'Den som har en länk kan öppna tavlan. Dela varje länk bara med dem som ska ha den.',
  openAsFacilitator: 'Öppna som mötesledare',
  copyLink: 'Kopiera',
  copied: 'Kopierad',
  roleName: {
    facilitator: 'Mötesledare',
    participant: 'Deltagare',
    viewer: 'Visning',
  } satisfies Record<LinkRole, string>,
  roleExplanation: {
    facilitator: 'För dig som leder mötet. Kan allt, även hantera länkarna. Behåll den själv.',
    participant:
      'För familjen och nätverket. De kan skriva kort och sätta sin markering på skalan.',
    viewer: 'För projektorn eller tv:n. Visar tavlan men kan inte ändra något.',
  } satisfies Record<LinkRole, string>,
  linkNotValid: 'Länken är inte giltig (längre). Be den som leder mötet om en ny länk.',
  loadFailed: 'Det gick inte att hämta tavlan. Kontrollera anslutningen och försök igen.',
  tryAgain: 'Försök igen',
  loadingBoard: 'Hämtar tavlan…',
  connecting: 'Ansluter…',
  connected: 'Ansluten',
  offline: 'Offline — ändringar synkas senare',
  connectionRefused: 'Servern stängde anslutningen. Ladda om sidan.',
  youAre: 'Du är',
  viewOnly: 'Endast visning',
  newCardIn: 'Nytt kort i',
  newCardPlaceholder: 'Skriv ett kort…',
  addCard: 'Lägg till kort',
  noCards: 'Inga kort ännu.',
  childsOwnWords: 'Barnets egna ord',
  // — board shell —
  // — canvas —
  // — list view —
  // — scales —
};

export type Messages = typeof sv;

const en: Messages = {
  appName: 'Samkarta',
  homeIntro:
    'A shared map for mapping meetings: what we are worried about, what is working well and what needs to happen.',
  boardTitle: 'Board title',
  boardTitleHint: 'For example "Family A, meeting 1". Do not write personal identity numbers.',
  boardLanguage: 'Board language',
  createBoard: 'Create board',
  creatingBoard: 'Creating…',
  createFailed: 'The board could not be created. Please try again.',
  linksHeading: 'Links for the meeting',
  linksNote:
    'Anyone who has a link can open the board. Share each link only with those who need it.',
  openAsFacilitator: 'Open as facilitator',
  copyLink: 'Copy',
  copied: 'Copied',
  roleName: {
    facilitator: 'Facilitator',
    participant: 'Participant',
    viewer: 'Viewer',
  },
  roleExplanation: {
    facilitator:
      'For you who lead the meeting. Can do everything, including managing links. Keep it to yourself.',
    participant:
      'For the family and the network. They can write cards and place their marker on the scale.',
    viewer: 'For the projector or TV. Shows the board but cannot change anything.',
  },
  linkNotValid:
    'This link is not valid (any more). Ask the person who leads the meeting for a new link.',
  loadFailed: 'The board could not be loaded. Check the connection and try again.',
  tryAgain: 'Try again',
  loadingBoard: 'Loading the board…',
  connecting: 'Connecting…',
  connected: 'Connected',
  offline: 'Offline — changes will sync',
  connectionRefused: 'The server closed the connection. Reload the page.',
  youAre: 'You are',
  viewOnly: 'View only',
  newCardIn: 'New card in',
  newCardPlaceholder: 'Write a card…',
  addCard: 'Add card',
  noCards: 'No cards yet.',
  childsOwnWords: "The child's own words",
  // — board shell —
  // — canvas —
  // — list view —
  // — scales —
};

const MESSAGES: Readonly<Record<Language, Messages>> = { sv, en };

export function messagesFor(language: Language): Messages {
  return MESSAGES[language];
}

/**
 * The language for pages that do not know their board's language yet: Swedish, the product's
 * home language, unless the browser asks for English.
 */
export function browserLanguage(): Language {
  const preferred = typeof navigator === 'undefined' ? '' : navigator.language.toLowerCase();
  return preferred.startsWith('en') ? 'en' : 'sv';
}
