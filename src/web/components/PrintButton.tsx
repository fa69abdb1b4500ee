import { useI18n } from '../i18n';
import { Button } from './Button';

/**
 * For the pages officials print (survey results, the review ranking, seminar reach, a municipality's
 * page, the year plan): the browser's print dialog, where "Save as PDF" is one choice. The print
 * styles (styles.css) leave out the menu and the controls and fit wide tables to A4.
 */
export function PrintButton({ variant = 'secondary' }: { variant?: 'primary' | 'secondary' }) {
  const { t } = useI18n();
  return (
    <Button variant={variant} className="print:hidden" onClick={() => window.print()}>
      <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" className="shrink-0">
        <path
          d="M7 3h10v4H7zM5 8h14a2 2 0 0 1 2 2v6h-4v5H7v-5H3v-6a2 2 0 0 1 2-2Zm4 8v3h6v-3Z"
          fill="currentColor"
        />
      </svg>
      {t('shell.print')}
    </Button>
  );
}
