/**
 * The side palette: add a step, each of the five behaviours, a custom behaviour and a first step;
 * act on the selection (insert a step on an arrow, link to a step); insert a template loop.
 */
import {
  BLANK_TEMPLATE_ID,
  BUILT_IN_BEHAVIOURS,
  isPolarity,
  MAX_ORGANISATION_CHARS,
  TEMPLATES,
} from '@patroonkaart/model';
import { LOOP_STEP } from '@patroonkaart/schema';
import { useState } from 'react';
import { useEditor, useValue } from 'tldraw';
import { addBehaviour, addFirstStep, addStep } from '../canvas/addCards.ts';
import { readStepGraph } from '../canvas/stepGraph.ts';
import { useT } from '../i18n/i18n.ts';
import { useRoomStore } from '../state/roomStore.ts';
import { usePanelMode, usePanels } from '../ui/compactLayout.ts';
import { FoldButton, useFolded } from '../ui/FoldButton.tsx';
import { TextPrompt } from '../ui/TextPrompt.tsx';
import {
  insertStepOnArrow,
  insertTemplate,
  linkToStep,
  setArrowSign,
  setOrganisation,
} from './mapActions.ts';

export function Palette() {
  const editor = useEditor();
  const t = useT();
  const role = useRoomStore((s) => s.role);
  const [templatesOpen, setTemplatesOpen] = useState(false);
  const [asking, setAsking] = useState<'custom' | 'organisation' | null>(null);
  const selection = useValue('palette selection', () => {
    const selected = editor.getSelectedShapes();
    const [only] = selected;
    const arrow = selected.length === 1 && only?.type === 'arrow' ? only.id : null;
    const stepArrow = arrow
      ? (readStepGraph(editor).stepArrows.find((a) => a.arrowId === arrow) ?? null)
      : null;
    const hasStep = selected.some((s) => s.type === LOOP_STEP);
    const meta = (stepArrow ? editor.getShape(stepArrow.arrowId)?.meta : undefined) as
      | { polarity?: unknown; delay?: unknown }
      | undefined;
    const polarity = meta && isPolarity(meta.polarity) ? meta.polarity : '';
    const delay = meta?.delay === true;
    const canLink = hasStep && selected.some((s) => s.type === 'behaviour' || s.type === 'first-step');
    return { stepArrow, canLink, hasStep, polarity, delay };
  }, [editor]);
  const mode = usePanelMode('palette');
  const folded = useFolded('palette');
  if (role === 'view' || mode === 'hidden') return null;

  return (
    <nav
      className={`pk-palette${mode === 'sheet' ? ' pk-sheet' : ''}${folded ? ' pk-folded' : ''}`}
      aria-label={t('palette.label')}
      data-testid="palette"
      onClickCapture={(e) => {
        // On a phone the sheet gets out of the way once something is added, to show it.
        const button = (e.target as HTMLElement).closest('button');
        if (mode === 'sheet' && button && !button.hasAttribute('aria-expanded'))
          setTimeout(() => usePanels.getState().close(), 0);
      }}
    >
      <header className="pk-panel-head pk-palette__head">
        <h2>{t('palette.label')}</h2>
        <FoldButton panel="palette" name={t('palette.label')} controls="palette-body" />
      </header>
      {folded ? null : (
        <div id="palette-body" className="pk-palette__body">
          <button
            type="button"
            className="pk-palette__item"
            onClick={() => addStep(editor)}
            data-testid="add-step"
          >
            <span className="pk-palette__swatch pk-palette__swatch--step" aria-hidden="true" />
            {t('palette.step')}
          </button>
          <div className="pk-palette__group">
            {BUILT_IN_BEHAVIOURS.map((b) => (
              <button
                key={b.kind}
                type="button"
                className="pk-palette__item"
                data-testid={`add-behaviour-${b.kind}`}
                title={b.utterance}
                onClick={() => addBehaviour(editor, b.kind)}
              >
                <span className="pk-palette__swatch" style={{ background: b.colour }} aria-hidden="true">
                  {b.icon}
                </span>
                {b.name}
              </button>
            ))}
            <button
              type="button"
              className="pk-palette__item"
              data-testid="add-behaviour-custom"
              aria-haspopup="dialog"
              onClick={() => setAsking('custom')}
            >
              <span className="pk-palette__swatch pk-palette__swatch--custom" aria-hidden="true">
                +
              </span>
              {t('palette.customBehaviour')}
            </button>
          </div>
          <button
            type="button"
            className="pk-palette__item"
            onClick={() => addFirstStep(editor)}
            data-testid="add-first-step"
          >
            <span className="pk-palette__swatch pk-palette__swatch--first" aria-hidden="true">
              ➜
            </span>
            {t('palette.firstStep')}
          </button>
          {selection.stepArrow ? (
            <button
              type="button"
              className="pk-palette__item pk-palette__item--action"
              data-testid="insert-step"
              onClick={() => selection.stepArrow && insertStepOnArrow(editor, selection.stepArrow)}
            >
              {t('palette.insertStep')}
            </button>
          ) : null}
          {selection.stepArrow ? (
            <fieldset className="pk-palette__sign" data-testid="arrow-sign">
              <legend>{t('palette.polarity')}</legend>
              {(
                [
                  ['+', 'palette.polarityPlus'],
                  ['-', 'palette.polarityMinus'],
                  ['', 'palette.polarityNone'],
                ] as const
              ).map(([polarity, label]) => (
                <button
                  key={label}
                  type="button"
                  className="pk-palette__item"
                  aria-pressed={selection.polarity === polarity}
                  data-testid={`arrow-sign-${polarity === '+' ? 'plus' : polarity === '-' ? 'minus' : 'none'}`}
                  onClick={() =>
                    selection.stepArrow && setArrowSign(editor, selection.stepArrow.arrowId, { polarity })
                  }
                >
                  {t(label)}
                </button>
              ))}
              <button
                type="button"
                className="pk-palette__item"
                aria-pressed={selection.delay}
                onClick={() =>
                  selection.stepArrow &&
                  setArrowSign(editor, selection.stepArrow.arrowId, { delay: !selection.delay })
                }
              >
                ‖ {t('palette.delay')}
              </button>
            </fieldset>
          ) : null}
          {selection.hasStep ? (
            <button
              type="button"
              className="pk-palette__item pk-palette__item--action"
              data-testid="set-organisation"
              aria-haspopup="dialog"
              onClick={() => setAsking('organisation')}
            >
              {t('palette.organisation')}
            </button>
          ) : null}
          {selection.canLink ? (
            <button
              type="button"
              className="pk-palette__item pk-palette__item--action"
              onClick={() => linkToStep(editor)}
            >
              {t('palette.linkToStep')}
            </button>
          ) : null}
          {role === 'facilitator' ? (
            <div className="pk-palette__group">
              <button
                type="button"
                className="pk-palette__item"
                aria-expanded={templatesOpen}
                onClick={() => setTemplatesOpen((o) => !o)}
                data-testid="insert-template"
              >
                {t('palette.insertTemplate')}
              </button>
              {templatesOpen
                ? [
                    ...TEMPLATES.map((tpl) => ({ id: tpl.id, title: tpl.title })),
                    { id: BLANK_TEMPLATE_ID, title: t('landing.blank') },
                  ].map((tpl) => (
                    <button
                      key={tpl.id}
                      type="button"
                      className="pk-palette__item pk-palette__item--sub"
                      onClick={() => {
                        insertTemplate(editor, tpl.id);
                        setTemplatesOpen(false);
                      }}
                    >
                      {tpl.title}
                    </button>
                  ))
                : null}
            </div>
          ) : null}
        </div>
      )}
      {asking === 'custom' ? (
        <TextPrompt
          title={t('palette.customBehaviour')}
          label={t('palette.customPrompt')}
          maxLength={60}
          onDone={(value) => {
            setAsking(null);
            const name = value?.trim();
            if (name) addBehaviour(editor, `custom:${name}`, name);
          }}
        />
      ) : null}
      {asking === 'organisation' ? (
        <TextPrompt
          title={t('palette.organisation')}
          label={t('palette.organisationPrompt')}
          maxLength={MAX_ORGANISATION_CHARS}
          onDone={(value) => {
            setAsking(null);
            if (value !== null) setOrganisation(editor, value);
          }}
        />
      ) : null}
    </nav>
  );
}
