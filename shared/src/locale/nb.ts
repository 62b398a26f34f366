/** Bokmål — the default locale. Every UI string lives here first. */
export const nb = {
  'app.name': 'Torg',
  'app.tagline': 'Samarbeidstavle for samlinger og torgmøter',
  'home.newBoard': 'Ny tavle',
  'home.openBoard': 'Åpne tavle',
  'home.boardIdLabel': 'Tavle-ID',
  'home.invalidId': 'Ugyldig tavle-ID: bruk 4–64 tegn (a–z, 0–9, - og _).',
  'board.canvasLabel': 'Tavle {id}. Dobbeltklikk på et tomt sted for å legge til en lapp.',
  'board.addSticky': 'Ny lapp',
  'board.stickyEditorLabel': 'Tekst på lappen',
  'board.emptyHint': 'Dobbeltklikk hvor som helst for å legge til en lapp.',
  'board.objectCount': '{count} objekter',
  'board.home': 'Til forsiden',
  'presence.nameLabel': 'Ditt navn',
  'presence.defaultName': 'Gjest {n}',
  'presence.others': 'Andre på tavlen',
  'status.connected': 'Tilkoblet',
  'status.connecting': 'Kobler til …',
  'status.disconnected': 'Frakoblet – endringene lagres lokalt og sendes når nettet er tilbake',
  'status.label': 'Tilkoblingsstatus',
  'locale.switch': 'English',
  'locale.switchLabel': 'Bytt språk til engelsk',
  'notFound.title': 'Fant ikke siden',
} as const;

export type MessageKey = keyof typeof nb;
