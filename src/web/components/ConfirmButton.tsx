import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n';
import { Button, type ButtonSize } from './Button';

/**
 * A destructive action confirmed in place: the button turns into a question
 * with "delete" and "cancel", focus moves to the question's first answer.
 * No modal, so nothing traps or loses the keyboard focus.
 */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  onConfirm,
  isBusy,
  size = 'sm',
}: {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  isBusy?: boolean;
  size?: ButtonSize;
}) {
  const t = useT();
  const [isAsking, setIsAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (isAsking) confirmRef.current?.focus();
    else if (wasAsking.current) openRef.current?.focus();
    wasAsking.current = isAsking;
  }, [isAsking]);

  if (!isAsking) {
    return (
      <Button
        ref={openRef}
        variant="secondary"
        size={size}
        onClick={() => setIsAsking(true)}
        className="text-red-900"
      >
        {label}
      </Button>
    );
  }
  return (
    <span className="inline-flex flex-wrap items-center gap-2 rounded-8 border border-red-900 bg-red-50 px-3 py-2">
      <span className="text-dns-16B-130 text-red-1100">{question}</span>
      <Button ref={confirmRef} variant="danger" size={size} onClick={onConfirm} isBusy={isBusy}>
        {confirmLabel}
      </Button>
      <Button variant="tertiary" size={size} onClick={() => setIsAsking(false)}>
        {t('common.cancel')}
      </Button>
    </span>
  );
}
