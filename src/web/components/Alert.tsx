import { forwardRef, type ReactNode } from 'react';
import { useT } from '../i18n';
import { cx } from '../lib/cx';

export type AlertTone = 'info' | 'success' | 'warning' | 'error';

const tones: Record<AlertTone, { box: string; icon: string }> = {
  info: { box: 'border-blue-900 bg-blue-50', icon: 'text-blue-900' },
  success: { box: 'border-success-2 bg-green-50', icon: 'text-success-2' },
  warning: { box: 'border-warning-yellow-2 bg-yellow-50', icon: 'text-warning-yellow-2' },
  error: { box: 'border-error-2 bg-red-50', icon: 'text-error-2' },
};

function AlertIcon({ tone }: { tone: AlertTone }) {
  if (tone === 'success') {
    return (
      <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true">
        <circle cx="12" cy="12" r="10" fill="currentColor" />
        <path d="m7 12.5 3.2 3.2L17 9" fill="none" stroke="#fff" strokeWidth="2.2" />
      </svg>
    );
  }
  if (tone === 'info') {
    return (
      <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true">
        <circle cx="12" cy="12" r="10" fill="currentColor" />
        <path d="M12 10.5v6.5M12 7v1.5" stroke="#fff" strokeWidth="2.2" />
      </svg>
    );
  }
  return (
    <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true">
      <path d="M12 2.5 22.5 21h-21z" fill="currentColor" />
      <path d="M12 9v6M12 17v1.8" stroke="#fff" strokeWidth="2.2" />
    </svg>
  );
}

/**
 * A DADS notification banner. The tone is also written as hidden text
 * ("エラー:"), so it never depends on colour or the icon alone.
 * `isLive` announces a message that appears after a user action.
 */
export const Alert = forwardRef<
  HTMLDivElement,
  {
    tone?: AlertTone;
    title?: ReactNode;
    children?: ReactNode;
    isLive?: boolean;
    className?: string;
    actions?: ReactNode;
  }
>(function Alert({ tone = 'info', title, children, isLive = false, className, actions }, ref) {
  const t = useT();
  const style = tones[tone];
  return (
    <div
      ref={ref}
      role={isLive ? (tone === 'error' ? 'alert' : 'status') : undefined}
      className={cx('flex gap-3 rounded-12 border-2 p-4 text-solid-gray-800 sm:p-5', style.box, className)}
    >
      <span className={cx('mt-0.5 shrink-0', style.icon)}>
        <AlertIcon tone={tone} />
      </span>
      <div className="flex min-w-0 flex-1 flex-col gap-2">
        <span className="sr-only">{t(`alert.${tone}`)}</span>
        {title && <p className="text-std-17B-170">{title}</p>}
        {children && <div className="text-std-16N-170">{children}</div>}
        {actions && <div className="mt-1 flex flex-wrap gap-3">{actions}</div>}
      </div>
    </div>
  );
});
