/**
 * The texts of themes across boards (the console's "Temaer" step, the frames on a plenary
 * board), in Bokmål. Apart from `nb.ts`: they come with the console (see `themes.ts`), so a
 * participant's first load carries none of them.
 */
export const themesNb = {
  'console.stepThemes': 'Temaer',
  'themes.title': 'Felles temaer på tvers av gruppene',
  'themes.intro':
    'Torg samler lappene til gruppene i temaer etter ordene de deler. Det skjer på denne serveren, uten kunstig intelligens, og ingenting sendes videre. Se gjennom temaene: gi dem navn, slå sammen, skill ut og flytt lapper. Legg dem så på en plenumstavle til prikkstemming.',
  'themes.phase': 'Fase',
  'themes.boards': 'Tavler å finne temaer i',
  'themes.noPhases': 'Ingen fase har gruppetavler ennå.',
  'themes.find': 'Finn temaer',
  'themes.findAgain': 'Finn temaene på nytt',
  'themes.findAgainConfirm': 'Finne temaene på nytt? Det du har endret i gjennomgangen, går tapt.',
  'themes.found': '{themes} temaer fra {notes} lapper i {boards} tavler',
  'themes.foundAt': 'Funnet kl. {time}',
  'themes.reviewed': 'gjennomgått',
  'themes.newNotes':
    '{count} nye lapper er skrevet siden temaene ble funnet. Finn temaene på nytt for å ta dem med.',
  'themes.newNotes.one':
    '1 ny lapp er skrevet siden temaene ble funnet. Finn temaene på nytt for å ta den med.',
  'themes.none': 'Ingen temaer er funnet for denne fasen ennå.',
  'themes.empty': 'Lappene deler ikke nok ord til å danne temaer.',
  'themes.list': 'Temaer',
  'themes.groups': '{count} av {total} grupper',
  'themes.notes': '{count} lapper',
  'themes.notes.one': '1 lapp',
  'themes.words': 'Felles ord: {words}',
  'themes.rename': 'Navn på temaet',
  'themes.selectTheme': 'Velg temaet «{name}»',
  'themes.merge': 'Slå sammen valgte temaer',
  'themes.selectNote': 'Velg lappen',
  'themes.split': 'Skill ut valgte lapper',
  'themes.splitName': '{name} (del)',
  'themes.moveTo': 'Flytt til',
  'themes.showAll': 'Vis alle {count} lappene',
  'themes.showFewer': 'Vis færre',
  'themes.move': 'Flytt',
  'themes.noTheme': 'Uten tema',
  'themes.loose': 'Lapper uten tema',
  'themes.looseNone': 'Alle lappene er i et tema.',
  'themes.gone': '(slettet fra tavla)',
  'themes.placeTitle': 'Legg temaene på en plenumstavle',
  'themes.placeOn': 'Plenumstavle',
  'themes.place': 'Legg temaene på tavla',
  'themes.newPlenary': 'Lag en ny plenumsfase og legg dem der',
  'themes.newPlenaryName': 'Felles temaer',
  'themes.noPlenary': 'Samlingen har ingen plenumstavle ennå.',
  'themes.placed': 'Temaene er lagt på tavla «{board}».',
  'themes.placedAt': 'Sist lagt på «{board}» kl. {time}.',
  'themes.openBoard': 'Åpne tavla',
  'themes.frameTitle': '{name} – {count} av {total} grupper',
  'themes.tooManyNotes': 'Det er for mange lapper i tavlene til å finne temaer (høyst 1500).',
} as const;

export type ThemesKey = keyof typeof themesNb;
