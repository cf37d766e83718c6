/** @module What a History view shows when what it fetched did not come: the reason, and Try again. */
interface Props {
  text: string;
  tryAgain: string;
  onTryAgain: () => void;
  className?: string;
}

export function LoadFailed({ text, tryAgain, onTryAgain, className }: Props) {
  return (
    <div className={className}>
      <p className="error" role="alert">
        {text}
      </p>
      <button type="button" onClick={onTryAgain}>
        {tryAgain}
      </button>
    </div>
  );
}
