import { type ComponentProps, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { cx } from '../lib/cx';

/**
 * DADS tables are plain HTML tables: a caption names the table, header cells
 * carry scope. A wide table scrolls sideways inside its own box, which then
 * becomes focusable so keyboard users can scroll it too (WCAG 2.1.1).
 */
export function Table({
  caption,
  captionHidden = false,
  children,
  className,
  dense = false,
}: {
  caption: ReactNode;
  /** Keep the caption for screen readers when a visible heading already says the same. */
  captionHidden?: boolean;
  children: ReactNode;
  className?: string;
  dense?: boolean;
}) {
  const captionId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [isScrollable, setIsScrollable] = useState(false);

  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const check = () => setIsScrollable(element.scrollWidth > element.clientWidth + 1);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  return (
    // biome-ignore lint/a11y/useAriaPropsSupportedByRole: the div becomes a labelled region (focusable, WCAG 2.1.1) exactly when it scrolls.
    <div
      ref={scrollRef}
      // relative: visually hidden text in cells (position: absolute) is placed and clipped inside this
      // box; without it, it is placed against the page and widened the page to the table's width.
      className={cx('relative overflow-x-auto', className)}
      role={isScrollable ? 'region' : undefined}
      aria-labelledby={isScrollable ? captionId : undefined}
      tabIndex={isScrollable ? 0 : undefined}
    >
      <table className={cx('w-full border-collapse', dense ? 'text-dns-16N-130' : 'text-std-16N-170')}>
        <caption
          id={captionId}
          className={
            captionHidden ? 'sr-only' : 'mb-3 text-left text-std-18B-160 text-solid-gray-900 caption-top'
          }
        >
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}

export function THead({ children }: { children: ReactNode }) {
  return <thead className="border-b-2 border-black bg-solid-gray-50">{children}</thead>;
}

export function TBody({ children }: { children: ReactNode }) {
  return <tbody>{children}</tbody>;
}

export function Tr({ className, ...rest }: ComponentProps<'tr'>) {
  return <tr className={cx('border-b border-solid-gray-420', className)} {...rest} />;
}

export function Th({
  className,
  scope = 'col',
  numeric,
  ...rest
}: ComponentProps<'th'> & { numeric?: boolean }) {
  return (
    <th
      scope={scope}
      className={cx(
        'px-4 py-3 align-top text-std-16B-170 text-solid-gray-900',
        // Column headers stay on one line; row headers wrap like data.
        scope === 'col' && 'whitespace-nowrap',
        numeric ? 'text-right' : 'text-left',
        className,
      )}
      {...rest}
    />
  );
}

export function Td({ className, numeric, ...rest }: ComponentProps<'td'> & { numeric?: boolean }) {
  return (
    <td
      className={cx('px-4 py-3 align-top', numeric && 'text-right tabular-nums whitespace-nowrap', className)}
      {...rest}
    />
  );
}
