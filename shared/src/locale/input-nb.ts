/**
 * The stakeholders' pages of an input round ("innspillsrunde") in Bokmål: the question and its
 * form (`/innspill/<workshopId>/<roundId>`) and "Dette gjorde vi med innspillene" (`…/svar`).
 * Apart from `nb.ts`: they come with those pages' own chunk (see `input.ts`), so a participant's
 * phone in a gathering never downloads them.
 */
export const inputNb = {
  'contribute.title': 'Innspill',
  'contribute.loading': 'Henter spørsmålet …',
  'contribute.unknownTitle': 'Fant ikke innspillsrunden',
  'contribute.unknown':
    'Lenken er ikke gyldig, eller runden er slettet. Sjekk at du har fått med hele lenken.',
  'contribute.for': 'Innspill til {gathering}',
  'contribute.closesAt': 'Åpen til {moment}',
  'contribute.closedTitle': 'Innspillsrunden er stengt',
  'contribute.closedAt': 'Runden stengte {moment} og tar ikke imot flere innspill.',
  'contribute.closedEarly': 'Runden er stengt og tar ikke imot flere innspill.',
  'contribute.closedNow': 'Runden stengte før innspillet ditt kom fram, så det ble ikke sendt.',
  'contribute.seeOutcome': 'Se hva vi gjorde med innspillene',
  'contribute.who': 'Hvem er du?',
  'contribute.whoHint': 'Velg det som passer best.',
  'contribute.pickWho': 'Velg hvem du er.',
  'contribute.input': 'Ditt innspill',
  'contribute.inputN': 'Innspill {n}',
  'contribute.remaining': '{count} tegn igjen',
  'contribute.remaining.one': '{count} tegn igjen',
  'contribute.emptyInput': 'Skriv innspillet ditt før du sender.',
  'contribute.add': 'Legg til et innspill til',
  'contribute.addMax': 'Du kan sende opptil {max} innspill om gangen.',
  'contribute.remove': 'Fjern',
  'contribute.removeLabel': 'Fjern innspill {n}',
  'contribute.name': 'Navn (valgfritt)',
  'contribute.nameHint':
    'Bare de som arrangerer, ser navnet. Skriver du det, står det også ved innspillet på siden «Dette gjorde vi med innspillene».',
  'contribute.privacy':
    'Ikke skriv sensitive personopplysninger om andre, for eksempel om helse, eller noe som gjør at andre kan kjennes igjen.',
  'contribute.honeypot': 'Nettside (la feltet stå tomt)',
  'contribute.send': 'Send',
  'contribute.sending': 'Sender …',
  'contribute.thanks': 'Takk for innspillene!',
  'contribute.thanks.one': 'Takk for innspillet!',
  'contribute.thanksText':
    'Vi har tatt imot {count} innspill. De som arrangerer, leser alle innspillene før de brukes i arbeidet.',
  'contribute.thanksText.one':
    'Vi har tatt imot innspillet ditt. De som arrangerer, leser alle innspillene før de brukes i arbeidet.',
  'contribute.outcomeLater': 'Senere kan du se hva innspillene førte til:',
  'contribute.another': 'Send et innspill til',
  'contribute.tooFast': 'Du har sendt mange innspill på kort tid. Vent litt og prøv igjen.',
  'contribute.full': 'Runden har fått så mange innspill som den kan ta imot.',
  'contribute.network':
    'Innspillet ble ikke sendt: får ikke kontakt med serveren. Sjekk nettet og prøv igjen.',
  'outcome.title': 'Dette gjorde vi med innspillene',
  'outcome.loading': 'Henter svaret …',
  'outcome.question': 'Spørsmålet var:',
  'outcome.countsHeading': 'Hvem sendte innspill',
  'outcome.countsWho': 'Hvem',
  'outcome.countsCount': 'Antall innspill',
  'outcome.countsNone': 'Ingen innspill er tatt med ennå.',
  'outcome.inputsHeading': 'Innspillene og hva de førte til',
  'outcome.from': 'Fra {stakeholder}',
  'outcome.fromNamed': 'Fra {name} ({stakeholder})',
  'outcome.ledTo': 'Førte til',
  'outcome.none': 'Ikke fulgt opp ennå',
  'outcome.status.planned': 'Planlagt',
  'outcome.status.started': 'I gang',
  'outcome.status.done': 'Gjennomført',
  'outcome.status.dropped': 'Droppet',
  'outcome.due': 'Frist {date}',
  'outcome.notPublishedTitle': 'Ikke publisert ennå',
  'outcome.notPublished':
    'Her kommer det som ble gjort med innspillene, når de som arrangerer, har publisert det. Prøv igjen senere, og sjekk at du har fått med hele lenken.',
  'outcome.toQuestion': 'Til spørsmålet',
} as const;

export type InputKey = keyof typeof inputNb;
