/**
 * Every dialog of ours: modal, named by its heading, focus moved in on open (the first field or
 * button), kept inside while it is open (Tab and Shift+Tab wrap), given back to what had it on
 * close; Escape closes. One component, so no dialog forgets any of it.
 */
import { type ReactNode, useEffect, useRef } from 'react';
import { useEscape } from './useEscape.ts';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function Dialog({
  titleId,
  onClose,
  className,
  testId,
  children,
  as = 'div',
  onSubmit,
}: {
  titleId: string;
  onClose(): void;
  className?: string;
  testId?: string;
  children: ReactNode;
  /** 'form': the dialog is a form (Enter submits). */
  as?: 'div' | 'form';
  onSubmit?(): void;
}) {
  const box = useRef<HTMLElement | null>(null);
  useEscape(onClose);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const first = box.current?.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? box.current)?.focus();
    // Back where the person was; when that was nowhere (a dialog that opened with the page, like
    // "Hoe zien anderen jou?"), to the page's first stop, so the next Tab starts at the top.
    return () => {
      const home = document.querySelector<HTMLElement>('[data-focus-home]');
      if (before && before !== document.body && before.isConnected) before.focus();
      else home?.focus();
    };
  }, []);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key !== 'Tab' || !box.current) return;
    const all = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
      (el) => el.offsetParent !== null,
    );
    const first = all[0];
    const last = all.at(-1);
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };
  const props = {
    className: `pk-dialog${className ? ` ${className}` : ''}`,
    role: 'dialog',
    'aria-modal': true,
    'aria-labelledby': titleId,
    'data-testid': testId,
    tabIndex: -1,
    onKeyDown,
  } as const;
  return (
    <div className="pk-dialog-backdrop">
      {as === 'form' ? (
        <form
          {...props}
          ref={(el) => {
            box.current = el;
          }}
          onSubmit={(e) => {
            e.preventDefault();
            onSubmit?.();
          }}
        >
          {children}
        </form>
      ) : (
        <div
          {...props}
          ref={(el) => {
            box.current = el;
          }}
        >
          {children}
        </div>
      )}
    </div>
  );
}
