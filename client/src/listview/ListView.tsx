/**
 * "Lijstweergave": the map as structured text, for keyboard and screen-reader users (and anyone
 * who prefers a list): the pattern's title, the loop's steps in order, the behaviours with their
 * utterances and the step each feeds, the first steps with their owner, and the votes. Everything
 * can be done here with the keyboard; the canvas and every other screen follow live.
 */
import { BUILT_IN_BEHAVIOURS, MAX_ORGANISATION_CHARS, readMapCards, stepOrder } from '@patroonkaart/model';
import { FIRST_STEP, LOOP_STEP, PATTERN_TITLE } from '@patroonkaart/schema';
import { type ReactNode, useState } from 'react';
import { type TLShapeId, useEditor, useValue } from 'tldraw';
import { addBehaviour, addFirstStep } from '../canvas/addCards.ts';
import { setLinkedStep } from '../canvas/links.ts';
import { pageRecords } from '../canvas/stepGraph.ts';
import { useT } from '../i18n/i18n.ts';
import { useLoopStore } from '../state/loopStore.ts';
import { useCanEditMap } from '../state/useCanEditMap.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { must } from '../ui/must.ts';
import { LoopRunWords } from './LoopRunWords.tsx';
import { appendStep, moveStep, removeStep } from './listActions.ts';

type Props = Record<string, string>;

/** The map as the list shows it (the model's reader), its steps in the order of the first loop. */
function useMap() {
  const editor = useEditor();
  const loops = useLoopStore((s) => s.loops);
  const map = useValue('list view map', () => readMapCards(pageRecords(editor)), [editor]);
  const loop = loops[0]?.steps ?? [];
  return {
    title: map.titles[0],
    order: stepOrder(
      map.steps.map((s) => s.id),
      loop,
    ),
    inLoop: new Set(loop),
    stepById: new Map(map.steps.map((s) => [s.id, s])),
    behaviours: map.bubbles,
    firstSteps: map.firstSteps,
  };
}

export interface ListViewProps {
  onClose(): void;
  /** The votes, below the map: the room puts the conversation's vote panel here. */
  votes: ReactNode;
}

