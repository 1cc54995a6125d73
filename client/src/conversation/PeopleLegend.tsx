/**
 * On the canvas: the organisations present, each with its colour and its name (never colour
 * alone), and who is there; any partner can follow another's view from here.
 */
import { useState } from 'react';
import { type TLUserId, useEditor, useValue } from 'tldraw';
import { useT } from '../i18n/i18n.ts';
import type { RoomConnection } from '../sync/RoomConnection.ts';
import { usePanelMode } from '../ui/compactLayout.ts';
import { organisationsOf, usePeople } from './usePeople.ts';

export function PeopleLegend({ connection }: { connection: RoomConnection }) {
  const t = useT();
  const editor = useEditor();
  const people = usePeople(connection);
  const following = useValue('following', () => editor.getInstanceState().followingUserId, [editor]);
  const organisations = organisationsOf(people);
  const mode = usePanelMode('people');
  // The organisations stay in view; who is here can fold away when the map needs the room.
  const [showPeople, setShowPeople] = useState(true);
  if (mode === 'hidden') return null;
  return (
    <section
      className={`pk-people${mode === 'sheet' ? ' pk-sheet' : ''}`}
      aria-label={t('people.title')}
      data-testid="people-legend"
    >
      {organisations.length > 0 ? (
        <>
          <h2>{t('people.legend')}</h2>
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
      <h2>
        <button
          type="button"
          className="pk-people__toggle"
          aria-expanded={showPeople}
          aria-controls="people-list"
          onClick={() => setShowPeople(!showPeople)}
        >
          {t('people.title')} ({people.length}) {showPeople ? '−' : '+'}
        </button>
      </h2>
      <ul id="people-list" className="pk-people__list" hidden={!showPeople}>
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
    </section>
  );
}
