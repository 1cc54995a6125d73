/**
 * The round's remaining time, the same on every screen: an end time on the server's clock,
 * counted down against this browser's estimate of that clock. At the end a gentle signal: always
 * visible, audible only for partners who turned sound on.
 */
import { formatRemaining, remainingMs } from '@patroonkaart/model';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/i18n.ts';
import { useConversationStore } from '../state/conversationStore.ts';
import { serverNow } from '../sync/serverClock.ts';

const SOUND_KEY = 'patroonkaart.sound';

function soundWanted(): boolean {
  try {
    return localStorage.getItem(SOUND_KEY) === 'on';
  } catch {
    return false;
  }
}

/** Two soft tones (no audio file to load, nothing to block). */
function chime(): void {
  try {
    const audio = new AudioContext();
    for (const [i, frequency] of [660, 880].entries()) {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.08, audio.currentTime + i * 0.35);
      gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + i * 0.35 + 0.3);
      tone.connect(gain).connect(audio.destination);
      tone.start(audio.currentTime + i * 0.35);
      tone.stop(audio.currentTime + i * 0.35 + 0.3);
    }
  } catch {
    // No audio on this device: the visible signal stays.
  }
}

export function RoundTimer() {
  const t = useT();
  const conversation = useConversationStore((s) => s.conversation);
  const [now, setNow] = useState(serverNow);
  const [sound, setSound] = useState(soundWanted);
  const chimed = useRef<number | null>(null);
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), 250);
    return () => clearInterval(timer);
  }, []);
  const left = remainingMs(conversation, now);
  const over = conversation.timer === 'running' && left === 0;
  useEffect(() => {
    if (over && chimed.current !== conversation.endsAt) {
      chimed.current = conversation.endsAt;
      if (sound) chime();
    }
  }, [over, sound, conversation.endsAt]);
  if (conversation.round === 0 || conversation.ended) return null;
  return (
    <div className={`pk-timer${over ? ' pk-timer--over' : ''}`}>
      <span
        role="timer"
        aria-label={t('talk.timer.label', { n: conversation.round })}
        className="pk-timer__time"
        data-testid="round-timer"
      >
        {formatRemaining(left)}
      </span>
      {conversation.timer === 'paused' ? (
        <span className="pk-timer__state">{t('talk.timer.paused')}</span>
      ) : null}
      <button
        type="button"
        className="pk-button pk-button--small"
        aria-pressed={sound}
        onClick={() => {
          const next = !sound;
          setSound(next);
          try {
            localStorage.setItem(SOUND_KEY, next ? 'on' : 'off');
          } catch {
            // Private mode: the choice lasts for this page.
          }
        }}
      >
        {sound ? t('talk.sound.on') : t('talk.sound.off')}
      </button>
      <p className="pk-timer__done" role="status">
        {over ? t('talk.timer.done') : ''}
      </p>
    </div>
  );
}
