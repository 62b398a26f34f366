/**
 * Five groups' insight boards ("Fem grupper – fem innsiktsarbeid – mye er sammenfallende"),
 * about 150 notes, for the themes' test and benchmark. Each group found the same four things
 * and wrote them in its own words (group 5 in Nynorsk); the rest is each group's own.
 *
 * - `overview`: users lack an overview of the services
 * - `contact`: users are unsure whom to contact
 * - `responsibility`: the services are unsure how far their responsibility goes
 * - `meetings`: time goes to meetings instead of users
 */
export type Finding = 'overview' | 'contact' | 'responsibility' | 'meetings';

export interface FixtureNote {
  text: string;
  /** The shared finding the note states; null for the group's own. */
  finding: Finding | null;
}

export interface FixtureBoard {
  group: string;
  notes: FixtureNote[];
}

const o = (text: string): FixtureNote => ({ text, finding: 'overview' });
const c = (text: string): FixtureNote => ({ text, finding: 'contact' });
const r = (text: string): FixtureNote => ({ text, finding: 'responsibility' });
const m = (text: string): FixtureNote => ({ text, finding: 'meetings' });
const own = (text: string): FixtureNote => ({ text, finding: null });

export const INSIGHT_BOARDS: readonly FixtureBoard[] = [
  {
    group: 'Helse og omsorg',
    notes: [
      o('Brukerne mangler oversikt over tjenestene kommunen har'),
      o('Pårørende sier det er vanskelig å få oversikt over tjenestene'),
      o('Ingen samlet oversikt over hvilke tjenester som finnes'),
      c('Brukerne er usikre på hvem de skal kontakte'),
      c('Pårørende vet ikke hvem de skal kontakte når noe endrer seg'),
      c('Uklart hvem som er kontaktperson for brukeren'),
      r('Tjenestene er usikre på hvor langt ansvaret deres går'),
      r('Uklare ansvarsgrenser mellom hjemmetjenesten og fastlegen'),
      r('Vi vet ikke alltid om ansvaret er vårt eller sykehusets'),
      m('Mye tid går til møter i stedet for brukerne'),
      m('For mange interne møter, for lite tid hos brukerne'),
      m('Møtene tar tid fra brukerne'),
      own('Hjemmetjenesten har stor turnover blant de ansatte'),
      own('Vikarer kjenner ikke brukerne'),
      own('Dokumentasjon tar for lang tid på nettbrett'),
      own('Velferdsteknologi brukes lite'),
      own('Medisinrommet er for trangt'),
      own('Nattevaktene er alene på store områder'),
      own('Eldre ønsker å bo hjemme lengst mulig'),
      own('Ventetid på korttidsplass'),
      own('Bilparken er gammel og bilene står ofte på verksted'),
      own('Ernæring følges ikke godt nok opp'),
      own('Frivillige kunne bidratt mer på dagsenteret'),
      own('Sykefraværet er høyt om vinteren'),
      own('Ansatte savner faglig påfyll'),
      own('Språkbarrierer i møte med pårørende'),
      own('Trygghetsalarmene går til feil vakttelefon'),
      own('Demenskoordinator har for mange saker'),
      own('Kveldsvaktene rekker ikke sosial kontakt'),
      own('Brukerplan brukes ikke i praksis'),
    ],
  },
  {
    group: 'NAV og arbeid',
    notes: [
      o('Innbyggerne har ikke oversikt over hvilke tjenester de kan få'),
      o('Tjenesteoversikten på nettsidene er utdatert'),
      o('Brukere kjenner ikke til tjenestene før det er for sent'),
      c('Brukerne vet ikke hvem de skal kontakte hos oss'),
      c('Mange kontaktpunkter, ingen fast kontaktperson'),
      c('Brukere blir usikre på hvem de skal ringe og kontakte'),
      r('Ansvaret mellom NAV og kommunen er uklart for tjenestene selv'),
      r('Usikkert hvor langt vårt ansvar går når brukeren har flere tjenester'),
      r('Ansvarsgrenser diskuteres i hver sak'),
      m('Veilederne bruker mer tid på møter enn på brukerne'),
      m('Møtetid går på bekostning av tid med brukerne'),
      m('Faste møter hver dag spiser tid'),
      own('Digitale søknader er vanskelige for mange'),
      own('Lange ventetider på telefon'),
      own('Unge uten fullført skole trenger tett oppfølging'),
      own('Arbeidsgivere ønsker én dør inn'),
      own('Tolketjenesten bestilles for sent'),
      own('Lite samarbeid med videregående skole'),
      own('Sosialhjelp utbetales for sent i ferier'),
      own('Kvalifiseringsprogrammet har ledige plasser'),
      own('Økonomisk rådgivning er etterspurt'),
      own('Bostøtte er lite kjent'),
      own('Oppfølging etter tiltak mangler'),
      own('Saksbehandlingstiden er for lang'),
      own('Brev fra oss er vanskelige å forstå'),
      own('Mange møter opp uten timeavtale'),
      own('Ungdomsgarantien fungerer godt'),
      own('Språkkurs og arbeidspraksis bør kombineres'),
      own('Ledere savner tall på hva tiltakene gir'),
      own('Kontoret er vanskelig å finne'),
    ],
  },
  {
    group: 'Oppvekst',
    notes: [
      o('Foreldre mangler oversikt over tjenestene for barn og unge'),
      o('Vanskelig å få oversikt over tilbudene og tjenestene'),
      o('Tjenestene er lite kjent blant foreldre'),
      c('Foreldre vet ikke hvem de skal kontakte når de er bekymret'),
      c('Usikre på om de skal kontakte skolen, helsestasjonen eller PPT'),
      c('Hvem er kontaktpersonen for familien?'),
      r('Skolen og barnevernet er usikre på hvor langt ansvaret går'),
      r('Uklart ansvar mellom PPT og skolen'),
      r('Tjenestene skyver ansvaret over på hverandre'),
      m('Lærerne bruker mye tid på møter i stedet for elevene'),
      m('Tverrfaglige møter tar tid fra barna og brukerne'),
      m('For mange møter med lite resultat'),
      own('Barnehagene mangler pedagoger'),
      own('Skolebussen går for tidlig'),
      own('Mobbing meldes for sent'),
      own('Helsesykepleier er bare på skolen to dager'),
      own('Fritidstilbud for ungdom er for dyrt'),
      own('Minoritetsforeldre deltar lite på foreldremøter'),
      own('Spesialundervisning gis ofte av assistenter'),
      own('Skolefravær øker etter pandemien'),
      own('Barnevernet har lange ventelister'),
      own('Elevene ønsker mer praktisk læring'),
      own('Ungdomsrådet blir ikke hørt'),
      own('SFO er for dyrt for mange familier'),
      own('Overgang barnehage til skole kan bli bedre'),
      own('Lesesvake elever fanges opp sent'),
      own('Lærerne savner digitale læremidler'),
      own('Skolehelsetjenesten er populær'),
      own('Idrettshallen er full hver kveld'),
      own('Foreldre ønsker digital kontaktbok'),
    ],
  },
  {
    group: 'Teknisk og miljø',
    notes: [
      o('Innbyggere mangler oversikt over tjenestene våre'),
      o('Ingen oversikt over hvilke tjenester kommunen har innen byggesak og vei'),
      o('Innbyggerne finner ikke tjenestene på nettsiden'),
      c('Innbyggerne vet ikke hvem de skal kontakte om vei og vann'),
      c('Usikre på hvem som er rett kontakt i kommunen'),
      c('Henvendelser sendes rundt fordi ingen vet hvem de skal kontakte'),
      r('Tjenestene er usikre på hvor ansvaret for private veier går'),
      r('Uklart ansvar mellom kommunen og fylket'),
      r('Hvor langt går ansvaret vårt for overvann?'),
      m('Mye tid går med til interne møter'),
      m('Saksbehandlere sitter i møter i stedet for å svare innbyggerne'),
      m('Møter tar tid fra brukerne'),
      own('Byggesaker tar for lang tid'),
      own('Kartverket er utdatert'),
      own('Brøytingen er dårlig i boligfeltene'),
      own('Renovasjonen henter for sjelden i sommerhalvåret'),
      own('Gatelys er slukket i flere uker'),
      own('Ladestasjoner mangler i sentrum'),
      own('Vannledningene er gamle'),
      own('Klimaplanen følges ikke opp'),
      own('Gang- og sykkelveier mangler ved skolene'),
      own('Lekeplassene vedlikeholdes for sjelden'),
      own('Søknadsskjemaene er lange'),
      own('Geodata deles ikke mellom avdelingene'),
      own('Ingeniørene er vanskelige å rekruttere'),
      own('Parkeringen ved rådhuset er full'),
      own('Flomsikring må prioriteres'),
      own('Befaringer planlegges dårlig'),
      own('Innsynsløsningen er treg'),
      own('Digitale byggesøknader fungerer godt'),
    ],
  },
  {
    group: 'Kultur og frivillighet (nynorsk)',
    notes: [
      o('Brukarane manglar oversikt over tenestene'),
      o('Det er vanskeleg å få oversikt over kva tenester kommunen har'),
      o('Tenestene er lite kjende, folk manglar oversikt'),
      c('Folk er usikre på kven dei skal kontakte'),
      c('Lag og organisasjonar veit ikkje kven dei skal kontakte i kommunen'),
      c('Uklart kven som er kontaktperson for frivillige'),
      r('Tenestene er usikre på kor langt ansvaret deira går'),
      r('Uklart ansvar mellom kulturkontoret og skulane'),
      r('Kven har ansvaret for frivilligsentralen?'),
      m('Tida går til møte i staden for brukarane'),
      m('For mykje tid i møte, for lite tid med brukarane'),
      m('Møta et opp tida vi skulle brukt på frivillige'),
      own('Kulturhuset står tomt på dagtid'),
      own('Biblioteket har for korte opningstider'),
      own('Kulturskulen har lang venteliste'),
      own('Tilskotsordningane er vanskelege å søkje på'),
      own('Eldre ønskjer fleire kulturtilbod på dagtid'),
      own('Frivillige blir slitne av skjema'),
      own('Ungdomsklubben manglar vaksne'),
      own('Idrettslaga deler ikkje hallar godt nok'),
      own('Kulturminne er lite synlege'),
      own('Festivalen treng fleire frivillige'),
      own('Musea samarbeider lite'),
      own('Bygdelaga vil ha meir dialog'),
      own('Turstiar er dårleg merka'),
      own('Integreringsarbeidet treng fleire møteplassar'),
      own('Billettsystemet er gammalt'),
      own('Innbyggjarar saknar ein kalender for arrangement'),
      own('Konsertsalen har dårleg akustikk'),
      own('Frivilligsentralen har gode erfaringar med kaffi og prat'),
    ],
  },
];

/**
 * One group's frame of nine notes on three concerns (meetings, whom to contact,
 * responsibility; three each, in the order meetings, contact, responsibility repeated): what
 * "Sorter lappene" must sort into three groups.
 */
export const ONE_FRAME_NOTES: readonly string[] = [
  'For mange møter i uka',
  'Vet ikke hvem de skal kontakte',
  'Uklart ansvar mellom tjenestene',
  'Møtene tar tiden fra brukerne',
  'Hvem er kontaktperson?',
  'Ansvaret skyves mellom tjenestene',
  'Lange møter uten resultat',
  'Vanskelig å få kontakt med saksbehandler',
  'Hvem har ansvaret for oppfølgingen?',
];
