/**
 * A live region (read out politely by screen readers) that says what partners changed on the map:
 * "Een partner heeft de kaart veranderd: 1 kaart toegevoegd." At most one message every few
 * seconds, summing up what happened in between, so a busy table does not drown the reader. (The
 * document a room opens with is in the store before the canvas mounts, so it is not announced.)
 */
import { useEffect, useRef, useState } from 'react';
import { useEditor } from 'tldraw';
import { useT } from '../i18n/i18n.ts';

const ANNOUNCE_EVERY_MS = 4000;

export function ChangeAnnouncer() {
  const editor = useEditor();
  const t = useT();
  const tRef = useRef(t);
  tRef.current = t;
  const [text, setText] = useState('');
  useEffect(() => {
    let pending = { added: 0, removed: 0, changed: 0 };
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    const flush = () => {
      timer = null;
      last = Date.now();
      const tr = tRef.current;
      const parts = [
        pending.added ? tr('announce.added', { count: pending.added }) : '',
        pending.removed ? tr('announce.removed', { count: pending.removed }) : '',
        pending.changed ? tr('announce.changed', { count: pending.changed }) : '',
      ].filter(Boolean);
      pending = { added: 0, removed: 0, changed: 0 };
      if (parts.length) setText(tr('announce.changes', { summary: parts.join(', ') }));
    };
    const isShape = (r: { typeName: string }) => r.typeName === 'shape';
    const stop = editor.store.listen(
      ({ changes }) => {
        pending.added += Object.values(changes.added).filter(isShape).length;
        pending.removed += Object.values(changes.removed).filter(isShape).length;
        pending.changed += Object.values(changes.updated).filter(([, after]) => isShape(after)).length;
        if (!timer) timer = setTimeout(flush, Math.max(0, ANNOUNCE_EVERY_MS - (Date.now() - last)));
      },
      { source: 'remote', scope: 'document' },
    );
    return () => {
      stop();
      if (timer) clearTimeout(timer);
    };
  }, [editor]);
  return (
    <div className="pk-sr" aria-live="polite" data-testid="change-announcer">
      {text}
    </div>
  );
}
