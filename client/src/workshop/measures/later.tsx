import type { Editor } from '../../board/editor/Editor.js';
import { useEditorState } from '../../board/editor/hooks.js';
import { Later, laterPart } from '../../ui/LazyPart.js';

/**
 * The board's measure tools and a stakeholder map's input counts come in chunks of their own,
 * fetched when first needed: a participant's phone opens its board without them (README,
 * "The first load on a phone").
 */
const measureTools = laterPart(() => import('./MeasureTools.js').then((m) => m.MeasureTools));
const stakeholderCounts = laterPart(() =>
  import('./StakeholderCounts.js').then((m) => m.StakeholderCounts),
);

interface Props {
  api: Editor;
  workshopId: string;
  token: string;
}

/** "Gjør til tiltak" once one object is selected on a board this person may edit. */
export function LaterMeasureTools(props: Props) {
  const one = useEditorState(props.api, (s) => !s.readOnly && s.selection.length === 1);
  return one ? <Later part={measureTools} {...props} /> : null;
}

/** The counts beside a stakeholder map. */
export function LaterStakeholderCounts({ workshopId, token }: Omit<Props, 'api'>) {
  return <Later part={stakeholderCounts} workshopId={workshopId} token={token} />;
}
