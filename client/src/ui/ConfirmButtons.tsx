/**
 * The two buttons under a question that asks before something happens to everyone (ending the
 * conversation, putting the map back, creating a workshop): go back, or go ahead. One component,
 * so every such question reads and behaves the same.
 */
export function ConfirmButtons({
  backLabel,
  onBack,
  confirmLabel,
  onConfirm,
  danger = false,
  disabled = false,
  testId,
}: {
  backLabel: string;
  onBack(): void;
  confirmLabel: string;
  onConfirm(): void;
  /** For a step that takes something away (a restore): the danger colour. */
  danger?: boolean;
  disabled?: boolean;
  testId?: string;
}) {
  return (
    <div className="pk-talk__row">
      <button type="button" className="pk-button" onClick={onBack}>
        {backLabel}
      </button>
      <button
        type="button"
        className={`pk-button ${danger ? 'pk-button--danger' : 'pk-button--primary'}`}
        disabled={disabled}
        data-testid={testId}
        onClick={onConfirm}
      >
        {confirmLabel}
      </button>
    </div>
  );
}
