/** A button that picks a .patroonkaart.json file (the input is hidden, the label is the button). */
export function MapFileButton({
  label,
  testId,
  onFile,
}: {
  label: string;
  testId: string;
  onFile(file: File): void;
}) {
  return (
    <label className="pk-button">
      {label}
      <input
        type="file"
        accept=".json,application/json"
        className="pk-visually-hidden"
        data-testid={testId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) onFile(file);
          e.target.value = '';
        }}
      />
    </label>
  );
}
