import { followUpTexts } from '@torg/shared/locale/follow-up';
import { addTexts } from '../../i18n/extra-texts.js';

// The series brief's, the measures' and the stakeholder counts' words come with the chunks that
// show them (each imports this module first), never with a participant's first load.
addTexts(followUpTexts);
