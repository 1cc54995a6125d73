/**
 * On the canvas: the organisations present, each with its colour and its name (never colour
 * alone), and who is there; any partner can follow another's view from here.
 */
import { type TLUserId, useEditor, useValue } from 'tldraw';
import { useT } from '../i18n/i18n.ts';
import { organisationsOf, usePeople } from '../sync/usePeople.ts';
import { usePanelMode } from '../ui/compactLayout.ts';
import { FoldButton, useFolded } from '../ui/FoldButton.tsx';

export function PeopleLegend() {
  const t = useT();
  const editor = useEditor();
  const people = usePeople();
  const following = useValue('following', () => editor.getInstanceState().followingUserId, [editor]);
  const organisations = organisationsOf(people);
  const mode = usePanelMode('people');
  const folded = useFolded('people');
  if (mode === 'hidden') return null;
  return (
    <section
      className={`pk-people${mode === 'sheet' ? ' pk-sheet' : ''}${folded ? ' pk-folded' : ''}`}
      aria-labelledby="people-title"
      data-testid="people-legend"
    >
      <header className="pk-panel-head">
        <h2 id="people-title">
          {t('people.title')} ({people.length})
        </h2>
        <FoldButton panel="people" name={t('people.title')} controls="people-body" />
      </header>
      <div id="people-body" hidden={folded}>
        {organisations.length > 0 ? (
          <>
            <h3>{t('people.legend')}</h3>
            <ul className="pk-people__orgs">
              {organisations.map((o) => (
                <li key={o.organisation}>
                  <span className="pk-org-chip" style={{ background: o.colour }}>
                    {o.organisation}
                  </span>{' '}
                  {o.count}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <ul className="pk-people__list">
          {people.map((p) => (
            <li key={p.clientId} data-testid="person">
              <span className="pk-people__dot" style={{ background: p.colour }} aria-hidden="true" />
              <span>
                {p.name}
                {p.organisation ? <span className="pk-hint"> · {p.organisation}</span> : null}
                {p.isMe ? <span className="pk-hint"> {t('people.me')}</span> : null}
              </span>
              {!p.isMe && p.userId ? (
                following === p.userId ? (
                  <button
                    type="button"
                    className="pk-button pk-button--small"
                    onClick={() => editor.stopFollowingUser()}
                  >
                    {t('people.stop')}
                  </button>
                ) : (
                  <button
                    type="button"
                    className="pk-button pk-button--small"
                    data-testid="follow"
                    onClick={() => editor.startFollowingUser(p.userId as TLUserId)}
                  >
                    {t('people.follow')}
                  </button>
                )
              ) : null}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
