import { type ReactNode, useEffect, useRef } from 'react';
import { usePageTitle } from '../lib/page-title';
import { Breadcrumbs, type Crumb } from './Breadcrumbs';

/**
 * The first page loaded keeps the browser's focus (so the skip link comes
 * first); every later page moves focus to its h1, which tells screen-reader
 * users that the page changed, as a full page load would.
 */
let isFirstPage = true;

/** Breadcrumbs, the h1 (also the document title) and the page's main actions. */
export function PageHeader({
  title,
  documentTitle,
  breadcrumbs,
  description,
  actions,
  meta,
}: {
  title: ReactNode;
  /** Plain text for <title> when the h1 holds more than text. */
  documentTitle?: string;
  breadcrumbs?: Crumb[];
  description?: ReactNode;
  actions?: ReactNode;
  /** Badges or small facts under the title. */
  meta?: ReactNode;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  usePageTitle(documentTitle ?? (typeof title === 'string' ? title : undefined));

  useEffect(() => {
    if (isFirstPage) {
      isFirstPage = false;
      return;
    }
    headingRef.current?.focus({ preventScroll: false });
  }, []);

  return (
    <div className="flex flex-col gap-4 pb-2">
      {breadcrumbs && breadcrumbs.length > 0 && <Breadcrumbs items={breadcrumbs} />}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="flex min-w-0 flex-col gap-2">
          <h1 ref={headingRef} tabIndex={-1} className="text-std-32B-150 text-solid-gray-900">
            {title}
          </h1>
          {meta && <div className="flex flex-wrap items-center gap-2">{meta}</div>}
          {description && <div className="max-w-3xl text-std-16N-170 text-solid-gray-700">{description}</div>}
        </div>
        {/* Actions are controls: they do nothing on paper. */}
        {actions && <div className="flex flex-wrap items-center gap-3 print:hidden">{actions}</div>}
      </div>
    </div>
  );
}
