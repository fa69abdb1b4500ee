import { useEffect } from 'react';

export const productName = 'Kakehashi 架け橋';

/** `<title>`: page first, product last, so tabs and history read well (WCAG 2.4.2). */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} | ${productName}` : productName;
  }, [title]);
}
