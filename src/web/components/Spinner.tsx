import { useT } from '../i18n';
import { cx } from '../lib/cx';

/** Loading indicator; the words are announced politely (role=status), the ring is decoration. */
export function Spinner({ label, className }: { label?: string; className?: string }) {
  const t = useT();
  return (
    <div
      role="status"
      aria-live="polite"
      className={cx('flex items-center gap-3 py-6 text-solid-gray-700', className)}
    >
      <span
        aria-hidden="true"
        className="inline-block size-6 animate-spin rounded-full border-[3px] border-blue-900 border-r-transparent"
      />
      <span className="text-std-16N-170">{label ?? t('state.loading')}</span>
    </div>
  );
}
