import type { ReactNode } from 'react';
import { cx } from '../lib/cx';

export type BadgeTone = 'neutral' | 'info' | 'success' | 'warning' | 'error' | 'accent';

// Dark text on a pale tint: every pair is above 4.5:1.
const tones: Record<BadgeTone, string> = {
  neutral: 'border-solid-gray-536 bg-solid-gray-50 text-solid-gray-800',
  info: 'border-blue-900 bg-blue-50 text-blue-1000',
  success: 'border-green-800 bg-green-50 text-green-1000',
  warning: 'border-yellow-900 bg-yellow-50 text-yellow-1200',
  error: 'border-red-900 bg-red-50 text-red-1100',
  accent: 'border-blue-1000 bg-blue-1000 text-white',
};

/** A short status label; its meaning is in the words, the colour only repeats it. */
export function Badge({
  tone = 'neutral',
  children,
  className,
}: {
  tone?: BadgeTone;
  children: ReactNode;
  className?: string;
}) {
  return (
    <span
      className={cx(
        'inline-flex items-center rounded-full border px-2.5 py-0.5 text-dns-14B-130 whitespace-nowrap',
        tones[tone],
        className,
      )}
    >
      {children}
    </span>
  );
}
