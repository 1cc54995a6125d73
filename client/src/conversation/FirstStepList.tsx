/**
 * Round 4's harvest: every first step on the map, per loop, with the step it breaks and who takes
 * it. "Wie" is an organisation of the room (suggested) or free text.
 */
import { readMapCards } from '@patroonkaart/model';
import { FIRST_STEP } from '@patroonkaart/schema';
import { useEditor, useValue } from 'tldraw';
import { pageRecords } from '../canvas/stepGraph.ts';
import { useT } from '../i18n/i18n.ts';
import { useLoopStore } from '../state/loopStore.ts';
import { organisationsOf, usePeople } from '../sync/usePeople.ts';

interface FirstStepRow {
  id: string;
  what: string;
  who: string;
  stepId: string;
  stepText: string;
}

export function FirstStepList({ canWrite }: { canWrite: boolean }) {
  const t = useT();
  const editor = useEditor();
  const loops = useLoopStore((s) => s.loops);
  const organisations = organisationsOf(usePeople());
  const rows = useValue('first steps', (): FirstStepRow[] => {
    const map = readMapCards(pageRecords(editor));
    const textOf = new Map(map.steps.map((s) => [s.id, s.text]));
    return map.firstSteps.map((f) => ({
      id: f.id,
      what: f.what,
      who: f.who,
      stepId: f.step ?? '',
      stepText: textOf.get(f.step ?? '') ?? '',
    }));
  }, [editor]);
  if (rows.length === 0) return <p className="pk-hint">{t('first.none')}</p>;
  const groups = [
    ...loops.map((loop, i) => ({
      key: loop.key,
      title: loop.title || t('vote.loop', { n: i + 1 }),
      rows: rows.filter((r) => loop.steps.includes(r.stepId)),
    })),
    {
      key: 'none',
      title: t('first.notInLoop'),
      rows: rows.filter((r) => !loops.some((l) => l.steps.includes(r.stepId))),
    },
  ].filter((g) => g.rows.length > 0);
  return (
    <div data-testid="first-step-list">
      <datalist id="first-step-organisations">
        {organisations.map((o) => (
          <option key={o.organisation} value={o.organisation} />
        ))}
      </datalist>
      {groups.map((g) => (
        <section key={g.key} aria-label={g.title}>
          <h4>{g.title}</h4>
          <ul className="pk-first-list">
            {g.rows.map((r) => (
              <li key={`${r.id}:${r.who}`}>
                <span className="pk-first-list__what">{r.what || '…'}</span>
                {r.stepText ? (
                  <span className="pk-hint">
                    {t('first.breaks')} {r.stepText.length > 50 ? `${r.stepText.slice(0, 48)}…` : r.stepText}
                  </span>
                ) : null}
                <label className="pk-vote">
                  <span>{t('shape.first.who')}</span>
                  <input
                    list="first-step-organisations"
                    defaultValue={r.who}
                    disabled={!canWrite}
                    maxLength={200}
                    onBlur={(e) => {
                      if (e.target.value !== r.who)
                        editor.updateShape({
                          id: r.id as never,
                          type: FIRST_STEP,
                          props: { who: e.target.value },
                        });
                    }}
                  />
                </label>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