export function ListView({ onClose, votes }: ListViewProps) {
  const t = useT();
  const editor = useEditor();
  const canEdit = useCanEditMap();
  const map = useMap();
  const [said, setSaid] = useState('');
  const [newStep, setNewStep] = useState('');
  const [kind, setKind] = useState(must(BUILT_IN_BEHAVIOURS[0], 'a built-in behaviour').kind);
  const [feeds, setFeeds] = useState('');
  const [firstWhat, setFirstWhat] = useState('');
  const [firstWho, setFirstWho] = useState('');
  const [firstStep, setFirstStep] = useState('');
  const update = (id: string, type: string, props: Props) =>
    editor.updateShape({ id: id as TLShapeId, type, props } as Parameters<typeof editor.updateShape>[0]);
  const stepLabel = (id: string) => {
    const i = map.order.indexOf(id);
    return i < 0 ? '' : `${t('list.step', { n: i + 1 })}: ${map.stepById.get(id)?.text ?? ''}`;
  };
  const stepOptions = (
    <>
      <option value="">{t('list.noStep')}</option>
      {map.order.map((id) => (
        <option key={id} value={id}>
          {stepLabel(id).slice(0, 80)}
        </option>
      ))}
    </>
  );
  const title = map.title;
  return (
    <Dialog titleId="list-title" onClose={onClose} className="pk-list" testId="list-view">
      <h2 id="list-title">{t('list.title')}</h2>
      <p className="pk-hint">{t('list.intro')}</p>
      <p role="status" className="pk-list__said" data-testid="list-status">
        {said}
      </p>

      {title ? (
        <label className="pk-field">
          <span>{t('list.patternTitle')}</span>
          <input
            value={title.text}
            readOnly={!canEdit}
            onChange={(e) => update(title.id, PATTERN_TITLE, { text: e.target.value })}
          />
        </label>
      ) : null}

      <h3 id="list-steps">{t('list.steps')}</h3>
      <ol aria-labelledby="list-steps" className="pk-list__steps" data-testid="list-steps">
        {map.order.map((id, i) => (
          <li key={id}>
            <label className="pk-field">
              <span>
                {t('list.step', { n: i + 1 })}
                {map.inLoop.has(id) ? '' : ` (${t('list.notInLoop')})`}
              </span>
              <input
                value={map.stepById.get(id)?.text ?? ''}
                readOnly={!canEdit}
                onChange={(e) => update(id, LOOP_STEP, { text: e.target.value })}
              />
            </label>
            {canEdit ? (
              <span className="pk-list__actions">
                <button
                  type="button"
                  className="pk-button pk-button--small"
                  disabled={i === 0}
                  onClick={() => moveStep(editor, map.order, id, -1)}
                >
                  {t('list.up')}
                  <span className="pk-sr"> {t('list.step', { n: i + 1 })}</span>
                </button>
                <button
                  type="button"
                  className="pk-button pk-button--small"
                  disabled={i === map.order.length - 1}
                  onClick={() => moveStep(editor, map.order, id, 1)}
                >
                  {t('list.down')}
                  <span className="pk-sr"> {t('list.step', { n: i + 1 })}</span>
                </button>
                <button
                  type="button"
                  className="pk-button pk-button--small"
                  onClick={() => {
                    removeStep(editor, map.order, id);
                    setSaid(t('list.removed', { n: i + 1 }));
                  }}
                >
                  {t('list.remove')}
                  <span className="pk-sr"> {t('list.step', { n: i + 1 })}</span>
                </button>
              </span>
            ) : null}
          </li>
        ))}
      </ol>
      <LoopRunWords numberOf={(id) => map.order.indexOf(id) + 1} />
      {canEdit ? (
        <form
          className="pk-list__add"
          onSubmit={(e) => {
            e.preventDefault();
            if (!newStep.trim()) return;
            appendStep(editor, map.order, newStep.trim());
            setSaid(t('list.added', { n: map.order.length + 1 }));
            setNewStep('');
          }}
        >
          <label className="pk-field">
            <span>{t('list.newStep')}</span>
            <input value={newStep} onChange={(e) => setNewStep(e.target.value)} data-testid="list-new-step" />
          </label>
          <button type="submit" className="pk-button" data-testid="list-add-step">
            {t('list.addStep')}
          </button>
        </form>
      ) : null}

      <h3 id="list-behaviours">{t('list.behaviours')}</h3>
      <ul aria-labelledby="list-behaviours" className="pk-list__plain">
        {map.behaviours.map((b) => (
          <li key={b.id}>
            <strong>{b.name}</strong> {b.utterance}
            <label className="pk-field">
              <span>{t('list.feeds')}</span>
              <select
                value={b.step ?? ''}
                disabled={!canEdit}
                onChange={(e) => setLinkedStep(editor, b.id, e.target.value || null)}
              >
                {stepOptions}
              </select>
            </label>
          </li>
        ))}
      </ul>
      {canEdit ? (
        <form
          className="pk-list__add"
          onSubmit={(e) => {
            e.preventDefault();
            const id = addBehaviour(editor, kind);
            if (feeds) setLinkedStep(editor, id, feeds);
            setSaid(t('list.behaviourAdded'));
          }}
        >
          <label className="pk-field">
            <span>{t('list.behaviour')}</span>
            <select value={kind} onChange={(e) => setKind(e.target.value)} data-testid="list-behaviour-kind">
              {BUILT_IN_BEHAVIOURS.map((b) => (
                <option key={b.kind} value={b.kind}>
                  {b.name}
                </option>
              ))}
            </select>
          </label>
          <label className="pk-field">
            <span>{t('list.feeds')}</span>
            <select
              value={feeds}
              onChange={(e) => setFeeds(e.target.value)}
              data-testid="list-behaviour-step"
            >
              {stepOptions}
            </select>
          </label>
          <button type="submit" className="pk-button" data-testid="list-add-behaviour">
            {t('list.addBehaviour')}
          </button>
        </form>
      ) : null}

      <h3 id="list-first">{t('first.title')}</h3>
      <ul aria-labelledby="list-first" className="pk-list__plain">
        {map.firstSteps.map((f) => (
          <li key={f.id}>
            <strong>{f.what || '…'}</strong>
            {f.who ? ` (${t('summary.who')}: ${f.who})` : ''}
            {f.step ? ` · ${t('summary.breaks')}: ${stepLabel(f.step)}` : ''}
          </li>
        ))}
      </ul>
      {canEdit ? (
        <form
          className="pk-list__add"
          onSubmit={(e) => {
            e.preventDefault();
            if (!firstWhat.trim()) return;
            const id = addFirstStep(editor);
            editor.setEditingShape(null);
            editor.run(() => {
              update(id, FIRST_STEP, { what: firstWhat.trim(), who: firstWho.trim() });
              setLinkedStep(editor, id, firstStep || null);
            });
            setSaid(t('list.firstAdded'));
            setFirstWhat('');
            setFirstWho('');
          }}
        >
          <label className="pk-field">
            <span>{t('shape.first.what')}</span>
            <input
              value={firstWhat}
              onChange={(e) => setFirstWhat(e.target.value)}
              data-testid="list-first-what"
            />
          </label>
          <label className="pk-field">
            <span>{t('shape.first.who')}</span>
            <input
              value={firstWho}
              maxLength={MAX_ORGANISATION_CHARS}
              onChange={(e) => setFirstWho(e.target.value)}
              data-testid="list-first-who"
            />
          </label>
          <label className="pk-field">
            <span>{t('list.breaks')}</span>
            <select
              value={firstStep}
              onChange={(e) => setFirstStep(e.target.value)}
              data-testid="list-first-step"
            >
              {stepOptions}
            </select>
          </label>
          <button type="submit" className="pk-button" data-testid="list-add-first">
            {t('list.addFirst')}
          </button>
        </form>
      ) : null}

      {votes}
      <div className="pk-dialog-actions">
        <span />
        <button type="button" className="pk-button" onClick={onClose}>
          {t('share.close')}
        </button>
      </div>
    </Dialog>
  );
}
