import { type ReactNode, useId } from 'react';
import { cx } from '../lib/cx';

/** A titled block of a page: an h2 (or h3) that also labels the region. */
export function Section({
  title,
  level = 2,
  description,
  actions,
  children,
  className,
  boxed = false,
}: {
  title: ReactNode;
  level?: 2 | 3;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  boxed?: boolean;
}) {
  const headingId = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section
      aria-labelledby={headingId}
      className={cx(
        'flex flex-col gap-4',
        boxed && 'rounded-12 border border-solid-gray-420 bg-white p-5 sm:p-6',
        className,
      )}
    >
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="flex flex-col gap-1">
          <Heading
            id={headingId}
            className={cx('text-solid-gray-900', level === 2 ? 'text-std-24B-150' : 'text-std-20B-150')}
          >
            {title}
          </Heading>
          {description && <div className="text-std-16N-170 text-solid-gray-700">{description}</div>}
        </div>
        {actions && <div className="flex flex-wrap gap-3">{actions}</div>}
      </div>
      {children}
    </section>
  );
}
