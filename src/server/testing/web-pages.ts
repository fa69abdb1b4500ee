import type { RouteObject } from 'react-router';
import { routes } from '../../web/routes';

/**
 * The web app's page paths (`surveys/:id/answer`), read from its route tree, so a test can tell
 * whether a link in a mail or a page opens a page that exists.
 */
function pagePaths(tree: RouteObject[], parent = ''): string[] {
  return tree.flatMap((route) => {
    const here = route.path ? `${parent}/${route.path}`.replace(/\/+/g, '/') : parent;
    const own = route.index || (route.path && !route.children) ? [here === '' ? '/' : here] : [];
    return [...own, ...(route.children ? pagePaths(route.children, here) : [])];
  });
}

/** Every page path of the web app, without the catch-all "not found" page. */
export const appPages = pagePaths(routes).filter((path) => path !== '/*');
const pagePatterns = appPages.map((path) => new RegExp(`^${path.replace(/:[A-Za-z]+/g, '[^/]+')}$`));

/** True when the web app routes this path (a query or fragment after it is ignored) to one of its pages. */
export function routedPage(link: string): boolean {
  const pathname = link.split(/[?#]/)[0] ?? '';
  return pagePatterns.some((pattern) => pattern.test(pathname));
}
