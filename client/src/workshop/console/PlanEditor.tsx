import { MAX_ROUNDS, type Plan, type PlanProblem, unvisited, validatePlan } from '@torg/shared';
import { useId } from 'react';
import { useT } from '../../i18n/LocaleProvider.js';

/**
 * A custom market plan as a table: a row per round, a column per group, and in each cell the
 * board that group visits (or "stays home"). Problems (two groups on one board, no rounds)
 * are listed as they arise; boards a group never visits are named, since that is often a
 * choice but sometimes a slip.
 */
export function PlanEditor({
  plan,
  groups,
  onChange,
  onReset,
}: {
  plan: Plan;
  groups: readonly { id: string; name: string }[];
  onChange(plan: Plan): void;
  /** Back to round-robin. */
  onReset(): void;
}) {
  const t = useT();
  const id = useId();
  const ids = groups.map((g) => g.id);
  const name = (gid: string) => groups.find((g) => g.id === gid)?.name ?? gid;
  const problems = validatePlan(plan, ids);
  const missing = unvisited(plan, ids);

  const setCell = (r: number, visitor: string, host: string) =>
    onChange(
      plan.map((round, i) => {
        if (i !== r) return round;
        const next = { ...round };
        if (host) next[visitor] = host;
        else delete next[visitor];
        return next;
      }),
    );

  const problemText = (p: PlanProblem) => {
    switch (p.problem) {
      case 'board_taken':
        return t('market.problemTaken', { n: p.round + 1, group: name(p.groupId ?? '') });
      case 'empty':
        return t('market.problemEmpty');
      case 'too_many_rounds':
        return t('market.problemTooMany', { max: MAX_ROUNDS });
      default:
        return t('market.problemOther', { n: p.round + 1 });
    }
  };

  return (
    <div className="plan-editor">
      <div className="table-scroll">
        <table className="market-plan" aria-describedby={`${id}-problems`}>
          <caption>{t('market.customCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('market.round')}</th>
              {groups.map((g) => (
                <th key={g.id} scope="col">
                  {g.name}
                </th>
              ))}
              <td />
            </tr>
          </thead>
          <tbody>
            {plan.map((round, r) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rounds are positions in the plan
              <tr key={r}>
                <th scope="row">{t('market.roundN', { n: r + 1 })}</th>
                {groups.map((g) => {
                  const host = round[g.id] ?? '';
                  const taken = problems.some(
                    (p) => p.round === r && p.problem === 'board_taken' && p.groupId === host,
                  );
                  return (
                    <td key={g.id}>
                      <select
                        className="input"
                        aria-label={t('market.cellLabel', { n: r + 1, group: g.name })}
                        aria-invalid={taken || undefined}
                        value={host}
                        onChange={(e) => setCell(r, g.id, e.target.value)}
                      >
                        <option value="">{t('market.stayHome')}</option>
                        {groups
                          .filter((h) => h.id !== g.id)
                          .map((h) => (
                            <option key={h.id} value={h.id}>
                              {h.name}
                            </option>
                          ))}
                      </select>
                    </td>
                  );
                })}
                <td>
                  <button
                    type="button"
                    className="btn btn-quiet"
                    onClick={() => onChange(plan.filter((_, i) => i !== r))}
                  >
                    {t('market.removeRound', { n: r + 1 })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <span className="inline-form">
        <button
          type="button"
          className="btn"
          disabled={plan.length >= MAX_ROUNDS}
          onClick={() => onChange([...plan, {}])}
        >
          {t('market.addRound')}
        </button>
        <button type="button" className="btn btn-quiet" onClick={onReset}>
          {t('market.resetPlan')}
        </button>
      </span>
      <div id={`${id}-problems`}>
        {problems.length > 0 && (
          <ul className="error plan-problems" role="alert">
            {[...new Set(problems.map(problemText))].map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        )}
        {problems.length === 0 && (
          <p className="field-hint">
            {missing.size === 0
              ? t('market.allVisited')
              : [...missing]
                  .map(([g, hosts]) =>
                    t('market.unvisited', { group: name(g), boards: hosts.map(name).join(', ') }),
                  )
                  .join(' ')}
          </p>
        )}
      </div>
    </div>
  );
}
