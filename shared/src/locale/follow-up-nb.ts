/**
 * The texts of what a gathering carries to the next (the series brief, measures, a stakeholder
 * map's input counts), in Bokmål. Apart from `nb.ts`: they come with the chunks that show them
 * (see `follow-up.ts`), so a participant's first load carries none of them.
 */
export const followUpNb = {
  'brief.title': 'Fra samlingsrekken «{name}»',
  'brief.from': 'Oppdrag fra forrige samling, {title} ({date}):',
  'brief.noAssignment': 'Forrige samling ga ikke noe oppdrag.',
  'followUp.statusTitle': 'Status for tiltakene',
  'followUp.lateTitle': 'Forsinket',
  'followUp.noText': '(tiltak uten tekst)',
  'followUp.dueOn': 'frist {date}',
  'measure.title': 'Tiltak',
  'measure.make': 'Gjør til tiltak',
  'measure.makeHint':
    'Gi lappen en ansvarlig, en frist og en status, så følges den opp mellom samlingene.',
  'measure.remove': 'Ikke et tiltak lenger',
  'measure.owner': 'Ansvarlig',
  'measure.ownerOf': 'Ansvarlig for «{text}»',
  'measure.due': 'Frist',
  'measure.dueOf': 'Frist for «{text}»',
  'measure.status': 'Status',
  'measure.statusOf': 'Status for «{text}»',
  'measure.planned': 'Planlagt',
  'measure.started': 'I gang',
  'measure.done': 'Gjennomført',
  'measure.dropped': 'Droppet',
  'measure.late': 'forsinket',
  'measure.basedOn': 'Bygger på',
  'measure.basedOnHint':
    'Innspill fra interessenter og forslag fra torgmøtet som førte til tiltaket. De som ga innspill, får se hva som kom ut av det.',
  'measure.inputs': 'Innspill',
  'measure.suggestions': 'Godtatte forslag',
  'measure.noBasis': 'Ingen godkjente innspill eller godtatte forslag ennå.',
  'measure.basisCount': 'Bygger på {count} innspill og forslag',
  'measure.basisCount.one': 'Bygger på 1 innspill eller forslag',
  'stakeholderCounts.title': 'Innspill fra interessenter',
  'stakeholderCounts.item': '{label}: {count}',
  'measure.save': 'Lagre tiltaket',
  'measure.cancel': 'Avbryt',
  'brief.screenTitle': 'Oppdrag fra forrige samling',
} as const;

export type FollowUpKey = keyof typeof followUpNb;
