import type { ReactNode } from 'react';

/** Shown instead of an empty table or list: says why nothing is here and what to do next. */
export function EmptyState({
  title,
  children,
  action,
  isCompact = false,
}: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  /** Inside a card: no box of its own. */
  isCompact?: boolean;
}) {
  return (
    <div
      className={
        isCompact
          ? 'flex flex-col items-start gap-2 py-2'
          : 'flex flex-col items-start gap-3 rounded-12 border border-dashed border-solid-gray-420 bg-solid-gray-50 px-6 py-8'
      }
    >
      <svg aria-hidden="true" width="40" height="40" viewBox="0 0 40 40" className="text-solid-gray-536">
        <rect x="6" y="8" width="28" height="24" rx="3" fill="none" stroke="currentColor" strokeWidth="2" />
        <path d="M6 15h28M13 22h14M13 27h9" stroke="currentColor" strokeWidth="2" />
      </svg>
      <p className="text-std-17B-170 text-solid-gray-900">{title}</p>
      {children && <div className="text-std-16N-170 text-solid-gray-700">{children}</div>}
      {action}
    </div>
  );
}
