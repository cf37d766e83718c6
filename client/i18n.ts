/** @module The client's UI text in Swedish and English, and how a page picks its language. */
import type { Language } from '../shared/language';
import type { LinkRole, ParticipantRole } from '../shared/roles';

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
  newCardIn: 'Nytt kort i',
  newCardPlaceholder: 'Skriv ett kort…',
  addCard: 'Lägg till kort',
  noCards: 'Inga kort ännu.',
  childsOwnWords: 'Barnets egna ord',
  // — board shell —
  joinHeading: 'Vem är du?',
  joinIntro: 'Ditt namn och din roll visas för de andra på tavlan och vid din markering på skalan.',
  yourName: 'Ditt namn',
  yourRole: 'Din roll',
  participantRoleName: {
    family: 'Familj',
    child: 'Barn',
    network: 'Nätverk',
    worker: 'Socialsekreterare',
    other: 'Annan',
  } satisfies Record<ParticipantRole, string>,
  join: 'Gå med',
  nameNeeded: 'Skriv ditt namn så att de andra vet vem du är.',
  peopleHere: 'Här nu',
  you: 'du',
  viewMap: 'Karta',
  viewList: 'Lista',
  boardView: 'Visa tavlan som',
  undo: 'Ångra',
  redo: 'Gör om',
  uiLanguage: 'Språk',
  followFacilitator: 'Följ mötesledaren',
  focusEveryone: 'Visa för alla',
  focusNothing: 'Ingenting (fri vy)',
  focusScales: 'Skalor',
  projector: 'Projektor',
  // — canvas —
  boardMap: 'Kartan',
  fitBoard: 'Visa hela kartan',
  zoomIn: 'Zooma in',
  zoomOut: 'Zooma ut',
  cardActions: 'Kortet',
  editCard: 'Redigera',
  deleteCard: 'Ta bort',
  addCardIn: 'Lägg till kort i',
  cardText: 'Kortets text',
  mapView: 'Kartans vy',
  cardStarterLabel: 'Börja gärna så här:',
  // — list view —
  boardAsList: 'Tavlan som lista',
  listScales: 'Skalor',
  listEdit: 'Redigera',
  listEditCard: 'Redigera kort',
  listDone: 'Klar',
  listDelete: 'Ta bort',
  listDeleteCard: 'Ta bort kort',
  listMoveUp: 'Flytta upp',
  listMoveDown: 'Flytta ned',
  listEmptyCard: 'tomt kort',
  listEditingNow: 'Skriver nu:',
  listAddCardTo: 'Lägg till kort i',
  listSaveCard: 'Spara kortet',
  listCardAdded: 'Kortet är tillagt',
  listClose: 'Stäng',
  listNewCardKeys: 'Enter sparar, Skift+Enter ger ny rad, Esc stänger.',
  listDangerStatementStarter: 'Om inget förändras är vi oroliga för att … vilket skapar … så att …',
  listDangerStatementHint:
    'Skriv vad som har hänt, vilken riskfylld situation det skapar och hur barnet påverkas. Använd enkla, konkreta ord.',
  listSafetyGoalStarter: 'När det inte längre finns anledning till oro, då …',
  listSafetyGoalHint:
    'Skriv hur livet ser ut när ingen längre behöver oroa sig: vad de vuxna gör i stället, så att barnet är tryggt.',
  listScaleLow: '0 betyder',
  listScaleHigh: '10 betyder',
  listNoMarkers: 'Ingen har satt sin markering ännu.',
  listYourPosition: 'Din position:',
  listNotPlaced: 'Ej placerad',
  listOutOf: 'av',
  listSliderHint:
    'Piltangenterna flyttar ett halvt steg, Page Up och Page Down ett helt, Home till 0 och End till 10.',
  listWhyHere: 'Varför här?',
  listNextStepUp: 'Vad skulle flytta den ett steg upp?',
  listWhy: 'Varför',
  listOneStepUp: 'Ett steg upp',
  listMoreActions: 'Mer',
  listMoreActionsFor: 'Mer för kort',
  listMoveToSection: 'Flytta kortet till avsnitt',
  listMove: 'Flytta',
  listMoveCard: 'Flytta kortet',
  listCardMovedTo: 'Kortet flyttades till',
  listSliderTouchHint: 'Tryck på linjen där du står.',
  // — scales —
  placeMyMarker: 'Tryck på skalan där du står',
  markerNotesWhy: 'Varför här?',
  markerNotesNextStep: 'Vad skulle flytta den ett steg upp?',
  markerNotesYourValue: 'Din markering',
  markerNotesSave: 'Spara',
  markerNotesCancel: 'Avbryt',
  removeMyMarker: 'Ta bort min markering',
  markerNotesGone: 'Din markering finns inte längre på den här skalan.',
  addScale: 'Lägg till skala',
  addScaleMenu: 'Skalor att lägga till',
  myMarkerHint: 'Tryck för att skriva varför',
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
  newCardIn: 'New card in',
  newCardPlaceholder: 'Write a card…',
  addCard: 'Add card',
  noCards: 'No cards yet.',
  childsOwnWords: "The child's own words",
  // — board shell —
  joinHeading: 'Who are you?',
  joinIntro:
    'Your name and role are shown to the others on the board and next to your marker on the scale.',
  yourName: 'Your name',
  yourRole: 'Your role',
  participantRoleName: {
    family: 'Family',
    child: 'Child',
    network: 'Network',
    worker: 'Social worker',
    other: 'Other',
  },
  join: 'Join',
  nameNeeded: 'Write your name so the others know who you are.',
  peopleHere: 'Here now',
  you: 'you',
  viewMap: 'Map',
  viewList: 'List',
  boardView: 'Show the board as',
  undo: 'Undo',
  redo: 'Redo',
  uiLanguage: 'Language',
  followFacilitator: 'Follow the facilitator',
  focusEveryone: 'Show everyone',
  focusNothing: 'Nothing (free view)',
  focusScales: 'Scales',
  projector: 'Projector',
  // — canvas —
  boardMap: 'The map',
  fitBoard: 'Show the whole map',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  cardActions: 'Card',
  editCard: 'Edit',
  deleteCard: 'Delete',
  addCardIn: 'Add a card to',
  cardText: 'Card text',
  mapView: 'Map view',
  cardStarterLabel: 'You could start like this:',
  // — list view —
  boardAsList: 'Board as list',
  listScales: 'Scales',
  listEdit: 'Edit',
  listEditCard: 'Edit card',
  listDone: 'Done',
  listDelete: 'Delete',
  listDeleteCard: 'Delete card',
  listMoveUp: 'Move up',
  listMoveDown: 'Move down',
  listEmptyCard: 'empty card',
  listEditingNow: 'Writing now:',
  listAddCardTo: 'Add card to',
  listSaveCard: 'Save card',
  listCardAdded: 'Card added',
  listClose: 'Close',
  listNewCardKeys: 'Enter saves, Shift+Enter starts a new line, Escape closes.',
  listDangerStatementStarter: 'If nothing changes, we are worried that … which creates … so that …',
  listDangerStatementHint:
    'Write what has happened, the risky situation it creates and how the child is affected. Use plain, concrete words.',
  listSafetyGoalStarter: 'When there is no longer reason to worry, …',
  listSafetyGoalHint:
    'Write what life looks like when no one needs to worry any more: what the adults do instead, so that the child is safe.',
  listScaleLow: '0 means',
  listScaleHigh: '10 means',
  listNoMarkers: 'No one has placed their marker yet.',
  listYourPosition: 'Your position:',
  listNotPlaced: 'Not placed',
  listOutOf: 'of',
  listSliderHint:
    'Arrow keys move half a step, Page Up and Page Down a whole step, Home to 0 and End to 10.',
  listWhyHere: 'Why here?',
  listNextStepUp: 'What would move it one step up?',
  listWhy: 'Why',
  listOneStepUp: 'One step up',
  listMoreActions: 'More',
  listMoreActionsFor: 'More actions for card',
  listMoveToSection: 'Move card to section',
  listMove: 'Move',
  listMoveCard: 'Move card',
  listCardMovedTo: 'Card moved to',
  listSliderTouchHint: 'Tap the line where you stand.',
  // — scales —
  placeMyMarker: 'Tap the scale where you stand',
  markerNotesWhy: 'Why here?',
  markerNotesNextStep: 'What would move it one step up?',
  markerNotesYourValue: 'Your marker',
  markerNotesSave: 'Save',
  markerNotesCancel: 'Cancel',
  removeMyMarker: 'Remove my marker',
  markerNotesGone: 'Your marker is no longer on this scale.',
  addScale: 'Add scale',
  addScaleMenu: 'Scales to add',
  myMarkerHint: 'Tap to say why',
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

/** A scale value as people write it in the UI language: "4.5", "4,5". */
export function formatScaleValue(value: number, language: Language): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(value);
}
