import { Link } from 'react-router';
import { useT } from '../i18n';

export interface Crumb {
  label: string;
  /** Omitted for the current page (always the last crumb). */
  to?: string;
}

/** DADS breadcrumbs: an ordered list in a labelled nav; the current page is marked, not linked. */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  const t = useT();
  return (
    <nav aria-label={t('shell.breadcrumbs')} className="print:hidden">
      <ol className="flex flex-wrap items-center gap-y-1 text-oln-16N-100">
        {items.map((item, index) => {
          const isLast = index === items.length - 1;
          return (
            <li key={item.to ?? `current-${item.label}`} className="inline-flex items-center">
              {isLast || !item.to ? (
                <span aria-current={isLast ? 'page' : undefined} className="text-solid-gray-800">
                  {item.label}
                </span>
              ) : (
                <Link to={item.to} className="inline-block py-1">
                  {item.label}
                </Link>
              )}
              {!isLast && (
                <svg
                  aria-hidden="true"
                  className="mx-2 text-solid-gray-600"
                  width="12"
                  height="12"
                  viewBox="0 0 12 12"
                >
                  <path d="M4.5 1.3 3.8 2l4 4-4 4 .7.7L9.2 6z" fill="currentColor" />
                </svg>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
